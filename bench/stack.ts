/**
 * The benchmark's stacks: the cdktf program that declares a shape (bench/shape.ts: Langfuse
 * organizations with several API keys each, Anthropic workspaces with their members, OpenAI
 * projects with service accounts, Projects API projects with members, and null_resources hanging
 * off the organizations), written into a throwaway project whose node_modules links to the
 * repo's, and the state that matches what the emulators were seeded with.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { ResourceState, StateDocument } from "../src/state/document";
import { Sensitive } from "../src/values/sensitive";
import type { SeededOpenaiProject, SeededOrganization, SeededProject } from "./emulator-protocol";
import {
  OPENAI_PAGE_SIZE,
  PROJECTS_ORGANIZATION_ROLE,
  keyId,
  memberId,
  nullId,
  openaiProjectId,
  orgId,
  projectId,
  projectMemberId,
  serviceAccountId,
  workspaceId,
  type StackSpec,
} from "./shape";

// The shapes are part of this module's interface (run.ts and the profiles import them from here).
export * from "./shape";

const REPO_ROOT = resolve(__dirname, "..");
const PROVIDERS = resolve(REPO_ROOT, "providers").replace(/\\/g, "/");
export const STACK_NAME = "bench";

/** The cdktf program: reads spec.json beside it and declares every resource. */
function programSource(): string {
  return `
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "${PROVIDERS}/langfuse";
import { NullProvider, NullResource } from "${PROVIDERS}/null";
import { AnthropicProvider, AnthropicWorkspace, AnthropicWorkspaceMember } from "${PROVIDERS}/anthropic";
import { OpenaiProvider, OpenaiProject, OpenaiProjectServiceAccount } from "${PROVIDERS}/openai";
import { ProjectsProvider, Project, ProjectMember } from "${PROVIDERS}/projects";

interface Spec {
  orgs: Array<{ name: string; metadata: Record<string, string>; keyNotes: string[] }>;
  workspaces: Array<{ name: string; tags: Record<string, string>; members: Array<{ userId: string; role: string }> }>;
  openaiProjects: Array<{ name: string; serviceAccounts: Array<{ name: string; role: "owner" | "member" }> }>;
  projects: Array<{ name: string; members: Array<{ email: string; role: "OWNER" | "ADMIN" | "MEMBER" | "VIEWER" }> }>;
  nulls: Array<{ org: number; rev: string }>;
}
const spec = JSON.parse(readFileSync(join(__dirname, "spec.json"), "utf8")) as Spec;
const pad = (n: number, width: number) => String(n).padStart(width, "0");

const app = new App();
const stack = new TerraformStack(app, ${JSON.stringify(STACK_NAME)});
new LangfuseProvider(stack, "langfuse");
new NullProvider(stack, "null");
const orgs = spec.orgs.map((org, i) => {
  const created = new LangfuseOrganization(stack, \`org_\${pad(i + 1, 4)}\`, { name: org.name, metadata: org.metadata });
  org.keyNotes.forEach((note, k) => new LangfuseOrganizationApiKey(stack, \`org_\${pad(i + 1, 4)}_key_\${pad(k + 1, 2)}\`, { organizationId: created.id, note }));
  return created;
});
if (spec.workspaces.length > 0) new AnthropicProvider(stack, "anthropic");
spec.workspaces.forEach((ws, w) => {
  const created = new AnthropicWorkspace(stack, \`ws_\${pad(w + 1, 2)}\`, { name: ws.name, tags: ws.tags });
  ws.members.forEach((member, m) =>
    new AnthropicWorkspaceMember(stack, \`ws_\${pad(w + 1, 2)}_m_\${pad(m + 1, 3)}\`, { workspaceId: created.id, userId: member.userId, workspaceRole: member.role }),
  );
});
if (spec.openaiProjects.length > 0) new OpenaiProvider(stack, "openai", { pageSize: ${OPENAI_PAGE_SIZE} });
spec.openaiProjects.forEach((project, p) => {
  const created = new OpenaiProject(stack, \`oai_\${pad(p + 1, 4)}\`, { name: project.name });
  project.serviceAccounts.forEach((account, a) =>
    new OpenaiProjectServiceAccount(stack, \`oai_\${pad(p + 1, 4)}_sa_\${pad(a + 1, 2)}\`, { projectId: created.id, name: account.name, role: account.role }),
  );
});
if (spec.projects.length > 0) new ProjectsProvider(stack, "projects");
spec.projects.forEach((project, p) => {
  const created = new Project(stack, \`prj_\${pad(p + 1, 4)}\`, { name: project.name });
  project.members.forEach((member, m) =>
    new ProjectMember(stack, \`prj_\${pad(p + 1, 4)}_m_\${pad(m + 1, 2)}\`, {
      projectId: created.id,
      email: member.email,
      role: member.role,
      organizationRole: ${JSON.stringify(PROJECTS_ORGANIZATION_ROLE)},
    }),
  );
});
spec.nulls.forEach((item, j) => new NullResource(stack, \`n_\${pad(j + 1, 5)}\`, { triggers: { org: orgs[item.org]!.id, rev: item.rev } }));
app.synth();
`;
}

/** A throwaway cdktf project holding the program and its spec. */
export class BenchProject {
  readonly dir: string;

  constructor(spec: StackSpec, label: string) {
    this.dir = mkdtempSync(join(tmpdir(), `orgform-bench-${label}-`));
    symlinkSync(resolve(REPO_ROOT, "node_modules"), join(this.dir, "node_modules"), "dir");
    writeFileSync(join(this.dir, "cdktf.json"), JSON.stringify({ language: "typescript", app: "npx tsx main.ts" }, null, 2));
    writeFileSync(join(this.dir, "main.ts"), programSource());
    writeFileSync(join(this.dir, "spec.json"), JSON.stringify(spec));
    mkdirSync(join(this.dir, "state"), { recursive: true });
  }

  /**
   * Deletes the project and forgets its program: the synthesized app (every construct of the
   * stack) would otherwise stay in require's cache, and a later phase would run with a heap no
   * CLI process has.
   */
  remove(): void {
    for (const file of Object.keys(require.cache)) if (file.startsWith(this.dir)) delete require.cache[file];
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** What the OpenAI and Projects API emulators were seeded with, in the order of the spec. */
export interface OtherSeeded {
  readonly openaiProjects?: readonly SeededOpenaiProject[];
  readonly projects?: readonly SeededProject[];
}

/**
 * The state an earlier apply of `spec` would have left, given what the emulators hold. Anthropic,
 * OpenAI and Projects API objects get their arguments, ids and what only a create returns (key
 * values): a refresh fills in what the APIs computed (colors, timestamps, status).
 */
export function matchingState(spec: StackSpec, seeded: readonly SeededOrganization[], workspaceIds: readonly string[], lineage: string, others: OtherSeeded = {}): StateDocument {
  const resources = new Map<string, ResourceState>();
  const put = (resource: ResourceState) => resources.set(resource.address, resource);
  seeded.forEach((org, i) => {
    const orgAddress = `langfuse_organization.${orgId(i)}`;
    put({
      address: orgAddress,
      mode: "managed",
      type: "langfuse_organization",
      name: orgId(i),
      provider: "langfuse",
      attributes: { name: org.name, metadata: org.metadata, id: org.id, created_at: org.createdAt, project_ids: [] },
      dependencies: [],
    });
    org.keys.forEach((key, k) => {
      put({
        address: `langfuse_organization_api_key.${keyId(i, k)}`,
        mode: "managed",
        type: "langfuse_organization_api_key",
        name: keyId(i, k),
        provider: "langfuse",
        attributes: {
          organization_id: org.id,
          note: key.note,
          id: key.id,
          public_key: key.publicKey,
          secret_key: new Sensitive(key.secretKey),
          display_secret_key: key.displaySecretKey,
          created_at: key.createdAt,
          expires_at: null,
          last_used_at: null,
        },
        dependencies: [orgAddress],
      });
    });
  });
  spec.workspaces.forEach((ws, w) => {
    const wsAddress = `anthropic_workspace.${workspaceId(w)}`;
    const id = workspaceIds[w]!;
    put({
      address: wsAddress,
      mode: "managed",
      type: "anthropic_workspace",
      name: workspaceId(w),
      provider: "anthropic",
      attributes: { id, name: ws.name, tags: ws.tags, workspace_geo: "us", allowed_inference_geos: "unrestricted", default_inference_geo: "global" },
      dependencies: [],
    });
    ws.members.forEach((member, m) => {
      put({
        address: `anthropic_workspace_member.${memberId(w, m)}`,
        mode: "managed",
        type: "anthropic_workspace_member",
        name: memberId(w, m),
        provider: "anthropic",
        attributes: { id: `${id}/${member.userId}`, workspace_id: id, user_id: member.userId, workspace_role: member.role },
        dependencies: [wsAddress],
      });
    });
  });
  spec.openaiProjects.forEach((project, p) => {
    const address = `openai_project.${openaiProjectId(p)}`;
    const made = others.openaiProjects?.[p];
    if (!made) throw new Error(`matchingState: OpenAI project ${p + 1} was not seeded`);
    put({ address, mode: "managed", type: "openai_project", name: openaiProjectId(p), provider: "openai", attributes: { id: made.id, name: project.name }, dependencies: [] });
    project.serviceAccounts.forEach((account, a) => {
      const key = made.serviceAccounts[a]!;
      put({
        address: `openai_project_service_account.${serviceAccountId(p, a)}`,
        mode: "managed",
        type: "openai_project_service_account",
        name: serviceAccountId(p, a),
        provider: "openai",
        attributes: {
          id: `${made.id}/${key.id}`,
          project_id: made.id,
          service_account_id: key.id,
          name: account.name,
          role: account.role,
          api_key_id: key.apiKeyId,
          api_key_value: new Sensitive(key.apiKeyValue),
        },
        dependencies: [address],
      });
    });
  });
  spec.projects.forEach((project, p) => {
    const address = `projects_project.${projectId(p)}`;
    const made = others.projects?.[p];
    if (!made) throw new Error(`matchingState: Projects API project ${p + 1} was not seeded`);
    put({
      address,
      mode: "managed",
      type: "projects_project",
      name: projectId(p),
      provider: "projects",
      attributes: { id: made.id, organization_id: made.organizationId, name: project.name, public_key: made.publicKey, secret_key: new Sensitive(made.secretKey) },
      dependencies: [],
    });
    project.members.forEach((member, m) => {
      put({
        address: `projects_member.${projectMemberId(p, m)}`,
        mode: "managed",
        type: "projects_member",
        name: projectMemberId(p, m),
        provider: "projects",
        attributes: {
          id: made.memberIds[m]!,
          project_id: made.id,
          email: member.email,
          role: member.role,
          organization_role: PROJECTS_ORGANIZATION_ROLE,
          project_only: false,
          access: "active",
        },
        dependencies: [address],
      });
    });
  });
  spec.nulls.forEach((item, j) => {
    put({
      address: `null_resource.${nullId(j)}`,
      mode: "managed",
      type: "null_resource",
      name: nullId(j),
      provider: "null",
      attributes: { triggers: { org: seeded[item.org]!.id, rev: item.rev }, id: String(1_000_000_000 + j) },
      dependencies: [`langfuse_organization.${orgId(item.org)}`],
    });
  });
  return { serial: 1, lineage, resources, outputs: {} };
}
