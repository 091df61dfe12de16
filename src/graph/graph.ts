/**
 * The dependency graph of a stack: which resources and data sources each one references (through
 * expressions, locals and depends_on). Building it checks that every reference names something
 * that exists and that there is no cycle; both errors name the addresses involved.
 */
import { OrgformError } from "../errors";
import { traversals, type Expr, type Traversal } from "../config/expression";
import type { StackConfig } from "../config/model";

export interface DependencyGraph {
  /** address → addresses it depends on (resources and data sources only). */
  readonly dependencies: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every address, dependencies before dependants. */
  readonly order: readonly string[];
}

const IGNORED_ROOTS = new Set(["path", "terraform"]);

export function buildGraph(config: StackConfig): DependencyGraph {
  const dependencies = new Map<string, Set<string>>();
  const localDeps = new Map<string, Set<string>>();
  const resolveLocal = (name: string, where: string, seen: Set<string>): Set<string> => {
    const cached = localDeps.get(name);
    if (cached) return cached;
    if (seen.has(name)) throw new OrgformError("CYCLE", `local.${name} refers to itself: ${[...seen, name].map((n) => `local.${n}`).join(" → ")}.`);
    const expr = config.locals.get(name);
    if (!expr) throw new OrgformError("UNDEFINED_REFERENCE", `${where}: reference "local.${name}" refers to a local value that is not declared.`);
    seen.add(name);
    const found = referencesOf(expr, `local.${name}`, seen);
    seen.delete(name);
    localDeps.set(name, found);
    return found;
  };
  const referencesOf = (expr: Expr, where: string, seen: Set<string> = new Set()): Set<string> => {
    const found = new Set<string>();
    for (const path of traversals(expr)) {
      const target = addressOf(path, where, config);
      if (target === undefined) continue;
      if (target.startsWith("local.")) resolveLocal(target.slice(6), where, seen).forEach((address) => found.add(address));
      else found.add(target);
    }
    return found;
  };

  for (const resource of config.resources.values()) {
    const deps = referencesOf(resource.body, resource.address);
    for (const dependency of resource.dependsOn) {
      if (!config.resources.has(dependency)) {
        throw new OrgformError("UNDEFINED_REFERENCE", `${resource.address}: depends_on names "${dependency}", which is not declared in the stack.`);
      }
      deps.add(dependency);
    }
    dependencies.set(resource.address, deps);
  }
  for (const output of config.outputs.values()) referencesOf(output.value, `output.${output.name}`);
  for (const provider of config.providers.values()) {
    const refs = referencesOf(provider.body, `provider.${provider.key}`);
    if (refs.size > 0) {
      throw new OrgformError("CONFIG_INVALID", `provider.${provider.key}: a provider's settings may use variables and locals, not resources (${[...refs].join(", ")}).`);
    }
  }
  return { dependencies, order: topologicalOrder(dependencies) };
}

/** The resource or data address a reference path points at, "local.x", or undefined for vars. */
function addressOf(path: Traversal, where: string, config: StackConfig): string | undefined {
  const [root, second, third] = path;
  const text = path.join(".");
  if (root === undefined || IGNORED_ROOTS.has(root)) return undefined;
  if (root === "var") {
    if (!second || !config.variables.has(second)) {
      throw new OrgformError("UNDEFINED_REFERENCE", `${where}: reference "${text}" refers to a variable that is not declared. Declare it with TerraformVariable.`);
    }
    return undefined;
  }
  if (root === "local") return `local.${second}`;
  if (root === "data") {
    const address = `data.${second}.${third}`;
    if (!config.resources.has(address)) throw new OrgformError("UNDEFINED_REFERENCE", `${where}: reference "${text}" refers to a data source that is not declared.`);
    return address;
  }
  const address = `${root}.${second}`;
  if (!config.resources.has(address)) {
    throw new OrgformError("UNDEFINED_REFERENCE", `${where}: reference "${text}" refers to a resource that is not declared in the stack.`);
  }
  return address;
}

/** Who depends on each node: the dependency map turned around, in one pass. */
export function dependantsOf(dependencies: ReadonlyMap<string, Iterable<string>>): Map<string, string[]> {
  const dependants = new Map<string, string[]>();
  for (const [node, deps] of dependencies) {
    for (const dep of deps) appendTo(dependants, dep, node);
  }
  return dependants;
}

/** Appends in place: a node with thousands of dependants (an organization's keys) is not copied per one. */
export function appendTo(lists: Map<string, string[]>, key: string, value: string): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

/** Kahn's algorithm, deterministic (sorted); a leftover means a cycle, reported with its path. */
export function topologicalOrder(dependencies: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const remaining = new Map<string, number>();
  for (const [node, deps] of dependencies) remaining.set(node, deps.size);
  const dependants = dependantsOf(dependencies);
  const ready = [...remaining].filter(([, count]) => count === 0).map(([node]) => node).sort();
  const order: string[] = [];
  while (ready.length > 0) {
    const node = ready.shift()!;
    order.push(node);
    for (const dependant of dependants.get(node) ?? []) {
      const left = remaining.get(dependant)! - 1;
      remaining.set(dependant, left);
      if (left === 0) ready.push(dependant);
    }
  }
  if (order.length < dependencies.size) {
    const cycle = findCycle(dependencies, new Set(order));
    throw new OrgformError("CYCLE", `the stack has a dependency cycle: ${cycle.join(" → ")}. Break it by removing one of these references.`, { cycle });
  }
  return order;
}

function findCycle(dependencies: ReadonlyMap<string, ReadonlySet<string>>, done: ReadonlySet<string>): string[] {
  const stack: string[] = [];
  const onStack = new Set<string>();
  const visited = new Set<string>();
  const visit = (node: string): string[] | undefined => {
    if (onStack.has(node)) return [...stack.slice(stack.indexOf(node)), node];
    if (visited.has(node) || done.has(node)) return undefined;
    visited.add(node);
    stack.push(node);
    onStack.add(node);
    for (const dep of [...(dependencies.get(node) ?? [])].sort()) {
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    stack.pop();
    onStack.delete(node);
    return undefined;
  };
  for (const node of [...dependencies.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return [];
}
