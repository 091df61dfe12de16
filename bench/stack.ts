/**
 * The benchmark's stacks: the cdktf program that declares a shape (bench/shape.ts: each
 * provider's families, written as its bench part says, and null_resources whose triggers
 * reference their parents' ids), written into a throwaway project whose node_modules links to
 * the repo's.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { benchParts, type StackSpec } from "./shape";

// The shapes are part of this module's interface (run.ts and the profiles import them from here).
export * from "./shape";

const REPO_ROOT = resolve(__dirname, "..");
const PROVIDERS = resolve(REPO_ROOT, "providers").replace(/\\/g, "/");
export const STACK_NAME = "bench";

/**
 * The cdktf program: reads spec.json beside it and declares every resource. Construct ids are
 * positions: `<provider>_0001` for a parent, `<provider>_0001_01` for its first child, `n_00001`
 * for a null_resource (Terraform's null provider, the one resource that needs no API).
 */
function programSource(): string {
  const parts = benchParts.map(
    ([provider, part]) => `
if ((spec.parts[${JSON.stringify(provider)}] ?? []).length > 0) new ${part.provider.construct}(stack, ${JSON.stringify(provider)}, ${JSON.stringify(part.provider.args ?? {})});
(spec.parts[${JSON.stringify(provider)}] ?? []).forEach((family, p) => {
  const parent = new ${part.parent.construct}(stack, \`${provider}_\${pad(p + 1, 4)}\`, family.args);
  anchors.push(parent.id);
  family.children.forEach((child, c) => new ${part.child.construct}(stack, \`${provider}_\${pad(p + 1, 4)}_\${pad(c + 1, 2)}\`, { ...child, ${part.child.parentArgument}: parent.id }));
});`,
  );
  return `
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App, TerraformStack } from "cdktf";
import { NullProvider } from "@cdktf/provider-null/lib/provider";
import { Resource as NullResource } from "@cdktf/provider-null/lib/resource";
${benchParts.map(([provider, part]) => `import { ${[part.provider.construct, part.parent.construct, part.child.construct].join(", ")} } from "${PROVIDERS}/${provider}";`).join("\n")}

interface Family { args: Record<string, unknown>; children: Array<Record<string, unknown>> }
const spec = JSON.parse(readFileSync(join(__dirname, "spec.json"), "utf8")) as { parts: Record<string, Family[]>; nulls: string[] };
const pad = (n: number, width: number) => String(n).padStart(width, "0");

const app = new App();
const stack = new TerraformStack(app, ${JSON.stringify(STACK_NAME)});
const anchors: string[] = [];
${parts.join("\n")}
if (spec.nulls.length > 0) new NullProvider(stack, "null");
spec.nulls.forEach((rev, j) => new NullResource(stack, \`n_\${pad(j + 1, 5)}\`, { triggers: { parent: anchors.length > 0 ? anchors[j % anchors.length]! : "none", rev } }));
app.synth();
`;
}

/** A throwaway cdktf project holding the program and its spec. */
export class BenchProject {
  readonly dir: string;

  constructor(spec: StackSpec, label: string) {
    this.dir = mkdtempSync(join(tmpdir(), `orgform-bench-${label}-`));
    symlinkSync(resolve(REPO_ROOT, "node_modules"), join(this.dir, "node_modules"), "dir");
    writeFileSync(join(this.dir, "cdktf.json"), JSON.stringify({ language: "typescript", app: "npx tsx main.ts" }, null, 2));
    writeFileSync(join(this.dir, "main.ts"), programSource());
    writeFileSync(join(this.dir, "spec.json"), JSON.stringify(spec));
    mkdirSync(join(this.dir, "state"), { recursive: true });
  }

  /**
   * Deletes the project and forgets its program: the synthesized app (every construct of the
   * stack) would otherwise stay in require's cache, and a later phase would run with a heap no
   * CLI process has.
   */
  remove(): void {
    for (const file of Object.keys(require.cache)) if (file.startsWith(this.dir)) delete require.cache[file];
    rmSync(this.dir, { recursive: true, force: true });
  }
}
