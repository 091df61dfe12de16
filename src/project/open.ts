/**
 * Opens a stack for a command: synth (unless told to reuse cdktf.out), load its cdk.tf.json,
 * build and check the graph, choose the backend. Every command that needs a stack starts here.
 */
import { loadStackFile } from "../config/load";
import { selectStack, synth } from "../config/synth";
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
  const chosen = selectStack(stacks, options.stack);
  const config = loadStackFile(chosen.path, chosen.name, options.projectDir);
  const graph = buildGraph(config);
  // Every resource type must be known before anything talks to an API.
  for (const resource of config.resources.values()) {
    if (resource.mode === "managed") options.registry.resourceType(resource.type, resource.address);
    else options.registry.dataSourceType(resource.type, resource.address);
  }
  const context = new EngineContext({ registry: options.registry, config, graph, env: options.env ?? process.env, cliVariables: options.vars ?? {} });
  const backend = selectBackend(config.backend, { projectDir: options.projectDir, stack: chosen.name, stateDirOverride: options.stateDirOverride });
  return { config, context, backend };
}
