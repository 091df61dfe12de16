/**
 * Reads shared within a plan: while `withSharedReads` runs (makePlan does), GETs of one client
 * to one URL are sent once and their answer is reused, so a data source that looks an
 * organization up by name reuses the list the refresh already read, and ten data sources reading
 * one list cost one request. A write through the client forgets its shared answers. Outside the
 * scope (apply, tests of a single call) every GET goes out.
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** What a GET answered, before any caller's schema is applied. */
export interface RawAnswer {
  readonly status: number;
  readonly text: string;
}

type Answers = Map<string, Promise<RawAnswer>>;
const scope = new AsyncLocalStorage<WeakMap<object, Answers>>();

export function withSharedReads<T>(work: () => Promise<T>): Promise<T> {
  return scope.run(new WeakMap(), work);
}

/** The answers `client` shares in the current scope, or undefined outside one. */
export function sharedAnswers(client: object): Answers | undefined {
  const byClient = scope.getStore();
  if (!byClient) return undefined;
  let answers = byClient.get(client);
  if (!answers) {
    answers = new Map();
    byClient.set(client, answers);
  }
  return answers;
}

/** After a write, the client's earlier answers may be out of date. */
export function forgetSharedAnswers(client: object): void {
  scope.getStore()?.delete(client);
}
