/**
 * The machine-readable plan, in the shape of `terraform show -json`'s resource_changes, with one
 * difference that matters: sensitive values are never included (null, flagged in
 * before_sensitive / after_sensitive), so the JSON can be posted or logged safely.
 */
import type { Attributes } from "../../provider/contract";
import type { Plan, ResourceChange } from "../../plan/types";
import { summarize } from "../../plan/types";
import { isSensitive } from "../../values/sensitive";
import { Delivered } from "../../values/delivered";
import { isUnknown } from "../../values/unknown";

export const PLAN_JSON_FORMAT_VERSION = "1.2";

export function planToJson(plan: Plan): unknown {
  return {
    format_version: PLAN_JSON_FORMAT_VERSION,
    orgform_stack: plan.stack,
    mode: plan.mode,
    resource_drift: plan.drift.map((entry) => ({
      address: entry.address,
      kind: entry.kind,
      changed_attributes: entry.changedKeys,
      reason: entry.reasonText ?? null,
      change: { before: safe(entry.before, entry.sensitiveKeys).value, after: entry.after ? safe(entry.after, entry.sensitiveKeys).value : null },
    })),
    resource_changes: plan.changes.map(resourceChange),
    prior_state: priorState(plan),
    output_changes: Object.fromEntries(
      plan.outputs.map((output) => [
        output.name,
        {
          actions: [output.action],
          before: output.sensitive ? null : plain(output.before),
          after: output.sensitive || isUnknown(output.after) ? null : plain(output.after),
          after_unknown: isUnknown(output.after),
          before_sensitive: output.sensitive,
          after_sensitive: output.sensitive,
        },
      ]),
    ),
    summary: summarize(plan),
    warnings: plan.warnings,
  };
}

/**
 * Terraform's `prior_state`: the objects as refreshed, and what the data sources read while
 * planning (a data source read at apply is in resource_changes instead). Secrets are null, flagged
 * in sensitive_values, as everywhere in this document.
 */
function priorState(plan: Plan): unknown {
  const sensitiveKeys = new Map(plan.changes.map((change) => [change.address, change.sensitiveKeys]));
  const entry = (address: string, mode: "managed" | "data", type: string, name: string, provider: string, attributes: Attributes) => {
    const { value, sensitive } = safe(attributes, sensitiveKeys.get(address) ?? []);
    return { address, mode, type, name, provider_name: `registry.terraform.io/orgform/${provider.split(".")[0]}`, values: value, sensitive_values: sensitive };
  };
  const managed = [...plan.priorState.resources.values()]
    .filter((resource) => resource.mode === "managed")
    .map((resource) => entry(resource.address, "managed", resource.type, resource.name, resource.provider, resource.attributes));
  const read = [...plan.dataResults].map(([address, attributes]) => {
    const [, type, name] = address.split(".");
    return entry(address, "data", type!, name!, type!.split("_")[0]!, attributes);
  });
  return { format_version: PLAN_JSON_FORMAT_VERSION, values: { root_module: { resources: [...managed, ...read] } } };
}

function actions(change: ResourceChange): string[] {
  if (change.action === "replace") return change.replaceOrder === "create-first" ? ["create", "delete"] : ["delete", "create"];
  return [change.action];
}

function resourceChange(change: ResourceChange): unknown {
  const before = change.before ? safe(change.before, change.sensitiveKeys) : undefined;
  const after = change.after ? safe(change.after, change.sensitiveKeys) : undefined;
  return {
    address: change.address,
    mode: change.mode,
    type: change.type,
    name: change.name,
    provider_name: `registry.terraform.io/orgform/${change.provider.split(".")[0]}`,
    change: {
      actions: actions(change),
      before: before?.value ?? null,
      after: after?.value ?? null,
      after_unknown: after?.unknown ?? {},
      before_sensitive: before?.sensitive ?? false,
      after_sensitive: after?.sensitive ?? false,
      replace_paths: change.replacePaths.map((key) => [key]),
      ...(change.importId !== undefined ? { importing: { id: change.importId } } : {}),
    },
    ...(change.reason ? { action_reason: change.reason } : {}),
    ...(change.verbs.create || change.verbs.delete ? { orgform_verbs: change.verbs } : {}),
  };
}

function safe(attributes: Attributes, sensitiveKeys: readonly string[]): { value: Record<string, unknown>; unknown: Record<string, boolean>; sensitive: Record<string, boolean> } {
  const value: Record<string, unknown> = {};
  const unknownKeys: Record<string, boolean> = {};
  const sensitive: Record<string, boolean> = {};
  for (const [key, item] of Object.entries(attributes)) {
    if (isUnknown(item)) {
      unknownKeys[key] = true;
      continue;
    }
    // A secret delivered to a sink is recorded as where it went and a fingerprint: not shown either.
    if (isSensitive(item) || item instanceof Delivered || sensitiveKeys.includes(key)) {
      sensitive[key] = true;
      value[key] = null;
      continue;
    }
    value[key] = plain(item);
  }
  return { value, unknown: unknownKeys, sensitive };
}

/** A value with any nested secret or unknown replaced by null. */
function plain(value: unknown): unknown {
  if (isSensitive(value) || isUnknown(value) || value instanceof Delivered) return null;
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
