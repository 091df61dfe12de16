/**
 * An independent reader of Terraform's state format v4, for tests: what Terraform's own reader
 * (hashicorp/terraform internal/states/statefile/version4.go, readStateV4 and its stateV4 structs,
 * with go-version's version syntax and cty's JSON type syntax) requires of a document, written from
 * those sources and not from orgform's reader. Returns the problems found; none means Terraform
 * can read the document.
 */

// go-version's VersionRegexpRaw, anchored as NewVersion anchors it.
const GO_VERSION = /^\s*v?([0-9]+(\.[0-9]+)*?)(-([0-9]+[0-9A-Za-z\-~]*(\.[0-9A-Za-z\-~]+)*)|(-?([A-Za-z\-~]+[0-9A-Za-z\-~]*(\.[0-9A-Za-z\-~]+)*)))?(\+([0-9A-Za-z\-~]+(\.[0-9A-Za-z\-~]+)*))?\s*$/;
// addrs.ParseAbsProviderConfigStr: provider["host/namespace/type"] with an optional .alias.
const PROVIDER_CONFIG = /^provider\["[^"/]+\/[^"/]+\/[^"/]+"\](\.[A-Za-z_][A-Za-z0-9_-]*)?$/;
// addrs.ParseAbsResourceStr for root-module resources: [data.]type.name.
const RESOURCE_ADDRESS = /^(data\.)?[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*$/;
const PRIMITIVES = new Set(["string", "number", "bool", "dynamic"]);

type Json = unknown;
const isObject = (value: Json): value is Record<string, Json> => typeof value === "object" && value !== null && !Array.isArray(value);
const isUint = (value: Json) => typeof value === "number" && Number.isInteger(value) && value >= 0;

export function stateV4Problems(text: string): string[] {
  const problems: string[] = [];
  let doc: Json;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return [`not JSON: ${(error as Error).message}`];
  }
  if (!isObject(doc)) return ["the document is not an object"];
  if (doc.version !== 4) problems.push(`version is ${JSON.stringify(doc.version)}, not 4`);
  if (doc.terraform_version !== undefined && (typeof doc.terraform_version !== "string" || (doc.terraform_version !== "" && !GO_VERSION.test(doc.terraform_version)))) {
    problems.push(`terraform_version ${JSON.stringify(doc.terraform_version)} is not a valid version string`);
  }
  if (!isUint(doc.serial)) problems.push("serial is not an unsigned integer");
  if (typeof doc.lineage !== "string") problems.push("lineage is not a string");
  if (doc.outputs !== undefined && doc.outputs !== null) {
    if (!isObject(doc.outputs)) problems.push("outputs is not an object");
    else for (const [name, output] of Object.entries(doc.outputs)) problems.push(...outputProblems(name, output));
  }
  if (doc.resources !== undefined && doc.resources !== null) {
    if (!Array.isArray(doc.resources)) problems.push("resources is not an array");
    else for (const resource of doc.resources) problems.push(...resourceProblems(resource));
  }
  if (doc.check_results !== undefined && doc.check_results !== null && !Array.isArray(doc.check_results)) problems.push("check_results is not an array");
  return problems;
}

function outputProblems(name: string, output: Json): string[] {
  if (!isObject(output)) return [`output ${name} is not an object`];
  if (output.sensitive !== undefined && typeof output.sensitive !== "boolean") return [`output ${name}: sensitive is not a boolean`];
  // ctyjson.UnmarshalType, then ctyjson.Unmarshal of the value with that type.
  const typeProblem = ctyTypeProblem(output.type);
  if (typeProblem) return [`output ${name}: invalid type (${typeProblem})`];
  const valueProblem = conformsProblem(output.value, output.type);
  return valueProblem ? [`output ${name}: the value does not have its type (${valueProblem})`] : [];
}

function ctyTypeProblem(type: Json): string | undefined {
  if (typeof type === "string") return PRIMITIVES.has(type) ? undefined : `${JSON.stringify(type)} is not a type`;
  if (!Array.isArray(type) || type.length < 2) return `${JSON.stringify(type)} is not a type`;
  const [kind, inner] = type as [Json, Json];
  if (kind === "list" || kind === "set" || kind === "map") return ctyTypeProblem(inner);
  if (kind === "tuple") return Array.isArray(inner) ? inner.map(ctyTypeProblem).find(Boolean) : "a tuple needs a list of types";
  if (kind === "object") return isObject(inner) ? Object.values(inner).map(ctyTypeProblem).find(Boolean) : "an object needs a map of types";
  return `unknown type kind ${JSON.stringify(kind)}`;
}

function conformsProblem(value: Json, type: Json): string | undefined {
  if (value === null || type === "dynamic") return undefined;
  if (type === "string") return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? undefined : "not a string";
  if (type === "number") return typeof value === "number" || (typeof value === "string" && !Number.isNaN(Number(value))) ? undefined : "not a number";
  if (type === "bool") return typeof value === "boolean" || value === "true" || value === "false" ? undefined : "not a bool";
  const [kind, inner] = type as [string, Json];
  if (kind === "list" || kind === "set") return Array.isArray(value) ? value.map((item) => conformsProblem(item, inner)).find(Boolean) : "not a list";
  if (kind === "map") return isObject(value) ? Object.values(value).map((item) => conformsProblem(item, inner)).find(Boolean) : "not a map";
  if (kind === "tuple") {
    const types = inner as Json[];
    if (!Array.isArray(value) || value.length !== types.length) return "not a tuple of that length";
    return value.map((item, i) => conformsProblem(item, types[i])).find(Boolean);
  }
  const attributes = inner as Record<string, Json>;
  if (!isObject(value)) return "not an object";
  const keys = Object.keys(value).sort().join(",");
  if (keys !== Object.keys(attributes).sort().join(",")) return `attributes ${keys} are not ${Object.keys(attributes).sort().join(",")}`;
  return Object.entries(value).map(([key, item]) => conformsProblem(item, attributes[key])).find(Boolean);
}

function resourceProblems(resource: Json): string[] {
  if (!isObject(resource)) return ["a resource is not an object"];
  const where = `${String(resource.type)}.${String(resource.name)}`;
  const problems: string[] = [];
  if (resource.mode !== "managed" && resource.mode !== "data") problems.push(`${where}: mode ${JSON.stringify(resource.mode)} is not supported`);
  if (typeof resource.type !== "string" || typeof resource.name !== "string") problems.push(`${where}: type and name must be strings`);
  if (typeof resource.provider !== "string" || !PROVIDER_CONFIG.test(resource.provider)) problems.push(`${where}: provider ${JSON.stringify(resource.provider)} is not a provider configuration address`);
  if (!Array.isArray(resource.instances)) return [...problems, `${where}: instances is not an array`];
  for (const instance of resource.instances) {
    if (!isObject(instance)) {
      problems.push(`${where}: an instance is not an object`);
      continue;
    }
    if (!isUint(instance.schema_version)) problems.push(`${where}: schema_version is not an unsigned integer`);
    if (instance.attributes !== undefined && !isObject(instance.attributes)) problems.push(`${where}: attributes is not an object`);
    if (instance.status !== undefined && instance.status !== "" && instance.status !== "tainted") problems.push(`${where}: status ${JSON.stringify(instance.status)} is invalid`);
    if (instance.deposed !== undefined && instance.deposed !== "" && String(instance.deposed).length !== 8) problems.push(`${where}: deposed key is not 8 characters`);
    // []byte in encoding/json: standard base64.
    if (instance.private !== undefined && (typeof instance.private !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(instance.private) || instance.private.length % 4 !== 0)) problems.push(`${where}: private is not base64`);
    if (instance.sensitive_attributes !== undefined) {
      const paths = instance.sensitive_attributes;
      const valid = Array.isArray(paths) && paths.every((path) => Array.isArray(path) && path.every((step) => isObject(step) && (step.type === "get_attr" ? typeof step.value === "string" : step.type === "index")));
      if (!valid) problems.push(`${where}: sensitive_attributes is not a list of paths`);
    }
    if (instance.dependencies !== undefined) {
      const deps = instance.dependencies;
      if (!Array.isArray(deps) || deps.some((dep) => typeof dep !== "string" || !RESOURCE_ADDRESS.test(dep))) problems.push(`${where}: dependencies are not resource addresses`);
    }
  }
  return problems;
}
