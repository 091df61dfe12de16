import { walkGraph } from "./walk";

/** A graph from "node: dep dep" lines. */
function graph(lines: readonly string[]): Map<string, Set<string>> {
  return new Map(lines.map((line) => {
    const [node, deps = ""] = line.split(":");
    return [node!.trim(), new Set(deps.split(" ").filter(Boolean))];
  }));
}

/** Visits that finish when told to, recording the order they started in. */
function controlledVisits() {
  const started: string[] = [];
  const finish = new Map<string, { resolve: () => void; reject: (error: unknown) => void }>();
  const visit = (node: string) =>
    new Promise<void>((resolve, reject) => {
      started.push(node);
      finish.set(node, { resolve, reject });
    });
  const settle = async () => new Promise((resolve) => setImmediate(resolve));
  return { started, finish, visit, settle };
}

describe("walkGraph", () => {
  it("starts a node as soon as its own dependencies are done, not when its level is", async () => {
    const { started, finish, visit, settle } = controlledVisits();
    const walking = walkGraph(graph(["a:", "b:", "a1: a", "b1: b"]), visit, { parallelism: 10 });
    await settle();
    expect(started).toEqual(["a", "b"]);
    finish.get("a")!.resolve();
    await settle();
    // b is still running: a1 does not wait for it.
    expect(started).toEqual(["a", "b", "a1"]);
    finish.get("b")!.resolve();
    await settle();
    finish.get("a1")!.resolve();
    finish.get("b1")!.resolve();
    const outcomes = await walking;
    expect([...outcomes.values()].every((outcome) => outcome.status === "done")).toBe(true);
  });

  it("never runs more than `parallelism` nodes at once, and runs every node once", async () => {
    let running = 0;
    let most = 0;
    const visited: string[] = [];
    const nodes = Array.from({ length: 2000 }, (_, i) => `n${i}:${i >= 1000 ? ` n${i - 1000}` : ""}`);
    const outcomes = await walkGraph(
      graph(nodes),
      async (node) => {
        running++;
        most = Math.max(most, running);
        visited.push(node);
        await new Promise((resolve) => setImmediate(resolve));
        running--;
      },
      { parallelism: 7 },
    );
    expect(most).toBe(7);
    expect(new Set(visited).size).toBe(2000);
    expect(visited.length).toBe(2000);
    expect(outcomes.size).toBe(2000);
    // Every node ran after its dependency.
    for (let i = 1000; i < 2000; i++) expect(visited.indexOf(`n${i}`)).toBeGreaterThan(visited.indexOf(`n${i - 1000}`));
  });

  it("a failed node skips what depends on it, directly or not, and nothing else", async () => {
    const boom = new Error("boom");
    const outcomes = await walkGraph(graph(["a:", "b:", "c: a", "d: c", "e: b"]), async (node) => {
      if (node === "a") throw boom;
    }, { parallelism: 2 });
    expect(Object.fromEntries(outcomes)).toEqual({
      a: { status: "failed", error: boom },
      b: { status: "done" },
      c: { status: "skipped", blockedBy: "a" },
      d: { status: "skipped", blockedBy: "a" },
      e: { status: "done" },
    });
  });

  it("stops starting nodes once shouldContinue says no; running ones finish", async () => {
    let go = true;
    const visited: string[] = [];
    const outcomes = await walkGraph(graph(["a:", "b: a", "c: b"]), async (node) => {
      visited.push(node);
      if (node === "a") go = false;
    }, { parallelism: 1, shouldContinue: () => go });
    expect(visited).toEqual(["a"]);
    expect(outcomes.get("a")).toEqual({ status: "done" });
    expect(outcomes.get("b")).toEqual({ status: "skipped", blockedBy: "interrupted" });
    expect(outcomes.get("c")).toEqual({ status: "skipped", blockedBy: "interrupted" });
  });
});
