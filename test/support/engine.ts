/**
 * The engine in-process, without the CLI: a stack given as Terraform JSON (what `synth` writes to
 * cdk.tf.json) becomes an EngineContext as src/project/open.ts makes one, and makePlan,
 * applyPlan and refreshState run against a real emulator over loopback with a real local state
 * backend in a temp directory. Builders here make the Terraform JSON of small stacks.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtInProviders } from "../../providers/registry";
import { builtInEmulators } from "../../providers/emulators";
import type { RunningEmulator } from "../../src/emulator/definition";
import { loadStackJson } from "../../src/config/load";
import { buildGraph } from "../../src/graph/graph";
import { EngineContext } from "../../src/plan/context";
import { makePlan, type PlanOptions } from "../../src/plan/plan";
import { applyPlan, type ApplyResult } from "../../src/apply/apply";
import { ProviderRegistry } from "../../src/provider/registry";
import { LocalBackend } from "../../src/state/local-backend";
import { readStartingPoint } from "../../src/state/starting-point";
import type { JournalEntry } from "../../src/state/journal";
import type { StateDocument } from "../../src/state/document";
import type { Plan } from "../../src/plan/types";

/** Terraform JSON of a stack: `resource`, `data`, `output`, `provider`, … as cdktf writes them. */
export type StackJson = Record<string, unknown>;

/** A stack of managed resources by address ("type.name" → arguments), with the providers they use. */
export function stackJson(resources: Record<string, Record<string, unknown>>, extra: StackJson = {}): StackJson {
  const resource: Record<string, Record<string, unknown>> = {};
  const provider: Record<string, unknown> = {};
  for (const [address, body] of Object.entries(resources)) {
    const [type, name] = address.split(".") as [string, string];
    (resource[type] ??= {})[name] = body;
    provider[type.split("_")[0]!] = {};
  }
  return { provider, resource, ...extra };
}

/** A backend that remembers every journal line apply appended (the journal itself is retired on success). */
export class RecordingBackend extends LocalBackend {
  readonly appended: JournalEntry[] = [];
  override async appendJournal(entry: JournalEntry): Promise<void> {
    await super.appendJournal(entry);
    this.appended.push(entry);
  }
}

export class EngineWorld {
  readonly registry = new ProviderRegistry(builtInProviders);
  readonly dir = mkdtempSync(join(tmpdir(), "orgform-engine-"));
  readonly backend = new RecordingBackend(join(this.dir, "terraform.engine.tfstate"));

  private constructor(
    readonly emulator: RunningEmulator,
    readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Starts the named provider's emulator on loopback. */
  static async start(provider: string): Promise<EngineWorld> {
    const definition = builtInEmulators.find((entry) => entry.name === provider)!;
    const emulator = definition.create();
    const url = await emulator.start();
    return new EngineWorld(emulator, { PATH: process.env.PATH, ...definition.environment(emulator, url) });
  }

  async stop(): Promise<void> {
    await this.emulator.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  context(stack: StackJson): EngineContext {
    const config = loadStackJson(stack, join(this.dir, "cdktf.out/stacks/engine/cdk.tf.json"), "engine", this.dir);
    return new EngineContext({ registry: this.registry, config, graph: buildGraph(config), env: this.env, cliVariables: {}, projectDir: this.dir });
  }

  /** Plans the stack against the stored state and journal, as `orgform plan` does. */
  async plan(stack: StackJson, options: Partial<PlanOptions> = {}): Promise<Plan> {
    const { prevRun, journal } = await readStartingPoint(this.backend);
    return makePlan(this.context(stack), prevRun, { mode: "normal", refresh: true, targets: [], replace: [], journal, ...options });
  }

  async apply(stack: StackJson, plan: Plan): Promise<ApplyResult> {
    return applyPlan(this.context(stack), plan, this.backend, { parallelism: 4 });
  }

  /** Plans and applies; fails the test if apply reports a failure. */
  async converge(stack: StackJson, options: Partial<PlanOptions> = {}): Promise<{ plan: Plan; result: ApplyResult }> {
    const plan = await this.plan(stack, options);
    const result = await this.apply(stack, plan);
    if (result.failures.length > 0) throw new Error(`apply failed: ${result.failures.map((f) => `${f.address}: ${String((f.error as Error)?.message ?? f.error)}`).join("; ")}`);
    return { plan, result };
  }

  async state(): Promise<StateDocument> {
    const stored = await this.backend.read();
    if (!stored) throw new Error("no state written");
    return stored;
  }
}

/** Each change's address and action, the way a reviewer reads a plan's summary. */
export function actionsOf(plan: Plan): Record<string, string> {
  return Object.fromEntries(plan.changes.map((change) => [change.address, change.action === "replace" ? `replace (${change.replaceOrder})` : change.action]));
}
