/**
 * The Projects API emulator's data and wire forms: what it stores per project, how each object
 * is rendered as a JSON:API resource object (documents and errors are the kit's json-api.ts),
 * and the role rule. The route handlers live in emulator/index.ts (projects, keys) and
 * emulator/people.ts (members, invitations).
 */
import { z } from "zod";
import { Collection } from "../../../src/emulator/kit/collection";
import { jsonApiError } from "../../../src/emulator/kit/json-api";
import type { EmulatorResponse } from "../../../src/emulator/server";
import { ROLES, type Role } from "../spec";

export type StoredRole = Role | "NONE";

export interface StoredApiKey {
  id: string;
  label: string;
  publicKey: string;
  secretKey: string;
  expiresAt: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface StoredLlmKey {
  id: string;
  provider: string;
  secretKey: string;
  customModels: string[];
  withDefaultModels: boolean;
  createdAt: string;
}

export interface StoredMember {
  /** The user's id: stable per email across projects. */
  id: string;
  email: string;
  /** NONE while access is denied. */
  role: StoredRole;
  /** The role restore brings back when it is given none. */
  previousRole: Role | null;
  orgRole: Role | null;
  projectOnly: boolean;
  createdAt: string;
}

export interface StoredInvitation {
  id: string;
  email: string;
  role: Role;
  orgRole: Role | null;
  projectOnly: boolean;
  createdAt: string;
  lastSentAt: string;
  expiresAt: string;
}

export interface StoredProject {
  id: string;
  name: string;
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
  /** Bumped by any write under the project: the `recent_activity` sort. */
  activityAt: string;
  /** The project's own key pair (`meta.secrets` with secret=true; Basic auth for analytics). */
  publicKey: string;
  secretKey: string;
  /** The authenticated user's role here (the `role` filter). */
  myRole: Role;
  hasWallet: boolean;
  toolsCount: number;
  notebooksCount: number;
  apiKeys: Collection<StoredApiKey>;
  llmKeys: Collection<StoredLlmKey>;
  members: Collection<StoredMember>;
  invitations: Collection<StoredInvitation>;
}

/** Invitations are valid for seven days from their last sending. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

// ── Rendering ──────────────────────────────────────────────────────────────
export function renderProject(project: StoredProject) {
  return {
    type: "project",
    id: project.id,
    attributes: {
      name: project.name,
      isDefault: project.isDefault,
      createdAt: project.createdAt,
      updatedAt: project.updatedAt,
      membersCount: project.members.size,
      toolsCount: project.toolsCount,
      notebooksCount: project.notebooksCount,
      hasWallet: project.hasWallet,
      role: project.myRole,
    },
  };
}

/** The secret is only in the create response; listings carry an encrypted form, as the seed says. */
export function renderApiKey(key: StoredApiKey, withSecret = false) {
  return {
    type: "apiKey",
    id: key.id,
    attributes: {
      label: key.label,
      publicKey: key.publicKey,
      ...(withSecret ? { secretKey: key.secretKey } : { encryptedSecretKey: `enc:${Buffer.from(key.secretKey).toString("base64")}` }),
      expiresAt: key.expiresAt,
      createdAt: key.createdAt,
      lastUsedAt: key.lastUsedAt,
    },
  };
}

export function renderLlmKey(key: StoredLlmKey) {
  return {
    type: "llm_api_keys",
    id: key.id,
    attributes: {
      provider: key.provider,
      displaySecretKey: `...${key.secretKey.slice(-4)}`,
      customModels: key.customModels,
      withDefaultModels: key.withDefaultModels,
      createdAt: key.createdAt,
    },
  };
}

export function renderMember(member: StoredMember) {
  return {
    type: "users",
    id: member.id,
    attributes: { email: member.email, role: member.role, orgRole: member.orgRole, projectOnly: member.projectOnly, createdAt: member.createdAt },
  };
}

export function renderInvitation(invitation: StoredInvitation, now: number) {
  return {
    type: "membershipInvitation",
    id: invitation.id,
    attributes: {
      email: invitation.email,
      role: invitation.role,
      orgRole: invitation.orgRole,
      projectOnly: invitation.projectOnly,
      status: Date.parse(invitation.expiresAt) <= now ? "expired" : "pending",
      createdAt: invitation.createdAt,
      lastSentAt: invitation.lastSentAt,
      expiresAt: invitation.expiresAt,
    },
  };
}

// ── Errors and bodies ──────────────────────────────────────────────────────
export const notFound = (what: string) => jsonApiError(404, "Not Found", `${what} not found`);

export const wireRole = z
  .string()
  .transform((value) => value.toUpperCase())
  .pipe(z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` }));

const RANK: Readonly<Record<Role, number>> = { OWNER: 4, ADMIN: 3, MEMBER: 2, VIEWER: 1 };

/** The seed's rule, enforced by the server too: the organization role must rank at least the project role. */
export function roleRuleError(role: Role, orgRole: Role | null | undefined, projectOnly: boolean): EmulatorResponse | undefined {
  if (projectOnly) return undefined;
  if (!orgRole) return jsonApiError(422, "Invalid attribute", "orgRole is required when projectOnly is false");
  if (RANK[orgRole] < RANK[role]) {
    return jsonApiError(422, "Invalid attribute", `orgRole ${orgRole} must be equal to or higher than role ${role}`);
  }
  return undefined;
}
