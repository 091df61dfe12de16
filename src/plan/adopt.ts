/**
 * State edits a plan makes before diffing, all declared in the stack: `moved` blocks (cdktf
 * moveTo) rename an object's address, and `import` blocks (cdktf importFrom) adopt an existing
 * object by its API id. Both only change what the plan starts from; apply records them.
 */
import { OrgformError } from "../errors";
import type { ResourceState, StateDocument } from "../state/document";
import { markSensitive } from "./arguments";
import type { EngineContext } from "./context";

export interface Adoption {
  readonly state: StateDocument;
  readonly moved: ReadonlyArray<{ readonly from: string; readonly to: string }>;
  /** address → import id. */
  readonly imported: ReadonlyMap<string, string>;
}

export function applyMoves(context: EngineContext, state: StateDocument): Pick<Adoption, "state" | "moved"> {
  const resources = new Map(state.resources);
  const moved: Array<{ from: string; to: string }> = [];
  for (const move of context.config.moved) {
    const from = resources.get(move.from);
    if (!from || resources.has(move.to)) continue;
    const [type, name] = splitAddress(move.to);
    if (type !== from.type) throw new OrgformError("CONFIG_INVALID", `moved block: ${move.from} is a ${from.type}, it cannot move to ${move.to}.`);
    resources.delete(move.from);
    resources.set(move.to, { ...from, address: move.to, name });
    moved.push(move);
  }
  return { state: { ...state, resources }, moved };
}

export async function applyImports(context: EngineContext, state: StateDocument): Promise<Pick<Adoption, "state" | "imported">> {
  const resources = new Map(state.resources);
  const imported = new Map<string, string>();
  for (const entry of context.config.imports) {
    if (resources.has(entry.to)) continue;
    const resource = context.config.resources.get(entry.to);
    if (!resource || resource.mode !== "managed") {
      throw new OrgformError("CONFIG_INVALID", `import block: "${entry.to}" is not a resource in the stack.`);
    }
    refuseManagedElsewhere(resources, entry.to, resource.type, entry.id, "import block");
    const found = await importObject(context, entry.to, resource.type, resource.provider, entry.id);
    refuseManagedElsewhere(resources, entry.to, resource.type, found.attributes.id, "import block");
    resources.set(entry.to, found);
    imported.set(entry.to, entry.id);
  }
  return { state: { ...state, resources }, imported };
}

/**
 * One object, one address: importing an object another address already manages would leave two
 * addresses fighting over it (each plan changing it back to its own arguments). Compared by type
 * and id, before importing (the id given) and after it (the id the API answered with).
 */
export function refuseManagedElsewhere(resources: ReadonlyMap<string, ResourceState>, address: string, typeName: string, id: unknown, what = "import"): void {
  if (id === undefined || id === null || typeof id === "object") return;
  const wanted = String(id);
  for (const other of resources.values()) {
    if (other.mode !== "managed" || other.type !== typeName || other.address === address) continue;
    const otherId = other.attributes.id;
    if (otherId === undefined || otherId === null || typeof otherId === "object" || String(otherId) !== wanted) continue;
    throw new OrgformError(
      "STATE_CONFLICT",
      `${what} ${address}: ${typeName} "${wanted}" is already managed by ${other.address}; two addresses cannot manage one object. Run \`orgform state mv ${other.address} ${address}\` to move it to the new address, or \`orgform state rm ${other.address}\` to stop managing it there (nothing is deleted in the API).`,
      { address, other: other.address, id: wanted },
    );
  }
}

/** Reads one existing object by id for `import`; a clear error when the API has none. */
export async function importObject(context: EngineContext, address: string, typeName: string, provider: string, id: string): Promise<ResourceState> {
  const type = context.resourceType(address, typeName);
  if (!type.importById) throw new OrgformError("OPERATION_UNSUPPORTED", `${address}: ${typeName} cannot be imported.`);
  const attributes = await type.importById(context.operation(address, provider), id);
  if (!attributes) throw new OrgformError("API_NOT_FOUND", `${address}: the API has no ${typeName} with id "${id}". Check the id and the provider's credentials.`);
  const [, name] = splitAddress(address);
  return {
    address,
    mode: "managed",
    type: typeName,
    name,
    provider,
    attributes: markSensitive(attributes, type.sensitive),
    dependencies: [...(context.graph.dependencies.get(address) ?? [])].filter((a) => !a.startsWith("data.")),
  };
}

function splitAddress(address: string): [string, string] {
  const dot = address.indexOf(".");
  return [address.slice(0, dot), address.slice(dot + 1)];
}
