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
    super(message);
  }
}

export function isOrgformError(error: unknown): error is OrgformError {
  return error instanceof OrgformError;
}

/** Replaces every occurrence of each secret in a text by a mask. */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("(redacted)");
  }
  return out;
}
