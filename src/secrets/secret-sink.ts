/**
 * Secret sinks: where a secret minted by a create goes instead of state. A file (written 0600,
 * atomically), an entry in a dotenv file (other lines kept), or a command that receives the value
 * on stdin (so `vault kv put`, `aws secretsmanager put-secret-value` or `gh secret set` work
 * without orgform depending on them). Paths inside the stack's output directory or tracked by git
 * are refused before anything is created.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { z } from "zod";
import { OrgformError } from "../errors";
import { writeFileAtomically } from "../files/atomic-write";

export const secretSinkSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("file"), path: z.string().min(1) }),
  z.object({ kind: z.literal("dotenv"), path: z.string().min(1), name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name") }),
  z.object({ kind: z.literal("command"), command: z.string().min(1) }),
]);

export type SecretSink = z.infer<typeof secretSinkSchema>;

export function describeSink(sink: SecretSink): string {
  if (sink.kind === "file") return `file ${sink.path}`;
  if (sink.kind === "dotenv") return `dotenv ${sink.path} (${sink.name})`;
  return `command ${sink.command.split(/\s+/).slice(0, 3).join(" ")}`;
}

/** Refuses sink paths that would put a secret where it gets published. */
export function checkSinkPath(sink: SecretSink, projectDir: string, outdir: string, address: string): void {
  if (sink.kind === "command") return;
  const path = resolve(projectDir, sink.path);
  const insideOut = !relative(resolve(projectDir, outdir), path).startsWith("..") && !isAbsolute(relative(resolve(projectDir, outdir), path));
  if (insideOut) {
    throw new OrgformError("ARGUMENT_INVALID", `${address}: secret sink ${describeSink(sink)} is inside the stack's output directory ${outdir}, which is regenerated and often published. Choose a path outside it.`);
  }
  if (existsSync(path)) {
    const tracked = spawnSync("git", ["ls-files", "--error-unmatch", path], { cwd: dirname(path), stdio: "ignore" });
    if (tracked.status === 0) {
      throw new OrgformError("ARGUMENT_INVALID", `${address}: secret sink ${describeSink(sink)} is tracked by git: a secret written there would be committed. Choose an untracked, git-ignored path.`);
    }
  }
}

/** Delivers `values` (attribute → secret) to the sink; throws on failure (never with the value). */
export async function deliver(sink: SecretSink, values: Readonly<Record<string, string>>, projectDir: string, address: string): Promise<void> {
  const entries = Object.entries(values);
  const single = entries.length === 1 ? entries[0]![1] : JSON.stringify(values);
  if (sink.kind === "file") return writeFileAtomically(resolve(projectDir, sink.path), single.endsWith("\n") ? single : `${single}\n`);
  if (sink.kind === "dotenv") {
    const path = resolve(projectDir, sink.path);
    const lines = existsSync(path) ? readFileSync(path, "utf8").split("\n").filter((line, i, all) => !(i === all.length - 1 && line === "")) : [];
    const names = entries.length === 1 ? { [entries[0]![0]]: sink.name } : Object.fromEntries(entries.map(([attr]) => [attr, `${sink.name}_${attr.toUpperCase()}`]));
    for (const [attr, value] of entries) {
      const name = names[attr]!;
      const line = `${name}=${JSON.stringify(value)}`;
      const at = lines.findIndex((l) => l.startsWith(`${name}=`));
      if (at >= 0) lines[at] = line;
      else lines.push(line);
    }
    return writeFileAtomically(path, `${lines.join("\n")}\n`);
  }
  await runCommand(sink.command, single, projectDir, address);
}

function runCommand(command: string, value: string, cwd: string, address: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, { shell: true, cwd, stdio: ["pipe", "ignore", "pipe"], env: { ...process.env, ORGFORM_SECRET_ADDRESS: address } });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error) => reject(new OrgformError("APPLY_FAILED", `secret sink command could not start: ${error.message}`)));
    child.on("close", (code) => {
      if (code === 0) resolvePromise();
      // The command's own stderr could echo its input: report only its last line, redacted by the caller.
      else reject(new OrgformError("APPLY_FAILED", `secret sink command exited with code ${code}${stderr.trim() ? `: ${stderr.trim().split("\n").pop()}` : ""}`));
    });
    child.stdin.on("error", () => undefined);
    child.stdin.end(value);
  });
}
