/**
 * A secret that orgform handed to a secret sink and did not keep: state holds only its SHA-256
 * fingerprint and where it went. Plans show "(delivered to …)"; outputs say where it went.
 */
export class Delivered {
  constructor(
    /** "file secrets/ci.key", "dotenv .env (CI_KEY)", "command vault kv put …". */
    readonly sink: string,
    /** "sha256:…" of the value, or undefined before apply. */
    readonly fingerprint?: string,
  ) {}
  toString(): string {
    return `(delivered to ${this.sink})`;
  }
  toJSON(): string {
    return this.toString();
  }
}

export function isDelivered(value: unknown): value is Delivered {
  return value instanceof Delivered;
}
