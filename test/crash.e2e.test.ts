/**
 * Issue 7, crash safety: apply runs as a child process against slow emulators and is killed with
 * SIGKILL at a seeded random moment during one of its creates; the next apply must end with
 * exactly the declared objects: none missing, none twice, none that no state knows, and every
 * key's secret in state equal to the one the API issued. Twenty seeds over one small stack with
 * Langfuse keys (secret only on create) and OpenAI admin keys (value only on create), run four at
 * a time to keep the suite fast.
 */
import { LangfuseEmulator } from "../providers/langfuse/emulator";
import { OpenaiEmulator } from "../providers/openai/emulator";
import { StackRun, seeded } from "./support/stack-run";
import { PROVIDERS } from "./support/workdir";

const SEEDS = Array.from({ length: 20 }, (_, i) => 1000 + i * 7919);
const AT_ONCE = 4;
const LATENCY_MS = 150;

const SOURCE = `
import { App, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "${PROVIDERS}/langfuse";
import { OpenaiProvider, OpenaiAdminApiKey } from "${PROVIDERS}/openai";
import { NullProvider, NullResource } from "${PROVIDERS}/null";
const app = new App();
const stack = new TerraformStack(app, "crash");
new LangfuseProvider(stack, "langfuse");
new OpenaiProvider(stack, "openai");
new NullProvider(stack, "null");
const org = new LangfuseOrganization(stack, "org", { name: "Crash Org" });
const keys = ["ci", "ops", "analytics"].map((note) => new LangfuseOrganizationApiKey(stack, note, { organizationId: org.id, note }));
const admins = ["deploy", "audit"].map((name) => new OpenaiAdminApiKey(stack, "admin_" + name, { name }));
new NullResource(stack, "done", { triggers: { org: org.id }, dependsOn: [...keys, ...admins] });
app.synth();
`;
const DECLARED = [
  "langfuse_organization.org",
  "langfuse_organization_api_key.analytics",
  "langfuse_organization_api_key.ci",
  "langfuse_organization_api_key.ops",
  "null_resource.done",
  "openai_admin_api_key.admin_audit",
  "openai_admin_api_key.admin_deploy",
];

let template: StackRun;

beforeAll(async () => {
  template = new StackRun("crash", {}, "orgform-crash-template-");
  await template.synthOnce(SOURCE);
});

afterAll(() => template.remove());

interface SeedOutcome {
  readonly seed: number;
  readonly killed: boolean;
  readonly adopted: boolean;
}

async function crashAndRecover(seed: number): Promise<SeedOutcome> {
  const langfuse = new LangfuseEmulator("crash-admin-key-0123456789");
  const openai = new OpenaiEmulator("sk-admin-crash-bootstrap-0123456789");
  const env = { LANGFUSE_BASE_URL: await langfuse.start(), LANGFUSE_ADMIN_API_KEY: langfuse.adminApiKey, OPENAI_BASE_URL: await openai.start(), OPENAI_ADMIN_KEY: openai.adminKey };
  const run = new StackRun("crash", env, "orgform-crash-");
  run.freezeFrom(template);
  try {
    for (const server of [langfuse.server, openai.server]) server.setFaults({ latencyMs: LATENCY_MS });
    // The kill lands after the k-th "Creating..." (one of the six API creates), within 1.2
    // request latencies: before the API commits, after it commits but before the answer, or just
    // after the answer, while state is being written (state writes no longer hold up the apply,
    // so a later kill often finds the last run already finished).
    const random = seeded(seed);
    const afterCreate = 1 + Math.floor(random() * 6);
    const delay = Math.floor(random() * LATENCY_MS * 1.2);
    let armed = false;
    const first = await run.orgform(["apply", "--auto-approve", "--parallelism", "3"], {
      onStdout: (text, child) => {
        if (armed || text.split("Creating...").length - 1 < afterCreate) return;
        armed = true;
        setTimeout(() => child.kill("SIGKILL"), delay);
      },
    });
    // Let requests already on the wire land, as they would on a real API.
    await new Promise((resolve) => setTimeout(resolve, LATENCY_MS * 3));
    for (const server of [langfuse.server, openai.server]) server.setFaults({});

    const rerun = await run.orgform(["apply", "--auto-approve"]);
    const context = `seed ${seed} (killed ${delay} ms after create #${afterCreate}${first.signal ? "" : ", after it had finished"})`;
    expect({ context, code: rerun.code, stderr: rerun.stderr.replace(/^Warning: Took over a stale lock.*\n?/m, "") }).toEqual({ context, code: 0, stderr: "" });

    const orgs = [...langfuse.organizations.values()];
    const lfKeys = [...langfuse.keys.values()];
    const adminKeys = [...openai.store.adminKeys.values()].filter((key) => key.value !== openai.adminKey);
    // No duplicate, nothing missing, nothing extra.
    expect({ context, orgs: orgs.map((o) => o.name), notes: lfKeys.map((k) => k.note).sort(), admins: adminKeys.map((k) => k.name).sort() }).toEqual({
      context,
      orgs: ["Crash Org"],
      notes: ["analytics", "ci", "ops"],
      admins: ["audit", "deploy"],
    });

    // State equals the declared stack and the API: every id, and every secret as issued.
    const state = run.state();
    expect({ context, addresses: [...state.keys()].sort() }).toEqual({ context, addresses: DECLARED });
    const recorded = [...state.values()].filter((r) => r.address.includes("api_key")).map((r) => ({ id: r.attributes.id, secret: r.attributes.secret_key ?? r.attributes.value })).sort((a, b) => String(a.id).localeCompare(String(b.id)));
    const issued = [...lfKeys.map((k) => ({ id: k.id, secret: k.secretKey })), ...adminKeys.map((k) => ({ id: k.id, secret: k.value }))].sort((a, b) => a.id.localeCompare(b.id));
    expect({ context, keys: recorded }).toEqual({ context, keys: issued });
    expect(state.get("langfuse_organization.org")!.attributes.id).toBe(orgs[0]!.id);
    return { seed, killed: first.signal === "SIGKILL", adopted: rerun.stdout.includes("created by an interrupted run") };
  } finally {
    await Promise.all([langfuse.stop(), openai.stop()]);
    run.remove();
  }
}

describe("SIGKILL at a random point of apply, then apply again", () => {
  it(`ends with exactly the declared objects and their secrets, for ${SEEDS.length} seeds`, async () => {
    const outcomes: SeedOutcome[] = [];
    for (let i = 0; i < SEEDS.length; i += AT_ONCE) {
      outcomes.push(...(await Promise.all(SEEDS.slice(i, i + AT_ONCE).map(crashAndRecover))));
    }
    // The seeds really exercise crashes: the runs die mid-apply, and some leave a create behind
    // that only the journal knows about.
    expect(outcomes.filter((o) => o.killed).length).toBeGreaterThanOrEqual(SEEDS.length - 2);
    expect(outcomes.some((o) => o.adopted)).toBe(true);
  }, 600_000);
});
