/** The Langfuse admin API's examples for the cross-provider tests (providers/examples.ts). */
import { callAdminApi, choose, FAULT_EXEMPT, looks, ofType, type ProviderTestKit } from "../examples";
import { LangfuseEmulator, langfuseEmulatorDefinition } from "./emulator";

const CRASH_ORGS = ["Crash Org A", "Crash Org B"];
const CRASH_NOTES = ["ci", "ops"];

export const langfuseTestKit: ProviderTestKit = {
  async start() {
    const emulator = new LangfuseEmulator({ adminApiKey: "kit-langfuse-admin-key-0123456789" });
    const url = await emulator.start();
    const keys = () => [...emulator.store.keys.values()];
    const orgName = (id: string) => emulator.store.organizations.get(id)?.name ?? `(organization ${id})`;
    return {
      env: langfuseEmulatorDefinition.environment(emulator, url),
      servers: [emulator.server],
      failNext: (method, status, message) => emulator.failNext(method, status, message),
      secrets: () => [emulator.adminApiKey, ...keys().map((key) => key.secretKey)],
      emulated: () => [
        ...[...emulator.store.organizations.values()].map((o) => ({ key: `org:${o.name}`, id: o.id })),
        ...keys().map((k) => ({ key: `key:${k.organizationId}/${k.note}`, id: k.id, secret: k.secretKey })),
      ],
      recorded: (state) => [
        ...ofType(state, "langfuse_organization").map((a) => ({ key: `org:${String(a.name)}`, id: String(a.id) })),
        ...ofType(state, "langfuse_organization_api_key").map((a) => ({ key: `key:${String(a.organization_id)}/${String(a.note)}`, id: String(a.id), secret: a.secret_key })),
      ],
      counts: () => ({ langfuse_keys: emulator.store.keys.size }),
      prepare: () => undefined,
      crash: {
        live: () => [
          ...[...emulator.store.organizations.values()].map((o) => ({ key: `langfuse org "${o.name}"`, id: o.id, hasSecret: false, looks: looks([o.name, o.metadata]) })),
          ...keys()
            .filter((k) => !k.projectId)
            .map((k) => ({ key: `langfuse key "${k.note}" in org "${orgName(k.organizationId)}"`, id: k.id, secret: k.secretKey, hasSecret: true, looks: looks([k.note, k.organizationId, k.expiresAt]) })),
        ],
        recorded: ({ address, attributes: a }) => {
          const type = address.split(".")[0];
          if (type === "langfuse_organization") return { key: `langfuse org "${String(a.name)}"`, hasSecret: false };
          if (type === "langfuse_organization_api_key") return { key: `langfuse key "${String(a.note)}" in org "${orgName(String(a.organization_id))}"`, secret: a.secret_key, hasSecret: true };
          return undefined;
        },
        async makeForeign(kind, pick) {
          const headers = { ...FAULT_EXEMPT, authorization: `Bearer ${emulator.adminApiKey}` };
          if (kind === "langfuse org") {
            const name = choose(CRASH_ORGS, pick);
            return { key: `langfuse org "${name}"`, id: String((await callAdminApi(`${url}/api/admin/organizations`, "POST", headers, { name })).id) };
          }
          const org = [...emulator.store.organizations.values()].find((o) => CRASH_ORGS.includes(o.name));
          if (!org) return undefined;
          const note = choose(CRASH_NOTES, pick);
          return { key: `langfuse key "${note}" in org "${org.name}"`, id: String((await callAdminApi(`${url}/api/admin/organizations/${org.id}/apiKeys`, "POST", headers, { note })).id) };
        },
      },
      stop: () => emulator.stop(),
    };
  },
  faults: {
    declared: 30,
    seed: 2,
    uses: ["LangfuseProvider", "LangfuseOrganization", "LangfuseOrganizationApiKey"],
    body: `
new LangfuseProvider(stack, "langfuse");
for (const i of [1, 2, 3, 4, 5]) {
  const org = new LangfuseOrganization(stack, "org" + i, { name: "Faults Org " + i });
  for (const j of [1, 2, 3, 4, 5]) new LangfuseOrganizationApiKey(stack, "key" + i + "_" + j, { organizationId: org.id, note: "key " + i + "-" + j });
}`,
  },
  leaks: {
    uses: ["LangfuseProvider", "LangfuseOrganization", "LangfuseOrganizationApiKey"],
    body: `
new LangfuseProvider(stack, "langfuse");
const org = new LangfuseOrganization(stack, "org", { name: "Leak Org" });
const key = new LangfuseOrganizationApiKey(stack, "lf_key", { organizationId: org.id, note: "ci" });
new TerraformOutput(stack, "lf_secret", { value: key.secretKey, sensitive: true });`,
    outputs: ["lf_secret"],
    sensitive: ["langfuse_organization_api_key.lf_key"],
    replaceable: ["langfuse_organization_api_key.lf_key"],
    wrongCredential: { env: "LANGFUSE_ADMIN_API_KEY", value: "wrong-langfuse-admin-key-1d2c3b4a" },
  },
  recovery: {
    uses: ["LangfuseProvider", "LangfuseOrganization", "LangfuseOrganizationApiKey"],
    body: `
new LangfuseProvider(stack, "langfuse");
const org = new LangfuseOrganization(stack, "org", { name: "Recover Org" });
new LangfuseOrganizationApiKey(stack, "lf_key", { organizationId: org.id, note: "ci" });`,
    parents: ["langfuse_organization.org"],
    secretOnlyOnCreate: ["langfuse_keys"],
  },
  crash: {
    uses: ["LangfuseProvider", "LangfuseOrganization", "LangfuseOrganizationApiKey"],
    body: `
new LangfuseProvider(stack, "langfuse");
${JSON.stringify(CRASH_ORGS)}.forEach((name, i) => {
  const org = new LangfuseOrganization(stack, "org" + i, { name });
  for (const note of ${JSON.stringify(CRASH_NOTES)}) new LangfuseOrganizationApiKey(stack, "org" + i + "_" + note, { organizationId: org.id, note });
});`,
    foreignKinds: ["langfuse org", "langfuse key"],
    declared: CRASH_ORGS.flatMap((org) => [`langfuse org "${org}"`, ...CRASH_NOTES.map((note) => `langfuse key "${note}" in org "${org}"`)]),
  },
  everyType: {
    uses: ["LangfuseProvider", "LangfuseOrganization", "LangfuseOrganizationApiKey", "LangfuseProject", "LangfuseProjectApiKey", "LangfuseOrganizationMembership", "LangfuseProjectMembership", "LangfuseLlmConnection", "DataLangfuseOrganization", "DataLangfuseProject", "DataLangfuseMemberships"],
    body: `
new LangfuseProvider(stack, "langfuse");
const org = new LangfuseOrganization(stack, "org", { name: "Every Type Co" });
const orgKey = new LangfuseOrganizationApiKey(stack, "org_key", { organizationId: org.id, note: "orgform" });
const project = new LangfuseProject(stack, "project", { orgApiKey: orgKey, name: "web", metadata: { team: "ml" } });
const projectKey = new LangfuseProjectApiKey(stack, "project_key", { project, note: "ingest" });
new LangfuseLlmConnection(stack, "llm", { projectApiKey: projectKey, providerName: "openai", adapter: "openai", secretKey: "sk-every-type-llm-0123456789" });
const ana = new LangfuseOrganizationMembership(stack, "ana", { orgApiKey: orgKey, email: "ana@every.example", role: "MEMBER" });
new LangfuseProjectMembership(stack, "ana_web", { project, email: ana.email, role: "VIEWER" });
new DataLangfuseOrganization(stack, "org_by_name", { name: "Every Type Co", dependsOn: [org] });
new DataLangfuseProject(stack, "project_by_name", { orgApiKey: orgKey, name: "web", dependsOn: [project] });
new DataLangfuseMemberships(stack, "web_members", { orgApiKey: orgKey, projectId: project.id });`,
    // The public API's types are read with an organization key: the provider's, as generated code has it.
    generateEnv(state) {
      const [key] = ofType(state, "langfuse_organization_api_key");
      return { LANGFUSE_ORG_PUBLIC_KEY: String(key!.public_key), LANGFUSE_ORG_SECRET_KEY: String(key!.secret_key) };
    },
  },
  bench: {
    share: 0.25,
    children: 9,
    // One POST per organization and per key: the bench's 100 creates.
    creates: true,
    provider: { construct: "LangfuseProvider" },
    parent: {
      construct: "LangfuseOrganization",
      type: "langfuse_organization",
      // The admin API's lists are not paginated.
      pageSize: Number.POSITIVE_INFINITY,
      args: (i) => ({ name: `Bench Org ${i + 1}`, metadata: { team: `team-${i % 17}`, costCenter: `cc-${1000 + i}` } }),
      changed: (args) => ({ ...args, metadata: { ...(args.metadata as Record<string, string>), revision: "2" } }),
    },
    child: {
      construct: "LangfuseOrganizationApiKey",
      type: "langfuse_organization_api_key",
      pageSize: Number.POSITIVE_INFINITY,
      parentArgument: "organizationId",
      args: (i, k) => ({ note: `key ${k + 1} of org ${i + 1}` }),
      // A replace: the API cannot update a key.
      changed: (args) => ({ ...args, note: `${String(args.note)} (rotated)` }),
    },
  },
};
