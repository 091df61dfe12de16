/**
 * Issue 16, item 15: `orgform drift` exited 2 right after a clean apply of a stack with one
 * projects `Project`, reporting an unmanaged invitation `[id=undefined]` and the creator's
 * automatic OWNER membership. The API makes its creator (the API key's owner) an OWNER of every
 * project it creates; that membership is part of the project. Through the real CLI, against the
 * strict emulator with a creator: drift right after apply is clean (exit 0), and a member or an
 * invitation made by hand is still reported, by its own id; so is a managed member's user added
 * by hand to another managed project (a member is (project, user)).
 */
import { ProjectsEmulator } from "../providers/projects/emulator";
import { callAdminApi } from "../providers/examples";
import { StackRun } from "./support/stack-run";
import { PROVIDERS } from "./support/workdir";

const CREATOR = "ops@example.com";

const SOURCE = `
import { App, TerraformStack } from "cdktf";
import { ProjectsProvider, Project, ProjectMember } from "${PROVIDERS}/projects";
const app = new App();
const stack = new TerraformStack(app, "drifty");
new ProjectsProvider(stack, "projects");
// The organization's default project, imported: every organization comes with it.
const main = new Project(stack, "main", { name: "Default project" });
const bot = new Project(stack, "bot", { name: "Drift Bot" });
new ProjectMember(stack, "ada", { projectId: bot.id, email: "ada@example.com", role: "MEMBER", organizationRole: "MEMBER" });
app.synth();
`;

interface Unmanaged {
  readonly type: string;
  readonly scope: string;
  readonly id: string;
  readonly label: string;
}

const emulator = new ProjectsEmulator({ strict: true, creatorEmail: CREATOR });
let run: StackRun;

beforeAll(async () => {
  await emulator.start();
  run = new StackRun(
    "drifty",
    {
      ORGANIZATIONS_API_BASE_URL: emulator.url,
      ORGANIZATIONS_API_KEY: emulator.apiKey,
      ORGANIZATIONS_API_TOKEN: emulator.token,
      ORGANIZATIONS_API_ORGANIZATION_ID: emulator.organizationId,
    },
    "orgform-projects-drift-",
  );
  await run.synthOnce(SOURCE);
});

afterAll(async () => {
  await emulator.stop();
  run.remove();
});

const headers = () => ({ "api-key": emulator.apiKey, authorization: `Bearer ${emulator.token}` });
const projectPath = (id: string) => `${emulator.url}/organizations/${emulator.organizationId}/projects/${id}`;
const unmanaged = async (): Promise<Unmanaged[]> =>
  (JSON.parse((await run.orgform(["drift", "--json"])).stdout) as { stacks: Array<{ unmanaged: Unmanaged[] }> }).stacks[0]!.unmanaged;

it("is clean right after apply (the creator's membership is part of the project), and still reports people added by hand", async () => {
  const defaultProject = [...emulator.projects.values()].find((project) => project.isDefault)!;
  const imported = await run.orgform(["import", "projects_project.main", defaultProject.id]);
  expect(imported.stderr).toBe("");
  expect(imported.code).toBe(0);
  const apply = await run.orgform(["apply", "--auto-approve"]);
  expect(apply.stderr).toBe("");
  expect(apply.code).toBe(0);
  const bot = String(run.state().get("projects_project.bot")!.attributes.id);
  // The API made its creator an OWNER of the new project.
  expect([...emulator.project(bot).members.values()].map((member) => `${member.email} ${member.role}`).sort()).toEqual([
    "ada@example.com MEMBER",
    `${CREATOR} OWNER`,
  ]);

  const clean = await run.orgform(["drift"]);
  expect(clean.stderr).toBe("");
  expect(clean.stdout).not.toContain("projects_invitation");
  expect(clean.stdout).not.toContain(CREATOR);
  expect(clean.stdout).not.toContain("undefined");
  expect(clean.code).toBe(0);

  // By hand: a member and an invitation in the managed project, and the managed member's user
  // in the other managed project.
  const pat = await callAdminApi(`${projectPath(bot)}/users`, "POST", headers(), { data: { type: "users", attributes: { email: "pat@example.com", role: "VIEWER", orgRole: "MEMBER" } } });
  const invited = await callAdminApi(`${projectPath(bot)}/invitations`, "POST", headers(), { data: { type: "membershipInvitation", attributes: { email: "lin@example.com", orgRole: "MEMBER" } } });
  const ada = await callAdminApi(`${projectPath(defaultProject.id)}/users`, "POST", headers(), { data: { type: "users", attributes: { email: "ada@example.com", role: "VIEWER", orgRole: "MEMBER" } } });

  const dirty = await run.orgform(["drift"]);
  expect(dirty.stderr).toBe("");
  expect(dirty.code).toBe(2);
  expect(dirty.stdout).toMatch(/\? projects_member "pat@example.com"/);
  expect(dirty.stdout).toMatch(/\? projects_invitation "lin@example.com"/);
  expect(dirty.stdout).not.toContain(CREATOR);
  expect(dirty.stdout).not.toContain("undefined");
  const id = (created: Record<string, unknown>) => (created.data as { id: string }).id;
  expect((await unmanaged()).map((o) => `${o.type} ${o.scope} ${o.id} ${o.label}`).sort()).toEqual(
    [
      `projects_invitation ${bot} ${id(invited)} lin@example.com`,
      `projects_member ${bot} ${id(pat)} pat@example.com`,
      `projects_member ${defaultProject.id} ${id(ada)} ada@example.com`,
    ].sort(),
  );
});
