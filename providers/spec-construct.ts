/**
 * Constructs derived from the type's one declaration (issue 17, item 1): the snake_case arguments
 * schema the engine plans with is also the construct's. Its props are that schema's fields in
 * camelCase (the type `PropsOf`), checked by the same schema (cross-field rules included) with
 * messages naming the camelCase prop, and synthesized back to snake_case; `orgform generate`
 * prints the same camelCase names. The constructs themselves, their props interfaces (with each
 * field's description as JSDoc, which `PropsOf` cannot carry) and their attribute getters are
 * generated from the `ConstructSpec`s each provider's schemas declare (construct-codegen.ts); the
 * generated props are checked against `PropsOf` at compile time.
 */
import type { TerraformMetaArguments } from "cdktf";
import type { Construct } from "constructs";
import { z } from "zod";
import { OrgformDataSource, OrgformProvider, OrgformResource, type CommonProviderConfig } from "./construct-base";
import { ConstructPropsError, secretDeliveryAttributes, validateProps, type SecretDeliveryProps } from "./construct-kit";
import { rejectUnknownProps } from "./unknown-props";

/**
 * One construct of a provider, as its schemas file declares it for scripts/generate-constructs.ts,
 * which writes the construct's props interface (each prop's JSDoc is its field's description) and
 * its attribute getters (one per field of `attributes`, and per argument whose meta says
 * `getter: true`) into the provider's checked-in constructs.generated.ts.
 */
export interface ConstructSpec {
  /** The exported class; its props type is `<construct>Config`. */
  readonly construct: string;
  readonly kind: "provider" | "resource" | "data";
  /** The Terraform type (a provider: its name). */
  readonly type: string;
  /** What the class says on hover. */
  readonly doc?: string;
  readonly arguments: z.ZodObject;
  /** The attributes the API computes, typed and described: a resource type's `computed` names are its keys. */
  readonly attributes?: z.ZodObject;
  /** It mints a secret: it also takes secret delivery (SpecSecretResource). */
  readonly secret?: true;
  /**
   * Arguments other constructs fill (References): the generated file then has the props interface
   * `<construct>Props` and an abstract `<construct>Attributes` base, and the class is hand-written.
   */
  readonly fills?: readonly string[];
}

/** Compile-time: true when A and B are mutually assignable and have the same keys (optional ones too). */
export type SameProps<A, B> = [A, keyof A] extends [B, keyof B] ? ([B, keyof B] extends [A, keyof A] ? true : false) : false;
/** Compile-time: fails to compile unless T is true (the generated files check their props against PropsOf with it). */
export type Holds<T extends true> = T;

/** `workspace_geo` → `workspaceGeo`, at the type level. */
type Camel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** A construct's props: the arguments schema's input fields in camelCase (defaults make a field optional). */
export type PropsOf<Schema extends z.ZodType> = CamelFields<z.input<Schema>> & TerraformMetaArguments;
// An empty object schema's input is an index signature of `never`: it has no fields to rename.
type CamelFields<Input> = string extends keyof Input ? object : { readonly [K in keyof Input as Camel<K & string>]: Input[K] };

export function camelName(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** What the construct layer knows of a schema: its fields by camelCase name, worked out once per schema. */
interface SchemaFields {
  readonly snakeByCamel: ReadonlyMap<string, string>;
  /** The camelCase props, for the unknown-prop check (which must not accept snake_case spellings). */
  readonly camelShape: z.ZodObject;
}

const fieldsBySchema = new WeakMap<z.ZodObject, SchemaFields>();

function fieldsOf(schema: z.ZodObject): SchemaFields {
  let fields = fieldsBySchema.get(schema);
  if (!fields) {
    const snakeByCamel = new Map(Object.keys(schema.shape).map((snake) => [camelName(snake), snake]));
    fields = { snakeByCamel, camelShape: z.object(Object.fromEntries([...snakeByCamel.keys()].map((camel) => [camel, z.unknown()]))) };
    fieldsBySchema.set(schema, fields);
  }
  return fields;
}

/** The snake_case arguments the props set (unset ones left out), in the schema's order. */
export function argumentsFromProps(schema: z.ZodObject, props: object): Record<string, unknown> {
  const values = props as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [camel, snake] of fieldsOf(schema).snakeByCamel) if (values[camel] !== undefined) args[snake] = values[camel];
  return args;
}

/**
 * Arguments a construct fills from other constructs instead of taking them as props (a Langfuse
 * project's organization key pair, from `orgApiKey`): the props that name those constructs, the
 * arguments they fill, and how.
 */
export interface References<Props> {
  readonly props: readonly string[];
  readonly fills: readonly string[];
  arguments(props: Props): Record<string, unknown>;
}

/** The props of a construct with references: the schema's fields but those references fill, in camelCase. */
export type PropsWithout<Schema extends z.ZodType, Filled extends string> = CamelFields<Omit<z.input<Schema>, Filled>> & TerraformMetaArguments;

// By references, then schema: one References (an organization key) serves several types.
const knownByReferences = new WeakMap<References<never>, WeakMap<z.ZodObject, z.ZodObject>>();

/** The props a construct takes, for the unknown-prop check. */
function knownProps(schema: z.ZodObject, references: References<never> | undefined): z.ZodObject {
  const { camelShape } = fieldsOf(schema);
  if (!references) return camelShape;
  let bySchema = knownByReferences.get(references);
  if (!bySchema) knownByReferences.set(references, (bySchema = new WeakMap()));
  let known = bySchema.get(schema);
  if (!known) {
    const filled = new Set(references.fills.map(camelName));
    const names = [...Object.keys(camelShape.shape).filter((name) => !filled.has(name)), ...references.props];
    known = z.object(Object.fromEntries(names.map((name) => [name, z.unknown()])));
    bySchema.set(schema, known);
  }
  return known;
}

/** The snake_case arguments of a construct's props, references included. */
function argumentsOf(schema: z.ZodObject, props: object, references: References<never> | undefined): Record<string, unknown> {
  return references ? { ...references.arguments(props as never), ...argumentsFromProps(schema, props) } : argumentsFromProps(schema, props);
}

function checkProps(scope: Construct, id: string, construct: string, schema: z.ZodObject, props: object, references?: References<never>): void {
  const { snakeByCamel } = fieldsOf(schema);
  rejectUnknownProps(scope, id, construct, knownProps(schema, references), props);
  try {
    validateProps(scope, id, schema, argumentsOf(schema, props, references), camelName);
  } catch (error) {
    if (!(error instanceof ConstructPropsError)) throw error;
    // Cross-field rules speak of arguments (`user_id`); the user wrote props (`userId`).
    const spelled = [...snakeByCamel].reduce((text, [camel, snake]) => text.replace(new RegExp(`\\b${snake}\\b`, "g"), camel), error.problem);
    throw new ConstructPropsError(error.constructPath, error.field, spelled);
  }
}

/**
 * A managed object whose props are its arguments schema in camelCase, but for the arguments its
 * `references` fill from other constructs (`Filled`), and `Extra` props (secret delivery, references).
 */
export abstract class SpecResource<Schema extends z.ZodObject, Extra extends object = object, Filled extends string = never> extends OrgformResource<
  PropsWithout<Schema, Filled> & Extra
> {
  protected constructor(
    scope: Construct,
    id: string,
    type: string,
    config: PropsWithout<Schema, Filled> & Extra,
    private readonly argumentsSchema: Schema,
    private readonly references?: References<PropsWithout<Schema, Filled> & Extra>,
  ) {
    super(scope, id, type, config);
    checkProps(scope, id, new.target.name, argumentsSchema, config, references as References<never> | undefined);
  }
  protected override terraformArguments(props: PropsWithout<Schema, Filled> & Extra): Record<string, unknown> {
    return argumentsOf(this.argumentsSchema, props, this.references as References<never> | undefined);
  }
}

/** A SpecResource that mints a secret: it also takes where to deliver it and when to rotate. */
export abstract class SpecSecretResource<Schema extends z.ZodObject, Extra extends object = object, Filled extends string = never> extends SpecResource<Schema, SecretDeliveryProps & Extra, Filled> {
  protected override terraformArguments(props: PropsWithout<Schema, Filled> & SecretDeliveryProps & Extra): Record<string, unknown> {
    return { ...super.terraformArguments(props), ...secretDeliveryAttributes(props) };
  }
}

/** A data source whose props are its arguments schema in camelCase (and references, as SpecResource). */
export abstract class SpecDataSource<Schema extends z.ZodObject, Extra extends object = object, Filled extends string = never> extends OrgformDataSource<
  PropsWithout<Schema, Filled> & Extra
> {
  protected constructor(
    scope: Construct,
    id: string,
    type: string,
    config: PropsWithout<Schema, Filled> & Extra,
    private readonly argumentsSchema: Schema,
    private readonly references?: References<PropsWithout<Schema, Filled> & Extra>,
  ) {
    super(scope, id, type, config);
    checkProps(scope, id, new.target.name, argumentsSchema, config, references as References<never> | undefined);
  }
  protected override terraformArguments(props: PropsWithout<Schema, Filled> & Extra): Record<string, unknown> {
    return argumentsOf(this.argumentsSchema, props, this.references as References<never> | undefined);
  }
}

/** Provider-block settings every provider shares; the construct base handles them (camelCase `rateLimit`). */
const COMMON_SETTINGS = new Set(["rate_limit", "alias", "secret_sink"]);

/** A provider block's props: its own settings in camelCase, and the common ones. */
export type ProviderPropsOf<Schema extends z.ZodObject> = CamelFields<Omit<z.input<Schema>, "rate_limit" | "alias" | "secret_sink">> & CommonProviderConfig;

const ownSettingsBySchema = new WeakMap<z.ZodObject, z.ZodObject>();

/** The provider's own settings as a camelCase schema with the same field rules. */
function ownSettings(schema: z.ZodObject): z.ZodObject {
  let own = ownSettingsBySchema.get(schema);
  if (!own) {
    own = z.object(Object.fromEntries(Object.entries(schema.shape).filter(([snake]) => !COMMON_SETTINGS.has(snake)).map(([snake, field]) => [camelName(snake), field])));
    ownSettingsBySchema.set(schema, own);
  }
  return own;
}

/** A provider block whose settings are the provider's config schema in camelCase. */
export abstract class SpecProvider<Schema extends z.ZodObject> extends OrgformProvider<ProviderPropsOf<Schema>> {
  protected constructor(scope: Construct, id: string, name: string, config: ProviderPropsOf<Schema>, private readonly configSchema: Schema) {
    super(scope, id, name, config, ownSettings(configSchema));
  }
  protected override providerArguments(config: ProviderPropsOf<Schema>): Record<string, unknown> {
    const own = argumentsFromProps(this.configSchema, config);
    for (const common of COMMON_SETTINGS) delete own[common];
    return own;
  }
}
