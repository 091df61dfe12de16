/**
 * Holds the state during an apply and persists it after every single change, one write at a
 * time and in order, so an interrupted apply loses nothing that happened. Only this writer (and
 * the state commands) write state.
 */
import type { StateBackend } from "./backend";
import type { OutputState, ResourceState, StateDocument } from "./document";

export class StateWriter {
  private readonly resources: Map<string, ResourceState>;
  private outputs: Record<string, OutputState>;
  private serial: number;
  private inFlight: Promise<void> | undefined;
  /** Changes made so far, and how many of them the last completed write included. */
  private changes = 0;
  private written = 0;
  private writes = 0;

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

  async put(resource: ResourceState): Promise<void> {
    this.resources.set(resource.address, resource);
    await this.persist();
  }

  async remove(address: string): Promise<void> {
    this.resources.delete(address);
    await this.persist();
  }

  async setOutputs(outputs: Record<string, OutputState>): Promise<void> {
    this.outputs = outputs;
    await this.persist();
  }

  /**
   * Writes even if nothing changed (refresh-only accepts drift this way). Resolves once a write
   * that includes every change made so far is on disk. Changes that arrive while a write is in
   * flight share the next one, so parallel operations do not queue one write each.
   */
  async persist(): Promise<void> {
    const wanted = ++this.changes;
    while (this.written < wanted) {
      if (this.inFlight) {
        await this.inFlight.catch(() => undefined);
        continue;
      }
      const covers = this.changes;
      const snapshot = this.snapshotNext();
      this.writes++;
      this.inFlight = this.backend.write(snapshot).then(
        () => {
          this.written = Math.max(this.written, covers);
          this.inFlight = undefined;
        },
        (error: unknown) => {
          this.inFlight = undefined;
          throw error;
        },
      );
      await this.inFlight;
    }
  }

  document(): StateDocument {
    return { serial: this.serial, lineage: this.lineage, resources: new Map(this.resources), outputs: { ...this.outputs } };
  }

  writeCount(): number {
    return this.writes;
  }

  private snapshotNext(): StateDocument {
    this.serial++;
    return this.document();
  }
}
