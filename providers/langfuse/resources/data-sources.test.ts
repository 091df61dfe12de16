/** The Langfuse data sources against the emulator: by name, or every membership. */
import { OrgformError } from "../../../src/errors";
import { Sensitive } from "../../../src/values/sensitive";
import { membershipsData, organizationData, projectData } from "./data-sources";
import { projectType } from "./project";
import { startLangfuse, type LangfuseFixture } from "../emulator/fixture";

let fx: LangfuseFixture;
let org: Awaited<ReturnType<LangfuseFixture["organization"]>>;
let projectId: string;
beforeEach(async () => {
  fx = await startLangfuse();
  org = await fx.organization("Acme Platform");
  projectId = String((await projectType.create(fx.ctx(), projectType.arguments.parse({ ...org.key, name: "web" }))).id);
  const jane = fx.emulator.seedUser("jane@example.com", "Jane", { organizationId: org.id, role: "ADMIN" });
  fx.emulator.seedUser("joe@example.com", "Joe", { organizationId: org.id, role: "VIEWER" });
  fx.emulator.store.projectMembersOf(projectId).set(jane, "OWNER");
});
afterEach(() => fx.stop());

// At plan time data source arguments arrive with their secrets still wrapped.
const key = () => ({ org_public_key: org.key.org_public_key, org_secret_key: new Sensitive(org.key.org_secret_key) });

it("finds an organization by name through the admin API", async () => {
  expect(await organizationData.read(fx.ctx("data.langfuse_organization.o"), { name: "Acme Platform" })).toMatchObject({ id: org.id, name: "Acme Platform", project_ids: [projectId] });
});

it("finds a project by name with an organization key", async () => {
  expect(await projectData.read(fx.ctx("data.langfuse_project.p"), { ...key(), name: "web" })).toMatchObject({ id: projectId, name: "web", metadata: {} });
});

it.each([
  ["the organization", {}, [["jane@example.com", "ADMIN"], ["joe@example.com", "VIEWER"]]],
  ["one project", { project: true }, [["jane@example.com", "OWNER"]]],
])("lists the memberships of %s", async (_case, input, expected) => {
  const result = await membershipsData.read(fx.ctx("data.langfuse_memberships.m"), { ...key(), project_id: "project" in input ? projectId : null });
  expect((result.memberships as Array<{ email: string; role: string }>).map((m) => [m.email, m.role])).toEqual(expected);
  expect(result.emails).toEqual(expected.map(([email]) => email));
});

it.each([
  ["no organization", () => organizationData.read(fx.ctx("data.langfuse_organization.o"), { name: "Nope Inc" }), /data\.langfuse_organization\.o: there is no organization named "Nope Inc"/],
  ["no project", () => projectData.read(fx.ctx("data.langfuse_project.p"), { ...key(), name: "nope" }), /data\.langfuse_project\.p: there is no project named "nope"/],
  ["two projects of one name", async () => {
    fx.emulator.seedProject(org.id, "twin");
    fx.emulator.seedProject(org.id, "twin");
    return projectData.read(fx.ctx("data.langfuse_project.p"), { ...key(), name: "twin" });
  }, /2 projects are named "twin"/],
  ["an unknown project's memberships", () => membershipsData.read(fx.ctx("data.langfuse_memberships.m"), { ...key(), project_id: "proj_x" }), /there is no project proj_x/],
])("fails clearly when there is %s", async (_case, run, message) => {
  const error = await run().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OrgformError);
  expect((error as Error).message).toMatch(message);
});
