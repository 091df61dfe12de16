/**
 * Walks a graph in parallel: each node starts as soon as all its dependencies have succeeded (no
 * level-by-level barriers), at most `parallelism` at once. A failed node stops its dependants
 * only; they are reported as skipped with the failure that blocked them.
 */
import { dependantsOf } from "./graph";
export type WalkOutcome = { readonly status: "done" } | { readonly status: "failed"; readonly error: unknown } | { readonly status: "skipped"; readonly blockedBy: string };

export interface WalkOptions {
  readonly parallelism: number;
  /** Returns false to stop starting new nodes (Ctrl-C); running ones finish. */
  readonly shouldContinue?: () => boolean;
}

export async function walkGraph(
  dependencies: ReadonlyMap<string, ReadonlySet<string>>,
  visit: (node: string) => Promise<void>,
  options: WalkOptions,
): Promise<Map<string, WalkOutcome>> {
  const outcomes = new Map<string, WalkOutcome>();
  const waiting = new Map<string, number>();
  for (const [node, deps] of dependencies) waiting.set(node, deps.size);
  const dependants = dependantsOf(dependencies);
  // A queue read from `next` on: shift() would move every waiting node each time (O(n²) at 10,000).
  const ready: string[] = [...waiting].filter(([, n]) => n === 0).map(([node]) => node).sort();
  let next = 0;
  let running = 0;

  return new Promise((resolve) => {
    const finishIfDone = () => {
      if (running === 0 && (next === ready.length || options.shouldContinue?.() === false)) {
        for (const node of dependencies.keys()) {
          if (!outcomes.has(node)) outcomes.set(node, { status: "skipped", blockedBy: "interrupted" });
        }
        resolve(outcomes);
      }
    };
    const skipDependants = (node: string, blockedBy: string) => {
      for (const dependant of dependants.get(node) ?? []) {
        if (outcomes.has(dependant)) continue;
        outcomes.set(dependant, { status: "skipped", blockedBy });
        skipDependants(dependant, blockedBy);
      }
    };
    const pump = () => {
      while (running < options.parallelism && next < ready.length && options.shouldContinue?.() !== false) {
        const node = ready[next++]!;
        if (outcomes.has(node)) continue;
        running++;
        visit(node).then(
          () => {
            outcomes.set(node, { status: "done" });
            for (const dependant of dependants.get(node) ?? []) {
              const left = waiting.get(dependant)! - 1;
              waiting.set(dependant, left);
              if (left === 0 && !outcomes.has(dependant)) ready.push(dependant);
            }
          },
          (error: unknown) => {
            outcomes.set(node, { status: "failed", error });
            skipDependants(node, node);
          },
        ).finally(() => {
          running--;
          pump();
          finishIfDone();
        });
      }
    };
    pump();
    finishIfDone();
  });
}
