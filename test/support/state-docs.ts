/** Builders of state documents for backend tests: one API key resource whose secret is known. */
import type { ResourceState, StateDocument } from "../../src/state/document";
import { Sensitive } from "../../src/values/sensitive";

export const SECRET = "sk-lf-0d9f3c1e-secret-value-7a41";

export function keyResource(name = "ci", secret = SECRET): ResourceState {
  return {
    address: `langfuse_organization_api_key.${name}`,
    mode: "managed",
    type: "langfuse_organization_api_key",
    name,
    provider: "langfuse",
    attributes: { id: `key-${name}`, note: `note ${name}`, secret_key: new Sensitive(secret) },
    dependencies: ["langfuse_organization.org"],
  };
}

export function stateDoc(serial: number, resources: ResourceState[] = [keyResource()], lineage = "lineage-test-1"): StateDocument {
  return { serial, lineage, resources: new Map(resources.map((r) => [r.address, r])), outputs: { note: { value: "plain", sensitive: false } } };
}

/** The secret of a read-back document, revealed, for comparisons. */
export function secretOf(state: StateDocument | undefined, address = "langfuse_organization_api_key.ci"): unknown {
  const value = state?.resources.get(address)?.attributes.secret_key;
  return value instanceof Sensitive ? value.reveal() : value;
}
