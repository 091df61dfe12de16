/**
 * Makes a Plan: refresh the prior state, then walk the configuration in dependency order,
 * evaluating each resource's arguments against the planned values of what it references, and
 * decide an action for each; objects in state but not in the configuration are deleted. Data
 * sources are read now when their arguments are known, at apply otherwise. The only I/O is
 * provider reads.
 */
import { compareText } from "../values/compare";
import { OrgformError } from "../errors";
import { evaluate } from "../config/expression";
import type { ResourceConfig } from "../config/model";
import type { Attributes } from "../provider/contract";
import type { StateDocument } from "../state/document";
import { Sensitive, containsSensitive } from "../values/sensitive";
import { containsUnknown, unknown, withOtherAttributesUnknown } from "../values/unknown";
import { markSensitive, normalizeArguments, sameValue } from "./arguments";
import { ValuesScope, type EngineContext } from "./context";
import { attributeChanges, decide, type Decision } from "./decide";
import { walkGraph } from "../graph/walk";
import { mintedSecrets, splitSecretMeta, type SecretMeta } from "./secret-meta";
import { checkSinkPath } from "../secrets/secret-sink";
import { Delivered } from "../values/delivered";
import { dirname } from "node:path";
import type { ResourceType } from "../provider/contract";
import { refreshState } from "./refresh";
import { verifyCredentials } from "./verify-credentials";
import { recoverInterruptedCreates } from "./recover";
import { applyImports, applyMoves } from "./adopt";
import { exposedSecretError, sensitiveReferences } from "./output-secrets";
import type { JournalEntry } from "../state/journal";
import type { OutputChange, Plan, ResourceChange } from "./types";
import { withSharedReads } from "../http/shared-reads";

/** Resources planned at once; provider reads are further bounded by each host's limiter. */
const PLAN_PARALLELISM = 32;

export interface PlanOptions {
  readonly mode: "normal" | "destroy" | "refresh-only";
  readonly refresh: boolean;
  readonly targets: readonly string[];
  readonly replace: readonly string[];
  /** Create intents of runs that may have died mid-create (see state/journal.ts). */
  readonly journal?: readonly JournalEntry[];
}

export async function makePlan(context: EngineContext, prevRun: StateDocument, options: PlanOptions): Promise<Plan> {
  // Refresh, recovery, data sources and validation read the same collections: one request each.
  return withSharedReads(async () => {
    const plan = await planWithSharedReads(context, prevRun, options);
    // Last: a stack with a bad argument is refused before any request, and the check reuses
    // what planning read (data sources, validation) through the same URL.
    if (options.refresh) await verifyCredentials(context, prevRun);
    return plan;
  });
}

async function planWithSharedReads(context: EngineContext, prevRun: StateDocument, options: PlanOptions): Promise<Plan> {
  const { config } = context;
  for (const address of [...options.targets, ...options.replace]) {
    if (!config.resources.has(address) && !prevRun.resources.has(address)) {
      throw new OrgformError("USAGE", `"${address}" is neither in the stack nor in its state. Run \`orgform state list\` to see addresses.`);
    }
  }
  const moves = applyMoves(context, prevRun);
  const refreshed = options.refresh ? await refreshState(context, moves.state) : { state: moves.state, drift: [], gone: new Map<string, string>(), collections: [] };
  const recovery = await recoverInterruptedCreates(context, refreshed.state, options.journal ?? []);
  const imports = options.mode === "normal" ? await applyImports(context, recovery.state) : { state: recovery.state, imported: new Map<string, string>() };
  const prior = imports.state;
  const warnings: string[] = [...[...recovery.adopted].map(([address, what]) => `${address}: ${what}.`), ...recovery.notes];
  // A tainted object (Terraform's taint) is replaced by every plan until a replacement succeeds.
  const tainted = [...prior.resources.values()].filter((resource) => resource.tainted).map((resource) => resource.address);
  const replaceRequests = new Set([...options.replace, ...tainted]);

  if (options.mode === "refresh-only") {
    return { stack: config.stack, mode: options.mode, changes: [], drift: refreshed.drift, outputs: [], priorState: prior, prevRunSerial: prevRun.serial, lineage: prevRun.lineage, dataResults: new Map(), warnings, recovered: [...recovery.adopted.keys()], settledIntents: recovery.settled, moved: moves.moved };
  }

  const changes: ResourceChange[] = [];
  const dataResults = new Map<string, Attributes>();
  const scope = new ValuesScope(context, new Map(), new Map());
  const inScope = selectTargets(context, options.targets);
  // Addresses whose plan changes something (a managed change, or a data read left to apply).
  const pending = new Set<string>();

  if (options.mode === "normal") {
    // Each resource is planned as soon as what it references is planned, many at once: plan-time
    // reads (data sources, validation) overlap instead of costing one latency each in turn.
    const planOne = async (address: string): Promise<void> => {
      const resource = config.resources.get(address)!;
      const dependencies = [...(context.graph.dependencies.get(address) ?? [])].sort();
      if (resource.mode === "data") {
        const change = await planDataSource(context, resource, scope, dependencies, [...explicitDependencies(context, resource)].some((dependency) => pending.has(dependency)));
        if (change.action === "no-op") dataResults.set(address, change.after!);
        else {
          changes.push(change);
          pending.add(address);
        }
        // Read at apply: its arguments are known now, whatever the read returns is not.
        scope.set(address, change.action === "read" ? withOtherAttributesUnknown(change.after!) : change.after!);
        return;
      }
      const priorResource = prior.resources.get(address);
      if (!inScope(address)) {
        if (priorResource) scope.set(address, priorResource.attributes);
        else scope.set(address, placeholder(context, resource));
        return;
      }
      const planned0 = await planManaged(context, resource, scope, prior, refreshed.gone, dependencies, replaceRequests.has(address));
      const importId = imports.imported.get(address);
      const change = importId === undefined ? planned0 : { ...planned0, importId, reason: planned0.reason ?? ("import" as const) };
      changes.push(change);
      if (change.action !== "no-op") pending.add(address);
      scope.set(address, change.after!);
      const writeOnly = context.resourceType(address, resource.type).writeOnly ?? [];
      if (writeOnly.length > 0) {
        warnings.push(`${address}: write-only arguments (${writeOnly.join(", ")}) are never read back, so changes made to them outside orgform cannot be detected.`);
      }
    };
    const outcomes = await walkGraph(context.graph.dependencies, planOne, { parallelism: PLAN_PARALLELISM });
    // The first error in dependency order is the one to show: later ones may only follow from it.
    for (const address of context.graph.order) {
      const outcome = outcomes.get(address);
      if (outcome?.status === "failed") throw outcome.error;
    }
    warnings.sort(compareText);
  }

  for (const resource of prior.resources.values()) {
    if (resource.mode !== "managed") continue;
    const stillDeclared = options.mode === "normal" && config.resources.has(resource.address);
    if (stillDeclared || !inScope(resource.address)) continue;
    const declared = config.resources.get(resource.address);
    if (declared?.lifecycle.preventDestroy) {
      throw new OrgformError("PREVENT_DESTROY", `${resource.address} has lifecycle.prevent_destroy set, and this plan would destroy it. Remove prevent_destroy from the stack first if you mean it.`);
    }
    const type = context.resourceType(resource.address, resource.type);
    changes.push({
      address: resource.address,
      mode: "managed",
      type: resource.type,
      name: resource.name,
      provider: resource.provider,
      action: "delete",
      before: resource.attributes,
      after: null,
      changedKeys: [],
      changedElements: {},
      replacePaths: [],
      reason: options.mode === "normal" ? "delete-because-no-config" : undefined,
      verbs: type.verbs ?? {},
      sensitiveKeys: type.sensitive,
      writeOnlyKeys: type.writeOnly ?? [],
      dependencies: resource.dependencies,
    });
  }

  const outputs = options.mode === "normal" ? planOutputs(context, scope, prevRun) : destroyOutputs(prevRun);
  changes.sort((a, b) => compareText(a.address, b.address));
  return { stack: config.stack, mode: options.mode, changes, drift: refreshed.drift, outputs, priorState: prior, prevRunSerial: prevRun.serial, lineage: prevRun.lineage, dataResults, warnings, recovered: [...recovery.adopted.keys()], settledIntents: recovery.settled, moved: moves.moved };
}

async function planManaged(
  context: EngineContext,
  resource: ResourceConfig,
  scope: ValuesScope,
  prior: StateDocument,
  gone: ReadonlyMap<string, string>,
  dependencies: string[],
  replaceRequested: boolean,
): Promise<ResourceChange> {
  const type = context.resourceType(resource.address, resource.type);
  const meta = splitSecretMeta(type, evaluate(resource.body, scope, resource.address), context.providerSecretSink(resource.provider), resource.address);
  const args = normalizeArguments(type, meta.body, resource.address, resource.constructPath);
  const priorResource = prior.resources.get(resource.address);
  const planned = decide({
    type,
    args,
    prior: priorResource?.attributes,
    priorFingerprints: priorResource?.writeOnlyFingerprints,
    lifecycle: resource.lifecycle,
    replaceRequested,
  });
  const decision = withSecretMeta(planned, meta, type, priorResource?.attributes);
  if (meta.sink && (decision.action === "create" || decision.action === "replace")) {
    checkSinkPath(meta.sink, context.projectDir, dirname(dirname(dirname(context.config.source))), resource.address);
  }
  if ((decision.action === "replace" || decision.action === "delete") && resource.lifecycle.preventDestroy) {
    throw new OrgformError(
      "PREVENT_DESTROY",
      `${resource.address} has lifecycle.prevent_destroy set, but this plan must replace it (${decision.replacePaths.join(", ") || "replacement requested"} changed). Remove prevent_destroy or revert the change.`,
    );
  }
  if (priorResource && (decision.action === "update" || decision.action === "replace")) {
    const refusal = type.refuseChange?.(priorResource.attributes, args);
    if (refusal) throw new OrgformError("OPERATION_UNSUPPORTED", `${resource.address}: ${refusal}`);
  }
  if (decision.action !== "no-op" && type.validate && !containsUnknown(args)) {
    const problems = await type.validate(context.operation(resource.address, resource.provider), args, priorResource?.attributes);
    if (problems.length > 0) throw new OrgformError("ARGUMENT_INVALID", `${resource.address}: ${problems.join("; ")}`);
  }
  const goneReason = gone.get(resource.address);
  const tainted = priorResource?.tainted === true && decision.action === "replace";
  const reason = tainted ? "replace-because-tainted" : (decision.reason ?? (decision.action === "create" && goneReason ? "create-because-gone" : undefined));
  const before = priorResource?.attributes ?? null;
  const after = markSensitive(decision.after, type.sensitive);
  return {
    address: resource.address,
    mode: "managed",
    type: resource.type,
    name: resource.name,
    provider: resource.provider,
    action: decision.action,
    replaceOrder: decision.replaceOrder,
    before,
    after,
    ...attributeChanges(before, after),
    replacePaths: decision.replacePaths,
    reason,
    reasonText: goneReason,
    verbs: type.verbs ?? {},
    sensitiveKeys: type.sensitive,
    writeOnlyKeys: type.writeOnly ?? [],
    dependencies,
  };
}

/**
 * Folds the engine's secret arguments into a decision: a changed `rotation` replaces the object
 * create-before-destroy; minted secrets bound for a sink show where they will go.
 */
function withSecretMeta(decision: Decision, meta: SecretMeta, type: ResourceType, prior: Attributes | undefined): Decision {
  if (mintedSecrets(type).length === 0) return decision;
  const after: Record<string, unknown> = { ...decision.after, rotation: meta.rotation };
  let result: Decision = { ...decision, after };
  const priorRotation = prior ? ((prior.rotation as string | null | undefined) ?? null) : null;
  if (prior && meta.rotation !== priorRotation && (decision.action === "no-op" || decision.action === "update")) {
    const fresh = Object.fromEntries(Object.entries(after).map(([key, value]) => [key, type.computed.includes(key) ? unknown : value]));
    result = { ...decision, action: "replace", replaceOrder: "create-first", replacePaths: ["rotation"], reason: "replace-because-force-new", after: fresh };
  }
  if (meta.sink && (result.action === "create" || result.action === "replace")) {
    const routed: Record<string, unknown> = { ...result.after };
    for (const key of mintedSecrets(type)) routed[key] = new Delivered(meta.sinkDescription!);
    result = { ...result, after: routed };
  }
  return result;
}

/**
 * A data source is read now when its arguments are known and nothing its depends_on names (or what
 * those depend on) changes in this plan; otherwise at apply, as Terraform does. A plain reference
 * does not defer the read (it would make everything that uses the read unknown, and replace what
 * takes an id from it on every update of the referenced object): a stack that looks up by name an
 * object the same apply makes says so with depends_on.
 */
async function planDataSource(context: EngineContext, resource: ResourceConfig, scope: ValuesScope, dependencies: string[], dependencyPending: boolean): Promise<ResourceChange> {
  const type = context.dataSourceType(resource.address, resource.type);
  const body = evaluate(resource.body, scope, resource.address);
  const args = normalizeArguments(type, body, resource.address, resource.constructPath);
  const base = { address: resource.address, mode: "data" as const, type: resource.type, name: resource.name, provider: resource.provider, before: null, changedKeys: [], changedElements: {}, replacePaths: [], verbs: {}, sensitiveKeys: type.sensitive ?? [], writeOnlyKeys: [], dependencies };
  if (containsUnknown(args)) {
    return { ...base, action: "read", after: { ...args }, reason: "read-because-unknown-arguments" };
  }
  if (dependencyPending) return { ...base, action: "read", after: { ...args }, reason: "read-because-dependency-pending" };
  const result = await type.read(context.operation(resource.address, resource.provider), args);
  return { ...base, action: "no-op", after: markSensitive({ ...args, ...result }, type.sensitive ?? []) };
}

/** What a resource's depends_on names, and everything those depend on: Terraform's test for deferring a data read. */
function explicitDependencies(context: EngineContext, resource: ResourceConfig): Set<string> {
  const found = new Set<string>();
  const visit = (address: string) => {
    if (found.has(address)) return;
    found.add(address);
    for (const dependency of context.graph.dependencies.get(address) ?? []) visit(dependency);
  };
  resource.dependsOn.forEach(visit);
  return found;
}

/** A resource outside --target that has no state: its attributes are unknown. */
function placeholder(context: EngineContext, resource: ResourceConfig): Attributes {
  const type = context.resourceType(resource.address, resource.type);
  return Object.fromEntries(type.computed.map((key) => [key, unknown]));
}

/** --target: the targeted addresses plus everything they depend on. */
function selectTargets(context: EngineContext, targets: readonly string[]): (address: string) => boolean {
  if (targets.length === 0) return () => true;
  const selected = new Set<string>();
  const add = (address: string) => {
    if (selected.has(address)) return;
    selected.add(address);
    for (const dep of context.graph.dependencies.get(address) ?? []) add(dep);
  };
  targets.forEach(add);
  return (address) => selected.has(address);
}

function planOutputs(context: EngineContext, scope: ValuesScope, prevRun: StateDocument): OutputChange[] {
  const changes: OutputChange[] = [];
  for (const output of context.config.outputs.values()) {
    // By what it refers to, not only by its value: a secret not minted yet is unknown, not Sensitive.
    const references = output.sensitive ? [] : sensitiveReferences(context, output.value);
    if (references.length > 0) throw exposedSecretError(output.name, references);
    const value = evaluate(output.value, scope, `output.${output.name}`);
    if (containsSensitive(value) && !output.sensitive) throw exposedSecretError(output.name, []);
    const after = output.sensitive && !(value instanceof Sensitive) && !(value instanceof Delivered) && !containsUnknown(value) ? new Sensitive(value) : value;
    const before = prevRun.outputs[output.name];
    const action = !before ? "create" : containsUnknown(after) || !sameValue(before.value, after) ? "update" : "no-op";
    changes.push({ name: output.name, action, before: before?.value ?? null, after, sensitive: output.sensitive });
  }
  for (const name of Object.keys(prevRun.outputs)) {
    if (!context.config.outputs.has(name)) changes.push({ name, action: "delete", before: prevRun.outputs[name]!.value, after: null, sensitive: prevRun.outputs[name]!.sensitive });
  }
  return changes.sort((a, b) => compareText(a.name, b.name));
}

function destroyOutputs(prevRun: StateDocument): OutputChange[] {
  return Object.entries(prevRun.outputs).map(([name, output]) => ({ name, action: "delete" as const, before: output.value, after: null, sensitive: output.sensitive }));
}
