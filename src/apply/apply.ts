/**
 * Executes a Plan. Every change becomes one or two nodes (a replace is a delete and a create,
 * ordered by its replace order) in a graph walked in parallel: creates and updates after what
 * they reference, deletes before what they depended on. Arguments are evaluated again here,
 * now that earlier creates have made unknown values known. State is written in the background
 * after every node (state/writer.ts says why that is safe) and flushed before apply returns; a
 * failed node stops its dependants only, a failed state write stops everything.
 */
import { OrgformError, isOrgformError, redact } from "../errors";
import { mintedSecrets, splitSecretMeta, type SecretMeta } from "../plan/secret-meta";
import { deliver } from "../secrets/secret-sink";
import { Delivered, isDelivered } from "../values/delivered";
import { newIntentId, type CreateIntent } from "../state/journal";
import { retireIntents, retireKnownOutcomes } from "../state/journal-retire";
import { serializeState, type ResourceState } from "../state/document";
import { longestCallMs } from "../http/client";
import { countingAcceptedWrites } from "../http/accepted-writes";
import { deposedAddress, deposedCopy } from "../plan/deposed";
import { parentScope } from "../plan/parent-scope";
import { evaluate } from "../config/expression";
import type { Attributes, OperationContext, ResourceType } from "../provider/contract";
import { walkGraph } from "../graph/walk";
import type { StateBackend } from "../state/backend";
import type { OutputState } from "../state/document";
import { Sensitive, containsSensitive, revealDeep } from "../values/sensitive";
import { containsUnknown, unknown, withOtherAttributesUnknown } from "../values/unknown";
import { fingerprint, markSensitive, normalizeArguments } from "../plan/arguments";
import { ValuesScope, type EngineContext } from "../plan/context";
import { mergeRead } from "../plan/refresh";
import { hasStateEdits, type Plan, type ResourceChange } from "../plan/types";
import { buildApplyGraph, type ApplyStep } from "./apply-graph";
import { StateWriter } from "../state/writer";

export interface ApplyHooks {
  start?(change: ResourceChange, step: ApplyStep["operation"]): void;
  complete?(change: ResourceChange, step: ApplyStep["operation"], elapsedMs: number, id: string | undefined): void;
  fail?(change: ResourceChange, step: ApplyStep["operation"], error: unknown): void;
  /** An operation still waiting on the API says so (e.g. for a background deletion to finish). */
  progress?(change: ResourceChange, message: string): void;
}

export interface ApplyOptions {
  readonly parallelism: number;
  readonly hooks?: ApplyHooks;
  readonly shouldContinue?: () => boolean;
}

export interface ApplyResult {
  readonly added: number;
  readonly changed: number;
  readonly destroyed: number;
  readonly failures: ReadonlyArray<{ readonly address: string; readonly error: unknown }>;
  readonly skipped: readonly string[];
  readonly outputs: Readonly<Record<string, OutputState>>;
  readonly interrupted: boolean;
}

export async function applyPlan(context: EngineContext, plan: Plan, backend: StateBackend, options: ApplyOptions): Promise<ApplyResult> {
  const writer = new StateWriter(backend, plan.priorState);
  const scope = new ValuesScope(context, new Map([...plan.priorState.resources].map(([a, r]) => [a, r.attributes])), plan.dataResults);
  const { steps, dependencies } = buildApplyGraph(plan);
  const counts = { added: 0, changed: 0, destroyed: 0 };
  // Refresh may have found drift, or adopted objects an interrupted run created: record that
  // first. (A first apply killed before any state write leaves only its journal; the next run
  // continues the lineage its intents name: state/starting-point.ts.)
  if (plan.drift.length > 0 || hasStateEdits(plan)) await writer.persist();
  await retireIntents(backend, plan.settledIntents);
  const journal = createJournal(backend, plan.lineage);

  const outcomes = await walkGraph(
    dependencies,
    async (key) => {
      const step = steps.get(key)!;
      const change = step.change;
      options.hooks?.start?.(change, step.operation);
      const started = Date.now();
      try {
        const id = await runStep(context, step, scope, writer, counts, journal, options.hooks);
        options.hooks?.complete?.(change, step.operation, Date.now() - started, id);
      } catch (error) {
        options.hooks?.fail?.(change, step.operation, error);
        throw error;
      }
    },
    // Nothing new starts once state can no longer be written: it could not record it.
    { parallelism: options.parallelism, shouldContinue: () => writer.healthy && (options.shouldContinue?.() ?? true) },
  );

  const failures: Array<{ address: string; error: unknown }> = [];
  const skipped: string[] = [];
  for (const [key, outcome] of outcomes) {
    const address = steps.get(key)!.change.address;
    if (outcome.status === "failed") failures.push({ address, error: outcome.error });
    if (outcome.status === "skipped") skipped.push(address);
  }
  const interrupted = options.shouldContinue?.() === false;
  await flushOrKeepJournal(writer, backend);
  // State now records every create whose outcome is known: keep only those whose answer never came.
  await retireKnownOutcomes(backend).catch((error: unknown) => {
    throw new OrgformError("STATE_BACKEND_FAILED", `state records this run's changes, but its create journal could not be updated: ${errorText(error)} The next run tidies it up.`);
  });
  let outputs: Record<string, OutputState> = { ...plan.priorState.outputs };
  if (failures.length === 0 && !interrupted) {
    outputs = plan.mode === "destroy" ? {} : evaluateOutputs(context, scope, plan.priorState.outputs, [...writer.document().resources.values()].filter((resource) => resource.tainted));
    await writer.setOutputs(outputs);
  }
  return { ...counts, failures, skipped: [...new Set(skipped)], outputs, interrupted };
}

/**
 * Waits for every change to be written. If state cannot be written, the create journal is all
 * that records what this run made: it is left whole, so the next run adopts those objects.
 */
async function flushOrKeepJournal(writer: StateWriter, backend: StateBackend): Promise<void> {
  try {
    await writer.flush();
  } catch (error) {
    const why = errorText(error);
    throw new OrgformError(
      "STATE_BACKEND_FAILED",
      `the apply stopped because ${backend.describe()} could not be written: ${why.replace(/\.?$/, ".")} The objects this run created are kept in its create journal: once state can be written again, run apply again to adopt them.`,
    );
  }
}

function errorText(error: unknown): string {
  return isOrgformError(error) ? error.message : String((error as Error)?.message ?? error);
}

async function runStep(
  context: EngineContext,
  step: ApplyStep,
  scope: ValuesScope,
  writer: StateWriter,
  counts: { added: number; changed: number; destroyed: number },
  journal: CreateJournal,
  hooks?: ApplyHooks,
): Promise<string | undefined> {
  const { change } = step;
  const ctx = { ...context.operation(change.address, change.provider), progress: (message: string) => hooks?.progress?.(change, message) };
  if (step.operation === "read") {
    const resource = context.config.resources.get(change.address)!;
    const type = context.dataSourceType(change.address, change.type);
    const args = knownArguments(normalizeArguments(type, evaluate(resource.body, scope, change.address), change.address), change.address);
    const result = await type.read(ctx, revealDeep(args) as Attributes);
    scope.set(change.address, markSensitive({ ...args, ...result }, type.sensitive ?? []));
    return undefined;
  }
  const type = context.resourceType(change.address, change.type);
  if (step.operation === "delete") {
    // A create-first replacement has already put the new object at this address: delete the
    // object the plan started from, and forget it only if state still points at it.
    const current = writer.get(change.address);
    const target = change.action === "replace" ? change.before : (current?.attributes ?? change.before);
    if (target) await type.delete(ctx, revealDeep(target) as Attributes);
    // The same object is the same id in the same parent: a projects member's id is the person's,
    // so a replacement that moves them to another project has the old one's id.
    const sameObject = (a: Attributes, b: Attributes) => String(a.id) === String(b.id) && (!type.list || parentScope(type, a) === parentScope(type, b));
    if (current && (!target || sameObject(current.attributes, target))) writer.remove(change.address);
    else if (target && change.action === "replace") writer.remove(deposedAddress(change.type, change.name, target.id));
    counts.destroyed++;
    return undefined;
  }
  const resource = context.config.resources.get(change.address)!;
  const meta = splitSecretMeta(type, evaluate(resource.body, scope, change.address), context.providerSecretSink(change.provider), change.address);
  let args = knownArguments(normalizeArguments(type, meta.body, change.address, resource.constructPath), change.address);
  const prior = writer.get(change.address);
  const ignored = resource.lifecycle.ignoreChanges;
  if (prior && step.operation === "update") {
    const kept = ignored === "all" ? Object.keys(args) : ignored;
    args = { ...args, ...Object.fromEntries(kept.filter((key) => key in prior.attributes).map((key) => [key, prior.attributes[key]])) };
  }
  let attributes: Record<string, unknown>;
  let made: CreateIntent | undefined;
  if (step.operation === "update" && prior) {
    const result = await type.update!(ctx, revealDeep(prior.attributes) as Attributes, revealDeep(args) as Attributes);
    attributes = mergeRead({ ...prior.attributes, ...args }, result, type.sensitive);
    counts.changed++;
  } else {
    const intent = createIntent(type, change, args, journal.lineage);
    if (intent) await journal.intend(intent);
    let result: Attributes;
    const accepted = { writes: 0 };
    try {
      result = await countingAcceptedWrites(accepted, () => type.create(ctx, revealDeep(args) as Attributes));
    } catch (error) {
      // A create of several calls (a project's POST, then the GET of its key pair; a member's
      // add, then its deny) made its object once one write was accepted, whatever failed after.
      if (intent) await journal.outcome(intent, accepted.writes === 0 && definitelyRefused(error) ? "refused" : "unknown");
      throw error;
    }
    if (meta.sink) result = await deliverOrRevoke(context, type, ctx, change.address, meta, result);
    attributes = markSensitive({ ...args, ...result }, type.sensitive, args);
    counts.added++;
    // A create-before-destroy replacement: the object it replaces stays in state (deposed)
    // until its delete succeeds, so a failed or interrupted delete never forgets a live object.
    if (prior && change.action === "replace") writer.put(deposedCopy(prior));
    made = intent;
  }
  if (mintedSecrets(type).length > 0) attributes.rotation = meta.rotation;
  for (const key of type.writeOnly ?? []) delete attributes[key];
  const writeOnlyFingerprints = Object.fromEntries((type.writeOnly ?? []).filter((key) => args[key] !== undefined).map((key) => [key, fingerprint(args[key])]));
  const recorded: ResourceState = {
    address: change.address,
    mode: "managed",
    type: change.type,
    name: change.name,
    provider: change.provider,
    attributes,
    dependencies: change.dependencies.filter((address) => !address.startsWith("data.")),
    ...(Object.keys(writeOnlyFingerprints).length > 0 ? { writeOnlyFingerprints } : {}),
  };
  // The journal's completion record makes the create durable now; state follows in the
  // background. If the journal cannot take it, state still gets the object (its write is then
  // likely to fail too, which stops the apply and says so): the create itself succeeded.
  if (made) await journal.made(made, recorded).catch(() => undefined);
  writer.put(recorded);
  scope.set(change.address, attributes);
  return attributes.id === undefined ? undefined : String(attributes.id instanceof Sensitive ? "(sensitive)" : attributes.id);
}

/**
 * Hands a create's minted secrets to the sink. A failed delivery is not a lost key: it is retried,
 * and if it still fails the new object is deleted (revoked), so no key exists that nobody holds.
 */
async function deliverOrRevoke(context: EngineContext, type: ResourceType, ctx: OperationContext<unknown>, address: string, meta: SecretMeta, result: Attributes): Promise<Attributes> {
  const secrets: Record<string, string> = {};
  for (const key of mintedSecrets(type)) {
    const value = result[key];
    if (value !== undefined && value !== null) secrets[key] = String(value);
  }
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await deliver(meta.sink!, secrets, context.projectDir, address);
      const delivered: Record<string, unknown> = { ...result };
      for (const [key, value] of Object.entries(secrets)) delivered[key] = new Delivered(meta.sinkDescription!, fingerprint(value));
      return delivered;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
    }
  }
  const why = redact(isOrgformError(lastError) ? lastError.message : String((lastError as Error)?.message ?? lastError), Object.values(secrets));
  try {
    await type.delete(ctx, result);
  } catch (error) {
    throw new OrgformError("APPLY_FAILED", `${address}: delivering the new secret to ${meta.sinkDescription} failed (${why}), and revoking the new object (id ${String(result.id)}) failed too: ${redact((error as Error).message, Object.values(secrets))}. Delete it by hand.`);
  }
  throw new OrgformError("APPLY_FAILED", `${address}: delivering the new secret to ${meta.sinkDescription} failed after 3 tries (${why}); the new object (id ${String(result.id)}) was revoked (deleted) so that no key exists that nobody holds.`);
}

/**
 * Whether a failed create certainly made nothing. Anything else (a reset, a timeout, a 5xx after
 * the API may have committed, an answer that failed its schema) keeps the intent in the journal,
 * so the next run looks the object up instead of making a second one.
 */
function definitelyRefused(error: unknown): boolean {
  if (!isOrgformError(error)) return false;
  if (error.code === "API_AUTH" || error.code === "API_NOT_FOUND" || error.code === "ARGUMENT_INVALID") return true;
  const status = error.details.status;
  return error.code === "API_ERROR" && typeof status === "number" && status < 500;
}

/** The journal entry announcing a create: the non-secret arguments identify the object later. */
function createIntent(type: ResourceType, change: ResourceChange, args: Record<string, unknown>, lineage: string): CreateIntent | undefined {
  const scope = parentScope(type, args);
  if (scope === undefined || type.createIsUpsert) return undefined;
  const match = Object.fromEntries(Object.entries(args).filter(([key, value]) => !containsSensitive(value) && !type.sensitive.includes(key) && !(type.writeOnly ?? []).includes(key)));
  const now = Date.now();
  return {
    kind: "create-intent",
    intent: newIntentId(),
    lineage,
    address: change.address,
    type: change.type,
    provider: change.provider,
    scope,
    match,
    at: new Date(now).toISOString(),
    deadline: new Date(now + longestCallMs()).toISOString(),
  };
}

/** The records apply writes around each create (state/journal.ts). */
interface CreateJournal {
  readonly lineage: string;
  intend(intent: CreateIntent): Promise<void>;
  outcome(intent: CreateIntent, result: "refused" | "unknown"): Promise<void>;
  made(intent: CreateIntent, resource: ResourceState): Promise<void>;
}

function createJournal(backend: StateBackend, lineage: string): CreateJournal {
  return {
    lineage,
    intend: (intent) => backend.appendJournal(intent),
    outcome: (intent, result) => backend.appendJournal({ kind: "create-outcome", intent: intent.intent, result, at: new Date().toISOString() }),
    made: (intent, resource) => {
      const state = serializeState({ serial: 0, lineage, resources: new Map([[resource.address, resource]]), outputs: {} });
      return backend.appendJournal({ kind: "create-outcome", intent: intent.intent, result: "made", at: new Date().toISOString(), id: String(revealDeep(resource.attributes.id)), state });
    },
  };
}

/**
 * What a plan with nothing to apply still owes the journal: the intents it resolved (already
 * recorded in state, refused, or made nothing) are retired, so no journal outlives a successful
 * run and none is replayed against a later state.
 */
export async function settleJournal(backend: StateBackend, plan: Plan): Promise<void> {
  await retireIntents(backend, plan.settledIntents);
}

function knownArguments(args: Record<string, unknown>, address: string): Record<string, unknown> {
  if (containsUnknown(args)) {
    throw new OrgformError("APPLY_FAILED", `${address}: some arguments are still unknown at apply time; a resource it depends on did not produce them.`);
  }
  return args;
}

function evaluateOutputs(context: EngineContext, scope: ValuesScope, previous: Readonly<Record<string, OutputState>>, tainted: readonly ResourceState[]): Record<string, OutputState> {
  // Resources a --target left out and state does not hold yet: their values are unknown, so an
  // output that needs them keeps its previous value (as Terraform's targeted apply does). So are
  // the secrets of a tainted object until its replacement.
  for (const resource of context.config.resources.values()) {
    if (resource.mode === "managed" && !scope.has(resource.address)) scope.set(resource.address, withOtherAttributesUnknown({}));
  }
  for (const resource of tainted) {
    const secrets = mintedSecrets(context.resourceType(resource.address, resource.type));
    scope.set(resource.address, { ...resource.attributes, ...Object.fromEntries(secrets.map((key) => [key, unknown])) });
  }
  const outputs: Record<string, OutputState> = {};
  for (const output of context.config.outputs.values()) {
    const value = evaluate(output.value, scope, `output.${output.name}`);
    if (containsUnknown(value)) {
      if (previous[output.name]) outputs[output.name] = previous[output.name]!;
      continue;
    }
    const sensitive = output.sensitive || containsSensitive(value);
    const kept = isDelivered(value) || value instanceof Sensitive || !sensitive ? value : new Sensitive(revealDeep(value));
    outputs[output.name] = { value: kept, sensitive };
  }
  return outputs;
}
