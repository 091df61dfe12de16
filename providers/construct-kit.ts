/**
 * What every provider's constructs share: validating props with zod at construction time, so a
 * bad value fails `synth` with the construct path, the field and what was expected. Values that
 * are cdktf tokens (references to other resources, variables, functions) are not known yet and
 * are skipped; the engine checks them again after evaluation.
 */
import { Token } from "cdktf";
import type { Construct } from "constructs";
import { z } from "zod";
import { ORGFORM_VERSION } from "../src/version";

/**
 * The version every orgform provider block declares in required_providers. orgform's providers
 * ship inside orgform, so it is orgform's version; cdktf-cli (which orgform-terraform serves)
 * refuses a cdk.tf.json whose required_providers entry has no version.
 */
export const PROVIDER_VERSION = ORGFORM_VERSION;

export class ConstructPropsError extends Error {
  override readonly name = "ConstructPropsError";
  constructor(
    readonly constructPath: string,
    readonly field: string,
    readonly problem: string,
    message = `${constructPath}: property "${field}": ${problem}`,
  ) {
    super(message);
  }
}

/**
 * Validates props and returns them parsed (defaults applied); throws ConstructPropsError naming
 * the field as `propName` spells it (a construct checked by its snake_case arguments schema names
 * the camelCase prop the user wrote).
 */
export function validateProps<T>(scope: Construct, id: string, schema: z.ZodType<T>, props: unknown, propName: (field: string) => string = (field) => field): T {
  const result = schema.safeParse(props);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const value = valueAt(props, issue.path);
    if (isToken(value)) continue;
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    const field = issue.path.map((part, index) => (index === 0 ? propName(String(part)) : String(part))).join(".") || "(props)";
    const received = value === undefined ? "nothing" : JSON.stringify(value);
    throw new ConstructPropsError(path, field, `${issue.message} (received ${received})`);
  }
  // Every issue was on an unresolved token: keep the props as given.
  return props as T;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function isToken(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  return Token.isUnresolved(value);
}

/** Removes undefined entries so the synthesized JSON has only what the user set. */
export function compact(attributes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined));
}

/** Where a minted secret goes instead of state (see src/secrets/secret-sink.ts). */
export type SecretSinkProps =
  | { readonly kind: "file"; readonly path: string }
  | { readonly kind: "dotenv"; readonly path: string; readonly name: string }
  | { readonly kind: "command"; readonly command: string };

/** Props every construct that mints a secret accepts. */
export interface SecretDeliveryProps {
  /** Deliver the secret here and keep only its fingerprint in state. Default: the provider's. */
  readonly secretSink?: SecretSinkProps;
  /** Change this value (a date, a version) to rotate: a new key is made and delivered before the old one is deleted. */
  readonly rotation?: string;
}

/** The engine-handled attributes for SecretDeliveryProps. */
export function secretDeliveryAttributes(props: SecretDeliveryProps): Record<string, unknown> {
  return compact({ secret_sink: props.secretSink, rotation: props.rotation });
}

/** A provider's client-side limits for its API host (src/http/limits.ts); env ORGFORM_<PROVIDER>_* otherwise. */
export interface RateLimitProps {
  readonly requestsPerMinute?: number;
  readonly burst?: number;
  /** Most requests in flight at once (default 64 for hosts without known limits). */
  readonly concurrency?: number;
}

/** The synth-time check of RateLimitProps: the same rules as the block's `rate_limit`. */
export const rateLimitProps = z
  .object({
    requestsPerMinute: z.number().positive().optional(),
    burst: z.number().int().positive().optional(),
    concurrency: z.number().int().positive().optional(),
  })
  .strict();

/** The provider block's `rate_limit`, or undefined when no limit is set. */
export function rateLimitAttribute(rate: RateLimitProps | undefined): Record<string, unknown> | undefined {
  return rate ? compact({ requests_per_minute: rate.requestsPerMinute, burst: rate.burst, concurrency: rate.concurrency }) : undefined;
}
