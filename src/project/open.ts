/**
 * Opens a stack for a command: synth (unless told to reuse cdktf.out), load its cdk.tf.json,
 * build and check the graph, choose the backend. Every command that needs a stack starts here.
 */
import { loadStackFile } from "../config/load";
import { selectStack, synth, type SynthesizedStack } from "../config/synth";
import type { StackConfig } from "../config/model";
import { buildGraph } from "../graph/graph";
import { EngineContext } from "../plan/context";
import type { ProviderRegistry } from "../provider/registry";
import type { StateBackend } from "../state/backend";
import { selectBackend } from "../state/select";

export interface OpenOptions {
  readonly projectDir: string;
  readonly registry: ProviderRegistry;
  readonly stack?: string;
  readonly app?: string;
  readonly outdir?: string;
  readonly vars?: Readonly<Record<string, string>>;
  readonly env?: NodeJS.ProcessEnv;
  readonly stateDirOverride?: string;
}

export interface OpenStack {
  readonly config: StackConfig;
  readonly context: EngineContext;
  readonly backend: StateBackend;
}

export function openStack(options: OpenOptions): OpenStack {
  const stacks = synth({ projectDir: options.projectDir, app: options.app, outdir: options.outdir });
  return openSynthesized(selectStack(stacks, options.stack), options);
}

/** Every stack of the app (drift reports cover them all unless --stack is given). */
export function openAllStacks(options: OpenOptions): OpenStack[] {
  const stacks = synth({ projectDir: options.projectDir, app: options.app, outdir: options.outdir });
  const chosen = options.stack ? [selectStack(stacks, options.stack)] : stacks;
  return chosen.map((stack) => openSynthesized(stack, options));
}

export function openSynthesized(chosen: SynthesizedStack, options: OpenOptions): OpenStack {
  const config = loadStackFile(chosen.path, chosen.name, options.projectDir);
  const graph = buildGraph(config);
  // Every resource type must be known before anything talks to an API.
  for (const resource of config.resources.values()) {
    if (resource.mode === "managed") options.registry.resourceType(resource.type, resource.address);
    else options.registry.dataSourceType(resource.type, resource.address);
  }
  const context = new EngineContext({ registry: options.registry, config, graph, env: options.env ?? process.env, cliVariables: options.vars ?? {}, projectDir: options.projectDir });
  const backend = selectBackend(config.backend, { projectDir: options.projectDir, stack: chosen.name, stateDirOverride: options.stateDirOverride });
  return { config, context, backend };
}
