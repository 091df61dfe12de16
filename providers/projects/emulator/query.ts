/**
 * The project list's filters and sorts, as the emulator applies them (seed 001, List Projects).
 * Where the seed is silent: booleans filter both ways (false means "without"), member bounds are
 * inclusive, created dates are exclusive, and every sort is ascending unless prefixed with "-"
 * (the JSON:API convention).
 */
import type { EmulatorResponse } from "../../../src/emulator/server";
import { jsonApiError } from "../../../src/emulator/kit/json-api";
import type { StoredProject } from "./store";
import { PROJECT_SORTS, ROLES } from "../spec";

type Filter = (project: StoredProject) => boolean;

export function filterProjects(projects: StoredProject[], query: URLSearchParams): StoredProject[] | EmulatorResponse {
  const filters: Filter[] = [];
  const bad = (name: string, detail: string) => jsonApiError(400, "Bad Request", `${name}: ${detail}`);

  const roles = query.get("role");
  if (roles) {
    const wanted = roles.split(",").map((role) => role.trim().toUpperCase());
    const unknown = wanted.find((role) => !(ROLES as readonly string[]).includes(role));
    if (unknown) return bad("role", `unknown role "${unknown}"`);
    filters.push((p) => wanted.includes(p.myRole));
  }
  for (const [name, has] of [
    ["hasWallet", (p: StoredProject) => p.hasWallet],
    ["hasTools", (p: StoredProject) => p.toolsCount > 0],
    ["hasNotebooks", (p: StoredProject) => p.notebooksCount > 0],
  ] as const) {
    const value = query.get(name);
    if (value === null) continue;
    if (value !== "true" && value !== "false") return bad(name, "must be true or false");
    filters.push((p) => has(p) === (value === "true"));
  }
  for (const [name, keep] of [
    ["minMembers", (p: StoredProject, n: number) => p.members.size >= n],
    ["maxMembers", (p: StoredProject, n: number) => p.members.size <= n],
  ] as const) {
    const value = query.get(name);
    if (value === null) continue;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) return bad(name, "must be a non-negative integer");
    filters.push((p) => keep(p, n));
  }
  const name = query.get("name");
  if (name) filters.push((p) => p.name.toLowerCase().includes(name.toLowerCase()));
  for (const [param, keep] of [
    ["createdAfter", (p: StoredProject, t: number) => Date.parse(p.createdAt) > t],
    ["createdBefore", (p: StoredProject, t: number) => Date.parse(p.createdAt) < t],
  ] as const) {
    const value = query.get(param);
    if (value === null) continue;
    const t = Date.parse(value);
    if (Number.isNaN(t)) return bad(param, "must be an ISO 8601 timestamp");
    filters.push((p) => keep(p, t));
  }
  const sort = query.get("sort");
  if (sort && !(PROJECT_SORTS as readonly string[]).includes(sort.replace(/^-/, ""))) {
    return bad("sort", `must be one of ${PROJECT_SORTS.join(", ")}`);
  }
  return projects.filter((project) => filters.every((keep) => keep(project)));
}

const KEYS: Readonly<Record<(typeof PROJECT_SORTS)[number], (p: StoredProject) => string | number>> = {
  // "name" compares code points; "alphabetical" is the human, case-insensitive order.
  name: (p) => p.name,
  alphabetical: (p) => p.name.toLowerCase(),
  created_at: (p) => Date.parse(p.createdAt),
  updated_at: (p) => Date.parse(p.updatedAt),
  members_count: (p) => p.members.size,
  tools_count: (p) => p.toolsCount,
  notebooks_count: (p) => p.notebooksCount,
  recent_activity: (p) => Date.parse(p.activityAt),
};

export function compareProjects(sort: string): (a: StoredProject, b: StoredProject) => number {
  const descending = sort.startsWith("-");
  const key = KEYS[sort.replace(/^-/, "") as keyof typeof KEYS];
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    // Ties fall back to creation order (then id), so every sort is deterministic.
    const order = x !== y ? (x < y ? -1 : 1) : a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a.id < b.id ? -1 : 1;
    return descending ? -order : order;
  };
}
