import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compiledTwin } from "./compiled-twins";

describe("compiledTwin", () => {
  let root: string;
  let dist: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "orgform-twins-"));
    dist = join(root, "dist");
    for (const file of ["dist/providers/langfuse/index.js", "dist/src/errors.js", "dist/stacks/main.js"]) {
      mkdirSync(join(root, file, ".."), { recursive: true });
      writeFileSync(join(root, file), "");
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each([
    ["a provider module with a twin", "providers/langfuse/index.ts", "dist/providers/langfuse/index.js"],
    ["an engine module with a twin", "src/errors.ts", "dist/src/errors.js"],
    ["a provider module the build lacks", "providers/langfuse/new.ts", undefined],
    ["a stack of this checkout (the user's code)", "stacks/main.ts", undefined],
    ["a declaration file", "providers/langfuse/index.d.ts", undefined],
    ["JavaScript", "providers/langfuse/index.js", undefined],
  ])("%s", (_what, file, twin) => {
    expect(compiledTwin(join(root, file), root, dist)).toBe(twin && join(root, twin));
  });

  it("never redirects a file outside the checkout", () => {
    expect(compiledTwin(join(tmpdir(), "elsewhere", "providers", "langfuse", "index.ts"), root, dist)).toBeUndefined();
  });
});
