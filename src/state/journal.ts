/**
 * The create journal. A POST that creates an object is not idempotent: if orgform dies after the
 * API committed it but before state recorded it, a blind retry would create a duplicate (and a
 * key whose secret nobody holds). So before each create, apply appends an intent (address, type,
 * parent scope, the identifying non-secret arguments) to a small append-only journal beside the
 * state, fsynced. The next plan resolves every intent that state does not account for by
 * looking the object up through the type's list (or its findCreated lookup): found means adopt
 * (or replace, when its secret was never seen), not found means create. An object the API says
 * was made well before the intent is never taken for it.
 */
import { z } from "zod";

export const journalEntrySchema = z.object({
  kind: z.literal("create-intent"),
  address: z.string(),
  type: z.string(),
  provider: z.string(),
  scope: z.string(),
  /** Non-secret arguments the created object must match. */
  match: z.record(z.string(), z.unknown()),
  at: z.string(),
});

export type JournalEntry = z.infer<typeof journalEntrySchema>;

export function parseJournal(text: string): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const parsed = journalEntrySchema.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
    } catch {
      // A line torn by a crash mid-append: the create it announced never started.
    }
  }
  return entries;
}
