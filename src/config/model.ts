/**
 * A stack's configuration as orgform reads it from cdk.tf.json: every value already parsed into
 * an expression tree (strings are templates), so planning evaluates without re-parsing.
 */
import type { Expr } from "./expression";

export interface Lifecycle {
  readonly preventDestroy: boolean;
  readonly createBeforeDestroy: boolean;
  /** Argument names whose changes are ignored, or "all". */
  readonly ignoreChanges: readonly string[] | "all";
}

export interface ResourceConfig {
  /** `type.name` for managed resources, `data.type.name` for data sources. */
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  /** Provider config key: "langfuse" or "langfuse.alias". */
  readonly provider: string;
  /** The arguments as one object expression. */
  readonly body: Expr;
  /** Addresses from depends_on. */
  readonly dependsOn: readonly string[];
  readonly lifecycle: Lifecycle;
  /** The construct path from cdktf metadata, for error messages: "demo/main". */
  readonly constructPath?: string;
}

export interface VariableConfig {
  readonly name: string;
  readonly type?: string;
  readonly default?: unknown;
  readonly hasDefault: boolean;
  readonly sensitive: boolean;
  readonly description?: string;
}

export interface OutputConfig {
  readonly name: string;
  readonly value: Expr;
  readonly sensitive: boolean;
  readonly description?: string;
}

export interface ProviderConfig {
  /** "langfuse" or "langfuse.alias". */
  readonly key: string;
  readonly name: string;
  readonly body: Expr;
}

export interface BackendConfig {
  readonly type: string;
  readonly settings: Readonly<Record<string, unknown>>;
}

/** An `import` block (cdktf importFrom): adopt the object `id` at address `to`. */
export interface ImportConfig {
  readonly to: string;
  readonly id: string;
}

/** A `moved` block (cdktf moveTo): the state at `from` now belongs to `to`. */
export interface MovedConfig {
  readonly from: string;
  readonly to: string;
}

export interface StackConfig {
  readonly stack: string;
  /** The cdk.tf.json this came from. */
  readonly source: string;
  readonly resources: ReadonlyMap<string, ResourceConfig>;
  readonly variables: ReadonlyMap<string, VariableConfig>;
  readonly locals: ReadonlyMap<string, Expr>;
  readonly outputs: ReadonlyMap<string, OutputConfig>;
  readonly providers: ReadonlyMap<string, ProviderConfig>;
  readonly backend: BackendConfig;
  readonly imports: readonly ImportConfig[];
  readonly moved: readonly MovedConfig[];
}
