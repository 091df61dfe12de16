/**
 * A stack synthesized once and then run many times through the real CLI. Synthesizing a cdktf
 * program costs a second or two per run; tests that run apply again and again (faults, crashes,
 * every command) synthesize once with `orgform synth`, then point cdktf.json's app at `true`, a
 * command that leaves cdktf.out as it is, so every later run reads the same cdk.tf.json.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { ORGFORM_BIN, runOrgform, type CliOptions, type CliResult } from "./cli";
import { Workdir } from "./workdir";

export interface StateResource {
  readonly address: string;
  readonly attributes: Record<string, unknown>;
  readonly sensitive: readonly string[];
}

export class StackRun {
  readonly work: Workdir;
  env: NodeJS.ProcessEnv;

  constructor(
    readonly stack: string,
    env: NodeJS.ProcessEnv,
    prefix = "orgform-run-",
  ) {
    this.work = new Workdir(prefix);
    this.env = env;
  }

  /** Writes the stack program, synthesizes it once and freezes the result. */
  async synthOnce(source: string): Promise<void> {
    this.work.writeStack(source);
    const result = await this.orgform(["synth"]);
    if (result.code !== 0) throw new Error(`synth failed: ${result.stderr}`);
    this.work.write("cdktf.json", JSON.stringify({ language: "typescript", app: "true" }));
  }

  /**
   * Takes another run's synthesized stack instead of synthesizing again. cdktf writes the local
   * backend's absolute path into cdk.tf.json, so that path is moved to this directory.
   */
  freezeFrom(template: StackRun): void {
    cpSync(template.work.path("cdktf.out"), this.work.path("cdktf.out"), { recursive: true });
    const stackFile = this.work.path(`cdktf.out/stacks/${this.stack}/cdk.tf.json`);
    writeFileSync(stackFile, readFileSync(stackFile, "utf8").split(template.work.dir).join(this.work.dir));
    this.work.write("cdktf.json", JSON.stringify({ language: "typescript", app: "true" }));
  }

  orgform(args: readonly string[], extra: Partial<CliOptions> & { env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
    return runOrgform(args, { ...extra, cwd: this.work.dir, env: { ...this.env, ...extra.env } });
  }

  /**
   * Starts orgform and hands back the child at once (before it prints anything), so a test can
   * kill it at a moment chosen by what the emulators see; `done` settles when it exits.
   */
  start(args: readonly string[]): { child: ChildProcess; done: Promise<CliResult> } {
    const child = spawn(process.execPath, [ORGFORM_BIN, ...args], {
      cwd: this.work.dir,
      env: { ...process.env, NO_COLOR: "1", CI: "true", ORGFORM_CHECK_HANDOVER: "1", ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const done = new Promise<CliResult>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
    return { child, done };
  }

  get statePath(): string {
    return this.work.path(`terraform.${this.stack}.tfstate`);
  }

  /** The state file's resources by address (secrets revealed, as the file holds them). */
  state(): Map<string, StateResource> {
    const doc = JSON.parse(readFileSync(this.statePath, "utf8")) as {
      resources: Array<{ mode: string; type: string; name: string; instances: Array<{ attributes: Record<string, unknown>; sensitive_attributes: Array<Array<{ value: string }>> }> }>;
    };
    return new Map(
      doc.resources
        .filter((r) => r.mode === "managed")
        .map((r) => {
          const instance = r.instances[0]!;
          const address = `${r.type}.${r.name}`;
          return [address, { address, attributes: instance.attributes, sensitive: instance.sensitive_attributes.map((p) => p[0]!.value) }];
        }),
    );
  }

  /** State resources of one type. */
  ofType(type: string): StateResource[] {
    return [...this.state().values()].filter((r) => r.address.startsWith(`${type}.`));
  }

  remove(): void {
    this.work.remove();
  }
}

/** Counts of each value: a value seen twice is a duplicate. */
export function duplicates(values: readonly unknown[]): string[] {
  const seen = new Map<string, number>();
  for (const value of values) seen.set(String(value), (seen.get(String(value)) ?? 0) + 1);
  return [...seen].filter(([, count]) => count > 1).map(([value]) => value);
}

/** xorshift32, for seeded choices in tests (the emulator's fault plans use the same). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}
