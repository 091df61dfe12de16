import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DurableLineLog, writeFileAtomically } from "./atomic-write";

describe("DurableLineLog", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "orgform-log-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("appends made together share one fsync, and every line is there, in order, when they resolve", async () => {
    const log = new DurableLineLog(join(dir, "journal"));
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(`line ${i}`)));
    expect(readFileSync(log.path, "utf8")).toBe(Array.from({ length: 50 }, (_, i) => `line ${i}\n`).join(""));
    expect(log.batches).toBe(1);
    expect(statSync(log.path).mode & 0o777).toBe(0o600);
  });

  it("appends made while a batch is being written go into the next batch", async () => {
    const log = new DurableLineLog(join(dir, "journal"));
    const first = log.append("a");
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([first, log.append("b"), log.append("c")]);
    await log.append("d");
    expect(readFileSync(log.path, "utf8")).toBe("a\nb\nc\nd\n");
    expect(log.batches).toBeLessThanOrEqual(3);
  });

  it("appends from several callbacks of one event-loop turn share one fdatasync", async () => {
    const log = new DurableLineLog(join(dir, "journal"));
    // Three answers arriving together: each runs in its own callback, then starts a create. Node
    // runs immediates queued together in one check phase (each followed by its microtasks), and
    // an immediate queued from one of them in the next: the three callbacks share one turn.
    const appends = await new Promise<Array<Promise<void>>>((resolve) => {
      const started: Array<Promise<void>> = [];
      for (let i = 0; i < 3; i++) {
        setImmediate(() => {
          started.push(log.append(`intent ${i}`));
          if (started.length === 3) resolve(started);
        });
      }
    });
    await Promise.all(appends);
    expect(readFileSync(log.path, "utf8")).toBe("intent 0\nintent 1\nintent 2\n");
    expect(log.batches).toBe(1);
  });

  it("creates its directory, and after close a new append goes to a new file at the same path", async () => {
    const log = new DurableLineLog(join(dir, "state", "nested", "journal"));
    await log.append("a");
    log.close();
    rmSync(log.path);
    await log.append("b");
    expect(readFileSync(log.path, "utf8")).toBe("b\n");
  });

  it("rejects every append of a batch that cannot be written", async () => {
    const blocker = join(dir, "file");
    writeFileSync(blocker, "not a directory");
    const log = new DurableLineLog(join(blocker, "journal"));
    const results = await Promise.allSettled([log.append("a"), log.append("b")]);
    expect(results.map((result) => result.status)).toEqual(["rejected", "rejected"]);
  });
});

describe("writeFileAtomically", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "orgform-write-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes a private file even over a temp file a killed run left with a wider mode", () => {
    const path = join(dir, "terraform.x.tfstate");
    // A killed run of an earlier process with this pid left its temp file behind, readable by all.
    writeFileSync(`${path}.tmp-${process.pid}`, "old secrets", { mode: 0o644 });
    chmodSync(`${path}.tmp-${process.pid}`, 0o644);
    writeFileAtomically(path, "new secrets");
    expect(readFileSync(path, "utf8")).toBe("new secrets");
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
