/**
 * A provider block's settings, the same way for every provider (issue 17, item 2: the session
 * definition): parsed with the provider's config schema, each setting from the block or else from
 * its environment variables, and a missing one named with every way to set it.
 */
import type { z } from "zod";
import { OrgformError } from "../../errors";
import { revealDeep } from "../../values/sensitive";
import type { Attributes } from "../contract";

/** The block parsed with `schema`; a bad value is one line naming the field, never echoing the value (it may be a key). */
export function parseProviderBlock<T>(provider: string, schema: z.ZodType<T>, config: Attributes): T {
  const parsed = schema.safeParse(revealDeep(config));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new OrgformError("ARGUMENT_INVALID", `provider "${provider}": ${issue.path.join(".")}: ${issue.message}.`);
}

/** The block's value, else the first of `names` set (non-empty) in the environment. */
export function fromBlockOrEnv(value: string | undefined, env: NodeJS.ProcessEnv, names: readonly string[]): string | undefined {
  if (value !== undefined) return value;
  for (const name of names) if (env[name]) return env[name];
  return undefined;
}

/** A required setting neither the block nor the environment gave: what it is, and how to set it. */
export function missingSetting(provider: string, what: string, names: readonly string[], prop: string, construct: string, hint = ""): OrgformError {
  return new OrgformError("ARGUMENT_INVALID", `provider "${provider}": no ${what}. Set ${names.join(" or ")}${hint ? ` ${hint}` : ""}, or ${prop} on ${construct}.`);
}
