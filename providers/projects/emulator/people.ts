/**
 * The emulator's member and invitation routes, and the out-of-band changes tests make (a user
 * accepting an invitation, an admin changing a role in the UI). Denying access sets the project
 * role to NONE and remembers the previous one for restore, as Langfuse's project roles do.
 * Accepting an invitation deletes it and makes the invitee a member.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { EmulatorRequest, EmulatorResponse } from "../../../src/emulator/server";
import type { ProjectsEmulator } from "./";
import { jsonApiData, jsonApiError, noContent, parseJsonApiDocument } from "../../../src/emulator/kit/json-api";
import {
  INVITATION_TTL_MS,
  notFound,
  renderInvitation,
  renderMember,
  roleRuleError,
  wireRole,
  type StoredInvitation,
  type StoredMember,
  type StoredProject,
} from "./store";
import type { Role } from "../spec";

const addMember = z.object({
  email: z.email().transform((value) => value.toLowerCase()),
  role: wireRole,
  orgRole: wireRole.nullable().optional(),
  projectOnly: z.boolean().default(false),
});

const invite = z.object({
  email: z.email().transform((value) => value.toLowerCase()),
  // The seed: 'Defaults to "member"'.
  role: wireRole.default("MEMBER"),
  orgRole: wireRole.nullable().optional(),
  projectOnly: z.boolean().default(false),
});

export function registerPeopleRoutes(emulator: ProjectsEmulator, project: string): void {
  const on = (handler: (p: StoredProject, r: EmulatorRequest) => EmulatorResponse) => (r: EmulatorRequest) =>
    emulator.withProject(r, (p) => handler(p, r));
  const member = (handler: (p: StoredProject, m: StoredMember, r: EmulatorRequest) => EmulatorResponse) =>
    on((p, r) => p.members.found(r.params.userId, () => notFound("Member"), (m) => handler(p, m, r)));
  const now = () => emulator.server.clock.now();

  // Neither list documents a query parameter, nor is said to be cached (only List Projects is).
  emulator
    .route("GET", `${project}/users`, (r) => emulator.withProject(r, (p) => jsonApiData(p.members.list().map(renderMember))))
    .route(
      "POST",
      `${project}/users`,
      on((p, r) => {
        const parsed = parseJsonApiDocument(r.body, "users", addMember);
        if (!parsed.ok) return parsed.response;
        const { email, role, orgRole, projectOnly } = parsed.attributes;
        const refused = admissionProblem(p, email, role, orgRole, projectOnly);
        if (refused) return refused;
        const added = newMember(emulator, email, role, orgRole ?? null, projectOnly);
        p.members.set(added.id, added);
        emulator.touch(p);
        return jsonApiData(renderMember(added), 201);
      }),
    )
    .route(
      "PATCH",
      `${project}/users/:userId`,
      member((p, m, r) => {
        const parsed = parseJsonApiDocument(r.body, "users", z.object({ role: wireRole }), m.id);
        if (!parsed.ok) return parsed.response;
        if (m.role === "NONE") return jsonApiError(409, "Conflict", "Access to this project is denied for the user; restore it first");
        m.role = parsed.attributes.role;
        emulator.touch(p);
        return jsonApiData(renderMember(m));
      }),
    )
    .route(
      "DELETE",
      `${project}/users/:userId`,
      member((p, m) => {
        p.members.delete(m.id);
        emulator.touch(p);
        return noContent;
      }),
    )
    .route(
      "POST",
      `${project}/users/:userId/deny`,
      member((p, m) => {
        if (m.role !== "NONE") {
          m.previousRole = m.role;
          m.role = "NONE";
          emulator.touch(p);
        }
        return jsonApiData(renderMember(m));
      }),
    )
    .route(
      "POST",
      `${project}/users/:userId/restore`,
      member((p, m, r) => {
        // The seed: the role is optional; the previous one is used when it is omitted.
        let role: Role | undefined;
        if (r.body !== undefined) {
          const parsed = parseJsonApiDocument(r.body, "users", z.object({ role: wireRole.optional() }));
          if (!parsed.ok) return parsed.response;
          role = parsed.attributes.role;
        }
        m.role = role ?? (m.role === "NONE" ? (m.previousRole ?? "MEMBER") : m.role);
        m.previousRole = null;
        emulator.touch(p);
        return jsonApiData(renderMember(m));
      }),
    )
    .route("GET", `${project}/invitations`, (r) => emulator.withProject(r, (p) => jsonApiData(p.invitations.list().map((i) => renderInvitation(i, now())))))
    .route(
      "POST",
      `${project}/invitations`,
      on((p, r) => {
        const parsed = parseJsonApiDocument(r.body, "membershipInvitation", invite);
        if (!parsed.ok) return parsed.response;
        const { email, role, orgRole, projectOnly } = parsed.attributes;
        const refused = admissionProblem(p, email, role, orgRole, projectOnly);
        if (refused) return refused;
        const pending = p.invitations.list().some((i) => i.email === email && Date.parse(i.expiresAt) > now());
        if (pending) return jsonApiError(409, "Conflict", `${email} already has a pending invitation to this project`);
        const sentAt = emulator.server.clock.iso();
        const invitation: StoredInvitation = {
          id: `inv_${randomUUID().slice(0, 12)}`,
          email,
          role,
          orgRole: orgRole ?? null,
          projectOnly,
          createdAt: sentAt,
          lastSentAt: sentAt,
          expiresAt: new Date(now() + INVITATION_TTL_MS).toISOString(),
        };
        p.invitations.set(invitation.id, invitation);
        emulator.touch(p);
        return jsonApiData(renderInvitation(invitation, now()), 201);
      }),
    )
    .route(
      "POST",
      `${project}/invitations/:invitationId/resend`,
      on((p, r) => {
        const invitation = p.invitations.get(r.params.invitationId ?? "");
        if (!invitation) return notFound("Invitation");
        invitation.lastSentAt = emulator.server.clock.iso();
        invitation.expiresAt = new Date(now() + INVITATION_TTL_MS).toISOString();
        emulator.touch(p);
        return jsonApiData(renderInvitation(invitation, now()));
      }),
    )
    .route(
      "DELETE",
      `${project}/invitations/:invitationId`,
      on((p, r) => {
        if (!p.invitations.delete(r.params.invitationId ?? "")) return notFound("Invitation");
        emulator.touch(p);
        return noContent;
      }),
    );
}

/** Who may be added or invited: the role rule holds, and they are not a member already. */
function admissionProblem(project: StoredProject, email: string, role: Role, orgRole: Role | null | undefined, projectOnly: boolean): EmulatorResponse | undefined {
  const refused = roleRuleError(role, orgRole, projectOnly);
  if (refused) return refused;
  if (project.members.list().some((m) => m.email === email)) return jsonApiError(409, "Conflict", `${email} is already a member of this project`);
  return undefined;
}

function newMember(emulator: ProjectsEmulator, email: string, role: Role, orgRole: Role | null, projectOnly: boolean): StoredMember {
  return { id: emulator.userId(email), email, role, previousRole: null, orgRole, projectOnly, createdAt: emulator.server.clock.iso() };
}

/** The invitee accepts: the invitation is gone and they are a member with what it granted. */
export function acceptInvitation(emulator: ProjectsEmulator, projectId: string, email: string): StoredMember {
  const project = emulator.project(projectId);
  const invitation = project.invitations.list().find((i) => i.email === email.toLowerCase());
  if (!invitation) throw new Error(`emulator: no invitation for ${email} in ${projectId}`);
  project.invitations.delete(invitation.id);
  const added = newMember(emulator, invitation.email, invitation.role, invitation.orgRole, invitation.projectOnly);
  project.members.set(added.id, added);
  return added;
}

/** An admin changes a member's role in the UI. */
export function setMemberRole(emulator: ProjectsEmulator, projectId: string, email: string, role: Role | "NONE"): void {
  const found = emulator.project(projectId).members.list().find((m) => m.email === email.toLowerCase());
  if (!found) throw new Error(`emulator: no member ${email} in ${projectId}`);
  found.role = role;
}
