/**
 * Read-only data sources, so stacks can name users by email and workspaces by name rather than
 * by opaque ids: `anthropic_organization` (the organization of the admin key), `anthropic_user`
 * (an organization member by email) and `anthropic_workspace` (an active workspace by name).
 */
import type { DataSourceType } from "../../src/provider/contract";
import { OrgformError } from "../../src/errors";
import { ROUTES, type AnthropicSession } from "./client";
import { findUserByEmail } from "./organization-member";
import { organization, organizationDataArguments, userDataArguments, workspaceDataArguments } from "./schemas";
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
