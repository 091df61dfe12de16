/**
 * State commands that write: `state rm` (forget an object; nothing is deleted remotely),
 * `state mv`, `state pull` and `state push`. Each takes the lock and keeps a backup (the backend
 * writes `<path>.backup`). Pull never prints secrets to stdout: `--out FILE` writes the full
 * document to a private file (0600, even if it existed) instead, encrypted like state when
 * ORGFORM_STATE_PASSPHRASE is set; push reads such a file back. `state encrypt` stores the state
 * under the current passphrase at once.
 */
import { readFileSync } from "node:fs";
import { OrgformError } from "../../errors";
import { writePrivateFile } from "../../files/atomic-write";
import { parseState, serializeState, type StateDocument } from "../../state/document";
import { MIN_PASSPHRASE_LENGTH, StateCipher, encryptionFromEnv } from "../../state/encryption";
import { PASSPHRASE_ENV, PREVIOUS_PASSPHRASE_ENV, isEncryptedText } from "../../state/raw";
import type { StateBackend } from "../../state/backend";
import { isSensitive } from "../../values/sensitive";
import type { CommonOptions } from "../options";
import type { Environment } from "./plan-apply";
import { stackBackend } from "./state";
import { retireRecordedIn } from "../../state/journal-retire";

async function withLockedState(backend: StateBackend, operation: string, edit: (state: StateDocument) => StateDocument | Promise<StateDocument>): Promise<StateDocument> {
  const lock = await backend.lock(operation);
  try {
    const state = await backend.read();
    if (!state) throw new OrgformError("STATE_NOT_FOUND", `no state yet at ${backend.describe()}.`);
    await retireRecordedIn(backend, state);
    const next = await edit(state);
    await backend.write({ ...next, serial: state.serial + 1 });
    return next;
  } finally {
    await backend.unlock(lock);
  }
}

export async function stateRmCommand(environment: Environment, addresses: readonly string[], options: CommonOptions): Promise<number> {
  const backend = stackBackend(environment, options);
  await withLockedState(backend, "OperationTypeStateRm", (state) => {
    const resources = new Map(state.resources);
    for (const address of addresses) {
      if (!resources.delete(address)) throw new OrgformError("STATE_NOT_FOUND", `no object at "${address}" in state. Run \`orgform state list\`.`);
    }
    return { ...state, resources };
  });
  environment.io.out(`Removed ${addresses.join(", ")} from state (nothing was deleted in the API).\nSuccessfully removed ${addresses.length} resource instance(s).`);
  return 0;
}

export async function stateMvCommand(environment: Environment, from: string, to: string, options: CommonOptions): Promise<number> {
  const backend = stackBackend(environment, options);
  await withLockedState(backend, "OperationTypeStateMv", (state) => {
    const resource = state.resources.get(from);
    if (!resource) throw new OrgformError("STATE_NOT_FOUND", `no object at "${from}" in state. Run \`orgform state list\`.`);
    if (state.resources.has(to)) throw new OrgformError("STATE_CONFLICT", `"${to}" already exists in state; remove it first with \`orgform state rm ${to}\`.`);
    const dot = to.indexOf(".");
    if (to.slice(0, dot) !== resource.type) throw new OrgformError("USAGE", `"${from}" is a ${resource.type}; it can only move to another ${resource.type} address.`);
    const resources = new Map(state.resources);
    resources.delete(from);
    resources.set(to, { ...resource, address: to, name: to.slice(dot + 1) });
    return { ...state, resources };
  });
  environment.io.out(`Move "${from}" to "${to}"\nSuccessfully moved 1 object(s).`);
  return 0;
}

export async function statePullCommand(environment: Environment, options: CommonOptions & { out?: string }): Promise<number> {
  const backend = stackBackend(environment, options);
  const state = await backend.read();
  if (!state) throw new OrgformError("STATE_NOT_FOUND", `no state yet at ${backend.describe()}.`);
  if (options.out) {
    const cipher = fileCipher(environment.env);
    const encrypts = cipher?.encrypts === true;
    writePrivateFile(options.out, encrypts ? await cipher!.encrypt(serializeState(state)) : serializeState(state));
    const how = encrypts ? `mode 0600, encrypted with ${PASSPHRASE_ENV}` : "mode 0600";
    environment.io.out(`Wrote state serial ${state.serial} (lineage ${state.lineage}) to ${options.out} (${how}: it holds secrets).`);
    return 0;
  }
  environment.io.out(maskedState(state));
  environment.io.err("Sensitive values are masked. Use `orgform state pull --out FILE` for a complete copy.");
  return 0;
}

export async function statePushCommand(environment: Environment, file: string, options: CommonOptions & { force?: boolean }): Promise<number> {
  const backend = stackBackend(environment, options);
  const stored = readFileSync(file, "utf8");
  // A copy from `state pull --out` with encryption on: opened with the same passphrases as state.
  const text = isEncryptedText(stored) ? (await (fileCipher(environment.env) ?? new StateCipher({})).decrypt(stored, file)).plain : stored;
  if (text.includes('"(sensitive value)"')) {
    throw new OrgformError("STATE_CONFLICT", `${file} holds masked secrets (from \`state pull\` without --out): pushing it would lose them. Use a copy made with \`orgform state pull --out\`.`);
  }
  const incoming = parseState(text, file);
  const lock = await backend.lock("OperationTypeStatePush");
  try {
    const current = await backend.read();
    if (current) await retireRecordedIn(backend, current);
    if (current && !options.force) {
      if (current.lineage !== incoming.lineage) {
        throw new OrgformError("STATE_CONFLICT", `${file} has lineage ${incoming.lineage}, but the stack's state has ${current.lineage}: it is another stack's state. Use --force to overwrite anyway.`);
      }
      if (incoming.serial < current.serial) {
        throw new OrgformError("STATE_CONFLICT", `${file} has serial ${incoming.serial}, older than the current ${current.serial}: pushing it would undo later changes. Use --force to overwrite anyway.`);
      }
    }
    await backend.write({ ...incoming, serial: Math.max(incoming.serial, (current?.serial ?? 0) + 1) });
  } finally {
    await backend.unlock(lock);
  }
  environment.io.out(`Pushed ${file} to ${backend.describe()}.`);
  return 0;
}

/**
 * `orgform state encrypt`: stores the current state under ORGFORM_STATE_PASSPHRASE now, instead of
 * at the next apply that changes something: plain state is encrypted, state under the passphrase
 * in ORGFORM_STATE_PREVIOUS_PASSPHRASE is re-keyed, and the backup is rewritten the same way, so
 * afterwards neither the old passphrase nor a plain copy opens anything. Same serial: the
 * document does not change, only how it is stored.
 */
export async function stateEncryptCommand(environment: Environment, options: CommonOptions): Promise<number> {
  const encryption = encryptionFromEnv(environment.env);
  if (encryption?.passphrase === undefined) {
    throw new OrgformError(
      "STATE_ENCRYPTION",
      `${PASSPHRASE_ENV} is not set: set it to the passphrase to encrypt the state with (${MIN_PASSPHRASE_LENGTH}+ characters, from a secret store) and run \`orgform state encrypt\` again. To re-key, also set ${PREVIOUS_PASSPHRASE_ENV} to the passphrase the state has now.`,
    );
  }
  const backend = stackBackend(environment, options);
  const lock = await backend.lock("OperationTypeStateEncrypt");
  let state: StateDocument | undefined;
  try {
    state = await backend.read();
    if (!state) throw new OrgformError("STATE_NOT_FOUND", `no state yet at ${backend.describe()}: the first apply will write it encrypted.`);
    await backend.write(state);
  } finally {
    await backend.unlock(lock);
  }
  const previous = encryption.previousPassphrases?.length ? ` ${PREVIOUS_PASSPHRASE_ENV} no longer opens it; remove it from your environment.` : "";
  environment.io.out(`Encrypted ${backend.describe()} (serial ${state.serial}) and its backup with ${PASSPHRASE_ENV}.${previous}`);
  return 0;
}

/** The cipher for state copies on disk, or undefined when the environment asks for no encryption. */
function fileCipher(env: NodeJS.ProcessEnv): StateCipher | undefined {
  const options = encryptionFromEnv(env);
  return options ? new StateCipher(options) : undefined;
}

function maskedState(state: StateDocument): string {
  const text = serializeState({
    ...state,
    resources: new Map(
      [...state.resources].map(([address, resource]) => [
        address,
        { ...resource, attributes: Object.fromEntries(Object.entries(resource.attributes).map(([k, v]) => [k, isSensitive(v) ? "(sensitive value)" : v])) },
      ]),
    ),
    outputs: Object.fromEntries(Object.entries(state.outputs).map(([k, o]) => [k, o.sensitive ? { ...o, value: "(sensitive value)" } : o])),
  });
  return text;
}
