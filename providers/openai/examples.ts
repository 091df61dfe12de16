/** The OpenAI Admin API's examples for the cross-provider tests (providers/examples.ts). */
import { callAdminApi, choose, FAULT_EXEMPT, looks, ofType, type ProviderTestKit } from "../examples";
import { OpenaiEmulator, openaiEmulatorDefinition } from "./emulator";

const CRASH_KEYS = ["crash-admin-1", "crash-admin-2"];
const CRASH_PROJECTS = ["Crash Project 1", "Crash Project 2"];
/** The bench's pages: the API's largest. */
const BENCH_PAGE_SIZE = 100;

export const openaiTestKit: ProviderTestKit = {
  async start() {
    const emulator = new OpenaiEmulator({ adminKey: "sk-admin-kit-bootstrap-0123456789" });
    const url = await emulator.start();
    const { store } = emulator;
    return {
      env: openaiEmulatorDefinition.environment(emulator, url),
      servers: [emulator.server],
      failNext: (method, status, message) => emulator.failNext(method, status, message),
      secrets: () => [emulator.adminKey, ...emulator.issuedKeyValues()],
      emulated: () => [
        ...[...store.adminKeys.values()].filter((k) => k.value !== emulator.adminKey).map((k) => ({ key: `admin_key:${k.name}`, id: k.id, secret: k.value })),
        ...[...store.projects.values()].filter((p) => !p.is_default && p.archived_at === null).map((p) => ({ key: `project:${p.name}`, id: p.id })),
      ],
      recorded: (state) => [
        ...ofType(state, "openai_admin_api_key").map((a) => ({ key: `admin_key:${String(a.name)}`, id: String(a.id), secret: a.value })),
        ...ofType(state, "openai_project").map((a) => ({ key: `project:${String(a.name)}`, id: String(a.id) })),
      ],
      counts: () => ({
        admin_keys: [...store.adminKeys.values()].filter((k) => k.value !== emulator.adminKey).length,
        openai_projects: [...store.projects.values()].filter((p) => p.name === "Recover OpenAI Project" && p.archived_at === null).length,
        openai_invites: store.invites.size,
      }),
      prepare: () => void emulator.seedUser("ada@every.example", "Ada"),
      crash: {
        live: () => [
          ...[...store.adminKeys.values()]
            .filter((k) => k.value !== emulator.adminKey)
            .map((k) => ({ key: `openai admin key "${k.name}"`, id: k.id, secret: k.value, hasSecret: true, looks: looks([k.name, k.expires_at]) })),
          ...[...store.projects.values()].filter((p) => !p.is_default && p.archived_at === null).map((p) => ({ key: `openai project "${p.name}"`, id: p.id, hasSecret: false, looks: looks([p.name]) })),
        ],
        recorded: ({ address, attributes: a }) => {
          const type = address.split(".")[0];
          if (type === "openai_admin_api_key") return { key: `openai admin key "${String(a.name)}"`, secret: a.value, hasSecret: true };
          if (type === "openai_project") return { key: `openai project "${String(a.name)}"`, hasSecret: false };
          return undefined;
        },
        async makeForeign(kind, pick) {
          const project = kind === "openai project";
          const name = choose(project ? CRASH_PROJECTS : CRASH_KEYS, pick);
          const headers = { ...FAULT_EXEMPT, authorization: `Bearer ${emulator.adminKey}` };
          const made = await callAdminApi(`${url}/organization/${project ? "projects" : "admin_api_keys"}`, "POST", headers, { name });
          return { key: `${kind} "${name}"`, id: String(made.id) };
        },
      },
      stop: () => emulator.stop(),
    };
  },
  faults: {
    declared: 30,
    seed: 4,
    uses: ["OpenaiProvider", "OpenaiAdminApiKey", "OpenaiProject"],
    body: `
new OpenaiProvider(stack, "openai");
for (let i = 1; i <= 20; i++) new OpenaiAdminApiKey(stack, "key" + i, { name: "faults-key-" + i });
for (let i = 1; i <= 10; i++) new OpenaiProject(stack, "project" + i, { name: "Faults Project " + i });`,
  },
  leaks: {
    uses: ["OpenaiProvider", "OpenaiAdminApiKey"],
    body: `
new OpenaiProvider(stack, "openai");
const admin = new OpenaiAdminApiKey(stack, "admin", { name: "deploy" });
new TerraformOutput(stack, "admin_value", { value: admin.value, sensitive: true });`,
    outputs: ["admin_value"],
    sensitive: ["openai_admin_api_key.admin"],
    replaceable: ["openai_admin_api_key.admin"],
    wrongCredential: { env: "OPENAI_ADMIN_KEY", value: "sk-admin-wrong-openai-key-77aa88bb" },
  },
  recovery: {
    uses: ["OpenaiProvider", "OpenaiAdminApiKey", "OpenaiProject", "OpenaiInvite"],
    body: `
new OpenaiProvider(stack, "openai");
new OpenaiAdminApiKey(stack, "admin", { name: "deploy" });
new OpenaiProject(stack, "oa_project", { name: "Recover OpenAI Project" });
new OpenaiInvite(stack, "oa_invite", { email: "lin@example.com", role: "reader" });`,
    parents: [],
    secretOnlyOnCreate: ["admin_keys"],
  },
  crash: {
    uses: ["OpenaiProvider", "OpenaiAdminApiKey", "OpenaiProject"],
    body: `
new OpenaiProvider(stack, "openai");
${JSON.stringify(CRASH_KEYS)}.forEach((name, i) => new OpenaiAdminApiKey(stack, "admin" + i, { name }));
${JSON.stringify(CRASH_PROJECTS)}.forEach((name, i) => new OpenaiProject(stack, "oproject" + i, { name }));`,
    foreignKinds: ["openai admin key", "openai project"],
    declared: [...CRASH_KEYS.map((name) => `openai admin key "${name}"`), ...CRASH_PROJECTS.map((name) => `openai project "${name}"`)],
  },
  everyType: {
    uses: ["OpenaiProvider", "OpenaiAdminApiKey", "OpenaiProject", "DataOpenaiUser", "OpenaiOrganizationUser", "OpenaiProjectUser", "OpenaiProjectServiceAccount", "OpenaiProjectApiKey", "OpenaiProjectRateLimit", "OpenaiInvite", "DataOpenaiProjectApiKeys"],
    body: `
new OpenaiProvider(stack, "openai");
new OpenaiAdminApiKey(stack, "admin", { name: "every type" });
const project = new OpenaiProject(stack, "project", { name: "Every Type" });
const ada = new DataOpenaiUser(stack, "ada", { email: "ada@every.example" });
new OpenaiOrganizationUser(stack, "ada_org", { userId: ada.id, role: "reader" });
new OpenaiProjectUser(stack, "ada_project", { projectId: project.id, userId: ada.id, role: "member" });
const bot = new OpenaiProjectServiceAccount(stack, "bot", { projectId: project.id, name: "bot" });
new OpenaiProjectApiKey(stack, "bot_key", { projectId: project.id, apiKeyId: bot.apiKeyId });
new OpenaiProjectRateLimit(stack, "gpt4o", { projectId: project.id, model: "gpt-4o", maxRequestsPer1Minute: 100 });
new OpenaiInvite(stack, "invite", { email: "lin@every.example", role: "reader" });
new DataOpenaiProjectApiKeys(stack, "project_keys", { projectId: project.id });`,
  },
  bench: {
    share: 0.1,
    children: 19,
    provider: { construct: "OpenaiProvider", args: { pageSize: BENCH_PAGE_SIZE } },
    parent: {
      construct: "OpenaiProject",
      type: "openai_project",
      pageSize: BENCH_PAGE_SIZE,
      // Every organization's Default project.
      alsoListed: 1,
      args: (p) => ({ name: `Bench Project ${p + 1}` }),
      changed: (args) => ({ ...args, name: `${String(args.name)} (renamed)` }),
    },
    child: {
      construct: "OpenaiProjectServiceAccount",
      type: "openai_project_service_account",
      pageSize: BENCH_PAGE_SIZE,
      parentArgument: "projectId",
      args: (p, a) => ({ name: `bench-bot-${p + 1}-${a + 1}`, role: a % 5 === 0 ? "owner" : "member" }),
      changed: (args) => ({ ...args, name: `${String(args.name)}-renamed` }),
    },
  },
};
