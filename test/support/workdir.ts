/**
 * A throwaway orgform project: a temp directory with cdktf.json and a stack file. node_modules is
 * linked to the repo's so the stack can import cdktf; the stack imports providers by the
 * absolute path that `PROVIDERS` gives.
 */
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { REPO_ROOT } from "./cli";

/** Absolute import path of the providers folder, for stack sources: `${PROVIDERS}/langfuse`. */
export const PROVIDERS = resolve(REPO_ROOT, "providers").replace(/\\/g, "/");

export class Workdir {
  readonly dir: string;

  constructor(prefix = "orgform-test-") {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
    symlinkSync(resolve(REPO_ROOT, "node_modules"), join(this.dir, "node_modules"), "dir");
    writeFileSync(join(this.dir, "cdktf.json"), JSON.stringify({ language: "typescript", app: "npx tsx main.ts" }, null, 2));
  }

  /** Writes the stack program (main.ts by default). */
  writeStack(source: string, file = "main.ts"): void {
    this.write(file, source);
  }

  write(relativePath: string, content: string): void {
    const path = join(this.dir, relativePath);
    mkdirSync(resolve(path, ".."), { recursive: true });
    writeFileSync(path, content);
  }

  path(relativePath: string): string {
    return join(this.dir, relativePath);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
