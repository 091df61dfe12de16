/**
 * The create journal. A POST that creates an object is not idempotent: if orgform dies after the
 * API committed it but before state recorded it, a blind retry would create a duplicate (and a
 * key whose secret nobody holds). So around each create, apply appends durable records to a
 * small append-only journal beside the state:
 *
 * - an intent, fsynced before the request is sent: which address, in which parent (scope), with
 *   which non-secret arguments, for which state lineage, and the request's window (sent at,
 *   latest possible answer);
 * - an outcome, as soon as the answer (or its absence) is known: `made` carries the object as
 *   state will record it (secrets included; the encrypting backend encrypts it like state), so a
 *   completed create is durable at once, before the next state write; `refused` says the API
 *   made nothing; `unknown` closes the request's window (a dropped connection, a 5xx).
 *
 * The next plan (plan/recover.ts) resolves every intent of this lineage that state does not
 * account for. An intent is retired only once its outcome is in state; a successful apply leaves
 * no journal. Lines that cannot be read are never acted on: the file is set aside with a warning.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";

export const createIntentSchema = z.object({
  kind: z.literal("create-intent"),
  /** Unique per create request; outcomes name it. */
  intent: z.string().min(1),
  /** The lineage of the state the create belongs to: intents of another state are never acted on. */
  lineage: z.string().min(1),
  address: z.string(),
  type: z.string(),
  provider: z.string(),
  scope: z.string(),
  /** Non-secret arguments the created object must match. */
  match: z.record(z.string(), z.unknown()),
  /** When the intent was written (the request was sent after this). */
  at: z.string(),
  /** The latest moment the API could have committed the create (the request's last deadline). */
  deadline: z.string(),
});

export const createOutcomeSchema = z.object({
  kind: z.literal("create-outcome"),
  intent: z.string().min(1),
  result: z.enum(["made", "refused", "unknown"]),
  /** When the outcome was known: for `unknown`, the end of the request's window. */
  at: z.string(),
  /** `made`: the object's id, and a one-resource state document holding it (encrypted like state). */
  id: z.string().optional(),
  state: z.string().optional(),
});

export const journalEntrySchema = z.discriminatedUnion("kind", [createIntentSchema, createOutcomeSchema]);

export type CreateIntent = z.infer<typeof createIntentSchema>;
export type CreateOutcome = z.infer<typeof createOutcomeSchema>;
export type JournalEntry = z.infer<typeof journalEntrySchema>;

/** One intent with the last outcome recorded for it, if any. */
export interface JournalRecord {
  readonly intent: CreateIntent;
  readonly outcome?: CreateOutcome;
}

export interface ParsedJournal {
  readonly entries: JournalEntry[];
  /** Lines that are neither valid entries nor a line torn by a crash mid-append (1-based). */
  readonly badLines: number[];
}

/**
 * Parses the journal's lines. A last line without its newline is a torn append: the record it
 * held was never fsynced, so the request it announced was never sent, and it is skipped. Any
 * other line that fails to parse makes the journal corrupt (`badLines`).
 */
export function parseJournal(text: string): ParsedJournal {
  const entries: JournalEntry[] = [];
  const badLines: number[] = [];
  const lines = text.split("\n");
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    const torn = index === lines.length - 1;
    try {
      const parsed = journalEntrySchema.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
      else if (!torn) badLines.push(index + 1);
    } catch {
      if (!torn) badLines.push(index + 1);
    }
  });
  return { entries, badLines };
}

/** Pairs each intent with its latest outcome, in the order the intents were written. */
export function journalRecords(entries: readonly JournalEntry[]): JournalRecord[] {
  const outcomes = new Map<string, CreateOutcome>();
  for (const entry of entries) if (entry.kind === "create-outcome") outcomes.set(entry.intent, entry);
  return entries.filter((entry): entry is CreateIntent => entry.kind === "create-intent").map((intent) => ({ intent, outcome: outcomes.get(intent.intent) }));
}

/** The entries that keep the given intents (their intent lines and outcome lines). */
export function keepIntents(entries: readonly JournalEntry[], keep: ReadonlySet<string>): JournalEntry[] {
  return entries.filter((entry) => keep.has(entry.intent));
}

/** The warning for a journal that could not be read whole and was set aside. */
export function journalSetAside(source: string, badLines: readonly number[], aside: string): string {
  return `the create journal ${source} is damaged (line ${badLines.slice(0, 3).join(", ")}${badLines.length > 3 ? ", …" : ""} cannot be read); orgform set it aside as ${aside} and acts on none of it. If a run was interrupted, check for objects it may have created and \`orgform import\` them.`;
}

export function newIntentId(): string {
  return randomUUID();
}
