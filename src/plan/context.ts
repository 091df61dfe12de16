/**
 * Everything planning and applying one stack needs: its configuration and graph, the provider
 * registry, input variables, and provider sessions (configured on first use, so a stack that
 * uses no Anthropic resource needs no Anthropic key).
 */
import { OrgformError } from "../errors";
import { evaluate, parseExpression, type Scope } from "../config/expression";
import type { StackConfig, VariableConfig } from "../config/model";
import type { DependencyGraph } from "../graph/graph";
import type { ProviderRegistry } from "../provider/registry";
import type { Attributes, DataSourceType, OperationContext, ResourceType } from "../provider/contract";
import { Sensitive } from "../values/sensitive";

export interface EngineOptions {
  readonly registry: ProviderRegistry;
  readonly config: StackConfig;
  readonly graph: DependencyGraph;
  readonly env: NodeJS.ProcessEnv;
  /** `--var name=value` pairs. */
  readonly cliVariables: Readonly<Record<string, string>>;
  /** The directory holding cdktf.json: relative sink paths start here. */
  readonly projectDir?: string;
}

export class EngineContext {
  readonly registry: ProviderRegistry;
  readonly config: StackConfig;
  readonly graph: DependencyGraph;
  readonly env: NodeJS.ProcessEnv;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly projectDir: string;
  private readonly sessions = new Map<string, unknown>();
  private readonly secretSinks = new Map<string, unknown>();

  constructor(options: EngineOptions) {
    this.registry = options.registry;
    this.config = options.config;
    this.graph = options.graph;
    this.env = options.env;
    this.projectDir = options.projectDir ?? process.cwd();
    this.variables = resolveVariables(options.config.variables, options.cliVariables, options.env);
  }

  /** A scope with only variables and locals: for provider blocks. */
  baseScope(): Scope {
    return new ValuesScope(this, new Map(), new Map());
  }

  resourceType(address: string, type: string): ResourceType {
    return this.registry.resourceType(type, address).type;
  }

  dataSourceType(address: string, type: string): DataSourceType {
    return this.registry.dataSourceType(type, address).type;
  }

  /** The operation context for a resource, configuring its provider on first use. */
  operation(address: string, providerKey: string): OperationContext<unknown> {
    return { session: this.session(providerKey, address), address };
  }

  /** The provider block's default `secret_sink`, if any (evaluated once: it depends only on variables and locals). */
  providerSecretSink(providerKey: string): unknown {
    if (!this.secretSinks.has(providerKey)) {
      const block = this.config.providers.get(providerKey);
      const settings = block ? (evaluate(block.body, this.baseScope(), `provider.${providerKey}`) as Record<string, unknown> | null) : undefined;
      this.secretSinks.set(providerKey, settings?.secret_sink ?? undefined);
    }
    return this.secretSinks.get(providerKey);
  }

  private session(providerKey: string, address: string): unknown {
    const existing = this.sessions.get(providerKey);
    if (existing !== undefined) return existing;
    const name = providerKey.split(".")[0]!;
    const definition = this.registry.provider(name);
    if (!definition) throw new OrgformError("UNKNOWN_PROVIDER", `${address}: orgform has no provider "${name}".`);
    const block = this.config.providers.get(providerKey);
    if (!block && providerKey.includes(".")) {
      throw new OrgformError("UNKNOWN_PROVIDER", `${address}: provider "${providerKey}" is not configured in the stack. Add a provider construct with alias "${providerKey.split(".")[1]}".`);
    }
    const settings = block ? evaluate(block.body, this.baseScope(), `provider.${providerKey}`) : {};
    // secret_sink belongs to the engine, not to the provider's own settings.
    const { secret_sink: _sink, ...providerSettings } = (settings ?? {}) as Record<string, unknown>;
    const session = definition.configure(providerSettings as Attributes, this.env);
    this.sessions.set(providerKey, session);
    return session;
  }
}

/**
 * A scope over planned or applied values: `values` holds managed resources' attributes by
 * address, `data` data sources' results. Type roots are cached and updated as values are set,
 * so lookups stay constant-time in big stacks.
 */
export class ValuesScope implements Scope {
  private readonly byType = new Map<string, Record<string, unknown>>();
  private readonly dataByType = new Map<string, Record<string, unknown>>();
  private readonly localValues = new Map<string, unknown>();

  constructor(
    private readonly context: EngineContext,
    values: ReadonlyMap<string, Attributes>,
    data: ReadonlyMap<string, Attributes>,
  ) {
    for (const [address, attributes] of values) this.set(address, attributes);
    for (const [address, attributes] of data) this.set(address, attributes);
  }

  set(address: string, attributes: Attributes): void {
    if (address.startsWith("data.")) {
      const [, type, name] = address.split(".") as [string, string, string];
      const group = this.dataByType.get(type) ?? {};
      group[name] = attributes;
      this.dataByType.set(type, group);
      return;
    }
    const dot = address.indexOf(".");
    const type = address.slice(0, dot);
    const group = this.byType.get(type) ?? {};
    group[address.slice(dot + 1)] = attributes;
    this.byType.set(type, group);
  }

  /** Whether a managed resource's values are set. */
  has(address: string): boolean {
    const dot = address.indexOf(".");
    const group = this.byType.get(address.slice(0, dot));
    return group !== undefined && address.slice(dot + 1) in group;
  }

  root(name: string): unknown {
    if (name === "var") return this.context.variables;
    if (name === "local") return this.locals();
    if (name === "data") return Object.fromEntries(this.dataByType);
    return this.byType.get(name);
  }

  private locals(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, expr] of this.context.config.locals) {
      // Locals are evaluated on access; the graph already rejected cycles among them.
      Object.defineProperty(out, name, {
        enumerable: true,
        get: () => {
          if (!this.localValues.has(name)) this.localValues.set(name, evaluate(expr, this, `local.${name}`));
          return this.localValues.get(name);
        },
      });
    }
    return out;
  }
}

function resolveVariables(
  declared: ReadonlyMap<string, VariableConfig>,
  cli: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv,
): Record<string, unknown> {
  for (const name of Object.keys(cli)) {
    if (!declared.has(name)) {
      throw new OrgformError("VARIABLE_MISSING", `--var ${name}=…: the stack declares no variable "${name}". Declared: ${[...declared.keys()].join(", ") || "none"}.`);
    }
  }
  const values: Record<string, unknown> = {};
  for (const variable of declared.values()) {
    const raw = cli[variable.name] ?? env[`TF_VAR_${variable.name}`];
    let value: unknown;
    if (raw !== undefined) value = convertVariable(variable, raw);
    else if (variable.hasDefault) value = variable.default;
    else {
      throw new OrgformError(
        "VARIABLE_MISSING",
        `variable "${variable.name}" has no value. Pass --var ${variable.name}=… or set TF_VAR_${variable.name}.`,
      );
    }
    values[variable.name] = variable.sensitive ? new Sensitive(value) : value;
  }
  return values;
}

function convertVariable(variable: VariableConfig, raw: string): unknown {
  const type = variable.type ?? "string";
  if (type === "string") return raw;
  if (type === "number") {
    const n = Number(raw);
    if (Number.isNaN(n)) throw new OrgformError("VARIABLE_MISSING", `variable "${variable.name}" must be a number.`);
    return n;
  }
  if (type === "bool") return raw === "true";
  // Lists, maps and objects are given in HCL/JSON syntax: ["a", "b"], {a = 1}.
  try {
    return evaluate(parseExpression(raw), { root: () => undefined }, `variable "${variable.name}"`);
  } catch {
    throw new OrgformError("VARIABLE_MISSING", `variable "${variable.name}" of type ${type} could not be read; write it like ["a", "b"] or {key = "value"}.`);
  }
}
