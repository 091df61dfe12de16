/** The Langfuse admin API's examples for the cross-provider tests (providers/examples.ts). */
import { ofType, type ProviderTestKit } from "../examples";
import { LangfuseEmulator, langfuseEmulatorDefinition } from "./emulator";

export const langfuseTestKit: ProviderTestKit = {
  async start() {
    const emulator = new LangfuseEmulator({ adminApiKey: "kit-langfuse-admin-key-0123456789" });
    const url = await emulator.start();
    const keys = () => [...emulator.store.keys.values()];
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
};
