/**
 * The engine's layers import one another in one direction only (DESIGN.md: views never compute,
 * plan does no I/O beyond provider reads, only apply changes remote objects): no two files of
 * src/ import each other, directly or through others, and no two of its folders do either.
 */
import { join } from "node:path";
import { folderGraph, importCycles, importGraph } from "./support/import-graph";

const ROOT = join(__dirname, "..");

describe("import cycles in src/", () => {
  const files = importGraph(ROOT, ["src"]);

  it("no file imports itself through others", () => {
    expect(importCycles(files)).toEqual([]);
  });

  it("no layer imports itself through another (a folder and its sub-folders are one layer)", () => {
    expect(importCycles(folderGraph(files, 2))).toEqual([]);
  });

  it("src/ never imports providers/", () => {
    const intoProviders = [...files].filter(([, targets]) => targets.some((target) => target.startsWith("providers/")));
    expect(intoProviders.map(([file]) => file)).toEqual([]);
  });
});

describe("import cycles in providers/", () => {
  it("no file imports itself through others (the Langfuse emulator's two route files share a store instead)", () => {
    expect(importCycles(importGraph(ROOT, ["providers"]))).toEqual([]);
  });
});
