/**
 * Retiring create-journal intents (state/journal.ts): an intent leaves the journal only once its
 * outcome is in a written state, so a journal left behind is never replayed against a later one.
 */
import type { StateBackend } from "./backend";
import type { StateDocument } from "./document";
import { journalRecords, keepIntents } from "./journal";

/** Retires the given intents (a plan resolved them and the state recording that is written). */
export async function retireIntents(backend: StateBackend, settled: readonly string[]): Promise<void> {
  if (settled.length === 0) return;
  const gone = new Set(settled);
  await retireWhere(backend, (intent) => gone.has(intent));
}

/**
 * After state is written by apply: retires every intent whose outcome is known (made, and so in
 * state; or refused). Intents whose answer never came stay for the next plan to resolve.
 */
export async function retireKnownOutcomes(backend: StateBackend): Promise<void> {
  const entries = await backend.readJournal();
  if (entries.length === 0) return;
  const known = new Set(journalRecords(entries).filter((record) => record.outcome !== undefined && record.outcome.result !== "unknown").map((record) => record.intent.intent));
  await retireWhere(backend, (intent) => known.has(intent));
}

/**
 * Before a state command edits state (`state rm` forgets an object, `push` replaces the whole
 * document): retires intents whose made object `state` records, so what the user tells state
 * afterwards is never undone by a replayed journal.
 */
export async function retireRecordedIn(backend: StateBackend, state: StateDocument): Promise<void> {
  const entries = await backend.readJournal();
  if (entries.length === 0) return;
  const recorded = new Set([...state.resources.values()].map((resource) => `${resource.type}\u0000${String(resource.attributes.id)}`));
  const settled = new Set(
    journalRecords(entries)
      .filter((record) => record.outcome?.result === "refused" || (record.outcome?.result === "made" && recorded.has(`${record.intent.type}\u0000${record.outcome.id}`)))
      .map((record) => record.intent.intent),
  );
  await retireWhere(backend, (intent) => settled.has(intent));
}

async function retireWhere(backend: StateBackend, retire: (intent: string) => boolean): Promise<void> {
  const entries = await backend.readJournal();
  const records = journalRecords(entries);
  if (!records.some((record) => retire(record.intent.intent))) return;
  const keep = new Set(records.map((record) => record.intent.intent).filter((intent) => !retire(intent)));
  await backend.replaceJournal(keepIntents(entries, keep));
}
