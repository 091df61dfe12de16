/** The data sources against the emulator: organization, user by email, workspace by name. */
import { OrgformError } from "../../src/errors";
import { organizationData, userData, workspaceData } from "./data-sources";
import { startAnthropic, type AnthropicFixture } from "./testing";
import { workspaceType } from "./workspace";

let fx: AnthropicFixture;
beforeEach(async () => {
  fx = await startAnthropic({ pageSize: 1, organizationName: "Acme" });
});
afterEach(() => fx.stop());

it("reads the organization of the admin key", async () => {
  expect(await organizationData.read(fx.ctx(), {})).toEqual({ id: fx.emulator.store.organization.id, name: "Acme" });
});

it("finds a user by email", async () => {
  fx.emulator.seedUser({ email: "someone@example.com" });
  const id = fx.emulator.seedUser({ email: "jane@example.com", name: "Jane", role: "developer" });
  expect(await userData.read(fx.ctx(), { email: "jane@example.com" })).toEqual({ id, email: "jane@example.com", name: "Jane", role: "developer", added_at: expect.any(String) });
});

it("finds an active workspace by name, skipping archived ones", async () => {
  const old = await workspaceType.create(fx.ctx(), workspaceType.arguments.parse({ name: "Eng" }));
  fx.emulator.archiveWorkspace(String(old.id));
  const current = await workspaceType.create(fx.ctx(), workspaceType.arguments.parse({ name: "Eng" }));
  await workspaceType.create(fx.ctx(), workspaceType.arguments.parse({ name: "Other" }));
  expect(await workspaceData.read(fx.ctx(), { name: "Eng" })).toEqual(current);
});

it.each([
  ["a user nobody has", () => userData.read(fx.ctx("data.anthropic_user.x"), { email: "ghost@example.com" }), /data\.anthropic_user\.x: no member of the organization has the email ghost@example.com/],
  ["a workspace nobody has", () => workspaceData.read(fx.ctx("data.anthropic_workspace.x"), { name: "Nope" }), /there is no active workspace named "Nope"/],
  [
    "an ambiguous workspace name",
    async () => {
      fx.emulator.store.addWorkspace({ name: "Twin", tags: {}, data_residency: { workspace_geo: "us", allowed_inference_geos: "unrestricted", default_inference_geo: "global" } });
      fx.emulator.store.addWorkspace({ name: "Twin", tags: {}, data_residency: { workspace_geo: "us", allowed_inference_geos: "unrestricted", default_inference_geo: "global" } });
      return workspaceData.read(fx.ctx(), { name: "Twin" });
    },
    /2 active workspaces are named "Twin"/,
  ],
])("fails clearly for %s", async (_case, read, message) => {
  const error = await read().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OrgformError);
  expect((error as OrgformError).message).toMatch(message);
});
