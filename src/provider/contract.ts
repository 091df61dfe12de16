/**
 * The contract every provider implements. A provider is a Terraform provider name, a way to turn
 * its configuration block into a session (an HTTP client, usually), and a list of resource and
 * data source types. A resource type is a few small operations plus declarations the engine reads
 * to plan: which arguments force replacement, which attributes are sensitive, computed or
 * write-only. The engine decides which operation to call from the planned action; a resource type
 * never decides what to do, only how.
 *
 * Attribute values are plain JSON (`unknown` validated with zod). Names are Terraform's
 * snake_case attribute names as they appear in cdk.tf.json.
 */
import type { z } from "zod";

/** Attributes of one object: arguments plus computed attributes, always including `id`. */
export type Attributes = Readonly<Record<string, unknown>>;

/** What an operation gets besides its arguments. */
export interface OperationContext<Session> {
  /** The configured provider: an HTTP client and settings. */
  readonly session: Session;
  /** The resource address, e.g. `anthropic_workspace.eng`, for error messages. */
  readonly address: string;
  /** A progress line while an operation waits on the API (apply shows it under the address). */
  readonly progress?: (message: string) => void;
}

/** A read that found the object no longer usable (archived, expired): drift with a reason. */
export class Gone {
  constructor(
    readonly reason: string,
    /**
     * In a list: the object's identity there (ListAbility.identity, by default its id), so
     * refresh matches it to its state entry without reading the object again.
     */
    readonly identity?: string,
  ) {}
}

export type ReadResult = Attributes | null | Gone;

/** How `orgform generate` prints a construct prop made of one or more arguments (ResourceType.constructProps). */
export interface ConstructProp {
  readonly prop: string;
  code(value: (argument: string) => string): string;
}

/**
 * Batched reads: every object of the type under one parent in as few paginated calls as the API
 * allows. Refresh groups the resources of a type by `scope` and calls `fetch` once per scope,
 * then matches objects to resources by `id`.
 */
export interface ListAbility<Session> {
  /** The parent collection an object lives in (an organization id, a project id, "" for the root). */
  scope(attributes: Attributes): string;
  /** Every object in the scope, each in the shape `read` returns (or a Gone). */
  fetch(ctx: OperationContext<Session>, scope: string): Promise<ReadonlyArray<Attributes | Gone>>;
  /** The key matched against a resource's state, default the `id` attribute. */
  identity?(attributes: Attributes): string;
  /**
   * The type whose objects hold this collection, and the scope of the collection inside one of
   * them (an organization's keys, a project's members). Drift reads the collection of every
   * managed parent, so an object made by hand is reported even where the stack manages nothing
   * of this type yet. Absent for root collections, and where what a parent holds is not made by
   * people (a project's rate limits exist for every model).
   */
  readonly parent?: { readonly type: string; scopeOf(parent: Attributes): string };
}

/**
 * For a type without a list because its reads need each object's own credentials (the Langfuse
 * public API authenticates with the organization key the resource names): where a create would
 * put an object, and what is there now, so a create journal intent can still be resolved. The
 * engine evaluates the resource's arguments again (secrets included) to call `fetch`.
 */
export interface CreatedLookup<Session> {
  /** The parent the object is made in, as ListAbility.scope (recorded in the intent). */
  scope(args: Attributes): string;
  /** Every object in that parent, in the shape `read` returns, read with the credentials in `args`. */
  fetch(ctx: OperationContext<Session>, args: Attributes): Promise<ReadonlyArray<Attributes>>;
  /**
   * The type whose objects hold this collection, and the arguments `fetch` needs to read it from
   * one of them (credentials included): drift reads inside every managed parent, as with
   * ListAbility.parent. Objects of the type the stack manages are read through too.
   */
  readonly parent?: { readonly type: string; argsOf(parent: Attributes): Attributes };
}

/**
 * Which attributes of a key type hold its dates and its name. `lastUsedAt` is absent when the API
 * does not report last use at all: the report then says "unknown", never "never used".
 */
export interface KeyReportFields {
  readonly createdAt?: string;
  readonly lastUsedAt?: string;
  readonly expiresAt?: string;
  /** Attributes that name the key, the first non-empty one wins (the id otherwise). */
  readonly label: readonly string[];
}

/**
 * How an object gives a person access, for `orgform report access`: whose (email, or a user id
 * the same provider's people resolve to an email), which role, on what (the organization, or the
 * workspace or project an attribute names), and whether it is only an invitation.
 */
export interface AccessFields {
  readonly email?: string;
  readonly userId?: string;
  readonly role: string;
  /** What the access is to: "organization", "workspace", "project". */
  readonly on: string;
  /** The attribute naming the workspace or project; absent for the organization. */
  readonly container?: string;
  /** The attribute with the access state (denied/active) or an invitation's status. */
  readonly state?: string;
  readonly invitation?: boolean;
}

export interface ResourceType<Session = unknown> {
  /** Terraform type name: `langfuse_organization`. */
  readonly type: string;
  /**
   * zod schema of the arguments (the resource block in cdk.tf.json). Defaults fill in absent
   * optional arguments, so absent and default compare equal in the diff.
   */
  readonly arguments: z.ZodType<Record<string, unknown>>;
  /** Attributes the API computes; on create they are unknown until apply. Always includes "id". */
  readonly computed: readonly string[];
  /** Arguments whose change needs a new object (destroy and create). */
  readonly forceNew: readonly string[];
  /** Attributes that hold secrets: wrapped as Sensitive, masked everywhere, sensitive in state. */
  readonly sensitive: readonly string[];
  /** Arguments the API never returns: orgform keeps a fingerprint, so drift on them is undetectable. */
  readonly writeOnly?: readonly string[];
  /**
   * Computed attributes that change on every update (e.g. `updated_at`): unknown after an update.
   * Every other computed attribute keeps its prior value through an update.
   */
  readonly volatile?: readonly string[];
  /** The cdktf construct class for this type, for `orgform generate` (default: PascalCase of `type`). */
  readonly constructName?: string;
  /**
   * For `orgform generate`: arguments the construct does not take as their camelCase prop. Each
   * names the prop it prints instead and that prop's code (`value(argument)` is an argument's
   * value as code, secrets as environment references), or null where something else supplies it
   * (a Langfuse organization key: the provider's own unless the stack passes `orgApiKey`).
   */
  readonly constructProps?: Readonly<Record<string, ConstructProp | null>>;
  /** Words the plan uses when the API cannot truly create or delete: "adopted", "archived". */
  readonly verbs?: { readonly create?: string; readonly delete?: string; readonly deleteNote?: string };
  /** Present on key types: `orgform report keys` lists their objects with these attributes. */
  readonly keyReport?: KeyReportFields;
  /** Present on types whose objects give a person access: `orgform report access` lists them. */
  readonly access?: AccessFields;

  /** Plan-time checks on known arguments, may read the API; each string is one problem. */
  validate?(ctx: OperationContext<Session>, args: Attributes, prior: Attributes | undefined): Promise<readonly string[]>;
  /** Plan-time refusal of a change the API cannot make (e.g. renaming an archived key). */
  refuseChange?(prior: Attributes, args: Attributes): string | undefined;

  read(ctx: OperationContext<Session>, prior: Attributes): Promise<ReadResult>;
  readonly list?: ListAbility<Session>;
  /** Only for types without `list`: how an interrupted create is found (see CreatedLookup). */
  readonly findCreated?: CreatedLookup<Session>;
  /**
   * Create is an upsert keyed by the arguments (a Langfuse membership: find the person by email,
   * set their role): a retry after a lost answer adopts what the first attempt made, so creates
   * are not journaled and recovery never looks for look-alikes (several members share a role).
   */
  readonly createIsUpsert?: true;
  /**
   * Where the API hands an object's secrets out again on request (Get Project with
   * `secret=true`): the sensitive attributes of the object `attributes` names. Recovery of an
   * interrupted create then adopts the object with its secrets instead of replacing it.
   */
  readSecrets?(ctx: OperationContext<Session>, attributes: Attributes): Promise<Attributes>;
  create(ctx: OperationContext<Session>, args: Attributes): Promise<Attributes>;
  /** Absent: every argument change replaces the object. */
  update?(ctx: OperationContext<Session>, prior: Attributes, args: Attributes): Promise<Attributes>;
  delete(ctx: OperationContext<Session>, prior: Attributes): Promise<void>;
  /** Reads an existing object by its API id for `orgform import`; null when there is none. */
  importById?(ctx: OperationContext<Session>, id: string): Promise<Attributes | null>;
  /** The id `importById` takes for an object (default its `id`): `<project id>/<key id>`, an email. */
  importId?(attributes: Attributes): string;
}

export interface DataSourceType<Session = unknown> {
  /** Terraform type name without the `data.` prefix: `anthropic_user`. */
  readonly type: string;
  readonly arguments: z.ZodType<Record<string, unknown>>;
  readonly sensitive?: readonly string[];
  /** Reads the object the arguments select; throws an OrgformError naming the arguments if none. */
  read(ctx: OperationContext<Session>, args: Attributes): Promise<Attributes>;
}

export interface ProviderDefinition<Session = unknown> {
  /** Terraform provider name: the prefix of its type names (`langfuse` for `langfuse_organization`). */
  readonly name: string;
  /**
   * Builds a session from the provider block (snake_case keys, values evaluated) and the
   * environment, which supplies defaults such as admin keys. Secrets in the block arrive as
   * Sensitive values. Throws an OrgformError naming the missing setting and its env var.
   */
  configure(config: Attributes, env: NodeJS.ProcessEnv): Session;
  /**
   * One cheap authenticated read proving the credentials and base URL work, so a plan fails
   * before an apply would (Terraform providers check when configured). `types` are the resource
   * and data source types the stack uses through this configuration. Throws the provider's
   * one-line credentials error. Plan skips it with --no-refresh, and for a configuration whose
   * objects the refresh already read.
   */
  verifyCredentials?(session: Session, types: ReadonlySet<string>): Promise<void>;
  readonly resources: ReadonlyArray<ResourceType<Session>>;
  readonly dataSources: ReadonlyArray<DataSourceType<Session>>;
}
