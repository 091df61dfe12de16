/**
 * The graph apply walks. Creates, updates and deferred reads wait for the creates, updates and
 * reads of what they reference. Deletes wait for the deletes of objects that depended on them
 * (reverse order), and for updates of objects that are moving off them. A replace is two steps:
 * delete then create, or under create_before_destroy create then delete, the delete also waiting
 * for every dependant to move to the new object.
 */
import type { Plan, ResourceChange } from "../plan/types";
import { appendTo } from "../graph/graph";

export interface ApplyStep {
  readonly key: string;
  readonly operation: "create" | "update" | "delete" | "read";
  readonly change: ResourceChange;
}

export function buildApplyGraph(plan: Plan): { steps: Map<string, ApplyStep>; dependencies: Map<string, Set<string>> } {
  const steps = new Map<string, ApplyStep>();
  const add = (operation: ApplyStep["operation"], change: ResourceChange) => {
    const key = `${operation}:${change.address}`;
    steps.set(key, { key, operation, change });
  };
  for (const change of plan.changes) {
    if (change.action === "create" || change.action === "update" || change.action === "read") add(change.action, change);
    else if (change.action === "delete") add("delete", change);
    else if (change.action === "replace") {
      add("delete", change);
      add("create", change);
    }
  }
  const dependencies = new Map<string, Set<string>>([...steps.keys()].map((key) => [key, new Set<string>()]));
  const forward = (address: string): string | undefined =>
    ["create", "update", "read"].map((op) => `${op}:${address}`).find((key) => steps.has(key));
  const priorDependants = new Map<string, string[]>();
  for (const resource of plan.priorState.resources.values()) {
    for (const dep of resource.dependencies) appendTo(priorDependants, dep, resource.address);
  }
  const configDependants = new Map<string, string[]>();
  for (const change of plan.changes) {
    for (const dep of change.dependencies) appendTo(configDependants, dep, change.address);
  }

  for (const step of steps.values()) {
    const deps = dependencies.get(step.key)!;
    const { change } = step;
    if (step.operation !== "delete") {
      for (const dep of change.dependencies) {
        const key = forward(dep);
        if (key) deps.add(key);
      }
      if (change.action === "replace" && change.replaceOrder !== "create-first") deps.add(`delete:${change.address}`);
      continue;
    }
    for (const dependant of priorDependants.get(change.address) ?? []) {
      if (steps.has(`delete:${dependant}`) && dependant !== change.address) deps.add(`delete:${dependant}`);
      if (steps.has(`update:${dependant}`) && change.action === "delete") deps.add(`update:${dependant}`);
    }
    if (change.action === "replace" && change.replaceOrder === "create-first") {
      deps.add(`create:${change.address}`);
      for (const dependant of configDependants.get(change.address) ?? []) {
        const key = forward(dependant);
        if (key) deps.add(key);
      }
    }
  }
  return { steps, dependencies };
}
