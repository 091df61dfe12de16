/**
 * Read-only data sources, so stacks can name users by email and workspaces by name rather than
 * by opaque ids: `anthropic_organization` (the organization of the admin key), `anthropic_user`
 * (an organization member by email), `anthropic_workspace` (an active workspace by name) and
 * `anthropic_api_keys` (the organization's keys, filtered as the API filters them), so a stack can
 * adopt or report keys without knowing their ids.
 */
import type { DataSourceType } from "../../../src/provider/contract";
import { OrgformError } from "../../../src/errors";
import { apiKeyAttributes } from "./api-key";
import { ROUTES, listAll, type AnthropicSession } from "../client";
import { findUserByEmail } from "./organization-member";
import { apiKey, apiKeysDataArguments, organization, organizationDataArguments, userDataArguments, workspaceDataArguments } from "../spec";
import { listWorkspaces, workspaceAttributes } from "./workspace";

export const organizationData: DataSourceType<AnthropicSession> = {
  type: "anthropic_organization",
  arguments: organizationDataArguments,
  async read({ session }) {
    const found = await session.http.request({ method: "GET", path: ROUTES.me, schema: organization });
    return { id: found.id, name: found.name };
  },
};

export const userData: DataSourceType<AnthropicSession> = {
  type: "anthropic_user",
  arguments: userDataArguments,
  async read({ session, address }, args) {
    const email = String(args.email);
    const found = await findUserByEmail(session, email);
    if (!found) {
      throw new OrgformError(
        "API_NOT_FOUND",
        `${address}: no member of the organization has the email ${email}. Check the email argument, or invite them first (anthropic_invite).`,
        { email },
      );
    }
    return { id: found.id, email: found.email, name: found.name, role: found.role, added_at: found.added_at };
  },
};

export const workspaceData: DataSourceType<AnthropicSession> = {
  type: "anthropic_workspace",
  arguments: workspaceDataArguments,
  async read({ session, address }, args) {
    const name = String(args.name);
    // Archived workspaces are left out: they are gone for every purpose a stack has.
    const matches = (await listWorkspaces(session, false)).filter((candidate) => candidate.name === name);
    if (matches.length === 0) {
      throw new OrgformError("API_NOT_FOUND", `${address}: there is no active workspace named "${name}". Check the name argument (it is case-sensitive).`, { name });
    }
    if (matches.length > 1) {
      throw new OrgformError(
        "ARGUMENT_INVALID",
        `${address}: ${matches.length} active workspaces are named "${name}" (${matches.map((m) => m.id).join(", ")}); rename one so the name is unique.`,
        { name },
      );
    }
    return workspaceAttributes(matches[0]!);
  },
};

export const apiKeysData: DataSourceType<AnthropicSession> = {
  type: "anthropic_api_keys",
  arguments: apiKeysDataArguments,
  async read({ session }, args) {
    const filters = { status: args.status, workspace_id: args.workspace_id, created_by_user_id: args.created_by_user_id } as Record<string, string | undefined>;
    const found = await listAll(session, ROUTES.apiKeys, apiKey, filters);
    // The same attributes the resource reads, last_used_at included (a key report needs true last use).
    const keys = found.map(apiKeyAttributes);
    const set = Object.entries(filters).filter(([, value]) => value !== undefined);
    return {
      ...args,
      // One id per filter set, stable across reads: "all" without filters.
      id: set.map(([name, value]) => `${name}=${String(value)}`).join(",") || "all",
      ids: keys.map((key) => String(key.id)),
      keys,
    };
  },
};
