/**
 * Loads one stack's cdk.tf.json into a StackConfig: validates its shape, parses every string as
 * a template, and rejects what orgform does not do (count, for_each, modules) with a message
 * naming the address. References are checked later, by the graph.
 */
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { takeSynthesizedDocument } from "./synth";
import { z } from "zod";
import { OrgformError } from "../errors";
import { plainObject } from "../values/plain-object";
import { parseTemplate, type Expr } from "./expression";
import type { BackendConfig, ImportConfig, Lifecycle, MovedConfig, OutputConfig, ProviderConfig, ResourceConfig, StackConfig, VariableConfig } from "./model";

const block = plainObject;
const fileSchema = z.object({
  resource: z.record(z.string(), z.record(z.string(), block)).optional(),
  data: z.record(z.string(), z.record(z.string(), block)).optional(),
  variable: z.record(z.string(), block).optional(),
  output: z.record(z.string(), block).optional(),
  locals: block.optional(),
  provider: z.record(z.string(), z.union([z.array(block), block])).optional(),
  terraform: z.object({ backend: z.record(z.string(), block).optional() }).passthrough().optional(),
  import: z.array(z.object({ to: z.string(), id: z.string() }).passthrough()).optional(),
  moved: z.array(z.object({ from: z.string(), to: z.string() })).optional(),
  module: block.optional(),
});

const META_ARGUMENTS = new Set(["//", "depends_on", "lifecycle", "provider", "count", "for_each", "provisioner", "connection"]);

export function loadStackFile(path: string, stack: string, projectDir: string): StackConfig {
  let json: unknown = takeSynthesizedDocument(path);
  if (json !== undefined && process.env.ORGFORM_CHECK_HANDOVER === "1") checkHandover(path, json);
  try {
    json ??= JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new OrgformError("CONFIG_INVALID", `${path} is not valid JSON: ${(error as Error).message}. Run \`orgform synth\` again.`);
  }
  return loadStackJson(json, path, stack, projectDir);
}

/**
 * ORGFORM_CHECK_HANDOVER=1 (every CLI test sets it): the document synth handed over must be
 * the one the file holds, member for member, or the command stops.
 */
function checkHandover(path: string, document: unknown): void {
  if (!isDeepStrictEqual(document, JSON.parse(readFileSync(path, "utf8")))) {
    throw new OrgformError("CONFIG_INVALID", `the document synth handed over differs from ${path}: this is a bug.`);
  }
}

export function loadStackJson(json: unknown, source: string, stack: string, projectDir: string): StackConfig {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new OrgformError("CONFIG_INVALID", `${source}: "${issue.path.join(".")}": ${issue.message}.`);
  }
  const file = parsed.data;
  if (file.module && Object.keys(file.module).length > 0) {
    throw new OrgformError("CONFIG_INVALID", `${source}: Terraform modules are not supported by orgform; declare the resources in the stack directly.`);
  }
  const resources = new Map<string, ResourceConfig>();
  for (const [mode, group] of [["managed", file.resource], ["data", file.data]] as const) {
    for (const [type, byName] of Object.entries(group ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        const resource = loadResource(mode, type, name, body, source);
        resources.set(resource.address, resource);
      }
    }
  }
  const variables = new Map<string, VariableConfig>();
  for (const [name, body] of Object.entries(file.variable ?? {})) {
    variables.set(name, {
      name,
      type: typeof body.type === "string" ? body.type : undefined,
      default: body.default,
      hasDefault: "default" in body,
      sensitive: body.sensitive === true,
      description: typeof body.description === "string" ? body.description : undefined,
    });
  }
  const locals = new Map<string, Expr>(Object.entries(file.locals ?? {}).map(([name, value]) => [name, toExpr(value, `local.${name}`, source)]));
  const outputs = new Map<string, OutputConfig>();
  for (const [name, body] of Object.entries(file.output ?? {})) {
    outputs.set(name, { name, value: toExpr(body.value ?? null, `output.${name}`, source), sensitive: body.sensitive === true, description: typeof body.description === "string" ? body.description : undefined });
  }
  const providers = new Map<string, ProviderConfig>();
  for (const [name, entries] of Object.entries(file.provider ?? {})) {
    for (const entry of Array.isArray(entries) ? entries : [entries]) {
      const alias = typeof entry.alias === "string" ? entry.alias : undefined;
      const key = alias ? `${name}.${alias}` : name;
      const { alias: _alias, ...rest } = entry;
      providers.set(key, { key, name, body: toExpr(rest, `provider.${key}`, source) });
    }
  }
  const imports: ImportConfig[] = (file.import ?? []).map((entry) => ({ to: stripInterpolation(entry.to), id: entry.id }));
  const moved: MovedConfig[] = (file.moved ?? []).map((entry) => ({ from: stripInterpolation(entry.from), to: stripInterpolation(entry.to) }));
  return { stack, source, resources, variables, locals, outputs, providers, backend: loadBackend(file.terraform?.backend, stack, projectDir), imports, moved };
}

function loadResource(mode: "managed" | "data", type: string, name: string, body: Record<string, unknown>, source: string): ResourceConfig {
  const address = mode === "data" ? `data.${type}.${name}` : `${type}.${name}`;
  for (const unsupported of ["count", "for_each", "provisioner"]) {
    if (body[unsupported] !== undefined) {
      throw new OrgformError("CONFIG_INVALID", `${address}: "${unsupported}" is not supported by orgform yet; declare each object as its own construct (a TypeScript loop does this).`);
    }
  }
  const args = Object.fromEntries(Object.entries(body).filter(([key]) => !META_ARGUMENTS.has(key)));
  const dependsOn = Array.isArray(body.depends_on) ? body.depends_on.map((entry) => stripInterpolation(String(entry))) : [];
  const metadata = (body["//"] as { metadata?: { path?: string } } | undefined)?.metadata;
  const providerRef = typeof body.provider === "string" ? stripInterpolation(body.provider) : type.split("_")[0]!;
  return {
    address,
    mode,
    type,
    name,
    provider: providerRef,
    body: toExpr(args, address, source),
    dependsOn,
    lifecycle: loadLifecycle(body.lifecycle, address),
    constructPath: metadata?.path,
  };
}

function loadLifecycle(raw: unknown, address: string): Lifecycle {
  const lifecycle = (raw ?? {}) as Record<string, unknown>;
  const ignore = lifecycle.ignore_changes;
  let ignoreChanges: Lifecycle["ignoreChanges"] = [];
  if (ignore === "all") ignoreChanges = "all";
  else if (Array.isArray(ignore)) ignoreChanges = ignore.map((entry) => stripInterpolation(String(entry)));
  else if (ignore !== undefined) throw new OrgformError("CONFIG_INVALID", `${address}: lifecycle.ignore_changes must be a list of argument names or "all".`);
  return { preventDestroy: lifecycle.prevent_destroy === true, createBeforeDestroy: lifecycle.create_before_destroy === true, ignoreChanges };
}

function loadBackend(raw: Record<string, Record<string, unknown>> | undefined, stack: string, projectDir: string): BackendConfig {
  const entries = Object.entries(raw ?? {});
  if (entries.length === 0) return { type: "local", settings: { path: `${projectDir}/terraform.${stack}.tfstate` } };
  const [type, settings] = entries[0]!;
  return { type, settings };
}

/** "${a.b}" → "a.b" (cdktf writes some references with, some without interpolation). */
function stripInterpolation(text: string): string {
  const match = /^\$\{(.*)\}$/.exec(text.trim());
  return match ? match[1]!.trim() : text.trim();
}

/** Turns a JSON value into an expression: strings become templates. */
export function toExpr(value: unknown, where: string, source: string): Expr {
  try {
    return expressionOf(value);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    throw new OrgformError("EXPRESSION_INVALID", `${where}${error.path} (${source}): ${error.message}`);
  }
}

/** A template that did not parse, and where it sits below the value toExpr was given (".a.b"). */
class TemplateError extends Error {
  path = "";
}

// The path of each value is built only when a template fails: a stack has thousands of values.
function expressionOf(value: unknown): Expr {
  if (typeof value === "string") {
    try {
      return parseTemplate(value);
    } catch (error) {
      throw new TemplateError((error as Error).message);
    }
  }
  if (Array.isArray(value)) return { kind: "list", items: value.map(expressionOf) };
  if (value !== null && typeof value === "object") {
    const entries: Array<{ key: Expr; value: Expr }> = [];
    for (const key in value) {
      if (key === "//" || !Object.prototype.hasOwnProperty.call(value, key)) continue;
      try {
        entries.push({ key: { kind: "literal", value: key }, value: expressionOf((value as Record<string, unknown>)[key]) });
      } catch (error) {
        if (error instanceof TemplateError) error.path = `.${key}${error.path}`;
        throw error;
      }
    }
    return { kind: "object", entries };
  }
  if (value === undefined) return { kind: "literal", value: null };
  return { kind: "literal", value: value as string | number | boolean | null };
}
