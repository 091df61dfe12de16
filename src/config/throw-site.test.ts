import { throwSite, unpackStack } from "./throw-site";

// What orgform's module pack (src/cli/module-pack.cjs) registers in a command: its scripts'
// names, and which of their lines belong to which module (here, in the first script: lines 2–9
// are a.js, from 10 on b.js).
const PACK = Symbol.for("orgform.module-pack");
const packFile = "/cache/v20-x64-1-2.pack#ascii";
const registry = {
  names: [packFile, "/cache/v20-x64-1-2.pack#utf8"],
  unpack: (name: string, line: number) =>
    name !== packFile || line < 2 ? undefined : line < 10 ? { file: "/app/node_modules/a/a.js", line: line - 1 } : { file: "/app/lib/b.js", line: line - 9 },
};

describe("stack frames of the module pack", () => {
  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[PACK] = registry;
  });
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[PACK];
  });

  it("names each frame of the pack by its module and line in a crash report", () => {
    const stack = ["Error: boom", `    at thing (${packFile}:4:7)`, `    at other (${packFile}:12:3)`, "    at run (/app/main.js:3:1)"].join("\n");
    expect(unpackStack(stack)).toBe(["Error: boom", "    at thing (/app/node_modules/a/a.js:3:7)", "    at other (/app/lib/b.js:3:3)", "    at run (/app/main.js:3:1)"].join("\n"));
  });

  it("skips a package's frame that came from the pack when it looks for where a stack threw", () => {
    const stack = ["Error: TEAMS is not set", `    at check (${packFile}:4:7)`, "    at Object.<anonymous> (/app/main.js:3:1)"].join("\n");
    expect(throwSite(stack, "/app")).toBe("main.js:3");
  });

  it("leaves a stack trace alone in a command without a pack", () => {
    delete (globalThis as Record<symbol, unknown>)[PACK];
    const stack = `Error: boom\n    at thing (${packFile}:4:7)`;
    expect(unpackStack(stack)).toBe(stack);
  });
});
