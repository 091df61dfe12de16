/**
 * The benchmark's stack shapes, as plain data: what a stack of N resources declares across every
 * built-in provider (the spec), its construct ids, and the "10% changed" variant. No I/O here;
 * bench/stack.ts writes a spec out as a cdktf program and builds the state that matches it.
 */

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

export interface OpenaiProjectSpec {
  readonly name: string;
  readonly serviceAccounts: ReadonlyArray<{ readonly name: string; readonly role: "owner" | "member" }>;
}

/** A Projects API (seed 001) project and its members, by email. */
export interface ProjectSpec {
  readonly name: string;
  readonly members: ReadonlyArray<{ readonly email: string; readonly role: "OWNER" | "ADMIN" | "MEMBER" | "VIEWER" }>;
}

/**
 * What one stack declares; construct ids are derived from positions (org_0001, org_0001_key_01,
 * ws_01, ws_01_m_001, oai_0001, oai_0001_sa_01, prj_0001, prj_0001_m_01, n_00001).
 */
export interface StackSpec {
  readonly orgs: readonly OrgSpec[];
  readonly workspaces: readonly WorkspaceSpec[];
  readonly openaiProjects: readonly OpenaiProjectSpec[];
  readonly projects: readonly ProjectSpec[];
  readonly nulls: readonly NullSpec[];
}

/** The stack's OpenAI provider asks for pages of this many items (the API's maximum). */
export const OPENAI_PAGE_SIZE = 100;
/** Objects per OpenAI project: the project and its service accounts (one list page each). */
export const OPENAI_OBJECTS_PER_PROJECT = 20;
/** Objects per Projects API project: the project and its members. */
export const PROJECTS_OBJECTS_PER_PROJECT = 10;
/** Every Projects API member's organization role: it must rank at least any project role the stacks give. */
export const PROJECTS_ORGANIZATION_ROLE = "ADMIN";

export const orgId = (i: number) => `org_${String(i + 1).padStart(4, "0")}`;
export const keyId = (i: number, k: number) => `${orgId(i)}_key_${String(k + 1).padStart(2, "0")}`;
export const nullId = (j: number) => `n_${String(j + 1).padStart(5, "0")}`;
export const workspaceId = (w: number) => `ws_${String(w + 1).padStart(2, "0")}`;
export const memberId = (w: number, m: number) => `${workspaceId(w)}_m_${String(m + 1).padStart(3, "0")}`;
export const openaiProjectId = (p: number) => `oai_${String(p + 1).padStart(4, "0")}`;
export const serviceAccountId = (p: number, a: number) => `${openaiProjectId(p)}_sa_${String(a + 1).padStart(2, "0")}`;
export const projectId = (p: number) => `prj_${String(p + 1).padStart(4, "0")}`;
export const projectMemberId = (p: number, m: number) => `${projectId(p)}_m_${String(m + 1).padStart(2, "0")}`;

export function resourceCount(spec: StackSpec): number {
  return (
    spec.orgs.reduce((sum, org) => sum + 1 + org.keyNotes.length, 0) +
    spec.workspaces.reduce((sum, ws) => sum + 1 + ws.members.length, 0) +
    spec.openaiProjects.reduce((sum, project) => sum + 1 + project.serviceAccounts.length, 0) +
    spec.projects.reduce((sum, project) => sum + 1 + project.members.length, 0) +
    spec.nulls.length
  );
}

/**
 * `objects` split into parents of up to `perParent` objects each (a parent and its children):
 * the number of children of each parent, spread evenly. Fewer than 2 objects make no parent.
 */
export function childCounts(objects: number, perParent: number): number[] {
  if (objects < 2) return [];
  const parents = Math.ceil(objects / perParent);
  let children = objects - parents;
  return Array.from({ length: parents }, (_, p) => {
    const count = Math.min(children, Math.ceil(children / (parents - p)));
    children -= count;
    return count;
  });
}

/** Shares of N besides Anthropic's; each provider's part is `round(n × share)` objects. */
export interface OtherShares {
  readonly openai?: number;
  readonly projects?: number;
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
 * (drawn from `userIds`), `others.openai` OpenAI projects with service accounts, `others.projects`
 * Projects API projects with members, the rest Langfuse organizations with `keysPerOrg` keys
 * each (the last organization and workspace take what is left over). Exactly N in all.
 */
export function shapeFor(n: number, keysPerOrg: number, anthropicShare: number, userIds: readonly string[], others: OtherShares = {}): StackSpec {
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
  const openaiProjects: OpenaiProjectSpec[] = childCounts(Math.round(n * (others.openai ?? 0)), OPENAI_OBJECTS_PER_PROJECT).map((count, p) => ({
    name: `Bench Project ${p + 1}`,
    serviceAccounts: Array.from({ length: count }, (_, a) => ({ name: `bench-bot-${p + 1}-${a + 1}`, role: a % 5 === 0 ? "owner" : "member" })),
  }));
  const projectSizes = childCounts(Math.round(n * (others.projects ?? 0)), PROJECTS_OBJECTS_PER_PROJECT);
  // People are members of several projects: about one person per five memberships.
  const people = Math.max(PROJECTS_OBJECTS_PER_PROJECT, Math.ceil(projectSizes.reduce((sum, count) => sum + count, 0) / 5));
  const projects: ProjectSpec[] = projectSizes.map((count, p) => ({
    name: `Bench Project ${p + 1}`,
    members: Array.from({ length: count }, (_, m) => ({ email: `person${((p * 7 + m) % people) + 1}@bench.example`, role: m % 2 ? "VIEWER" : "MEMBER" })),
  }));
  const objects = (parents: ReadonlyArray<{ readonly length: number }>) => parents.reduce((sum, children) => sum + 1 + children.length, 0);
  let langfuse = n - nullCount - sizing.objects - objects(openaiProjects.map((p) => p.serviceAccounts)) - objects(projects.map((p) => p.members));
  // null_resources reference organizations: at least one must be left for Langfuse.
  if (langfuse < 1 && nullCount > 0) {
    throw new Error(`N=${n}: the shares leave nothing for Langfuse organizations (null_resources reference them); lower --anthropic-share, --openai-share or --projects-share`);
  }
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
  return { orgs, workspaces, openaiProjects, projects, nulls };
}

/**
 * The same stack with every 10th resource of each type changed: an organization gets
 * new metadata (update in place), a key a new note (replace: the API cannot update keys), a
 * workspace a new tag and a workspace member a new role (updates in place), an OpenAI project
 * and a service account a new name (updates in place), a Projects API project a new name and a
 * member a new role (updates in place), a null_resource a new trigger (replace, no API call).
 */
export function changedShape(spec: StackSpec): { spec: StackSpec; changed: number } {
  // Every 10th of each type, counting from the first, so every type with any object changes
  // (at N=1,000 there are only 5 workspaces and 5 OpenAI projects).
  const counters = { org: 0, key: 0, null: 0, workspace: 0, member: 0, openaiProject: 0, serviceAccount: 0, project: 0, projectMember: 0 };
  let changed = 0;
  const pick = (kind: keyof typeof counters) => {
    const hit = counters[kind]++ % 10 === 0;
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
  const openaiProjects = spec.openaiProjects.map((project) => ({
    name: pick("openaiProject") ? `${project.name} (renamed)` : project.name,
    serviceAccounts: project.serviceAccounts.map((account) => (pick("serviceAccount") ? { ...account, name: `${account.name}-renamed` } : account)),
  }));
  const projects = spec.projects.map((project) => ({
    name: pick("project") ? `${project.name} (renamed)` : project.name,
    members: project.members.map((member) => (pick("projectMember") ? { ...member, role: "ADMIN" as const } : member)),
  }));
  const nulls = spec.nulls.map((item) => (pick("null") ? { ...item, rev: "2" } : item));
  return { spec: { orgs, workspaces, openaiProjects, projects, nulls }, changed };
}
