/**
 * Holds the state during an apply and persists it in the background: every change starts (or
 * joins) a write, writes run one at a time and in order, each carries every change made before
 * it started, and a large state rests between writes (writeUntilCurrent). An operation does not wait for its own write, so the apply keeps the
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

/** Rest between writes, as a multiple of the last write's duration (see writeUntilCurrent). */
const REST_FACTOR = 3;

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
  /** Callers waiting in flush (the loop does not rest while one waits), and how to end a rest. */
  private flushing = 0;
  private wake: (() => void) | undefined;

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
    this.flushing++;
    this.wake?.();
    try {
      while (this.failure === undefined && this.written < this.changes) await (this.writing ??= this.writeUntilCurrent());
    } finally {
      this.flushing--;
    }
    if (this.failure) throw this.failure.error;
  }

  private rest(ms: number): Promise<void> {
    return new Promise<void>((resume) => {
      const timer = setTimeout(() => this.wake?.(), ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resume();
      };
    });
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

  /**
   * The one write loop: each pass writes a snapshot with every change made so far. Between
   * passes it rests REST_FACTOR times as long as the last write took (until a flush wakes it):
   * a 100-object state (a few ms a write) is still written after every few changes, while a
   * 10,000-object state (~0.4 s to serialize and fsync) is not rewritten back to back, which
   * would spend most of the apply's CPU on state.
   */
  private async writeUntilCurrent(): Promise<void> {
    // Let the changes of this turn of the event loop join the first write.
    await Promise.resolve();
    try {
      while (this.written < this.changes) {
        const covers = this.changes;
        this.serial++;
        this.writes++;
        const started = performance.now();
        await this.backend.write(this.document());
        this.written = covers;
        if (this.written < this.changes && !this.flushing) await this.rest(REST_FACTOR * (performance.now() - started));
      }
    } catch (error) {
      this.failure = { error };
    } finally {
      this.writing = undefined;
    }
  }
}
