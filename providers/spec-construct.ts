/**
 * Constructs derived from the type's one declaration (issue 17, item 1): the snake_case arguments
 * schema the engine plans with is also the construct's. Its props are that schema's fields in
 * camelCase (the type `PropsOf`), checked by the same schema (cross-field rules included) with
 * messages naming the camelCase prop, and synthesized back to snake_case; `orgform generate`
 * prints the same camelCase names. A construct then only says its type, its schema and its
 * attribute getters; nothing about a field is written twice.
 */
import type { TerraformMetaArguments } from "cdktf";
import type { Construct } from "constructs";
import { z } from "zod";
import { OrgformDataSource, OrgformProvider, OrgformResource, type CommonProviderConfig } from "./construct-base";
import { ConstructPropsError, secretDeliveryAttributes, validateProps, type SecretDeliveryProps } from "./construct-kit";
import { rejectUnknownProps } from "./unknown-props";

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

function checkProps(scope: Construct, id: string, construct: string, schema: z.ZodObject, props: object): void {
  const { camelShape, snakeByCamel } = fieldsOf(schema);
  rejectUnknownProps(scope, id, construct, camelShape, props);
  try {
    validateProps(scope, id, schema, argumentsFromProps(schema, props), camelName);
  } catch (error) {
    if (!(error instanceof ConstructPropsError)) throw error;
    // Cross-field rules speak of arguments (`user_id`); the user wrote props (`userId`).
    const spelled = [...snakeByCamel].reduce((text, [camel, snake]) => text.replace(new RegExp(`\\b${snake}\\b`, "g"), camel), error.problem);
    throw new ConstructPropsError(error.constructPath, error.field, spelled);
  }
}

/** A managed object whose props are its arguments schema in camelCase. */
export abstract class SpecResource<Schema extends z.ZodObject, Extra extends object = object> extends OrgformResource<PropsOf<Schema> & Extra> {
  protected constructor(scope: Construct, id: string, type: string, config: PropsOf<Schema> & Extra, private readonly argumentsSchema: Schema) {
    super(scope, id, type, config);
    checkProps(scope, id, new.target.name, argumentsSchema, config);
  }
  protected override terraformArguments(props: PropsOf<Schema> & Extra): Record<string, unknown> {
    return argumentsFromProps(this.argumentsSchema, props);
  }
}

/** A SpecResource that mints a secret: it also takes where to deliver it and when to rotate. */
export abstract class SpecSecretResource<Schema extends z.ZodObject> extends SpecResource<Schema, SecretDeliveryProps> {
  protected override terraformArguments(props: PropsOf<Schema> & SecretDeliveryProps): Record<string, unknown> {
    return { ...super.terraformArguments(props), ...secretDeliveryAttributes(props) };
  }
}

/** A SpecResource that carries an API key pair (a key, or a project that comes with its own). */
export abstract class SpecKeyPairResource<Schema extends z.ZodObject, Extra extends object = object> extends SpecResource<Schema, Extra> {
  get publicKey(): string {
    return this.getStringAttribute("public_key");
  }
  /** Sensitive: the API returns it only when the object is made (state keeps it); reference it only from sensitive outputs. */
  get secretKey(): string {
    return this.getStringAttribute("secret_key");
  }
  protected override terraformArguments(props: PropsOf<Schema> & Extra): Record<string, unknown> {
    return { ...super.terraformArguments(props), ...secretDeliveryAttributes(props as SecretDeliveryProps) };
  }
}

/** A data source whose props are its arguments schema in camelCase. */
export abstract class SpecDataSource<Schema extends z.ZodObject> extends OrgformDataSource<PropsOf<Schema>> {
  protected constructor(scope: Construct, id: string, type: string, config: PropsOf<Schema>, private readonly argumentsSchema: Schema) {
    super(scope, id, type, config);
    checkProps(scope, id, new.target.name, argumentsSchema, config);
  }
  protected override terraformArguments(props: PropsOf<Schema>): Record<string, unknown> {
    return argumentsFromProps(this.argumentsSchema, props);
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
