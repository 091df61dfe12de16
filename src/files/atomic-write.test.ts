import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DurableLineLog } from "./atomic-write";

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

  it("rejects every append of a batch that cannot be written", async () => {
    const blocker = join(dir, "file");
    writeFileSync(blocker, "not a directory");
    const log = new DurableLineLog(join(blocker, "journal"));
    const results = await Promise.allSettled([log.append("a"), log.append("b")]);
    expect(results.map((result) => result.status)).toEqual(["rejected", "rejected"]);
  });
});
