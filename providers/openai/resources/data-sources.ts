/**
 * `data.openai_user`: an organization member found by email, so stacks can name people rather
 * than user ids (`user_id = data.openai_user.ada.id`). The list is filtered by `emails` on the
 * server and matched again here, case-insensitively, in case the filter is not applied.
 * `data.openai_project_api_keys`: every API key of one project (ids and details, never secrets),
 * so a stack can adopt or report keys without knowing their ids first.
 */
import type { DataSourceType } from "../../../src/provider/contract";
import { OrgformError } from "../../../src/errors";
import { ROUTES, listAll, type OpenaiSession } from "../client";
import { userAttributes } from "./organization-user";
import { listProjectApiKeys } from "./project-api-key";
import { organizationUser, projectApiKeysLookupArguments, userLookupArguments } from "../spec";

export const userDataSource: DataSourceType<OpenaiSession> = {
  type: "openai_user",
  arguments: userLookupArguments,

  async read({ session, address }, args) {
    const email = String(args.email);
    const users = await listAll(session, ROUTES.users, organizationUser, { emails: email });
    const found = users.find((user) => user.email?.toLowerCase() === email.toLowerCase());
    if (!found) {
      throw new OrgformError(
        "ARGUMENT_INVALID",
        `${address}: no member of the OpenAI organization has the email "${email}". Check the address, or invite them with an openai_invite.`,
        { address, field: "email" },
      );
    }
    return userAttributes(found);
  },
};

export const projectApiKeysDataSource: DataSourceType<OpenaiSession> = {
  type: "openai_project_api_keys",
  arguments: projectApiKeysLookupArguments,

  async read({ session }, args) {
    const projectId = String(args.project_id);
    // A wrong project id is the API's 404, which names the project: no empty list that hides a typo.
    const keys = await listProjectApiKeys(session, projectId, String(args.owner_project_access));
    return { ...args, id: projectId, ids: keys.map((key) => key.id), keys };
  },
};
