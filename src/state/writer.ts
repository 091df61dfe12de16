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
  private queue: Promise<void> = Promise.resolve();
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

  /** Writes even if nothing changed (refresh-only accepts drift this way). */
  async persist(): Promise<void> {
    const snapshot = this.snapshotNext();
    const write = this.queue.then(() => this.backend.write(snapshot));
    this.queue = write.catch(() => undefined);
    this.writes++;
    await write;
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
