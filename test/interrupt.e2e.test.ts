/**
 * Issue 7, Ctrl-C: apply runs as a child process against a slow emulator and gets SIGINT right
 * after its first "Creating...". The calls in flight finish and are recorded in state, nothing
 * new starts, the lock is released, and apply exits 1 with a summary naming what was not
 * started; the next apply finishes the job. A second Ctrl-C stops at once, and the next apply
 * still finishes without a duplicate.
 */
import { existsSync } from "node:fs";
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { StackRun } from "./support/stack-run";
import { PROVIDERS } from "./support/workdir";

const SOURCE = `
import { App, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "${PROVIDERS}/langfuse";
import { NullProvider, NullResource } from "${PROVIDERS}/null";
const app = new App();
const stack = new TerraformStack(app, "interrupt");
new LangfuseProvider(stack, "langfuse");
new NullProvider(stack, "null");
const keys = [];
for (const team of ["a", "b"]) {
  const org = new LangfuseOrganization(stack, "org_" + team, { name: "Interrupt Org " + team });
  for (const note of ["ci", "ops"]) keys.push(new LangfuseOrganizationApiKey(stack, team + "_" + note, { organizationId: org.id, note }));
}
new NullResource(stack, "done", { dependsOn: keys });
app.synth();
`;
const DECLARED = ["langfuse_organization.org_a", "langfuse_organization.org_b", "langfuse_organization_api_key.a_ci", "langfuse_organization_api_key.a_ops", "langfuse_organization_api_key.b_ci", "langfuse_organization_api_key.b_ops", "null_resource.done"];

let template: StackRun;
let emulator: LangfuseEmulator;
let run: StackRun;

beforeAll(async () => {
  template = new StackRun("interrupt", {}, "orgform-interrupt-template-");
  await template.synthOnce(SOURCE);
});

afterAll(() => template.remove());

beforeEach(async () => {
  emulator = new LangfuseEmulator({ adminApiKey: "interrupt-admin-key-0123456789" });
  run = new StackRun("interrupt", { LANGFUSE_BASE_URL: await emulator.start(), LANGFUSE_ADMIN_API_KEY: emulator.adminApiKey }, "orgform-interrupt-");
  run.freezeFrom(template);
});

afterEach(async () => {
  await emulator.stop();
  run.remove();
});

const addressesOn = (text: string, verb: string) => [...text.matchAll(new RegExp(`^(\\S+): ${verb}`, "gm"))].map((m) => m[1]!).sort();
const lockPath = () => `${run.statePath}.lock.info`;

describe("Ctrl-C during apply", () => {
  it("lets the calls in flight finish, records them, starts nothing new, releases the lock and exits 1", async () => {
    emulator.server.setFaults({ latencyMs: 800, methods: ["POST"] });
    let signalled = false;
    const interrupted = await run.orgform(["apply", "--auto-approve", "--parallelism", "2"], {
      onStdout: (text, child) => {
        if (!signalled && text.includes("Creating...")) {
          signalled = true;
          child.kill("SIGINT");
        }
      },
    });
    expect(interrupted.code).toBe(1);
    expect(interrupted.stderr).toContain("Interrupt received. Waiting for the calls in flight to finish");
    // Both organizations were in flight (parallelism 2, nothing else was ready): both finished.
    const started = addressesOn(interrupted.stdout, "Creating\\.\\.\\.");
    expect(started).toEqual(["langfuse_organization.org_a", "langfuse_organization.org_b"]);
    expect(addressesOn(interrupted.stdout, "Creation complete")).toEqual(started);
    expect(interrupted.stdout).toContain("Apply interrupted.");
    const notStarted = /Not started: (.*)\. Run apply again to finish\./.exec(interrupted.stdout)?.[1]?.split(", ").sort();
    expect(notStarted).toEqual(DECLARED.filter((a) => !started.includes(a)));
    // What finished is in state, what did not start does not exist, and the lock is gone.
    expect([...run.state().keys()].sort()).toEqual(started);
    expect([...emulator.store.organizations.values()].map((o) => o.id).sort()).toEqual(started.map((a) => run.state().get(a)!.attributes.id).sort());
    expect(emulator.store.keys.size).toBe(0);
    expect(existsSync(lockPath())).toBe(false);

    emulator.server.setFaults({});
    const rerun = await run.orgform(["apply", "--auto-approve"]);
    expect(rerun.stderr).toBe(""); // no stale lock to take over
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain("Apply complete! Resources: 5 added, 0 changed, 0 destroyed.");
    expect([...run.state().keys()].sort()).toEqual(DECLARED);
    expect(emulator.store.organizations.size).toBe(2);
    expect(emulator.store.keys.size).toBe(4);
  });

  it("a second Ctrl-C stops at once; the create it abandoned is adopted, not duplicated", async () => {
    // The organization's POST is held before it commits until orgform has stopped (no latency to guess).
    const release = emulator.server.hold((method) => method === "POST");
    let committed = false;
    const landed = new Promise<void>((resolve) => {
      const off = emulator.server.observe((event) => {
        if (event.phase === "committed" && event.route === "POST /api/admin/organizations") {
          committed = true;
          off();
          resolve();
        }
      });
    });
    let signalled = false;
    let signalledAgain = false;
    const aborted = await run.orgform(["apply", "--auto-approve", "--parallelism", "1"], {
      onStdout: (text, child) => {
        if (!signalled && text.includes("Creating...")) {
          signalled = true;
          child.kill("SIGINT");
        }
      },
      // The second Ctrl-C once orgform has said it is waiting for the calls in flight.
      onStderr: (text, child) => {
        if (!signalledAgain && text.includes("Interrupt received")) {
          signalledAgain = true;
          child.kill("SIGINT");
        }
      },
    });
    expect(aborted.code).toBe(130);
    // It did not wait for the call in flight: that POST had not committed when orgform exited.
    expect(committed).toBe(false);
    release();
    expect(existsSync(lockPath())).toBe(false);
    // The organization's POST was still on the wire when orgform stopped: it lands afterwards.
    await landed;
    expect(emulator.store.organizations.size).toBe(1);

    const rerun = await run.orgform(["apply", "--auto-approve"]);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain("created by an interrupted run");
    expect([...run.state().keys()].sort()).toEqual(DECLARED);
    expect(emulator.store.organizations.size).toBe(2);
    expect(emulator.store.keys.size).toBe(4);
  });
});

describe("the reader of orgform's output goes away (`orgform apply | head -1`, a dead log collector)", () => {
  it("finishes the apply and its state without a stack trace", async () => {
    const started = run.start(["apply", "--auto-approve"]);
    // Closed before orgform has started (spawn returned; node has not run a line of it yet): every
    // line it prints meets a closed pipe, the first one (the plan) before any create.
    started.child.stdout!.destroy();
    const applied = await started.done;
    expect(applied.stderr).toBe("");
    expect(applied.code).toBe(0);
    expect([...run.state().keys()].sort()).toEqual(DECLARED);
    expect(emulator.store.organizations.size).toBe(2);
    expect([...emulator.store.keys.values()].map((key) => key.id).sort()).toEqual(
      DECLARED.filter((a) => a.includes("api_key")).map((a) => String(run.state().get(a)!.attributes.id)).sort(),
    );
    expect(DECLARED.filter((a) => a.includes("api_key")).every((a) => typeof run.state().get(a)!.attributes.secret_key === "string")).toBe(true);
    expect((await run.orgform(["plan", "--detailed-exitcode"])).code).toBe(0);
  });
});
