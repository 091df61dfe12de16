/**
 * The import graph of the repository's TypeScript files, read from their import and export-from
 * statements (relative ones only), and its cycles: strongly connected groups of files that
 * import each other, directly or through others. Type-only imports are left out by default:
 * they vanish at compile time and cannot make a module see another half-initialized.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^"';]*?\s+from\s+)?["'](\.[^"']+)["']/gm;

export function importGraph(root: string, folders: readonly string[], options: { typeImports?: boolean } = {}): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of folders.flatMap((folder) => sourceFiles(join(root, folder)))) {
    const text = readFileSync(file, "utf8");
    const targets: string[] = [];
    for (const match of text.matchAll(IMPORT)) {
      if (match[1] && !options.typeImports) continue;
      const target = resolveModule(dirname(file), match[2]!);
      if (target) targets.push(relative(root, target));
    }
    graph.set(relative(root, file), targets);
  }
  return graph;
}

/** Groups of two or more files that import one another (Tarjan's strongly connected components). */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    for (let member = stack.pop()!; ; member = stack.pop()!) {
      onStack.delete(member);
      group.push(member);
      if (member === node) break;
    }
    if (group.length > 1) groups.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return groups;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" ? [] : sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".d.ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

function resolveModule(from: string, specifier: string): string | undefined {
  const base = resolve(from, specifier);
  return [`${base}.ts`, join(base, "index.ts"), base].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/**
 * The graph of folders: one node per folder, an edge where any of its files imports another
 * folder's. With `depth`, folders are cut to that many path segments (2: the layers of src/,
 * "src/plan", with "src/cli/commands" counted as "src/cli").
 */
export function folderGraph(graph: ReadonlyMap<string, readonly string[]>, depth = Infinity): Map<string, string[]> {
  const folderOf = (file: string) => dirname(file).split("/").slice(0, depth).join("/");
  const folders = new Map<string, Set<string>>();
  for (const [file, targets] of graph) {
    const from = folderOf(file);
    const edges = folders.get(from) ?? new Set<string>();
    for (const target of targets) if (folderOf(target) !== from) edges.add(folderOf(target));
    folders.set(from, edges);
  }
  return new Map([...folders].map(([folder, edges]) => [folder, [...edges]]));
}
