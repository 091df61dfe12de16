/**
 * Runs the real orgform CLI as a child process (node src/cli/bin.cjs), as a user would, and
 * collects its output. Tests never mock orgform's modules: they talk to it through this.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";

export const REPO_ROOT = resolve(__dirname, "../..");
export const ORGFORM_BIN = resolve(REPO_ROOT, "src/cli/bin.cjs");

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly input?: string;
  /** Called with each stdout chunk: lets a test react mid-run (e.g. SIGKILL after a create). */
  readonly onStdout?: (text: string, child: ChildProcess) => void;
  /** Called with each stderr chunk (all of stderr so far), like onStdout. */
  readonly onStderr?: (text: string, child: ChildProcess) => void;
}

export function runOrgform(args: readonly string[], options: CliOptions): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [ORGFORM_BIN, ...args], {
      cwd: options.cwd,
      // ORGFORM_CHECK_HANDOVER: every command checks the document synth handed over against the file.
      env: { ...process.env, NO_COLOR: "1", CI: "true", ORGFORM_CHECK_HANDOVER: "1", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      options.onStdout?.(stdout, child);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onStderr?.(stderr, child);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}
