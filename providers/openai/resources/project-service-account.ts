/**
 * `openai_project_service_account`: a bot member of one project. Create returns its first API key
 * once: the value is kept in state as the sensitive `api_key_value` (reads never return it, the
 * engine keeps the prior one). Name and role change in place; delete removes the account and its
 * keys. The id is `<project id>/<service account id>`, which is also the import id.
 */
import type { Attributes, ResourceType } from "../../../src/provider/contract";
import { ROUTES, listAll, splitChildId, unlessNotFound, type OpenaiSession } from "../client";
import { deleted, projectServiceAccountArguments, projectServiceAccountComputed, serviceAccount, type ServiceAccount, serviceAccountCreated } from "../spec";
import { declarationsOf } from "../../../src/provider/kit/modifiers";

const TYPE = "openai_project_service_account";

function toAttributes(projectId: string, account: ServiceAccount): Attributes {
  return {
    id: `${projectId}/${account.id}`,
    project_id: projectId,
    service_account_id: account.id,
    name: account.name,
    role: account.role,
    created_at: account.created_at,
  };
}

async function readOne(session: OpenaiSession, projectId: string, accountId: string): Promise<Attributes | null> {
  const account = await unlessNotFound(
    () => session.http.request({ method: "GET", path: ROUTES.serviceAccount(projectId, accountId), schema: serviceAccount }),
    null,
  );
  return account && toAttributes(projectId, account);
}

async function modify(session: OpenaiSession, projectId: string, accountId: string, body: Record<string, unknown>): Promise<Attributes> {
  const account = await session.http.request({
    method: "POST",
    path: ROUTES.serviceAccount(projectId, accountId),
    body,
    schema: serviceAccount,
    idempotent: true,
  });
  return toAttributes(projectId, account);
}

export const projectServiceAccountType: ResourceType<OpenaiSession> = {
  type: TYPE,
  ...declarationsOf(projectServiceAccountArguments, projectServiceAccountComputed),
  // The API reports no use of a service account or its key: last use is unknown.
  keyReport: { createdAt: "created_at", label: ["name"] },

  read: ({ session }, prior) => readOne(session, String(prior.project_id), String(prior.service_account_id)),

  list: {
    scope: (attributes) => String(attributes.project_id),
    parent: { type: "openai_project", scopeOf: (parent) => String(parent.id) },
    async fetch({ session }, projectId) {
      const accounts = await unlessNotFound(() => listAll(session, ROUTES.serviceAccounts(projectId), serviceAccount), []);
      return accounts.map((account) => toAttributes(projectId, account));
    },
  },

  async create({ session }, args) {
    const projectId = String(args.project_id);
    const created = await session.http.request({
      method: "POST",
      path: ROUTES.serviceAccounts(projectId),
      body: { name: args.name },
      schema: serviceAccountCreated,
    });
    if (created.api_key) session.http.addSecret(created.api_key.value);
    const secrets = { api_key_id: created.api_key?.id ?? null, api_key_value: created.api_key?.value ?? null };
    // Create always makes a member; an owner takes a second call.
    if (args.role !== created.role && args.role === "owner") {
      return { ...(await modify(session, projectId, created.id, { role: args.role })), ...secrets };
    }
    return { ...toAttributes(projectId, created), ...secrets };
  },

  async update({ session }, prior, args) {
    const body: Record<string, unknown> = {};
    if (args.name !== prior.name) body.name = args.name;
    if (args.role !== prior.role) body.role = args.role;
    return modify(session, String(prior.project_id), String(prior.service_account_id), body);
  },

  async delete({ session }, prior) {
    await unlessNotFound(
      () =>
        session.http.request({
          method: "DELETE",
          path: ROUTES.serviceAccount(String(prior.project_id), String(prior.service_account_id)),
          schema: deleted,
        }),
      undefined,
    );
  },

  async importById({ session }, id) {
    const [projectId, accountId] = splitChildId(TYPE, id, "service account id");
    return readOne(session, projectId, accountId);
  },
};
