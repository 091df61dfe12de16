/**
 * The stored-text layer under a backend. A backend that also exposes its raw text (the bytes it
 * stores, before parsing) can be wrapped by EncryptingBackend, which turns that text into an
 * encrypted envelope and back; the backend keeps doing what it alone knows (where the text lives,
 * atomic writes, backups, locks, the journal).
 */
import { OrgformError } from "../errors";
import type { StateBackend } from "./backend";
import { parseState, type StateDocument } from "./document";

/** A StateBackend whose stored text can be read and written as is. */
export interface TextStateBackend extends StateBackend {
  /** The stored text, or undefined when the stack has no state yet. */
  readText(): Promise<string | undefined>;
  /**
   * Stores `text` atomically. The first write of a run keeps the text the run started from as
   * the backup; `backup`, when given, is kept instead (the encryption layer passes the start
   * re-encrypted, so no plain or old-key copy stays behind).
   */
  writeText(text: string, backup?: string): Promise<void>;
}

export const PASSPHRASE_ENV = "ORGFORM_STATE_PASSPHRASE";
export const PREVIOUS_PASSPHRASE_ENV = "ORGFORM_STATE_PREVIOUS_PASSPHRASE";

/** True when `text` is an encrypted envelope rather than a state document. */
export function isEncryptedText(text: string): boolean {
  // Cheap test first: a plain state document never has this key.
  if (!text.includes('"orgform_encrypted"')) return false;
  try {
    const json = JSON.parse(text) as unknown;
    return typeof json === "object" && json !== null && "orgform_encrypted" in json;
  } catch {
    return false;
  }
}

/**
 * Parses stored text that must be a plain document: an encrypted one means no passphrase was
 * given, which deserves a better message than "field version: invalid".
 */
export function parseStoredState(text: string, source: string): StateDocument {
  if (isEncryptedText(text)) {
    throw new OrgformError(
      "STATE_ENCRYPTION",
      `${source} is encrypted and ${PASSPHRASE_ENV} is not set. Set it to the passphrase the state was written with.`,
    );
  }
  return parseState(text, source);
}
