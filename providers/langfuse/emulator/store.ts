/**
 * The Langfuse emulator's objects and their wire forms: organizations and their projects,
 * organization and project key pairs, users and their organization and project roles, LLM
 * connections, analytics, and the background job that finishes project deletions. Both route files
 * (emulator/index.ts, the admin API; emulator/public.ts, the public API) work on one store.
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { Collection } from "../../../src/emulator/kit/collection";
import type { EmulatorClock, EmulatorResponse } from "../../../src/emulator/server";
import { LangfuseAnalytics } from "./analytics";
import type { ROLES } from "../spec";

export type Role = (typeof ROLES)[number];

export interface StoredProject {
  id: string;
  name: string;
  metadata: Record<string, unknown> | null;
  retentionDays: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface StoredOrganization {
  id: string;
  name: string;
  metadata: Record<string, unknown>;
  createdAt: string;
  projects: StoredProject[];
}

/** An API key. Organization keys come from the admin API, project keys from the public API. */
export interface StoredKey {
  id: string;
  organizationId: string;
  /** Set for project-scoped keys. */
  projectId?: string;
  note: string | null;
  publicKey: string;
  secretKey: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

export interface StoredUser {
  id: string;
  email: string;
  name: string | null;
}

export interface StoredLlmConnection {
  id: string;
  projectId: string;
  provider: string;
  adapter: string;
  secretKey: string;
  baseURL: string | null;
  customModels: string[];
  withDefaultModels: boolean;
  extraHeaderKeys: string[];
  /** Adapter settings (Bedrock: { region }). */
  config?: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
}

/** Who a Basic auth key pair is: the scope every public route checks. */
export type Principal =
  | { readonly level: "organization"; readonly orgId: string; readonly keyId: string }
  | { readonly level: "project"; readonly orgId: string; readonly projectId: string; readonly keyId: string };

export class LangfuseStore {
  readonly organizations = new Collection<StoredOrganization>();
  /** Organization keys (admin API) by id. */
  readonly keys = new Collection<StoredKey>();
  /** Project keys (public API) by id. */
  readonly projectKeys = new Collection<StoredKey>();
  readonly users = new Collection<StoredUser>();
  /** orgId → userId → role. */
  readonly orgMembers = new Map<string, Map<string, Role>>();
  /** projectId → userId → role. */
  readonly projectMembers = new Map<string, Map<string, Role>>();
  readonly llmConnections = new Collection<StoredLlmConnection>();
  /** Daily metrics and traces by project (seeded: the emulator ingests nothing). */
  readonly analytics = new LangfuseAnalytics();
  /**
   * Langfuse deletes a project in a background job: the DELETE answers 202 and the project leaves
   * every read at once, but its organization cannot be deleted until the job is done. Here the
   * job finishes on the Nth request to the emulator after the DELETE (0: at once; `tick` counts
   * them), or when a test calls finishProjectDeletions(), so tests meet the real behaviour
   * without sleeping.
   */
  projectDeletionDelay = 2;
  private readonly pendingDeletions: Array<{ orgId: string; remaining: number }> = [];

  constructor(private readonly clock: EmulatorClock) {}

  organization(id: string): StoredOrganization {
    const org = this.organizations.get(id);
    if (!org) throw new Error(`no organization ${id}`);
    return org;
  }

  addOrganization(name: string, metadata: Record<string, unknown>): StoredOrganization {
    const org: StoredOrganization = { id: `org_${randomUUID().replace(/-/g, "").slice(0, 24)}`, name, metadata, createdAt: this.clock.iso(), projects: [] };
    this.organizations.set(org.id, org);
    return org;
  }

  /** An organization leaves with its memberships and organization keys. */
  removeOrganization(org: StoredOrganization): void {
    this.organizations.delete(org.id);
    this.orgMembers.delete(org.id);
    for (const key of this.keys.list()) if (key.organizationId === org.id) this.keys.delete(key.id);
  }

  addProject(org: StoredOrganization, fields: Pick<StoredProject, "name" | "metadata" | "retentionDays">): StoredProject {
    const now = this.clock.iso();
    const project: StoredProject = { id: `proj_${randomUUID().replace(/-/g, "").slice(0, 12)}`, ...fields, createdAt: now, updatedAt: now };
    org.projects.push(project);
    return project;
  }

  /** The project and its organization, wherever it lives. */
  findProject(projectId: string): { org: StoredOrganization; project: StoredProject } | undefined {
    for (const org of this.organizations.values()) {
      const project = org.projects.find((p) => p.id === projectId);
      if (project) return { org, project };
    }
    return undefined;
  }

  /** Deleting a project takes its keys, memberships, LLM connections and analytics with it. */
  removeProject(org: StoredOrganization, projectId: string): void {
    org.projects = org.projects.filter((p) => p.id !== projectId);
    for (const key of this.projectKeys.list()) if (key.projectId === projectId) this.projectKeys.delete(key.id);
    for (const connection of this.llmConnections.list()) if (connection.projectId === projectId) this.llmConnections.delete(connection.id);
    this.projectMembers.delete(projectId);
    this.analytics.forget(projectId);
  }

  /** A project DELETE: gone from reads now, still blocking its organization's deletion for a while. */
  deleteProjectLater(org: StoredOrganization, projectId: string): void {
    this.removeProject(org, projectId);
    if (this.projectDeletionDelay > 0) this.pendingDeletions.push({ orgId: org.id, remaining: this.projectDeletionDelay });
  }

  /** A request arrived: the background job moves one step. */
  tick(): void {
    for (const pending of this.pendingDeletions) pending.remaining--;
    this.finishProjectDeletions((pending) => pending.remaining <= 0);
  }

  /** Completes the background deletions (all of them, or those `which` picks). */
  finishProjectDeletions(which: (pending: { orgId: string; remaining: number }) => boolean = () => true): void {
    for (let i = this.pendingDeletions.length - 1; i >= 0; i--) if (which(this.pendingDeletions[i]!)) this.pendingDeletions.splice(i, 1);
  }

  /** Project deletions of this organization the background job has not finished. */
  pendingProjectDeletions(orgId: string): number {
    return this.pendingDeletions.filter((pending) => pending.orgId === orgId).length;
  }

  /** The user with this email (made on first sight, name kept from the first), optionally made a member. */
  addUser(email: string, name: string | null, member?: { organizationId: string; role: Role }): StoredUser {
    const user = this.userByEmail(email) ?? { id: `user_${randomUUID().replace(/-/g, "").slice(0, 20)}`, email: email.toLowerCase(), name };
    this.users.set(user.id, user);
    if (member) this.membersOf(this.organization(member.organizationId).id).set(user.id, member.role);
    return user;
  }

  userByEmail(email: string): StoredUser | undefined {
    return this.users.list().find((user) => user.email === email.toLowerCase());
  }

  membersOf(orgId: string): Map<string, Role> {
    let members = this.orgMembers.get(orgId);
    if (!members) this.orgMembers.set(orgId, (members = new Map()));
    return members;
  }

  projectMembersOf(projectId: string): Map<string, Role> {
    let members = this.projectMembers.get(projectId);
    if (!members) this.projectMembers.set(projectId, (members = new Map()));
    return members;
  }

  /** Leaving an organization also ends the user's roles in its projects. */
  removeMember(orgId: string, userId: string): boolean {
    const removed = this.membersOf(orgId).delete(userId);
    for (const project of this.organizations.get(orgId)?.projects ?? []) this.projectMembers.get(project.id)?.delete(userId);
    return removed;
  }

  createKeyFor(org: StoredOrganization, note: string | null, projectId?: string): StoredKey {
    const key: StoredKey = {
      id: randomUUID(),
      organizationId: org.id,
      ...(projectId ? { projectId } : {}),
      note,
      publicKey: `pk-lf-${randomUUID()}`,
      secretKey: `sk-lf-${randomUUID()}`,
      createdAt: this.clock.iso(),
      expiresAt: null,
      lastUsedAt: null,
    };
    (projectId ? this.projectKeys : this.keys).set(key.id, key);
    return key;
  }

  /** Whom a key pair names, or undefined when the pair is unknown. */
  principal(publicKey: string, secretKey: string): Principal | undefined {
    const orgKey = this.keys.list().find((key) => key.publicKey === publicKey);
    if (orgKey && orgKey.secretKey === secretKey) return { level: "organization", orgId: orgKey.organizationId, keyId: orgKey.id };
    const projectKey = this.projectKeys.list().find((key) => key.publicKey === publicKey);
    if (projectKey && projectKey.secretKey === secretKey && projectKey.projectId) {
      return { level: "project", orgId: projectKey.organizationId, projectId: projectKey.projectId, keyId: projectKey.id };
    }
    return undefined;
  }
}

export function displaySecret(secret: string): string {
  return `sk-lf-...${secret.slice(-4)}`;
}

/** A key as lists show it: never the secret. */
export function keySummary(key: StoredKey) {
  return {
    id: key.id,
    createdAt: key.createdAt,
    expiresAt: key.expiresAt,
    lastUsedAt: key.lastUsedAt,
    note: key.note,
    publicKey: key.publicKey,
    displaySecretKey: displaySecret(key.secretKey),
  };
}

/** The create response: the only time the secret is shown. */
export function keyCreated(key: StoredKey) {
  return { id: key.id, createdAt: key.createdAt, publicKey: key.publicKey, secretKey: key.secretKey, displaySecretKey: displaySecret(key.secretKey), note: key.note };
}

export function invalidBody(error: z.ZodError): EmulatorResponse {
  return { status: 400, body: { error: "Invalid request body", details: error.issues.map((i) => ({ path: i.path, message: i.message })) } };
}
