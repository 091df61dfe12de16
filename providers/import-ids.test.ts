/**
 * Issue 17, item 2: every type whose objects live inside another parses its import id the same
 * way (src/provider/kit/import-id.ts). A malformed id is refused naming the form it must have,
 * before any request; the projects API's types used to answer "no such object" instead.
 */
import { builtInProviders } from "./registry";

const composite = [
  "anthropic_workspace_member",
  "langfuse_organization_api_key",
  "langfuse_project_api_key",
  "langfuse_project_membership",
  "openai_project_user",
  "openai_project_service_account",
  "openai_project_api_key",
  "openai_project_rate_limit",
  "projects_api_key",
  "projects_invitation",
  "projects_llm_api_key",
  "projects_member",
];

const types = new Map(builtInProviders.flatMap((provider) => provider.resources.map((type) => [type.type, type] as const)));

it.each(composite)("%s refuses an import id without its parent, before any request", async (name) => {
  const type = types.get(name)!;
  // No session: a request would fail differently than the id check does.
  await expect(type.importById!({ session: undefined, address: `${name}.x` } as never, "only_one_part")).rejects.toThrow(new RegExp(`^${name}: import id "only_one_part" must be <[a-z ]+>/<[a-z ]+>\\.$`));
});
