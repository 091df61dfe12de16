/**
 * Two arguments the engine handles for every resource type that mints secrets (attributes both
 * computed and sensitive, like an API key's secret): `secret_sink`, where minted secrets are
 * delivered instead of being kept in state (default: the provider block's `secret_sink`), and
 * `rotation`, a trigger whose change replaces the object create-before-destroy, so the new
 * secret is delivered before the old object disappears.
 */
import { OrgformError } from "../errors";
import type { ResourceType } from "../provider/contract";
import { revealDeep } from "../values/sensitive";
import { containsUnknown } from "../values/unknown";
import { describeSink, secretSinkSchema, type SecretSink } from "../secrets/secret-sink";

export const ENGINE_ARGUMENTS = ["secret_sink", "rotation"] as const;

export interface SecretMeta {
  readonly sink?: SecretSink;
  readonly sinkDescription?: string;
  readonly rotation: string | null;
  /** The body without the engine's arguments, for the type's own schema. */
  readonly body: Record<string, unknown>;
}

/** The attributes a create mints (computed and sensitive): what a sink receives. */
export function mintedSecrets(type: ResourceType): string[] {
  return type.sensitive.filter((key) => type.computed.includes(key));
}

export function splitSecretMeta(type: ResourceType, body: unknown, providerSink: unknown, address: string): SecretMeta {
  const record = (body ?? {}) as Record<string, unknown>;
  const { secret_sink: sinkValue, rotation: rotationValue, ...rest } = record;
  const minted = mintedSecrets(type);
  if (minted.length === 0) {
    if (sinkValue !== undefined && sinkValue !== null) throw new OrgformError("ARGUMENT_INVALID", `${address}: ${type.type} mints no secret, so it takes no secretSink.`);
    return { rotation: null, body: record };
  }
  const rawSink = sinkValue ?? providerSink;
  let sink: SecretSink | undefined;
  if (rawSink !== undefined && rawSink !== null) {
    if (containsUnknown(rawSink)) throw new OrgformError("ARGUMENT_INVALID", `${address}: secretSink must be known at plan time.`);
    const parsed = secretSinkSchema.safeParse(revealDeep(rawSink));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new OrgformError("ARGUMENT_INVALID", `${address}: argument "secret_sink.${issue.path.join(".")}": ${issue.message}. A sink is { kind: "file", path } | { kind: "dotenv", path, name } | { kind: "command", command }.`);
    }
    sink = parsed.data;
  }
  const rotation = rotationValue === undefined || rotationValue === null ? null : String(revealDeep(rotationValue));
  return { sink, sinkDescription: sink ? describeSink(sink) : undefined, rotation, body: rest };
}
