/**
 * What a plan starts from: the stored state and the create journal beside it. A first apply
 * killed before it wrote any state leaves only a journal: the new state continues that run's
 * lineage, so its intents are resolved rather than ignored as another state's.
 */
import type { StateBackend } from "./backend";
import { emptyState, type StateDocument } from "./document";
import type { JournalEntry } from "./journal";

export interface StartingPoint {
  readonly prevRun: StateDocument;
  readonly journal: readonly JournalEntry[];
}

export async function readStartingPoint(backend: StateBackend): Promise<StartingPoint> {
  const journal = await backend.readJournal();
  const stored = await backend.read();
  if (stored) return { prevRun: stored, journal };
  const first = journal.find((entry) => entry.kind === "create-intent");
  return { prevRun: emptyState(first?.kind === "create-intent" ? first.lineage : undefined), journal };
}
