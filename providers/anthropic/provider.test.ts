/** The provider definition as the engine sees it: names, abilities and declarations. */
import { builtInProviders } from "../registry";
import { anthropicProvider } from "./provider";

it("is registered as a built-in provider named anthropic", () => {
  expect(builtInProviders).toContain(anthropicProvider);
  expect(anthropicProvider.name).toBe("anthropic");
});

it("declares every resource type and data source of the Admin API", () => {
  expect(anthropicProvider.resources.map((r) => r.type)).toEqual([
    "anthropic_workspace",
    "anthropic_workspace_member",
    "anthropic_organization_member",
    "anthropic_invite",
    "anthropic_api_key",
  ]);
  expect(anthropicProvider.dataSources.map((d) => d.type)).toEqual(["anthropic_organization", "anthropic_user", "anthropic_workspace", "anthropic_api_keys"]);
});

it.each(anthropicProvider.resources.map((r) => [r.type, r] as const))("%s can be imported and refreshed in batches", (_type, resource) => {
  expect(resource.importById).toBeInstanceOf(Function);
  expect(resource.list?.fetch).toBeInstanceOf(Function);
  expect(resource.computed).toContain("id");
  // No resource holds a secret: the API never returns one (keys show only partial_key_hint).
  expect(resource.sensitive).toEqual([]);
});

it.each([
  ["anthropic_workspace", { delete: "archived" }],
  ["anthropic_organization_member", { create: "adopted", delete: "removed from the organization" }],
  ["anthropic_api_key", { create: "adopted", delete: "deactivated" }],
])("%s tells the plan what its create and delete really do", (type, verbs) => {
  expect(anthropicProvider.resources.find((r) => r.type === type)?.verbs).toMatchObject(verbs);
});
