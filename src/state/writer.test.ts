import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { emptyState, type ResourceState } from "./document";
import { LocalBackend } from "./local-backend";
import { StateWriter } from "./writer";

const resource = (i: number): ResourceState => ({
  address: `langfuse_organization.org_${i}`,
  mode: "managed",
  type: "langfuse_organization",
  name: `org_${i}`,
  provider: "langfuse",
  attributes: { id: `org-${i}`, name: `Org ${i}` },
  dependencies: [],
});

describe("StateWriter", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "orgform-writer-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("changes made together share one write, and flush waits until all of them are on disk", async () => {
    const backend = new LocalBackend(join(dir, "terraform.w.tfstate"));
    const writer = new StateWriter(backend, emptyState());
    for (let i = 0; i < 50; i++) writer.put(resource(i));
    await writer.flush();
    expect(writer.writeCount()).toBe(1);
    expect((await backend.read())!.resources.size).toBe(50);
  });

  it("changes made while a write is on its way go into the next one, in order", async () => {
    const backend = new LocalBackend(join(dir, "terraform.w.tfstate"));
    const writer = new StateWriter(backend, emptyState());
    for (let i = 0; i < 20; i++) {
      writer.put(resource(i));
      if (i % 5 === 4) await new Promise((resolve) => setImmediate(resolve));
    }
    writer.remove(resource(3).address);
    await writer.flush();
    const stored = (await backend.read())!;
    expect([...stored.resources.keys()]).toHaveLength(19);
    expect(stored.resources.has(resource(3).address)).toBe(false);
    expect(stored.serial).toBe(writer.writeCount());
    expect(writer.writeCount()).toBeLessThanOrEqual(21);
  });

  it("a failed write turns the writer unhealthy and flush reports it", async () => {
    const blocker = join(dir, "not-a-directory");
    writeFileSync(blocker, "a file where the state directory should be");
    const writer = new StateWriter(new LocalBackend(join(blocker, "terraform.w.tfstate")), emptyState());
    writer.put(resource(1));
    await expect(writer.flush()).rejects.toThrow(/EEXIST|ENOTDIR/);
    expect(writer.healthy).toBe(false);
  });
});
