/** The projects API's examples for the cross-provider tests (providers/examples.ts). */
import { callAdminApi, choose, FAULT_EXEMPT, looks, ofType, type ProviderTestKit } from "../examples";
import { ProjectsEmulator, projectsEmulatorDefinition } from "./emulator";

/** The LLM key every example sends (a write-only secret from a sensitive variable). */
const LLM_SECRET = "sk-kit-projects-llm-secret-5f0e2a91";
const LLM_ARGS = ["--var", `projects_llm=${LLM_SECRET}`];

const CRASH_PROJECTS = ["Crash Bot 1", "Crash Bot 2"];
const CRASH_KEYS = ["prod", "ci"];
/** A member of both projects: recovery identity is (project, user), not user. */
const CRASH_LEAD = "lead@crash.example";
const CRASH_INVITEE = "agent@crash.example";

export const projectsTestKit: ProviderTestKit = {
  async start() {
    const emulator = new ProjectsEmulator({ apiKey: "kit-projects-api-key-0123456789", token: "kit-projects-token-0123456789" });
    const url = await emulator.start();
    const live = () => [...emulator.projects.values()].filter((p) => !p.isDefault);
    const recoverProject = () => live().find((p) => p.name === "Recover Project");
    return {
      env: projectsEmulatorDefinition.environment(emulator, url),
      servers: [emulator.server],
      failNext: (method, status, message) => emulator.failNext(method, status, message),
      secrets: () => [
        LLM_SECRET,
        emulator.apiKey,
        emulator.token,
        ...[...emulator.projects.values()].flatMap((p) => [p.secretKey, ...[...p.apiKeys.values()].map((k) => k.secretKey), ...[...p.llmKeys.values()].map((k) => k.secretKey)]),
      ],
      emulated: () =>
        live().flatMap((p) => [
          { key: `project:${p.name}`, id: p.id, secret: p.secretKey },
          ...[...p.apiKeys.values()].map((k) => ({ key: `api_key:${p.id}/${k.label}`, id: k.id, secret: k.secretKey })),
          // Write-only: state keeps a fingerprint, so the secret compared is the one the stack sent.
          ...[...p.llmKeys.values()].map((k) => ({ key: `llm:${p.id}/${k.provider}`, id: k.id, secret: k.secretKey === LLM_SECRET })),
        ]),
      recorded: (state) => [
        ...ofType(state, "projects_project").map((a) => ({ key: `project:${String(a.name)}`, id: String(a.id), secret: a.secret_key })),
        ...ofType(state, "projects_api_key").map((a) => ({ key: `api_key:${String(a.project_id)}/${String(a.label)}`, id: String(a.id), secret: a.secret_key })),
        ...ofType(state, "projects_llm_api_key").map((a) => ({ key: `llm:${String(a.project_id)}/${String(a.llm_provider)}`, id: String(a.id), secret: true })),
      ],
      counts: () => {
        const project = recoverProject();
        return {
          project_keys: project?.apiKeys.size ?? 0,
          llm_keys: project?.llmKeys.size ?? 0,
          members: project ? [...project.members.values()].filter((m) => m.email === "ada@example.com").length : 0,
          invitations: project?.invitations.size ?? 0,
        };
      },
      prepare: () => undefined,
      crash: {
        live: () =>
          live().flatMap((p) => [
            { key: `projects project "${p.name}"`, id: p.id, secret: p.secretKey, hasSecret: true, looks: looks([p.name]) },
            ...[...p.apiKeys.values()].map((k) => ({ key: `projects key "${k.label}" in project "${p.name}"`, id: k.id, secret: k.secretKey, hasSecret: true, looks: looks([k.label, k.expiresAt]) })),
            ...[...p.members.values()].map((m) => ({ key: `projects member ${m.email} in project "${p.name}"`, id: m.id, hasSecret: false, looks: looks([m.role, m.orgRole]) })),
            ...[...p.invitations.values()].map((i) => ({ key: `projects invitation ${i.email} in project "${p.name}"`, id: i.id, hasSecret: false, looks: looks([i.role, i.orgRole]) })),
          ]),
        recorded: ({ address, attributes: a }) => {
          const project = (id: unknown) => emulator.projects.get(String(id))?.name ?? `(project ${String(id)})`;
          switch (address.split(".")[0]) {
            case "projects_project":
              return { key: `projects project "${String(a.name)}"`, secret: a.secret_key, hasSecret: true };
            case "projects_api_key":
              return { key: `projects key "${String(a.label)}" in project "${project(a.project_id)}"`, secret: a.secret_key, hasSecret: true };
            case "projects_member":
              return { key: `projects member ${String(a.email)} in project "${project(a.project_id)}"`, id: String(a.user_id ?? a.id), hasSecret: false };
            case "projects_invitation":
              return { key: `projects invitation ${String(a.email)} in project "${project(a.project_id)}"`, hasSecret: false };
            default:
              return undefined;
          }
        },
        async makeForeign(_kind, pick) {
          const project = live().find((p) => CRASH_PROJECTS.includes(p.name));
          if (!project) return undefined;
          const label = choose(CRASH_KEYS, pick);
          const headers = { ...FAULT_EXEMPT, "api-key": emulator.apiKey, authorization: `Bearer ${emulator.token}` };
          const body = await callAdminApi(`${url}/organizations/${emulator.organizationId}/projects/${project.id}/api-keys`, "POST", headers, { data: { type: "apiKey", attributes: { label } } });
          return { key: `projects key "${label}" in project "${project.name}"`, id: String((body.data as { id: string }).id) };
        },
      },
      stop: () => emulator.stop(),
    };
  },
  faults: {
    declared: 30,
    seed: 6,
    args: LLM_ARGS,
    uses: ["ProjectsProvider", "Project", "ProjectApiKey", "ProjectLlmApiKey"],
    body: `
new ProjectsProvider(stack, "projects");
const llmKey = new TerraformVariable(stack, "projects_llm", { type: "string", sensitive: true });
for (const i of [1, 2, 3, 4, 5, 6]) {
  const project = new Project(stack, "project" + i, { name: "Faults Project " + i });
  for (const j of [1, 2, 3]) new ProjectApiKey(stack, "key" + i + "_" + j, { projectId: project.id, label: "key " + i + "-" + j });
  new ProjectLlmApiKey(stack, "llm" + i, { projectId: project.id, llmProvider: "openai", secretKey: llmKey.stringValue });
}`,
  },
  leaks: {
    args: LLM_ARGS,
    uses: ["ProjectsProvider", "Project", "ProjectApiKey", "ProjectLlmApiKey"],
    body: `
new ProjectsProvider(stack, "projects");
const llmKey = new TerraformVariable(stack, "projects_llm", { type: "string", sensitive: true });
const project = new Project(stack, "project", { name: "Leak Project" });
const apiKey = new ProjectApiKey(stack, "project_key", { projectId: project.id, label: "ci" });
new ProjectLlmApiKey(stack, "llm", { projectId: project.id, llmProvider: "openai", secretKey: llmKey.stringValue });
new TerraformOutput(stack, "project_secret", { value: project.secretKey, sensitive: true });
new TerraformOutput(stack, "project_key_secret", { value: apiKey.secretKey, sensitive: true });
new TerraformOutput(stack, "llm_key_echo", { value: llmKey.stringValue, sensitive: true });`,
    outputs: ["project_secret", "project_key_secret", "llm_key_echo"],
    sensitive: ["projects_project.project", "projects_api_key.project_key", "projects_llm_api_key.llm"],
    replaceable: ["projects_api_key.project_key"],
    wrongCredential: { env: "ORGANIZATIONS_API_KEY", value: "wrong-projects-api-key-3e4f5a6b" },
  },
  recovery: {
    args: LLM_ARGS,
    uses: ["ProjectsProvider", "Project", "ProjectApiKey", "ProjectLlmApiKey", "ProjectMember", "ProjectInvitation"],
    body: `
new ProjectsProvider(stack, "projects");
const llm = new TerraformVariable(stack, "projects_llm", { type: "string", sensitive: true });
const project = new Project(stack, "project", { name: "Recover Project" });
new ProjectApiKey(stack, "project_key", { projectId: project.id, label: "CI", expiresAt: "2099-01-01T00:00:00Z" });
new ProjectLlmApiKey(stack, "llm_key", { projectId: project.id, llmProvider: "openai", secretKey: llm.stringValue });
new ProjectMember(stack, "ada", { projectId: project.id, email: "Ada@Example.com", role: "ADMIN", organizationRole: "OWNER" });
new ProjectInvitation(stack, "grace", { projectId: project.id, email: "grace@example.com", organizationRole: "MEMBER", resendOnApply: "1" });`,
    parents: ["projects_project.project"],
    secretOnlyOnCreate: ["project_keys"],
  },
  crash: {
    uses: ["ProjectsProvider", "Project", "ProjectApiKey", "ProjectMember", "ProjectInvitation"],
    body: `
new ProjectsProvider(stack, "projects");
${JSON.stringify(CRASH_PROJECTS)}.forEach((name, i) => {
  const project = new Project(stack, "bot" + i, { name });
  for (const label of ${JSON.stringify(CRASH_KEYS)}) new ProjectApiKey(stack, "bot" + i + "_" + label, { projectId: project.id, label });
  new ProjectMember(stack, "bot" + i + "_lead", { projectId: project.id, email: "${CRASH_LEAD}", role: "MEMBER", organizationRole: "MEMBER" });
  if (i === 0) new ProjectInvitation(stack, "bot0_agent", { projectId: project.id, email: "${CRASH_INVITEE}", role: "MEMBER", organizationRole: "MEMBER" });
});`,
    foreignKinds: ["projects key"],
    declared: CRASH_PROJECTS.flatMap((project, i) => [
      `projects project "${project}"`,
      ...CRASH_KEYS.map((label) => `projects key "${label}" in project "${project}"`),
      `projects member ${CRASH_LEAD} in project "${project}"`,
      ...(i === 0 ? [`projects invitation ${CRASH_INVITEE} in project "${project}"`] : []),
    ]),
  },
  everyType: {
    args: LLM_ARGS,
    uses: ["ProjectsProvider", "Project", "ProjectApiKey", "ProjectLlmApiKey", "ProjectMember", "ProjectInvitation", "DataProjects", "DataProjectDailyMetrics", "DataProjectTraces"],
    body: `
new ProjectsProvider(stack, "projects");
const llm = new TerraformVariable(stack, "projects_llm", { type: "string", sensitive: true });
const project = new Project(stack, "project", { name: "Every Type" });
new ProjectApiKey(stack, "key", { projectId: project.id, label: "ci" });
new ProjectLlmApiKey(stack, "llm", { projectId: project.id, llmProvider: "openai", secretKey: llm.stringValue });
new ProjectMember(stack, "ada", { projectId: project.id, email: "ada@every.example", role: "ADMIN", organizationRole: "OWNER" });
new ProjectInvitation(stack, "grace", { projectId: project.id, email: "grace@every.example", organizationRole: "MEMBER" });
new DataProjects(stack, "named", { name: "every" });
new DataProjectDailyMetrics(stack, "metrics", { projectId: project.id });
new DataProjectTraces(stack, "traces", { projectId: project.id });`,
  },
  bench: {
    share: 0.1,
    children: 9,
    provider: { construct: "ProjectsProvider" },
    parent: {
      construct: "Project",
      type: "projects_project",
      // The API's lists are not paginated.
      pageSize: Number.POSITIVE_INFINITY,
      args: (p) => ({ name: `Bench Project ${p + 1}` }),
      changed: (args) => ({ ...args, name: `${String(args.name)} (renamed)` }),
    },
    child: {
      construct: "ProjectMember",
      type: "projects_member",
      pageSize: Number.POSITIVE_INFINITY,
      parentArgument: "projectId",
      // People belong to several projects (about one per five memberships); their organization role ranks above every project role given.
      args(p, m, { children }) {
        const people = Math.max(10, Math.ceil(children / 5));
        return { email: `person${((p * 7 + m) % people) + 1}@bench.example`, role: m % 2 ? "VIEWER" : "MEMBER", organizationRole: "ADMIN" };
      },
      changed: (args) => ({ ...args, role: "ADMIN" }),
    },
  },
};
