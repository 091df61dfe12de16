/**
 * State encryption at rest, for every backend (as OpenTofu does). State holds secrets (API key
 * values), so with ORGFORM_STATE_PASSPHRASE set the whole serialized document is stored as an
 * envelope: AES-256-GCM under a key that scrypt derives from the passphrase and a random salt
 * kept in the envelope. The envelope names its key by an id (a hash of salt and key, never the
 * key), so a wrong passphrase is told apart from damaged bytes, and rotation can pick the
 * previous passphrase (ORGFORM_STATE_PREVIOUS_PASSPHRASE) to read and the new one to write.
 *
 * A plain document read while a passphrase is set is accepted and encrypted on the next write
 * (migration); with only a previous passphrase set, the next write stores plain text (removal).
 * The create journal is not encrypted: by contract it holds no secret values.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt, type ScryptOptions } from "node:crypto";
import { z } from "zod";
import { OrgformError } from "../errors";
import type { LockInfo, StateBackend } from "./backend";
import { serializeState, type StateDocument } from "./document";
import type { JournalEntry } from "./journal";
import { PASSPHRASE_ENV, PREVIOUS_PASSPHRASE_ENV, isEncryptedText, parseStoredState, type TextStateBackend } from "./raw";

/** OpenTofu's minimum: shorter passphrases are too easy to guess offline. */
export const MIN_PASSPHRASE_LENGTH = 16;

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** ~100 ms and 32 MiB per derivation: costly for a guesser, paid once per run. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

export interface EncryptionOptions {
  /** Encrypts writes with this; undefined: writes plain text (decrypt-only, to remove encryption). */
  readonly passphrase?: string;
  /** Tried, in order, for envelopes the current passphrase does not open. */
  readonly previousPassphrases?: readonly string[];
  /** Lower cost for tests only; envelopes record their own parameters. */
  readonly scrypt?: ScryptParams;
}

const envelopeSchema = z.object({
  orgform_encrypted: z.literal(1),
  key_id: z.string().min(1),
  kdf: z.object({
    name: z.literal("scrypt"),
    salt: z.string().min(1),
    // Bounded so that a crafted file cannot make orgform allocate gigabytes.
    N: z.number().int().min(2).max(2 ** 20),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
  }),
  cipher: z.literal("aes-256-gcm"),
  iv: z.string().min(1),
  tag: z.string().min(1),
  ciphertext: z.string(),
});

type Envelope = z.infer<typeof envelopeSchema>;

interface DerivedKey {
  readonly salt: Buffer;
  readonly params: ScryptParams;
  readonly key: Buffer;
  readonly id: string;
}

async function deriveKey(passphrase: string, salt: Buffer, params: ScryptParams): Promise<DerivedKey> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r * params.p + 1024 * 1024 };
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(passphrase.normalize("NFC"), salt, 32, options, (error, derived) => (error ? reject(error) : resolve(derived))),
  );
  const id = createHash("sha256").update("orgform-state-key-id\0").update(salt).update(key).digest("hex").slice(0, 16);
  return { salt, params, key, id };
}

/** The header fields are authenticated too, so nobody can swap the salt or key id unnoticed. */
function additionalData(envelope: Pick<Envelope, "orgform_encrypted" | "key_id" | "kdf" | "cipher">): Buffer {
  const { name, salt, N, r, p } = envelope.kdf;
  return Buffer.from(JSON.stringify([envelope.orgform_encrypted, envelope.key_id, name, salt, N, r, p, envelope.cipher]));
}

/** Encrypts and decrypts state text; caches derived keys so a run pays scrypt once per key. */
export class StateCipher {
  private writeKey: DerivedKey | undefined;
  private readonly derived = new Map<string, DerivedKey>();

  constructor(private readonly options: EncryptionOptions) {
    for (const [what, value] of [[PASSPHRASE_ENV, options.passphrase], [PREVIOUS_PASSPHRASE_ENV, options.previousPassphrases?.[0]]] as const) {
      if (value !== undefined && value.length < MIN_PASSPHRASE_LENGTH) {
        throw new OrgformError("STATE_ENCRYPTION", `${what} is shorter than ${MIN_PASSPHRASE_LENGTH} characters. Use a longer passphrase (a random one from a secret store).`);
      }
    }
  }

  get encrypts(): boolean {
    return this.options.passphrase !== undefined;
  }

  async encrypt(plain: string): Promise<string> {
    const passphrase = this.options.passphrase;
    if (passphrase === undefined) throw new Error("StateCipher.encrypt called without a passphrase");
    this.writeKey ??= await deriveKey(passphrase, randomBytes(16), this.options.scrypt ?? DEFAULT_SCRYPT);
    const { key, salt, params, id } = this.writeKey;
    const header = { orgform_encrypted: 1 as const, key_id: id, kdf: { name: "scrypt" as const, salt: salt.toString("base64"), ...params }, cipher: "aes-256-gcm" as const };
    // A fresh 96-bit IV per write: GCM must never reuse one under the same key.
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(additionalData(header));
    const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    const envelope: Envelope = { ...header, iv: iv.toString("base64"), tag: cipher.getAuthTag().toString("base64"), ciphertext: ciphertext.toString("base64") };
    return `${JSON.stringify(envelope, null, 2)}\n`;
  }

  /** Opens an envelope. `current` is false when a previous passphrase opened it (rotate on write). */
  async decrypt(text: string, source: string): Promise<{ plain: string; current: boolean }> {
    let envelope: Envelope;
    try {
      const parsed = envelopeSchema.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error(`field "${parsed.error.issues[0]!.path.join(".")}"`);
      envelope = parsed.data;
    } catch (error) {
      throw new OrgformError("STATE_CORRUPT", `the encrypted ${source} is damaged (${(error as Error).message.replace(/".*"/, "…")}). Restore it from its backup.`);
    }
    const candidates = [
      ...(this.options.passphrase !== undefined ? [{ passphrase: this.options.passphrase, current: true }] : []),
      ...(this.options.previousPassphrases ?? []).map((passphrase) => ({ passphrase, current: false })),
    ];
    if (candidates.length === 0) {
      throw new OrgformError("STATE_ENCRYPTION", `${source} is encrypted (key id ${envelope.key_id}) and ${PASSPHRASE_ENV} is not set. Set it to the passphrase the state was written with.`);
    }
    const salt = Buffer.from(envelope.kdf.salt, "base64");
    const params = { N: envelope.kdf.N, r: envelope.kdf.r, p: envelope.kdf.p };
    for (const candidate of candidates) {
      const cacheKey = `${candidate.current}\0${envelope.kdf.salt}\0${params.N}\0${params.r}\0${params.p}\0${candidate.passphrase}`;
      let derived = this.derived.get(cacheKey);
      if (!derived) {
        derived = await deriveKey(candidate.passphrase, salt, params);
        this.derived.set(cacheKey, derived);
      }
      if (derived.id !== envelope.key_id) continue;
      const decipher = createDecipheriv("aes-256-gcm", derived.key, Buffer.from(envelope.iv, "base64"));
      decipher.setAAD(additionalData(envelope));
      decipher.setAuthTag(Buffer.from(envelope.tag, "base64"));
      let plain: string;
      try {
        plain = Buffer.concat([decipher.update(Buffer.from(envelope.ciphertext, "base64")), decipher.final()]).toString("utf8");
      } catch {
        throw new OrgformError("STATE_CORRUPT", `the encrypted ${source} was altered or damaged: its authentication tag does not match. Restore it from its backup.`);
      }
      // Keep writing under the key that opened it: no second scrypt for this run.
      if (candidate.current) this.writeKey ??= derived;
      return { plain, current: candidate.current };
    }
    const tried = [this.options.passphrase !== undefined ? PASSPHRASE_ENV : undefined, this.options.previousPassphrases?.length ? PREVIOUS_PASSPHRASE_ENV : undefined].filter(Boolean).join(" nor ");
    throw new OrgformError(
      "STATE_ENCRYPTION",
      `${source} is encrypted with key id ${envelope.key_id}, which ${tried} does not open. ` +
        `Set ${PASSPHRASE_ENV} to the passphrase it was written with; to rotate, put that one in ${PREVIOUS_PASSPHRASE_ENV} and the new one in ${PASSPHRASE_ENV}.`,
      { keyId: envelope.key_id },
    );
  }
}

/**
 * Wraps a backend so that what it stores is encrypted. Locks and the journal pass through.
 * Invariant: nothing is written until the stored text has been opened (or found plain), so a
 * wrong passphrase can never overwrite state.
 */
export class EncryptingBackend implements StateBackend {
  private readonly cipher: StateCipher;
  private opened = false;
  /** The previous document as plain text, when it is stored plain or under an old key. */
  private restoreFirst: string | undefined;

  constructor(
    readonly inner: TextStateBackend,
    options: EncryptionOptions,
  ) {
    this.cipher = new StateCipher(options);
  }

  get warnings(): string[] | undefined {
    return this.inner.warnings;
  }

  describe(): string {
    return this.inner.describe();
  }

  async read(): Promise<StateDocument | undefined> {
    const plain = await this.open();
    if (plain === undefined) return undefined;
    try {
      return parseStoredState(plain, this.describe());
    } catch (error) {
      this.restoreFirst = undefined;
      throw error;
    }
  }

  async write(state: StateDocument): Promise<void> {
    if (!this.opened) {
      await this.open();
      if (this.restoreFirst !== undefined) await this.read().catch(() => undefined);
    }
    // The backup becomes the previous document under the current key, so no copy stays plain
    // text (migration) or under the old passphrase (rotation).
    const backup = this.restoreFirst === undefined ? undefined : await this.encode(this.restoreFirst);
    await this.inner.writeText(await this.encode(serializeState(state)), backup);
    this.restoreFirst = undefined;
  }

  lock(operation: string): Promise<LockInfo> {
    return this.inner.lock(operation);
  }

  unlock(lock: LockInfo): Promise<void> {
    return this.inner.unlock(lock);
  }

  forceUnlock(id: string): Promise<void> {
    return this.inner.forceUnlock(id);
  }

  /** A completion record carries the object with its secrets: encrypted like state. */
  async appendJournal(entry: JournalEntry): Promise<void> {
    return this.inner.appendJournal(await this.seal(entry));
  }

  async readJournal(): Promise<JournalEntry[]> {
    const entries = await this.inner.readJournal();
    return Promise.all(
      entries.map(async (entry) =>
        entry.kind === "create-outcome" && entry.state !== undefined && isEncryptedText(entry.state) ? { ...entry, state: (await this.cipher.decrypt(entry.state, "the create journal")).plain } : entry,
      ),
    );
  }

  async replaceJournal(keep: readonly JournalEntry[]): Promise<void> {
    return this.inner.replaceJournal(await Promise.all(keep.map((entry) => this.seal(entry))));
  }

  private async seal(entry: JournalEntry): Promise<JournalEntry> {
    return entry.kind === "create-outcome" && entry.state !== undefined && this.cipher.encrypts && !isEncryptedText(entry.state) ? { ...entry, state: await this.cipher.encrypt(entry.state) } : entry;
  }

  async close(): Promise<void> {
    await this.inner.close?.();
  }

  /** The stored document as plain text; notes whether the next write must re-store it. */
  private async open(): Promise<string | undefined> {
    const text = await this.inner.readText();
    let plain: string | undefined;
    let current: boolean;
    if (text === undefined) {
      current = true;
    } else if (isEncryptedText(text)) {
      ({ plain, current } = await this.cipher.decrypt(text, this.describe()));
      current &&= this.cipher.encrypts;
    } else {
      plain = text;
      current = !this.cipher.encrypts;
    }
    this.restoreFirst = current ? undefined : plain;
    this.opened = true;
    return plain;
  }

  private async encode(plain: string): Promise<string> {
    return this.cipher.encrypts ? this.cipher.encrypt(plain) : plain;
  }
}

/** Wraps `backend` when the environment asks for encryption (or for reading old encrypted state). */
export function withEncryption(backend: TextStateBackend, env: NodeJS.ProcessEnv): StateBackend {
  const options = encryptionFromEnv(env);
  return options ? new EncryptingBackend(backend, options) : backend;
}

/** The passphrases the environment sets, or undefined when it asks for no encryption. */
export function encryptionFromEnv(env: NodeJS.ProcessEnv): EncryptionOptions | undefined {
  const passphrase = env[PASSPHRASE_ENV] || undefined;
  const previous = env[PREVIOUS_PASSPHRASE_ENV] || undefined;
  if (passphrase === undefined && previous === undefined) return undefined;
  return { passphrase, previousPassphrases: previous === undefined ? [] : [previous] };
}
