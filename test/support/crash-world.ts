/**
 * The world the crash harness runs in: one stack over every provider (Langfuse organizations and
 * their keys; Anthropic workspaces, workspace members and invites; OpenAI admin keys and
 * projects; projects-API projects, keys, members and an invitation), the four emulators it
 * talks to, and what a user would see there, each object named by what identifies it to a person
 * ("langfuse key ci in org Crash Org A"), not by an id. Foreign look-alikes are made through the
 * emulators' own HTTP APIs, as a colleague would make them.
 */
import { AnthropicEmulator } from "../../providers/anthropic/emulator";
import { LangfuseEmulator } from "../../providers/langfuse/emulator";
import { OpenaiEmulator } from "../../providers/openai/emulator";
import { ProjectsEmulator } from "../../providers/projects/emulator";
import { FAULT_EXEMPT_HEADER, type EmulatorServer } from "../../src/emulator/server";
import { callAdminApi } from "./admin-api";
import type { StateResource } from "./stack-run";
import { PROVIDERS } from "./workdir";

export const STACK = "crash_mixed";

const LANGFUSE_ORGS = ["Crash Org A", "Crash Org B"];
const LANGFUSE_NOTES = ["ci", "ops"];
const WORKSPACES = ["Crash WS 1", "Crash WS 2", "Crash WS 3"];
/** Users who exist in the Anthropic organization already (made in the Console), and their workspace. */
const WORKSPACE_MEMBERS = [
  { email: "ada@crash.example", workspace: 0 },
  { email: "bob@crash.example", workspace: 1 },
];
const INVITES = ["invitee1@crash.example", "invitee2@crash.example"];
const OPENAI_KEYS = ["crash-admin-1", "crash-admin-2"];
const OPENAI_PROJECTS = ["Crash Project 1", "Crash Project 2"];
const BOTS = ["Crash Bot 1", "Crash Bot 2"];
const BOT_KEYS = ["prod", "ci"];
/** A member of both projects: recovery identity is (project, user), not user. */
const BOT_LEAD = "lead@crash.example";
const BOT_INVITEE = "agent@crash.example";

export const SOURCE = `
import { App, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "${PROVIDERS}/langfuse";
import { AnthropicProvider, AnthropicWorkspace, AnthropicWorkspaceMember, AnthropicInvite, DataAnthropicUser } from "${PROVIDERS}/anthropic";
import { OpenaiProvider, OpenaiAdminApiKey, OpenaiProject } from "${PROVIDERS}/openai";
import { ProjectsProvider, Project, ProjectApiKey, ProjectMember, ProjectInvitation } from "${PROVIDERS}/projects";
const app = new App();
const stack = new TerraformStack(app, "${STACK}");
new LangfuseProvider(stack, "langfuse");
new AnthropicProvider(stack, "anthropic");
new OpenaiProvider(stack, "openai");
new ProjectsProvider(stack, "projects");
${JSON.stringify(LANGFUSE_ORGS)}.forEach((name, i) => {
  const org = new LangfuseOrganization(stack, "org" + i, { name });
  for (const note of ${JSON.stringify(LANGFUSE_NOTES)}) new LangfuseOrganizationApiKey(stack, "org" + i + "_" + note, { organizationId: org.id, note });
});
const workspaces = ${JSON.stringify(WORKSPACES)}.map((name, i) => new AnthropicWorkspace(stack, "ws" + i, { name }));
${JSON.stringify(WORKSPACE_MEMBERS)}.forEach(({ email, workspace }, i) => {
  const user = new DataAnthropicUser(stack, "user" + i, { email });
  new AnthropicWorkspaceMember(stack, "member" + i, { workspaceId: workspaces[workspace].id, userId: user.id, workspaceRole: "workspace_developer" });
});
${JSON.stringify(INVITES)}.forEach((email, i) => new AnthropicInvite(stack, "invite" + i, { email, role: "user" }));
${JSON.stringify(OPENAI_KEYS)}.forEach((name, i) => new OpenaiAdminApiKey(stack, "admin" + i, { name }));
${JSON.stringify(OPENAI_PROJECTS)}.forEach((name, i) => new OpenaiProject(stack, "oproject" + i, { name }));
${JSON.stringify(BOTS)}.forEach((name, i) => {
  const project = new Project(stack, "bot" + i, { name });
  for (const label of ${JSON.stringify(BOT_KEYS)}) new ProjectApiKey(stack, "bot" + i + "_" + label, { projectId: project.id, label });
  new ProjectMember(stack, "bot" + i + "_lead", { projectId: project.id, email: "${BOT_LEAD}", role: "MEMBER", organizationRole: "MEMBER" });
  if (i === 0) new ProjectInvitation(stack, "bot0_agent", { projectId: project.id, email: "${BOT_INVITEE}", role: "MEMBER", organizationRole: "MEMBER" });
});
app.synth();
`;

/** What identifies each declared object to a person: the names in the console. */
export const DECLARED_KEYS: readonly string[] = [
  ...LANGFUSE_ORGS.flatMap((org) => [`langfuse org "${org}"`, ...LANGFUSE_NOTES.map((note) => `langfuse key "${note}" in org "${org}"`)]),
  ...WORKSPACES.map((name) => `anthropic workspace "${name}"`),
  ...WORKSPACE_MEMBERS.map(({ email, workspace }) => `anthropic member ${email} in workspace "${WORKSPACES[workspace]}"`),
  ...INVITES.map((email) => `anthropic invite ${email}`),
  ...OPENAI_KEYS.map((name) => `openai admin key "${name}"`),
  ...OPENAI_PROJECTS.map((name) => `openai project "${name}"`),
  ...BOTS.flatMap((bot, i) => [
    `projects project "${bot}"`,
    ...BOT_KEYS.map((label) => `projects key "${label}" in project "${bot}"`),
    `projects member ${BOT_LEAD} in project "${bot}"`,
    ...(i === 0 ? [`projects invitation ${BOT_INVITEE} in project "${bot}"`] : []),
  ]),
];

/** One object as a user sees it in a console, or as state records it. */
export interface Seen {
  readonly key: string;
  readonly id: string;
  /** The secret the API issued (console side) or that state holds (state side); absent for types without one. */
  readonly secret?: unknown;
  /** Whether the type has a secret only the create response carries, or one that can be read again. */
  readonly hasSecret: boolean;
  /** Everything a user could see change about the object (console side only). */
  readonly looks?: string;
}

/** A look-alike a colleague made: its id and how it looked when made. */
export interface Foreign {
  readonly key: string;
  readonly id: string;
  readonly looks: string;
}

const ANTHROPIC_VERSION = "2023-06-01";
const EXEMPT = { [FAULT_EXEMPT_HEADER]: "1" };

export class CrashWorld {
  readonly langfuse = new LangfuseEmulator({ adminApiKey: "crash-admin-key-0123456789" });
  readonly anthropic = new AnthropicEmulator();
  readonly openai = new OpenaiEmulator({ adminKey: "sk-admin-crash-bootstrap-0123456789" });
  readonly projects = new ProjectsEmulator();
  env: NodeJS.ProcessEnv = {};

  get servers(): readonly EmulatorServer[] {
    return [this.langfuse.server, this.anthropic.server, this.openai.server, this.projects.server];
  }

  async start(): Promise<void> {
    const [langfuseUrl, anthropicUrl, openaiUrl] = await Promise.all([this.langfuse.start(), this.anthropic.start(), this.openai.start(), this.projects.start()]);
    for (const { email } of WORKSPACE_MEMBERS) this.anthropic.seedUser({ email });
    this.env = {
      LANGFUSE_BASE_URL: langfuseUrl,
      LANGFUSE_ADMIN_API_KEY: this.langfuse.adminApiKey,
      ANTHROPIC_BASE_URL: anthropicUrl,
      ANTHROPIC_ADMIN_API_KEY: this.anthropic.adminApiKey,
      OPENAI_BASE_URL: openaiUrl,
      OPENAI_ADMIN_KEY: this.openai.adminKey,
      ORGANIZATIONS_API_BASE_URL: this.projects.url,
      ORGANIZATIONS_API_KEY: this.projects.apiKey,
      ORGANIZATIONS_API_TOKEN: this.projects.token,
      ORGANIZATIONS_API_ORGANIZATION_ID: this.projects.organizationId,
      LANGFUSE_API_URL: this.projects.langfuseUrl,
    };
  }

  async stop(): Promise<void> {
    await Promise.all([this.langfuse.stop(), this.anthropic.stop(), this.openai.stop(), this.projects.stop()]);
  }

  /** Every live object of the kinds the stack declares, as the consoles show them. */
  live(): Seen[] {
    const orgName = (id: string) => this.langfuse.store.organizations.get(id)?.name ?? `(organization ${id})`;
    const store = this.anthropic.store;
    const looks = (value: unknown) => JSON.stringify(value);
    const bots = [...this.projects.projects.values()].filter((p) => !p.isDefault);
    return [
      ...[...this.langfuse.store.organizations.values()].map((o) => ({ key: `langfuse org "${o.name}"`, id: o.id, hasSecret: false, looks: looks([o.name, o.metadata]) })),
      ...[...this.langfuse.store.keys.values()]
        .filter((k) => !k.projectId)
        .map((k) => ({ key: `langfuse key "${k.note}" in org "${orgName(k.organizationId)}"`, id: k.id, secret: k.secretKey, hasSecret: true, looks: looks([k.note, k.organizationId, k.expiresAt]) })),
      ...store.listWorkspaces(false).flatMap((w) => [
        { key: `anthropic workspace "${w.name}"`, id: w.id, hasSecret: false, looks: looks(store.renderWorkspace(w)) },
        ...[...store.explicitMembers(w.id)]
          .filter(([userId]) => store.users.has(userId))
          .map(([userId, role]) => ({ key: `anthropic member ${store.user(userId).email} in workspace "${w.name}"`, id: `${w.id}/${userId}`, hasSecret: false, looks: role })),
      ]),
      ...store
        .listInvites()
        .filter((i) => store.inviteStatus(i) === "pending")
        .map((i) => ({ key: `anthropic invite ${i.email}`, id: i.id, hasSecret: false, looks: looks([i.email, i.role]) })),
      ...[...this.openai.store.adminKeys.values()]
        .filter((k) => k.value !== this.openai.adminKey)
        .map((k) => ({ key: `openai admin key "${k.name}"`, id: k.id, secret: k.value, hasSecret: true, looks: looks([k.name, k.expires_at]) })),
      ...[...this.openai.store.projects.values()]
        .filter((p) => !p.is_default && p.archived_at === null)
        .map((p) => ({ key: `openai project "${p.name}"`, id: p.id, hasSecret: false, looks: looks([p.name]) })),
      ...bots.flatMap((p) => [
        { key: `projects project "${p.name}"`, id: p.id, secret: p.secretKey, hasSecret: true, looks: looks([p.name]) },
        ...[...p.apiKeys.values()].map((k) => ({ key: `projects key "${k.label}" in project "${p.name}"`, id: k.id, secret: k.secretKey, hasSecret: true, looks: looks([k.label, k.expiresAt]) })),
        ...[...p.members.values()].map((m) => ({ key: `projects member ${m.email} in project "${p.name}"`, id: m.id, hasSecret: false, looks: looks([m.role, m.orgRole]) })),
        ...[...p.invitations.values()].map((i) => ({ key: `projects invitation ${i.email} in project "${p.name}"`, id: i.id, hasSecret: false, looks: looks([i.role, i.orgRole]) })),
      ]),
    ];
  }

  /** What state records, named the same way (parents by their live names). */
  recorded(state: ReadonlyMap<string, StateResource>): Array<Seen & { address: string }> {
    const langfuseOrg = (id: unknown) => this.langfuse.store.organizations.get(String(id))?.name ?? `(organization ${String(id)})`;
    const workspace = (id: unknown) => this.anthropic.store.workspaces.get(String(id))?.name ?? `(workspace ${String(id)})`;
    const user = (id: unknown) => this.anthropic.store.users.get(String(id))?.email ?? `(user ${String(id)})`;
    const bot = (id: unknown) => this.projects.projects.get(String(id))?.name ?? `(project ${String(id)})`;
    const seen = (r: StateResource): Omit<Seen, "id"> & { id?: string } => {
      const a = r.attributes;
      switch (r.address.split(".")[0]) {
        case "langfuse_organization": return { key: `langfuse org "${a.name}"`, hasSecret: false };
        case "langfuse_organization_api_key": return { key: `langfuse key "${a.note}" in org "${langfuseOrg(a.organization_id)}"`, secret: a.secret_key, hasSecret: true };
        case "anthropic_workspace": return { key: `anthropic workspace "${a.name}"`, hasSecret: false };
        case "anthropic_workspace_member":
          return { key: `anthropic member ${user(a.user_id)} in workspace "${workspace(a.workspace_id)}"`, id: `${a.workspace_id}/${a.user_id}`, hasSecret: false };
        case "anthropic_invite": return { key: `anthropic invite ${a.email}`, hasSecret: false };
        case "openai_admin_api_key": return { key: `openai admin key "${a.name}"`, secret: a.value, hasSecret: true };
        case "openai_project": return { key: `openai project "${a.name}"`, hasSecret: false };
        case "projects_project": return { key: `projects project "${a.name}"`, secret: a.secret_key, hasSecret: true };
        case "projects_api_key": return { key: `projects key "${a.label}" in project "${bot(a.project_id)}"`, secret: a.secret_key, hasSecret: true };
        case "projects_member": return { key: `projects member ${a.email} in project "${bot(a.project_id)}"`, id: String(a.user_id ?? a.id), hasSecret: false };
        case "projects_invitation": return { key: `projects invitation ${a.email} in project "${bot(a.project_id)}"`, hasSecret: false };
        default: return { key: `(unknown type) ${r.address}`, hasSecret: false };
      }
    };
    return [...state.values()].map((r) => {
      const s = seen(r);
      return { ...s, address: r.address, id: s.id ?? String(r.attributes.id) };
    });
  }

  /** Kinds a colleague can make a second of with the same name, and how. */
  foreignKinds(): string[] {
    return ["langfuse org", "langfuse key", "anthropic workspace", "openai admin key", "openai project", "projects key"];
  }

  /**
   * Makes a look-alike of a declared object of this kind through the API (pick chooses which
   * one), as a colleague would; undefined if its parent does not exist yet.
   */
  async makeForeign(kind: string, pick: number): Promise<Foreign | undefined> {
    const choose = <T>(items: readonly T[]) => items[Math.floor(pick * items.length) % items.length]!;
    let id: string;
    let key: string;
    if (kind === "langfuse org") {
      const name = choose(LANGFUSE_ORGS);
      id = String((await callAdminApi(`${this.env.LANGFUSE_BASE_URL}/api/admin/organizations`, "POST", this.langfuseHeaders(), { name })).id);
      key = `langfuse org "${name}"`;
    } else if (kind === "langfuse key") {
      const org = [...this.langfuse.store.organizations.values()].find((o) => LANGFUSE_ORGS.includes(o.name));
      if (!org) return undefined;
      const note = choose(LANGFUSE_NOTES);
      id = String((await callAdminApi(`${this.env.LANGFUSE_BASE_URL}/api/admin/organizations/${org.id}/apiKeys`, "POST", this.langfuseHeaders(), { note })).id);
      key = `langfuse key "${note}" in org "${org.name}"`;
    } else if (kind === "anthropic workspace") {
      const name = choose(WORKSPACES);
      const headers = { ...EXEMPT, "x-api-key": this.anthropic.adminApiKey, "anthropic-version": ANTHROPIC_VERSION };
      id = String((await callAdminApi(`${this.env.ANTHROPIC_BASE_URL}/v1/organizations/workspaces`, "POST", headers, { name })).id);
      key = `anthropic workspace "${name}"`;
    } else if (kind === "openai admin key" || kind === "openai project") {
      const name = kind === "openai project" ? choose(OPENAI_PROJECTS) : choose(OPENAI_KEYS);
      const path = kind === "openai project" ? "projects" : "admin_api_keys";
      id = String((await callAdminApi(`${this.env.OPENAI_BASE_URL}/organization/${path}`, "POST", { ...EXEMPT, authorization: `Bearer ${this.openai.adminKey}` }, { name })).id);
      key = `${kind === "openai project" ? "openai project" : "openai admin key"} "${name}"`;
    } else {
      const project = [...this.projects.projects.values()].find((p) => BOTS.includes(p.name));
      if (!project) return undefined;
      const label = choose(BOT_KEYS);
      const headers = { ...EXEMPT, "api-key": this.projects.apiKey, authorization: `Bearer ${this.projects.token}` };
      const url = `${this.projects.url}/organizations/${this.projects.organizationId}/projects/${project.id}/api-keys`;
      const body = await callAdminApi(url, "POST", headers, { data: { type: "apiKey", attributes: { label } } });
      id = String((body.data as { id: string }).id);
      key = `projects key "${label}" in project "${project.name}"`;
    }
    const made = this.live().find((s) => s.id === id);
    if (!made || made.key !== key) throw new Error(`foreign ${key} (id ${id}) is not in the emulator as made`);
    return { key, id, looks: made.looks! };
  }

  private langfuseHeaders(): Record<string, string> {
    return { ...EXEMPT, authorization: `Bearer ${this.langfuse.adminApiKey}` };
  }
}
