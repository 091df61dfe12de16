/**
 * The benchmark's stacks: a shape for N resources (Langfuse organizations with several API keys
 * each, plus null_resources hanging off the organizations), the cdktf program that declares it
 * (written into a throwaway project whose node_modules links to the repo's), the "10% changed"
 * variant, and the state that matches what the emulators were seeded with.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { ResourceState, StateDocument } from "../src/state/document";
import { Sensitive } from "../src/values/sensitive";
import type { SeededOrganization } from "./emulator-protocol";

const REPO_ROOT = resolve(__dirname, "..");
const PROVIDERS = resolve(REPO_ROOT, "providers").replace(/\\/g, "/");
export const STACK_NAME = "bench";

export interface OrgSpec {
  readonly name: string;
  readonly metadata: Record<string, string>;
  readonly keyNotes: readonly string[];
}

export interface NullSpec {
  /** Index of the organization whose id is in the triggers. */
  readonly org: number;
  readonly rev: string;
}

export interface WorkspaceSpec {
  readonly name: string;
  readonly tags: Record<string, string>;
  readonly members: ReadonlyArray<{ readonly userId: string; readonly role: string }>;
}

/**
 * What one stack declares; construct ids are derived from positions (org_0001, org_0001_key_01,
 * ws_01, ws_01_m_001, n_00001).
 */
export interface StackSpec {
  readonly orgs: readonly OrgSpec[];
  readonly workspaces: readonly WorkspaceSpec[];
  readonly nulls: readonly NullSpec[];
}

export const orgId = (i: number) => `org_${String(i + 1).padStart(4, "0")}`;
export const keyId = (i: number, k: number) => `${orgId(i)}_key_${String(k + 1).padStart(2, "0")}`;
export const nullId = (j: number) => `n_${String(j + 1).padStart(5, "0")}`;
export const workspaceId = (w: number) => `ws_${String(w + 1).padStart(2, "0")}`;
export const memberId = (w: number, m: number) => `${workspaceId(w)}_m_${String(m + 1).padStart(3, "0")}`;

export function resourceCount(spec: StackSpec): number {
  return (
    spec.orgs.reduce((sum, org) => sum + 1 + org.keyNotes.length, 0) + spec.workspaces.reduce((sum, ws) => sum + 1 + ws.members.length, 0) + spec.nulls.length
  );
}

/**
 * The Anthropic part of N resources when it takes `share` of them: workspaces of up to 100
 * objects each (a workspace and its members), at most 90 workspaces (the API allows 100 active),
 * and the users they draw members from: at least one per member slot, about one per ten
 * memberships. Users cannot be made through the API, so they are seeded before the stack exists.
 */
export function anthropicSizing(n: number, share: number): { objects: number; workspaces: number; users: number } {
  const objects = Math.round(n * share);
  if (objects < 2) return { objects: 0, workspaces: 0, users: 0 };
  const workspaces = Math.min(90, Math.max(1, Math.ceil(objects / 100)));
  const perWorkspace = Math.ceil((objects - workspaces) / workspaces);
  return { objects, workspaces, users: Math.max(perWorkspace, Math.ceil(objects / 10)) };
}

/**
 * N resources: 10% null_resources, `anthropicShare` Anthropic workspaces with their members
 * (drawn from `userIds`), the rest Langfuse organizations with `keysPerOrg` keys each (the last
 * organization and workspace take what is left over).
 */
export function shapeFor(n: number, keysPerOrg: number, anthropicShare: number, userIds: readonly string[]): StackSpec {
  const nullCount = Math.round(n * 0.1);
  const sizing = anthropicSizing(n, anthropicShare);
  const workspaces: WorkspaceSpec[] = [];
  let members = sizing.objects - sizing.workspaces;
  for (let w = 0; w < sizing.workspaces; w++) {
    const count = Math.min(members, Math.ceil(members / (sizing.workspaces - w)));
    members -= count;
    workspaces.push({
      name: `Bench Workspace ${w + 1}`,
      tags: { team: `team-${w}` },
      members: Array.from({ length: count }, (_, m) => ({ userId: userIds[(w * 37 + m) % userIds.length]!, role: m % 2 ? "workspace_developer" : "workspace_user" })),
    });
  }
  let langfuse = n - nullCount - sizing.objects;
  const orgs: OrgSpec[] = [];
  while (langfuse > 0) {
    const keys = Math.min(keysPerOrg, langfuse - 1);
    const i = orgs.length;
    orgs.push({
      name: `Bench Org ${i + 1}`,
      metadata: { team: `team-${i % 17}`, costCenter: `cc-${1000 + i}` },
      keyNotes: Array.from({ length: keys }, (_, k) => `key ${k + 1} of org ${i + 1}`),
    });
    langfuse -= 1 + keys;
  }
  const nulls = Array.from({ length: nullCount }, (_, j) => ({ org: j % orgs.length, rev: "1" }));
  return { orgs, workspaces, nulls };
}

/**
 * The same stack with every 10th resource of each type changed: an organization gets
 * new metadata (update in place), a key a new note (replace: the API cannot update keys), a
 * workspace a new tag and a workspace member a new role (updates in place), a null_resource a
 * new trigger (replace, no API call).
 */
export function changedShape(spec: StackSpec): { spec: StackSpec; changed: number } {
  // Every 10th of each type, so organizations, keys and null_resources all change.
  const counters = { org: 0, key: 0, null: 0, workspace: 0, member: 0 };
  let changed = 0;
  const pick = (kind: keyof typeof counters) => {
    const hit = counters[kind]++ % 10 === 5;
    if (hit) changed++;
    return hit;
  };
  const orgs = spec.orgs.map((org) => {
    const metadata = pick("org") ? { ...org.metadata, revision: "2" } : org.metadata;
    const keyNotes = org.keyNotes.map((note) => (pick("key") ? `${note} (rotated)` : note));
    return { name: org.name, metadata, keyNotes };
  });
  const workspaces = spec.workspaces.map((ws) => ({
    name: ws.name,
    tags: pick("workspace") ? { ...ws.tags, revision: "2" } : ws.tags,
    members: ws.members.map((member) => (pick("member") ? { ...member, role: "workspace_admin" } : member)),
  }));
  const nulls = spec.nulls.map((item) => (pick("null") ? { ...item, rev: "2" } : item));
  return { spec: { orgs, workspaces, nulls }, changed };
}

/** The cdktf program: reads spec.json beside it and declares every resource. */
function programSource(): string {
  return `
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App, TerraformStack } from "cdktf";
import { LangfuseProvider, LangfuseOrganization, LangfuseOrganizationApiKey } from "${PROVIDERS}/langfuse";
import { NullProvider, NullResource } from "${PROVIDERS}/null";
import { AnthropicProvider, AnthropicWorkspace, AnthropicWorkspaceMember } from "${PROVIDERS}/anthropic";

interface Spec {
  orgs: Array<{ name: string; metadata: Record<string, string>; keyNotes: string[] }>;
  workspaces: Array<{ name: string; tags: Record<string, string>; members: Array<{ userId: string; role: string }> }>;
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

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * The state an earlier apply of `spec` would have left, given what the emulators hold. Anthropic
 * objects get their arguments and ids only: a refresh fills in what the API computed.
 */
export function matchingState(spec: StackSpec, seeded: readonly SeededOrganization[], workspaceIds: readonly string[], lineage: string): StateDocument {
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
