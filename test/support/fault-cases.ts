/**
 * One stack of about thirty objects per provider, for the fault and crash tests, and two views of
 * the same world: what the emulator holds and what state says. Each object is named by a key a
 * user would recognise (an organization's name, a key's note under its organization); a key that
 * appears twice in the emulator is a duplicate, and the two views must end up equal, secrets
 * included.
 */
import type { EmulatorServer } from "../../src/emulator/server";
import type { Fault } from "../../src/emulator/faults";
import { AnthropicEmulator } from "../../providers/anthropic/emulator";
import { LangfuseEmulator } from "../../providers/langfuse/emulator";
import { OpenaiEmulator } from "../../providers/openai/emulator";
import { ProjectsEmulator } from "../../providers/projects/emulator";
import type { StateResource } from "./stack-run";
import { PROVIDERS } from "./workdir";

/** One object as either side sees it. */
export interface Seen {
  readonly key: string;
  readonly id: string;
  /** The secret only the create response carried, where the type has one. */
  readonly secret?: unknown;
}

export interface ProviderCase {
  readonly name: string;
  readonly stack: string;
  /** The stack program. */
  readonly source: string;
  /** Extra CLI arguments (variables). */
  readonly args: readonly string[];
  /** How many objects the stack declares. */
  readonly declared: number;
  start(): Promise<RunningCase>;
}

export interface RunningCase {
  readonly env: NodeJS.ProcessEnv;
  readonly server: EmulatorServer;
  /** Live objects in the emulator. */
  emulated(): Seen[];
  /** The same objects as recorded in state. */
  recorded(state: Map<string, StateResource>): Seen[];
  stop(): Promise<void>;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const attrs = (state: Map<string, StateResource>, type: string) => [...state.values()].filter((r) => r.address.startsWith(`${type}.`)).map((r) => r.attributes);

export const LLM_SECRET = "sk-faults-llm-secret-0123456789";

export const langfuseCase: ProviderCase = {
  name: "langfuse",
  stack: "faults",
  declared: 30,
  args: [],
  source: `
import { App, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "${PROVIDERS}/langfuse";
const app = new App();
const stack = new TerraformStack(app, "faults");
new LangfuseProvider(stack, "langfuse");
for (const i of [1, 2, 3, 4, 5]) {
  const org = new LangfuseOrganization(stack, "org" + i, { name: "Faults Org " + i });
  for (const j of [1, 2, 3, 4, 5]) new LangfuseOrganizationApiKey(stack, "key" + i + "_" + j, { organizationId: org.id, note: "key " + i + "-" + j });
}
app.synth();
`,
  async start() {
    const emulator = new LangfuseEmulator({ adminApiKey: "faults-admin-key-0123456789" });
    const url = await emulator.start();
    return {
      env: { LANGFUSE_BASE_URL: url, LANGFUSE_ADMIN_API_KEY: emulator.adminApiKey },
      server: emulator.server,
      emulated: () => [
        ...[...emulator.store.organizations.values()].map((o) => ({ key: `org:${o.name}`, id: o.id })),
        ...[...emulator.store.keys.values()].map((k) => ({ key: `key:${k.organizationId}/${k.note}`, id: k.id, secret: k.secretKey })),
      ],
      recorded: (state) => [
        ...attrs(state, "langfuse_organization").map((a) => ({ key: `org:${a.name}`, id: String(a.id) })),
        ...attrs(state, "langfuse_organization_api_key").map((a) => ({ key: `key:${a.organization_id}/${a.note}`, id: String(a.id), secret: a.secret_key })),
      ],
      stop: () => emulator.stop(),
    };
  },
};

export const openaiCase: ProviderCase = {
  name: "openai",
  stack: "faults",
  declared: 30,
  args: [],
  source: `
import { App, TerraformStack } from "cdktf";
import { OpenaiProvider, OpenaiAdminApiKey, OpenaiProject } from "${PROVIDERS}/openai";
const app = new App();
const stack = new TerraformStack(app, "faults");
new OpenaiProvider(stack, "openai");
for (let i = 1; i <= 20; i++) new OpenaiAdminApiKey(stack, "key" + i, { name: "faults-key-" + i });
for (let i = 1; i <= 10; i++) new OpenaiProject(stack, "project" + i, { name: "Faults Project " + i });
app.synth();
`,
  async start() {
    const emulator = new OpenaiEmulator({ adminKey: "sk-admin-faults-bootstrap-0123456789" });
    const url = await emulator.start();
    return {
      env: { OPENAI_BASE_URL: url, OPENAI_ADMIN_KEY: emulator.adminKey },
      server: emulator.server,
      emulated: () => [
        ...[...emulator.store.adminKeys.values()].filter((k) => k.value !== emulator.adminKey).map((k) => ({ key: `admin_key:${k.name}`, id: k.id, secret: k.value })),
        ...[...emulator.store.projects.values()].filter((p) => !p.is_default && p.archived_at === null).map((p) => ({ key: `project:${p.name}`, id: p.id })),
      ],
      recorded: (state) => [
        ...attrs(state, "openai_admin_api_key").map((a) => ({ key: `admin_key:${a.name}`, id: String(a.id), secret: a.value })),
        ...attrs(state, "openai_project").map((a) => ({ key: `project:${a.name}`, id: String(a.id) })),
      ],
      stop: () => emulator.stop(),
    };
  },
};

export const projectsCase: ProviderCase = {
  name: "projects",
  stack: "faults",
  declared: 30,
  args: ["--var", `llm_key=${LLM_SECRET}`],
  source: `
import { App, TerraformStack, TerraformVariable } from "cdktf";
import { ProjectsProvider, Project, ProjectApiKey, ProjectLlmApiKey } from "${PROVIDERS}/projects";
const app = new App();
const stack = new TerraformStack(app, "faults");
new ProjectsProvider(stack, "projects");
const llmKey = new TerraformVariable(stack, "llm_key", { type: "string", sensitive: true });
for (const i of [1, 2, 3, 4, 5, 6]) {
  const project = new Project(stack, "project" + i, { name: "Faults Project " + i });
  for (const j of [1, 2, 3]) new ProjectApiKey(stack, "key" + i + "_" + j, { projectId: project.id, label: "key " + i + "-" + j });
  new ProjectLlmApiKey(stack, "llm" + i, { projectId: project.id, llmProvider: "openai", secretKey: llmKey.stringValue });
}
app.synth();
`,
  async start() {
    const emulator = new ProjectsEmulator();
    await emulator.start();
    const live = () => [...emulator.projects.values()].filter((p) => !p.isDefault);
    return {
      env: {
        ORGANIZATIONS_API_BASE_URL: emulator.url,
        ORGANIZATIONS_API_KEY: emulator.apiKey,
        ORGANIZATIONS_API_TOKEN: emulator.token,
        ORGANIZATIONS_API_ORGANIZATION_ID: emulator.organizationId,
        LANGFUSE_API_URL: emulator.langfuseUrl,
      },
      server: emulator.server,
      emulated: () =>
        live().flatMap((p) => [
          { key: `project:${p.name}`, id: p.id, secret: p.secretKey },
          ...[...p.apiKeys.values()].map((k) => ({ key: `api_key:${p.id}/${k.label}`, id: k.id, secret: k.secretKey })),
          // Write-only: state keeps a fingerprint, so the secret compared is the one the stack sent.
          ...[...p.llmKeys.values()].map((k) => ({ key: `llm:${p.id}/${k.provider}`, id: k.id, secret: k.secretKey === LLM_SECRET })),
        ]),
      recorded: (state) => [
        ...attrs(state, "projects_project").map((a) => ({ key: `project:${a.name}`, id: String(a.id), secret: a.secret_key })),
        ...attrs(state, "projects_api_key").map((a) => ({ key: `api_key:${a.project_id}/${a.label}`, id: String(a.id), secret: a.secret_key })),
        ...attrs(state, "projects_llm_api_key").map((a) => ({ key: `llm:${a.project_id}/${a.llm_provider}`, id: String(a.id), secret: true })),
      ],
      stop: () => emulator.stop(),
    };
  },
};

export const anthropicCase: ProviderCase = {
  name: "anthropic",
  stack: "faults",
  declared: 30,
  args: [],
  source: `
import { App, TerraformStack } from "cdktf";
import { AnthropicProvider, AnthropicWorkspace, AnthropicInvite } from "${PROVIDERS}/anthropic";
const app = new App();
const stack = new TerraformStack(app, "faults");
new AnthropicProvider(stack, "anthropic");
for (let i = 1; i <= 15; i++) new AnthropicWorkspace(stack, "ws" + i, { name: "Faults Workspace " + i });
for (let i = 1; i <= 15; i++) new AnthropicInvite(stack, "invite" + i, { email: "person" + i + "@faults.example.com", role: "user" });
app.synth();
`,
  async start() {
    const emulator = new AnthropicEmulator();
    const url = await emulator.start();
    return {
      env: { ANTHROPIC_BASE_URL: url, ANTHROPIC_ADMIN_API_KEY: emulator.adminApiKey },
      server: emulator.server,
      emulated: () => [
        ...[...emulator.store.workspaces.values()].filter((w) => w.archived_at === null).map((w) => ({ key: `workspace:${w.name}`, id: w.id })),
        ...[...emulator.store.invites.values()].filter((i) => i.status === "pending").map((i) => ({ key: `invite:${i.email}`, id: i.id })),
      ],
      recorded: (state) => [
        ...attrs(state, "anthropic_workspace").map((a) => ({ key: `workspace:${a.name}`, id: String(a.id) })),
        ...attrs(state, "anthropic_invite").map((a) => ({ key: `invite:${a.email}`, id: String(a.id) })),
      ],
      stop: () => emulator.stop(),
    };
  },
};

/** Counts the faults an emulator actually injected, by kind (429, 500, reset-after-commit, …). */
export function countFaults(server: EmulatorServer): Map<string, number> {
  const counts = new Map<string, number>();
  const next = server.faults.next.bind(server.faults);
  server.faults.next = (method: string): Fault => {
    const fault = next(method);
    const kind = fault.kind === "status" ? String(fault.status) : fault.kind;
    counts.set(`${method} ${kind}`, (counts.get(`${method} ${kind}`) ?? 0) + 1);
    return fault;
  };
  return counts;
}

export const bySortedKey = (seen: readonly Seen[]): Seen[] => [...seen].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

export { range };
