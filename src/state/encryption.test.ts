/**
 * State encryption at rest over the local backend (the pg backend's own test covers it there):
 * real files in a temp dir, read back through fresh backends as a later run would.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OrgformError } from "../errors";
import { EncryptingBackend, StateCipher, type EncryptionOptions } from "./encryption";
import { LocalBackend } from "./local-backend";
import { selectBackend } from "./select";
import { SECRET, secretOf, stateDoc } from "../../test/support/state-docs";

const OLD = "old-passphrase-4b1d9e2a7c";
const NEW = "new-passphrase-93f0c5e1d8";
/** Cheap scrypt for speed; envelopes carry their parameters, so reads need no option. */
const FAST = { N: 1024, r: 8, p: 1 };

let dir: string;
const statePath = () => join(dir, "terraform.main.tfstate");
const stored = () => readFileSync(statePath(), "utf8");
const backup = () => readFileSync(`${statePath()}.backup`, "utf8");
const encrypting = (options: EncryptionOptions) => new EncryptingBackend(new LocalBackend(statePath()), { scrypt: FAST, ...options });

async function rejection(promise: Promise<unknown>): Promise<OrgformError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OrgformError) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "orgform-enc-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("EncryptingBackend", () => {
  it("round-trips a document through an envelope that a fresh run can open", async () => {
    await encrypting({ passphrase: NEW }).write(stateDoc(1));
    await encrypting({ passphrase: NEW }).write(stateDoc(2));
    const read = await encrypting({ passphrase: NEW }).read();
    expect(read?.serial).toBe(2);
    expect(read?.lineage).toBe("lineage-test-1");
    expect(secretOf(read)).toBe(SECRET);
    const envelope = JSON.parse(stored()) as Record<string, unknown>;
    expect(Object.keys(envelope).sort()).toEqual(["cipher", "ciphertext", "iv", "kdf", "key_id", "orgform_encrypted", "tag"]);
    expect(envelope).toMatchObject({ orgform_encrypted: 1, cipher: "aes-256-gcm", kdf: { name: "scrypt", ...FAST } });
  });

  it.each([
    ["the state file", () => stored()],
    ["its backup", () => backup()],
  ])("never puts the secret or the passphrase in %s", async (_what, bytes) => {
    const b = encrypting({ passphrase: NEW });
    await b.write(stateDoc(1));
    await b.write(stateDoc(2));
    const text = bytes();
    expect(text).toContain('"orgform_encrypted": 1');
    for (const forbidden of [SECRET, NEW, "secret_key", "langfuse_organization_api_key"]) expect(text).not.toContain(forbidden);
    // Each write uses a fresh IV: equal documents never look alike.
    expect(JSON.parse(stored()).iv).not.toBe(JSON.parse(backup()).iv);
  });

  it.each([
    ["a wrong passphrase", { passphrase: OLD }, /encrypted with key id [0-9a-f]{16}, which ORGFORM_STATE_PASSPHRASE does not open/],
    ["a wrong previous passphrase too", { passphrase: OLD, previousPassphrases: ["another-wrong-passphrase"] }, /does not open.*ORGFORM_STATE_PREVIOUS_PASSPHRASE/],
  ])("refuses %s with a clear error and leaves the files untouched", async (_title, options, message) => {
    await encrypting({ passphrase: NEW }).write(stateDoc(1));
    await encrypting({ passphrase: NEW }).write(stateDoc(2));
    const before = [stored(), backup()];
    const wrong = encrypting(options);
    const readError = await rejection(wrong.read());
    expect(readError.code).toBe("STATE_ENCRYPTION");
    expect(readError.message).toMatch(message);
    const writeError = await rejection(encrypting(options).write(stateDoc(3)));
    expect(writeError.code).toBe("STATE_ENCRYPTION");
    for (const error of [readError, writeError]) {
      for (const secret of [NEW, OLD, SECRET]) expect(error.message).not.toContain(secret);
    }
    expect([stored(), backup()]).toEqual(before);
  });

  it("says to set the passphrase when encrypted state is read without one", async () => {
    await encrypting({ passphrase: NEW }).write(stateDoc(1));
    const error = await rejection(new LocalBackend(statePath()).read());
    expect(error.code).toBe("STATE_ENCRYPTION");
    expect(error.message).toContain("is encrypted and ORGFORM_STATE_PASSPHRASE is not set");
  });

  it.each([
    ["the ciphertext", "ciphertext"],
    ["the IV", "iv"],
    ["the authentication tag", "tag"],
  ])("reports a change to %s as damage, not as a wrong passphrase", async (_what, field) => {
    await encrypting({ passphrase: NEW }).write(stateDoc(1));
    const envelope = JSON.parse(stored()) as Record<string, string>;
    writeFileSync(statePath(), JSON.stringify({ ...envelope, [field]: flip(envelope[field]!) }));
    const error = await rejection(encrypting({ passphrase: NEW }).read());
    expect(error.code).toBe("STATE_CORRUPT");
    expect(error.message).toContain("was altered or damaged: its authentication tag does not match");
  });

  it("rotates: the previous passphrase opens the old state, the next write uses the new one (backup too)", async () => {
    await encrypting({ passphrase: OLD }).write(stateDoc(1));
    const rotating = encrypting({ passphrase: NEW, previousPassphrases: [OLD] });
    expect((await rotating.read())?.serial).toBe(1);
    await rotating.write(stateDoc(2));
    expect((await encrypting({ passphrase: NEW }).read())?.serial).toBe(2);
    expect((await rejection(encrypting({ passphrase: OLD }).read())).code).toBe("STATE_ENCRYPTION");
    const backupText = (await new StateCipher({ passphrase: NEW }).decrypt(backup(), "backup")).plain;
    expect(JSON.parse(backupText).serial).toBe(1);
    expect(JSON.parse(stored()).key_id).toBe(JSON.parse(backup()).key_id);
  });

  it("migrates plain state: read as is, encrypted on the next write, plain backup replaced", async () => {
    await new LocalBackend(statePath()).write(stateDoc(1));
    expect(stored()).toContain(SECRET);
    const b = encrypting({ passphrase: NEW });
    expect(secretOf(await b.read())).toBe(SECRET);
    await b.write(stateDoc(2));
    for (const text of [stored(), backup()]) {
      expect(text).not.toContain(SECRET);
      expect(text).toContain('"orgform_encrypted": 1');
    }
    expect((await encrypting({ passphrase: NEW }).read())?.serial).toBe(2);
  });

  it("removes encryption when only the previous passphrase is set", async () => {
    await encrypting({ passphrase: OLD }).write(stateDoc(1));
    const b = encrypting({ previousPassphrases: [OLD] });
    await b.read();
    await b.write(stateDoc(2));
    expect((await new LocalBackend(statePath()).read())?.serial).toBe(2);
    expect(JSON.parse(backup()).serial).toBe(1);
  });

  it("refuses a short passphrase", () => {
    expect(() => encrypting({ passphrase: "short" })).toThrow(/ORGFORM_STATE_PASSPHRASE is shorter than 16 characters/);
  });
});

describe("selectBackend with a passphrase in the environment", () => {
  it.each([
    ["no passphrase", {}, false],
    ["ORGFORM_STATE_PASSPHRASE", { ORGFORM_STATE_PASSPHRASE: NEW }, true],
    ["only a previous passphrase", { ORGFORM_STATE_PREVIOUS_PASSPHRASE: OLD }, true],
  ])("with %s", async (_title, env, wrapped) => {
    const chosen = selectBackend({ type: "local", settings: { path: statePath() } }, { projectDir: dir, stack: "main", env });
    expect(chosen instanceof EncryptingBackend).toBe(wrapped);
    await chosen.write(stateDoc(1));
    expect(stored().includes(SECRET)).toBe(!("ORGFORM_STATE_PASSPHRASE" in env));
    expect(existsSync(`${statePath()}.lock.info`)).toBe(false);
    const lock = await chosen.lock("OperationTypeApply");
    expect(existsSync(`${statePath()}.lock.info`)).toBe(true);
    await chosen.unlock(lock);
  });
});

function flip(base64: string): string {
  const bytes = Buffer.from(base64, "base64");
  bytes[0] = bytes[0]! ^ 0xff;
  return bytes.toString("base64");
}
