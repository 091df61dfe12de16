/**
 * Per-attribute modifiers, in the spirit of terraform-plugin-framework's schema attributes
 * (RequiresReplace, Sensitive, WriteOnly): a field of a type's spec says what it is where it is
 * declared, `organization_id: forceNew(z.string())`, and the engine's declarations of the type
 * (its forceNew, sensitive, writeOnly, volatile and computed lists) are derived from its two
 * schemas by `declarationsOf`, never listed a second time (issue 17, item 1).
 *
 * A modifier returns a marked copy of the schema it is given (with its description), so a schema
 * shared by several types (a role enum) is marked only where a field says so. It reads best
 * wrapping a field last, `forceNew(z.string().min(1))`; a mark also survives zod's methods applied
 * after it (the registry follows a schema's parent link) and the wrappers and pipes the derivation
 * looks through (`.optional()`, `.nullable()`, `.default()`, `.transform()`).
 */
import { z } from "zod";

interface Modifiers {
  /** A change to this argument needs a new object (destroy and create). */
  readonly forceNew?: true;
  /** A secret: wrapped as Sensitive, masked everywhere, sensitive in state. */
  readonly sensitive?: true;
  /** An argument the API never returns: orgform keeps a fingerprint, so drift on it is undetectable. */
  readonly writeOnly?: true;
  /** A computed attribute that changes on every update (`updated_at`): unknown after an update. */
  readonly volatile?: true;
}

const marks = z.registry<Modifiers>();

function mark<T extends z.ZodType>(schema: T, modifier: Modifiers): T {
  // A clone keeps the original's metadata (description, getter) through zod's parent link.
  const copy = schema.clone() as T;
  marks.add(copy, { ...marks.get(schema), ...modifier });
  return copy;
}

export const forceNew = <T extends z.ZodType>(schema: T): T => mark(schema, { forceNew: true });
export const sensitive = <T extends z.ZodType>(schema: T): T => mark(schema, { sensitive: true });
/** Write-only arguments are secrets the API keeps to itself: they are sensitive too. */
export const writeOnly = <T extends z.ZodType>(schema: T): T => mark(schema, { writeOnly: true, sensitive: true });
export const volatile = <T extends z.ZodType>(schema: T): T => mark(schema, { volatile: true });

/** The modifiers of a field: its own and those of the schemas it wraps (optional, nullable, default…). */
function modifiersOf(field: z.ZodType): Modifiers {
  let found: Modifiers = {};
  for (let schema: z.ZodType | undefined = field; schema; ) {
    found = { ...marks.get(schema), ...found };
    const def = schema._zod.def as { innerType?: z.ZodType; in?: z.ZodType };
    schema = def.innerType ?? def.in;
  }
  return found;
}

/** The engine's declarations of a resource type, derived from its arguments and computed-attributes schemas. */
export interface Declarations<Args extends z.ZodObject> {
  readonly arguments: Args;
  readonly computed: readonly string[];
  readonly forceNew: readonly string[];
  readonly sensitive: readonly string[];
  readonly writeOnly?: readonly string[];
  readonly volatile?: readonly string[];
}

export function declarationsOf<Args extends z.ZodObject>(args: Args, computed: z.ZodObject): Declarations<Args> {
  const fields = (shape: Record<string, z.ZodType>, modifier: keyof Modifiers) => Object.keys(shape).filter((name) => modifiersOf(shape[name]!)[modifier]);
  const argumentShape = args.shape as Record<string, z.ZodType>;
  const computedShape = computed.shape as Record<string, z.ZodType>;
  const writeOnly = fields(argumentShape, "writeOnly");
  const volatile = fields(computedShape, "volatile");
  return {
    arguments: args,
    computed: Object.keys(computedShape),
    forceNew: fields(argumentShape, "forceNew"),
    sensitive: [...fields(argumentShape, "sensitive"), ...fields(computedShape, "sensitive")],
    ...(writeOnly.length > 0 ? { writeOnly } : {}),
    ...(volatile.length > 0 ? { volatile } : {}),
  };
}

/** A data source's declarations: its arguments and the secrets among them and among what it reads. */
export function dataDeclarationsOf<Args extends z.ZodObject>(args: Args, reads?: z.ZodObject): { readonly arguments: Args; readonly sensitive?: readonly string[] } {
  const shape = { ...(args.shape as Record<string, z.ZodType>), ...((reads?.shape ?? {}) as Record<string, z.ZodType>) };
  const secrets = Object.keys(shape).filter((name) => modifiersOf(shape[name]!).sensitive);
  return { arguments: args, ...(secrets.length > 0 ? { sensitive: secrets } : {}) };
}
