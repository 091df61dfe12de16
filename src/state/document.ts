/**
 * The state document: Terraform's state v4 shape (version, serial, lineage, outputs, resources
 * with instances, attributes, sensitive_attributes, dependencies), so tools that read Terraform
 * state can read orgform's. In memory, sensitive attributes are `Sensitive` values; they are
 * revealed only when the document is serialized for a backend.
 */
import { compareText } from "../values/compare";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { OrgformError } from "../errors";
import { plainObject } from "../values/plain-object";
import { Sensitive, isSensitive } from "../values/sensitive";
import { Delivered, isDelivered } from "../values/delivered";
import { ORGFORM_VERSION } from "../version";

/** One managed object (or data source result) as orgform last saw it. */
export interface ResourceState {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  /** Provider config key: "langfuse" or "langfuse.alias". */
  readonly provider: string;
  /** Attribute values; secrets are Sensitive. */
  readonly attributes: Readonly<Record<string, unknown>>;
  /** Addresses this object depended on when it was last written: the destroy order. */
  readonly dependencies: readonly string[];
  /** SHA-256 fingerprints of write-only arguments (their values are never stored). */
  readonly writeOnlyFingerprints?: Readonly<Record<string, string>>;
  /**
   * Terraform's "tainted" (a state written by `terraform taint` or a tool that does the same):
   * the object exists but must not be kept as it is. Every plan replaces it until a replacement
   * succeeds.
   */
  readonly tainted?: boolean;
}

export interface OutputState {
  readonly value: unknown;
  readonly sensitive: boolean;
}

/** Invariant: `resources` is keyed by address; serial only grows; lineage never changes. */
export interface StateDocument {
  readonly serial: number;
  readonly lineage: string;
  readonly resources: ReadonlyMap<string, ResourceState>;
  readonly outputs: Readonly<Record<string, OutputState>>;
}

/** A state with no objects; `lineage` continues one a killed first run started (its journal names it). */
export function emptyState(lineage: string = randomUUID()): StateDocument {
  return { serial: 0, lineage, resources: new Map(), outputs: {} };
}

const sensitivePath = z.array(z.object({ type: z.string(), value: z.unknown() }));
const instanceSchema = z.object({
  schema_version: z.number().optional(),
  status: z.enum(["tainted"]).optional(),
  attributes: plainObject,
  sensitive_attributes: z.array(sensitivePath).optional().default([]),
  private: z.string().optional(),
  dependencies: z.array(z.string()).optional().default([]),
});
const resourceSchema = z.object({
  mode: z.enum(["managed", "data"]),
  type: z.string().min(1),
  name: z.string().min(1),
  provider: z.string(),
  instances: z.array(instanceSchema),
});
const stateFileSchema = z.object({
  version: z.literal(4),
  terraform_version: z.string().optional(),
  serial: z.number().int().nonnegative(),
  lineage: z.string().min(1),
  outputs: z.record(z.string(), z.object({ value: z.unknown(), type: z.unknown().optional(), sensitive: z.boolean().optional(), delivered_to: z.string().optional() })).default({}),
  resources: z.array(resourceSchema),
});

const PROVIDER_PREFIX = 'provider["registry.terraform.io/orgform/';

/** Parses a state file's text; `source` names the file for the error. Never echoes values. */
export function parseState(text: string, source: string): StateDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new OrgformError("STATE_CORRUPT", `${source} is not valid JSON (${(error as Error).message.replace(/".*"/, "…")}). Restore it from ${source}.backup or run \`orgform state push\` with a good copy.`);
  }
  const parsed = stateFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new OrgformError(
      "STATE_CORRUPT",
      `${source} is not a valid state file: field "${issue.path.join(".")}": ${issue.message}. Restore it from ${source}.backup.`,
    );
  }
  const resources = new Map<string, ResourceState>();
  for (const resource of parsed.data.resources) {
    const instance = resource.instances[0];
    if (!instance) continue;
    const address = resource.mode === "data" ? `data.${resource.type}.${resource.name}` : `${resource.type}.${resource.name}`;
    if (resource.mode === "managed" && !hasId(instance.attributes)) {
      // Without its id orgform cannot find the object: refresh would call it "deleted outside
      // orgform" and a second one would be created, orphaning the first.
      throw new OrgformError(
        "STATE_CORRUPT",
        `${source} is not a valid state file: ${address} has no "id" attribute, so orgform cannot tell which object it manages (and would create a second one). Restore it from ${source}.backup, or put the object's id from the API back into that entry's attributes.id (or delete the entry to stop managing the object; nothing is deleted in the API).`,
        { address },
      );
    }
    const attributes: Record<string, unknown> = { ...instance.attributes };
    for (const path of instance.sensitive_attributes) {
      const key = path[0]?.value;
      if (typeof key === "string" && key in attributes) attributes[key] = new Sensitive(attributes[key]);
    }
    const privateData = parsePrivate(instance.private);
    for (const [key, delivery] of Object.entries(privateData.delivered ?? {})) attributes[key] = new Delivered(delivery.sink, delivery.fingerprint);
    resources.set(address, {
      address,
      mode: resource.mode,
      type: resource.type,
      name: resource.name,
      provider: providerKeyFromTerraform(resource.provider),
      attributes,
      dependencies: instance.dependencies,
      writeOnlyFingerprints: privateData.writeOnlyFingerprints,
      ...(instance.status === "tainted" ? { tainted: true } : {}),
    });
  }
  const outputs: Record<string, OutputState> = {};
  for (const [name, output] of Object.entries(parsed.data.outputs)) {
    const value = output.delivered_to ? new Delivered(output.delivered_to) : output.sensitive ? new Sensitive(output.value) : output.value;
    outputs[name] = { value, sensitive: output.sensitive ?? false };
  }
  return { serial: parsed.data.serial, lineage: parsed.data.lineage, resources, outputs };
}

/** A managed object's id: present, not null, not blank (a number counts; state may hold one). */
function hasId(attributes: Readonly<Record<string, unknown>>): boolean {
  const id = attributes.id;
  if (typeof id === "string") return id.trim().length > 0;
  return typeof id === "number" || (id !== null && typeof id === "object");
}

/**
 * What `terraform_version` says: Terraform and OpenTofu refuse a state whose value is not a
 * version string (orgform wrote "orgform-0.1.0"), and since Terraform 0.14 none refuses a state
 * for naming an older or newer release, so the oldest v1 release is named. orgform's own version
 * is "orgform_version", a field Terraform's reader ignores.
 */
const TERRAFORM_STATE_VERSION = "1.0.0";

/** Serializes with secrets revealed: the only place besides provider calls that reveals them. */
export function serializeState(state: StateDocument): string {
  const resources = [...state.resources.values()].sort((a, b) => compareText(a.address, b.address)).map(resourceText);
  const outputs = Object.fromEntries(
    Object.entries(state.outputs).map(([name, output]) => [
      name,
      isDelivered(output.value)
        ? { value: null, type: "string", sensitive: true, delivered_to: output.value.sink }
        : { value: isSensitive(output.value) ? output.value.reveal() : output.value, type: ctyType(output.value), ...(output.sensitive ? { sensitive: true } : {}) },
    ]),
  );
  const document = `${JSON.stringify({ version: 4, terraform_version: TERRAFORM_STATE_VERSION, orgform_version: ORGFORM_VERSION, serial: state.serial, lineage: state.lineage, outputs, resources: [], check_results: null }, null, 2)}\n`;
  if (resources.length === 0) return document;
  // The same text JSON.stringify(…, null, 2) gives for the whole document, resources spliced in.
  const [head, tail] = document.split(RESOURCES_SLOT) as [string, string];
  return `${head}\n  "resources": [\n    ${resources.join(",\n    ")}\n  ],\n  "check_results"${tail}`;
}

/** Where the (empty) resources array sits in the pretty-printed document: top level, before check_results. */
const RESOURCES_SLOT = '\n  "resources": [],\n  "check_results"';

/**
 * One resource's entry, pretty-printed at its depth in the document. A ResourceState is never
 * changed once made (a change is a new object), so its text is kept: an apply rewrites a
 * 10,000-object state after every few changes, and only the changed objects are serialized again.
 */
const resourceTexts = new WeakMap<ResourceState, string>();

function resourceText(resource: ResourceState): string {
  let text = resourceTexts.get(resource);
  if (text === undefined) {
    text = JSON.stringify(resourceEntry(resource), null, 2).replace(/\n/g, "\n    ");
    resourceTexts.set(resource, text);
  }
  return text;
}

function resourceEntry(resource: ResourceState): unknown {
  const attributes: Record<string, unknown> = {};
  const sensitive: Array<Array<{ type: string; value: string }>> = [];
  const delivered: Record<string, { sink: string; fingerprint?: string }> = {};
  for (const [key, value] of Object.entries(resource.attributes)) {
    if (isDelivered(value)) {
      // The secret went to a sink: state keeps where, and its fingerprint, never the value.
      attributes[key] = null;
      delivered[key] = { sink: value.sink, fingerprint: value.fingerprint };
    } else if (isSensitive(value)) {
      attributes[key] = value.reveal();
      sensitive.push([{ type: "get_attr", value: key }]);
    } else attributes[key] = value;
  }
  const privateData = {
    ...(resource.writeOnlyFingerprints ? { writeOnlyFingerprints: resource.writeOnlyFingerprints } : {}),
    ...(Object.keys(delivered).length > 0 ? { delivered } : {}),
  };
  const privateText = Object.keys(privateData).length > 0 ? Buffer.from(JSON.stringify(privateData)).toString("base64") : undefined;
  return {
    mode: resource.mode,
    type: resource.type,
    name: resource.name,
    provider: providerKeyToTerraform(resource.provider),
    instances: [
      {
        schema_version: 0,
        ...(resource.tainted ? { status: "tainted" } : {}),
        attributes,
        sensitive_attributes: sensitive,
        ...(privateText ? { private: privateText } : {}),
        dependencies: [...resource.dependencies].sort(),
      },
    ],
  };
}

function providerKeyToTerraform(key: string): string {
  const [name, alias] = key.split(".");
  return `${PROVIDER_PREFIX}${name}"]${alias ? `.${alias}` : ""}`;
}

function providerKeyFromTerraform(text: string): string {
  const match = /provider\["(?:[^"]*\/)?([^"/]+)"\](?:\.(\w+))?/.exec(text);
  if (!match) return text;
  return match[2] ? `${match[1]}.${match[2]}` : match[1]!;
}

interface PrivateData {
  writeOnlyFingerprints?: Record<string, string>;
  delivered?: Record<string, { sink: string; fingerprint?: string }>;
}

function parsePrivate(text: string | undefined): PrivateData {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, "base64").toString("utf8"));
    return parsed !== null && typeof parsed === "object" ? (parsed as PrivateData) : {};
  } catch {
    return {};
  }
}

/**
 * An output's type in cty's JSON type syntax, as Terraform writes it and its reader requires
 * ("list" or "boolean" alone are not types): a literal list is a tuple, a map an object.
 */
function ctyType(value: unknown): unknown {
  const plain = isSensitive(value) ? value.reveal() : value;
  if (Array.isArray(plain)) return ["tuple", plain.map(ctyType)];
  if (plain === null || plain === undefined) return "string"; // a null of any type reads back as null
  if (typeof plain === "object") return ["object", Object.fromEntries(Object.entries(plain).filter(([, item]) => item !== undefined).map(([key, item]) => [key, ctyType(item)]))];
  if (typeof plain === "boolean") return "bool";
  return typeof plain === "number" ? "number" : "string";
}
