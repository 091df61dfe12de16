/**
 * Which secrets an output's expression refers to, read from the expression itself rather than
 * from its value: a secret the API mints is unknown until apply, so a check on the value passes
 * the first plan (and the apply of that saved plan) and fails every plan after. Reading the
 * references gives the same answer every time, whatever is known yet.
 */
import { traversals, type Expr } from "../config/expression";
import { OrgformError } from "../errors";
import type { EngineContext } from "./context";

/**
 * The sensitive things an expression depends on: `type.name.attr` for a sensitive attribute of a
 * resource or data source, the address alone for a whole object holding secrets, `var.x` for a
 * sensitive variable; through locals too.
 */
export function sensitiveReferences(context: EngineContext, expr: Expr, seenLocals: Set<string> = new Set()): string[] {
  const found: string[] = [];
  const { config } = context;
  for (const path of traversals(expr)) {
    const [root, ...rest] = path;
    if (root === "local") {
      const name = rest[0];
      const local = name === undefined ? undefined : config.locals.get(name);
      if (name === undefined || !local || seenLocals.has(name)) continue;
      seenLocals.add(name);
      found.push(...sensitiveReferences(context, local, seenLocals));
      continue;
    }
    if (root === "var") {
      const name = rest[0];
      if (name !== undefined && config.variables.get(name)?.sensitive) found.push(`var.${name}`);
      continue;
    }
    const isData = root === "data";
    const [type, name, ...attributePath] = isData ? rest : [root, ...rest];
    if (type === undefined || name === undefined) continue;
    const address = isData ? `data.${type}.${name}` : `${type}.${name}`;
    const resource = config.resources.get(address);
    if (!resource) continue;
    const sensitive = resource.mode === "data" ? (context.dataSourceType(address, resource.type).sensitive ?? []) : context.resourceType(address, resource.type).sensitive;
    if (sensitive.length === 0) continue;
    // `key.secret_key`, or `keys[0].secret_key` (an index before the attribute).
    const attribute = attributePath.find((part) => !/^\d+$/.test(part));
    if (attribute === undefined) found.push(address);
    else if (sensitive.includes(attribute)) found.push(`${address}.${attribute}`);
  }
  return [...new Set(found)];
}

/** The error for an output that exposes a secret without `sensitive: true`. */
export function exposedSecretError(outputName: string, references: readonly string[]): OrgformError {
  const what = references.length > 0 ? ` (${references.join(", ")})` : "";
  return new OrgformError(
    "CONFIG_INVALID",
    `output.${outputName} refers to a sensitive value${what}; mark it sensitive (new TerraformOutput(…, { sensitive: true })) so it is never printed.`,
    { output: outputName },
  );
}

/** Refuses the first non-sensitive output that refers to a secret: plan and saved-plan apply alike. */
export function refuseExposedSecrets(context: EngineContext): void {
  for (const output of context.config.outputs.values()) {
    if (output.sensitive) continue;
    const references = sensitiveReferences(context, output.value);
    if (references.length > 0) throw exposedSecretError(output.name, references);
  }
}
