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
  | "FILE_ACCESS"
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

/**
 * Secrets known without being seen as values: the credentials in the environment. A source is
 * read on the first redaction (most commands never build an error), then its strings are known.
 */
const secretSources: Array<() => Iterable<string>> = [];

export function registerSecretSource(source: () => Iterable<string>): void {
  secretSources.push(source);
}

function readSecretSources(): void {
  for (let source = secretSources.shift(); source; source = secretSources.shift()) for (const secret of source()) registerSecret(secret);
}

export function redactKnownSecrets(text: string): string {
  return redact(text, knownSecrets);
}

export function isOrgformError(error: unknown): error is OrgformError {
  return error instanceof OrgformError;
}

/** Replaces every occurrence of each secret in a text by a mask. */
export function redact(text: string, secrets: Iterable<string>): string {
  readSecretSources();
  let out = text;
  if (secrets !== knownSecrets) out = redact(out, knownSecrets);
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("(redacted)");
  }
  return out;
}

/** A Node.js system error from the file system (ENOENT, EISDIR, EACCES …) that names its path. */
interface FileSystemError extends Error {
  readonly code: string;
  readonly syscall?: string;
  readonly path: string;
  readonly dest?: string;
}

function isFileSystemError(error: unknown): error is FileSystemError {
  if (!(error instanceof Error)) return false;
  const { code, path } = error as Partial<FileSystemError>;
  return typeof code === "string" && /^E[A-Z]+$/.test(code) && typeof path === "string" && path.length > 0;
}

/**
 * The user error behind a file system failure: a file to read that is missing, a directory where
 * a file should be, a directory to write into that does not exist, a permission. One line naming
 * the path and what to fix; undefined for anything that is not such an error (a bug). `exists`
 * is injected so this module stays free of I/O.
 */
export function fileSystemUserError(error: unknown, exists: (path: string) => boolean): OrgformError | undefined {
  if (!isFileSystemError(error)) return undefined;
  const { code } = error;
  // Files are written through a temp file beside them (src/files): name the file the user named.
  const path = withoutTempSuffix(error.path);
  const dest = error.dest === undefined ? undefined : withoutTempSuffix(error.dest);
  const parent = parentDirectory(path);
  const target = dest && dest !== path ? `${path} → ${dest}` : path;
  let problem: string;
  switch (code) {
    case "ENOENT":
      problem =
        parent && !exists(parent)
          ? `no such file or directory: the directory ${parent} does not exist. Check the path, or create the directory (mkdir -p ${parent}) if orgform is to write there.`
          : `no such file or directory. Check the path${dest ? "s" : ""}.`;
      break;
    case "EISDIR":
      problem = "is a directory, where orgform needs a file. Choose a file path, or move the directory away.";
      break;
    case "ENOTDIR":
      problem = "a part of this path is a file, not a directory. Check the path.";
      break;
    case "EACCES":
    case "EPERM":
      problem = `permission denied. Check the permissions of the file and its directory${parent ? ` (${parent})` : ""}, or run as a user who may ${error.syscall === "open" || error.syscall === "read" ? "use" : "change"} it.`;
      break;
    case "EEXIST":
      problem = "already exists. Remove it or choose another path.";
      break;
    case "ENOSPC":
    case "EDQUOT":
      problem = "no space left on the device (or quota exceeded). Free some space and run the command again.";
      break;
    case "EROFS":
      problem = "the file system is read-only. Choose a writable location.";
      break;
    case "ENAMETOOLONG":
      problem = "the path is too long. Choose a shorter one.";
      break;
    case "ELOOP":
      problem = "too many symbolic links (a link loop). Check the path.";
      break;
    case "EBUSY":
    case "ETXTBSY":
      problem = "the file is busy (in use by another program). Close it and run the command again.";
      break;
    default:
      problem = `${error.syscall ? `${error.syscall} failed` : "failed"} with ${code}. Check the path.`;
  }
  return new OrgformError("FILE_ACCESS", `${target}: ${problem}`, { path, code });
}

/** `<path>.tmp-<pid>` or `<path>.tmp-<pid>-<n>`, the temp files of src/files/atomic-write.ts. */
function withoutTempSuffix(path: string): string {
  return path.replace(/\.tmp-\d+(?:-\d+)?$/, "");
}

function parentDirectory(path: string): string | undefined {
  const trimmed = path.replace(/[\\/]+$/, "");
  const cut = Math.max(trimmed.lastIndexOf("/"), trimmed.lastIndexOf("\\"));
  if (cut < 0) return undefined;
  return cut === 0 ? "/" : trimmed.slice(0, cut);
}
