/**
 * Errors as data: every failure a user can fix is an OrgformError with a stable `code`, a message
 * that names what to fix (address, field, value, next command) and no secret. The CLI prints
 * `Error: <message>` for these and never a stack trace; anything else is a bug and shows one.
 */
export type ErrorCode =
  | "CONFIG_NOT_FOUND"
  | "SYNTH_FAILED"
  | "CONFIG_INVALID"
  | "CONSTRUCT_INVALID"
  | "UNKNOWN_RESOURCE_TYPE"
  | "UNKNOWN_PROVIDER"
  | "ARGUMENT_INVALID"
  | "UNDEFINED_REFERENCE"
  | "UNKNOWN_FUNCTION"
  | "EXPRESSION_INVALID"
  | "VARIABLE_MISSING"
  | "CYCLE"
  | "STATE_CORRUPT"
  | "STATE_LOCKED"
  | "STATE_NOT_FOUND"
  | "STATE_CONFLICT"
  | "STATE_ENCRYPTION"
  | "STATE_BACKEND_FAILED"
  | "PREVENT_DESTROY"
  | "PLAN_INVALID"
  | "OPERATION_UNSUPPORTED"
  | "API_ERROR"
  | "API_AUTH"
  | "API_NOT_FOUND"
  | "API_RESPONSE_INVALID"
  | "API_UNREACHABLE"
  | "APPLY_FAILED"
  | "APPROVAL_REQUIRED"
  | "USAGE";

export class OrgformError extends Error {
  override readonly name = "OrgformError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra structured facts for --json output; never secrets. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    // Whatever built the message (an API echoing a key, a value in a path), no known secret survives.
    super(redactKnownSecrets(message));
  }
}

/**
 * Every secret this process has seen (each Sensitive value registers its strings here), so error
 * text can be cleaned of secrets that arrived anywhere: a key read from state, a variable, a
 * create response. Short strings are not registered: masking "prod" everywhere helps no one.
 */
const knownSecrets = new Set<string>();
const MIN_SECRET_LENGTH = 8;

export function registerSecret(secret: string): void {
  if (secret.length >= MIN_SECRET_LENGTH) knownSecrets.add(secret);
}

export function redactKnownSecrets(text: string): string {
  return redact(text, knownSecrets);
}

export function isOrgformError(error: unknown): error is OrgformError {
  return error instanceof OrgformError;
}

/** Replaces every occurrence of each secret in a text by a mask. */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  if (secrets !== knownSecrets) out = redact(out, knownSecrets);
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("(redacted)");
  }
  return out;
}
