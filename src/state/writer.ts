/**
 * Holds the state during an apply and persists it in the background: every change starts (or
 * joins) a write, writes run one at a time and in order, and each write carries every change
 * made before it started. An operation does not wait for its own write, so the apply keeps the
 * APIs busy while state is fsynced; `flush` waits until everything is on disk.
 *
 * Why not waiting is safe: an object created but not yet in a written state is in the create
 * journal (fsynced before its POST), and the next run adopts it; an update or delete not yet
 * written is found by the next refresh. A write that fails is kept: `healthy` turns false (apply
 * starts nothing new) and `flush` rejects with it. Only this writer (and the state commands)
 * write state.
 */
import type { StateBackend } from "./backend";
import type { OutputState, ResourceState, StateDocument } from "./document";

export class StateWriter {
  private readonly resources: Map<string, ResourceState>;
  private outputs: Record<string, OutputState>;
  private serial: number;
  /** Changes made so far, and how many of them the last completed write included. */
  private changes = 0;
  private written = 0;
  private writes = 0;
  private writing: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly backend: StateBackend,
    start: StateDocument,
    private readonly lineage = start.lineage,
  ) {
    this.resources = new Map(start.resources);
    this.outputs = { ...start.outputs };
    this.serial = start.serial;
  }

  get(address: string): ResourceState | undefined {
    return this.resources.get(address);
  }

  /** Records the object now and writes it soon; `flush` to wait for the write. */
  put(resource: ResourceState): void {
    this.resources.set(resource.address, resource);
    this.changed();
  }

  remove(address: string): void {
    this.resources.delete(address);
    this.changed();
  }

  async setOutputs(outputs: Record<string, OutputState>): Promise<void> {
    this.outputs = outputs;
    await this.persist();
  }

  /** Writes even if nothing changed (refresh-only accepts drift this way), and waits for it. */
  async persist(): Promise<void> {
    this.changed();
    await this.flush();
  }

  /** False once a write has failed: nothing more should be changed that state cannot record. */
  get healthy(): boolean {
    return this.failure === undefined;
  }

  /** Resolves once every change made so far is written; rejects with a write's failure. */
  async flush(): Promise<void> {
    while (this.failure === undefined && this.written < this.changes) await (this.writing ??= this.writeUntilCurrent());
    if (this.failure) throw this.failure.error;
  }

  document(): StateDocument {
    return { serial: this.serial, lineage: this.lineage, resources: new Map(this.resources), outputs: { ...this.outputs } };
  }

  writeCount(): number {
    return this.writes;
  }

  private changed(): void {
    this.changes++;
    this.writing ??= this.writeUntilCurrent();
  }

  /** The one write loop: each pass writes a snapshot with every change made so far. */
  private async writeUntilCurrent(): Promise<void> {
    // Let the changes of this turn of the event loop join the first write.
    await Promise.resolve();
    try {
      while (this.written < this.changes) {
        const covers = this.changes;
        this.serial++;
        this.writes++;
        await this.backend.write(this.document());
        this.written = covers;
      }
    } catch (error) {
      this.failure = { error };
    } finally {
      this.writing = undefined;
    }
  }
}
