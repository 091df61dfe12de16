/** Apply progress lines, the closing summary and outputs, as Terraform prints them. */
import type { ApplyHooks, ApplyResult } from "../../apply/apply";
import type { OutputState } from "../../state/document";
import type { Io } from "../io";
import type { Palette } from "./color";
import { DOING, PAST, PAST_BY_VERB } from "./messages";
import { renderValue } from "./values";
import { isDelivered } from "../../values/delivered";

export function renderApplyProgress(io: Io, p: Palette): ApplyHooks {
  return {
    start(change, step) {
      const id = step !== "create" && change.before?.id !== undefined ? ` [id=${String(change.before.id)}]` : "";
      const verb = step === "delete" ? change.verbs.delete : step === "create" ? change.verbs.create : undefined;
      // "archived" → "Archiving...", "adopted" → "Adopting..."; longer phrases keep Terraform's word.
      const doing = verb && /^\w+ed$/.test(verb) ? `${capitalize(verb.replace(/e?d$/, ""))}ing...` : DOING[step];
      io.out(p.bold(`${change.address}: ${doing}${id}`));
    },
    complete(change, step, elapsedMs, id) {
      const shownId = id ?? (change.before?.id !== undefined ? String(change.before.id) : undefined);
      // An object the API cannot create is adopted, not created: say so (Anthropic API keys).
      const done = step === "create" && change.verbs.create ? (PAST_BY_VERB[change.verbs.create] ?? PAST[step]) : PAST[step];
      io.out(p.bold(`${change.address}: ${done} complete after ${formatSeconds(elapsedMs)}${shownId ? ` [id=${shownId}]` : ""}`));
    },
    progress(change, message) {
      io.out(`${change.address}: ${message}`);
    },
    // The error itself is printed once, in the closing "Error:" lines.
    fail(change, step) {
      io.err(p.red(`${change.address}: ${PAST[step]} failed.`));
    },
  };
}

export function renderApplySummary(result: ApplyResult, mode: string, rateLimitWaitMs: number, p: Palette): string {
  const lines: string[] = [""];
  const counts = `Resources: ${result.added} added, ${result.changed} changed, ${result.destroyed} destroyed.`;
  if (result.interrupted) lines.push(p.red(p.bold(`Apply interrupted. ${counts}`)), `Not started: ${result.skipped.join(", ") || "none"}. Run apply again to finish.`);
  else if (result.failures.length > 0) {
    lines.push(p.red(p.bold(`Apply failed. ${counts}`)));
    lines.push(`Failed: ${result.failures.map((f) => f.address).join(", ")}.`);
    if (result.skipped.length > 0) lines.push(`Not attempted because something they depend on failed: ${result.skipped.join(", ")}.`);
    lines.push("Fix the errors above and run apply again: the state records everything that succeeded.");
  } else if (mode === "destroy") lines.push(p.green(p.bold(`Destroy complete! Resources: ${result.destroyed} destroyed.`)));
  else lines.push(p.green(p.bold(`Apply complete! ${counts}`)));
  if (rateLimitWaitMs >= 1000) lines.push(`Waited ${formatSeconds(rateLimitWaitMs)} on API rate limits.`);
  return lines.join("\n");
}

export function renderOutputs(outputs: Readonly<Record<string, OutputState>>, p: Palette): string {
  const names = Object.keys(outputs).sort();
  if (names.length === 0) return "";
  const lines = ["", p.green(p.bold("Outputs:")), ""];
  for (const name of names) {
    const output = outputs[name]!;
    lines.push(`${name} = ${isDelivered(output.value) ? output.value.toString() : output.sensitive ? "<sensitive>" : renderValue(output.value, "")}`);
  }
  return lines.join("\n");
}

function formatSeconds(ms: number): string {
  return ms < 60_000 ? `${Math.round(ms / 100) / 10}s` : `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
