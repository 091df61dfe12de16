/** `state list`, `state show`, `output`, `force-unlock`: read-only views of state, and the lock. */
import { OrgformError } from "../../errors";
import { loadStackFile } from "../../config/load";
import { readCdktfJson, reusableSynth, selectStack, synth } from "../../config/synth";
import { selectBackend } from "../../state/select";
import type { StateBackend } from "../../state/backend";
import type { StateDocument } from "../../state/document";
import { isSensitive } from "../../values/sensitive";
import { isDelivered } from "../../values/delivered";
import { paletteFor } from "../views/color";
import { renderValue } from "../views/values";
import { renderOutputs } from "../views/apply-text";
import type { CommonOptions } from "../options";
import type { Environment } from "./plan-apply";
import { resolve } from "node:path";

/** The backend of a stack, from the last synth if there is one (state commands need no API). */
export function stackBackend(environment: Environment, options: CommonOptions): StateBackend {
  return stackBackendAndName(environment, options, false).backend;
}

/**
 * `fresh`: synthesize anew (the backend block may just have changed), not reuse cdktf.out. A
 * cdktf.out that orgform did not synthesize in this very directory (a copied project) is never
 * reused: its local state path names the other directory's state.
 */
export function stackBackendAndName(environment: Environment, options: CommonOptions, fresh = true): { backend: StateBackend; stack: string } {
  const { output } = readCdktfJson(environment.cwd);
  const reused = fresh ? undefined : reusableSynth(environment.cwd, resolve(environment.cwd, output));
  const stacks = reused ?? synth({ projectDir: environment.cwd, app: options.app });
  const chosen = selectStack(stacks, options.stack);
  const config = loadStackFile(chosen.path, chosen.name, environment.cwd);
  const backend = selectBackend(config.backend, { projectDir: environment.cwd, stack: chosen.name, stateDirOverride: environment.stateDirOverride, env: environment.env });
  return { backend, stack: chosen.name };
}

async function readState(backend: StateBackend): Promise<StateDocument> {
  const state = await backend.read();
  if (!state) throw new OrgformError("STATE_NOT_FOUND", `no state yet at ${backend.describe()}. Run \`orgform apply\` first.`);
  return state;
}

export async function stateListCommand(environment: Environment, options: CommonOptions): Promise<number> {
  const state = await readState(stackBackend(environment, options));
  const addresses = [...state.resources.keys()].sort();
  environment.io.out(options.json ? JSON.stringify(addresses) : addresses.join("\n"));
  return 0;
}

export async function stateShowCommand(environment: Environment, address: string, options: CommonOptions): Promise<number> {
  const state = await readState(stackBackend(environment, options));
  const resource = state.resources.get(address);
  if (!resource) throw new OrgformError("STATE_NOT_FOUND", `no object at "${address}" in state. Run \`orgform state list\` to see addresses.`);
  if (options.json) {
    const attributes = Object.fromEntries(Object.entries(resource.attributes).map(([k, v]) => [k, isSensitive(v) ? null : v]));
    const sensitive = Object.keys(resource.attributes).filter((k) => isSensitive(resource.attributes[k]));
    environment.io.out(JSON.stringify({ address, type: resource.type, attributes, sensitive_attributes: sensitive }, null, 2));
    return 0;
  }
  const keys = Object.keys(resource.attributes).sort();
  const width = Math.max(...keys.map((k) => k.length));
  const lines = [`# ${address}:`, `${resource.mode === "data" ? "data" : "resource"} "${resource.type}" "${resource.name}" {`];
  for (const key of keys) lines.push(`    ${key.padEnd(width)} = ${renderValue(resource.attributes[key], "    ")}`);
  lines.push("}");
  environment.io.out(lines.join("\n"));
  return 0;
}

export async function outputCommand(environment: Environment, name: string | undefined, options: CommonOptions & { reveal?: boolean }): Promise<number> {
  const state = await readState(stackBackend(environment, options));
  const palette = paletteFor(options.color === false);
  if (name) {
    const output = state.outputs[name];
    if (!output) throw new OrgformError("STATE_NOT_FOUND", `no output "${name}". Outputs: ${Object.keys(state.outputs).join(", ") || "none"}.`);
    if (isDelivered(output.value)) {
      environment.io.out(output.value.toString());
      environment.io.err(`Output "${name}" was delivered to ${output.value.sink}; orgform did not keep it.`);
      return 0;
    }
    if (output.sensitive && !options.reveal) {
      environment.io.out("<sensitive>");
      environment.io.err(`Output "${name}" is sensitive. To print it (e.g. into a secret store), run: orgform output ${name} --reveal`);
      return 0;
    }
    const value = isSensitive(output.value) ? output.value.reveal() : output.value;
    environment.io.out(options.json ? JSON.stringify(value) : typeof value === "string" ? value : JSON.stringify(value, null, 2));
    return 0;
  }
  if (options.json) {
    const json = Object.fromEntries(
      Object.entries(state.outputs).map(([key, output]) => [key, { sensitive: output.sensitive, value: output.sensitive ? null : output.value }]),
    );
    environment.io.out(JSON.stringify(json, null, 2));
    return 0;
  }
  environment.io.out(renderOutputs(state.outputs, palette).trimStart());
  return 0;
}

export async function forceUnlockCommand(environment: Environment, id: string, options: CommonOptions): Promise<number> {
  const backend = stackBackend(environment, options);
  await backend.forceUnlock(id);
  environment.io.out(`orgform state has been successfully unlocked! (${backend.describe()})`);
  return 0;
}
