/**
 * `plan`, `apply` and `destroy`: open the stack, lock state (apply/destroy), plan, show, ask,
 * apply with progress, show the outcome. The work itself is in src/plan and src/apply.
 */
import { OrgformError, isOrgformError, redactKnownSecrets } from "../../errors";
import { applyPlan, settleJournal, type ApplyResult } from "../../apply/apply";
import { readStartingPoint } from "../../state/starting-point";
import { makePlan } from "../../plan/plan";
import { hasChanges, type Plan } from "../../plan/types";
import { emptyState } from "../../state/document";
import type { ProviderRegistry } from "../../provider/registry";
import { totalRateLimitWaitMs } from "../../http/host-limiter";
import { openStack, openSynthesized, type OpenOptions } from "../../project/open";
import type { SynthesizedStack } from "../../config/synth";
import { paletteFor } from "../views/color";
import { renderPlan } from "../views/plan-text";
import { planToJson } from "../views/plan-json";
import { planToMarkdown } from "../views/plan-markdown";
import { budgetOf } from "../views/markdown";
import { renderApplyProgress, renderApplySummary, renderOutputs } from "../views/apply-text";
import { MESSAGES } from "../views/messages";
import { parseParallelism, parseVars, type CommonOptions } from "../options";
import type { Io } from "../io";
import { Interrupts } from "../interrupts";
import { StateCipher, encryptionFromEnv } from "../../state/encryption";
import { isEncryptedText } from "../../state/raw";
import { configDigest, decodePlan, encodePlan } from "../../plan/plan-file";
import { refuseExposedSecrets } from "../../plan/output-secrets";
import { readFileSync } from "node:fs";
import { writePrivateFile } from "../../files/atomic-write";

export interface PlanCommandOptions extends CommonOptions {
  readonly target?: string[];
  readonly replace?: string[];
  readonly parallelism?: string;
  readonly detailedExitcode?: boolean;
  readonly autoApprove?: boolean;
  readonly refresh?: boolean;
  readonly refreshOnly?: boolean;
  readonly markdown?: boolean;
  readonly markdownBudget?: string;
  /** plan: save the plan to this file. */
  readonly out?: string;
}

export interface Environment {
  readonly registry: ProviderRegistry;
  readonly io: Io;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** The demo keeps its state in a temp dir. */
  readonly stateDirOverride?: string;
  /** A stack synthesized already, used instead of running synth (orgform-terraform: cdktf-cli synthesized it). */
  readonly synthesized?: SynthesizedStack;
}

export async function planCommand(environment: Environment, options: PlanCommandOptions, mode: "normal" | "destroy" = "normal"): Promise<number> {
  const { context, backend, config } = open(environment, options);
  const { prevRun, journal } = await readStartingPoint(backend);
  backend.warnings?.splice(0).forEach((warning) => environment.io.err(`Warning: ${warning}`));
  const plan = await makePlan(context, prevRun, { ...planOptions(options, mode), journal });
  if (options.out) {
    const text = encodePlan(plan, configDigest(readFileSync(config.source, "utf8")));
    // Plan files carry secrets like state does: encrypted the same way when a passphrase is set.
    const cipher = planCipher(environment.env);
    writePrivateFile(options.out, cipher ? await cipher.encrypt(text) : text);
  }
  if (options.json) environment.io.out(JSON.stringify(planToJson(plan), null, 2));
  else if (options.markdown) environment.io.out(planToMarkdown(plan, budgetOf(options.markdownBudget), "Run `orgform plan` for the full plan."));
  else environment.io.out(renderPlan(plan, paletteFor(options.color === false)));
  if (options.out && !options.json) environment.io.out(`Saved the plan to ${options.out}. To perform exactly these actions, run: orgform apply ${options.out}`);
  return options.detailedExitcode && hasChanges(plan) ? 2 : 0;
}

/** `orgform apply <planfile>`: applies exactly a saved plan, or refuses if the world moved on. */
export async function applySavedPlanCommand(environment: Environment, file: string, options: PlanCommandOptions): Promise<number> {
  const { io } = environment;
  const palette = paletteFor(options.color === false);
  const { context, backend, config } = open(environment, options);
  const stored = readFileSync(file, "utf8");
  const cipher = planCipher(environment.env);
  const text = isEncryptedText(stored)
    ? (await (cipher ?? new StateCipher({ passphrase: undefined, previousPassphrases: [] })).decrypt(stored, file)).plain
    : stored;
  const saved = decodePlan(text, file);
  if (saved.plan.stack !== config.stack) throw new OrgformError("PLAN_INVALID", `${file} is a plan for stack "${saved.plan.stack}", not "${config.stack}". Pass --stack ${saved.plan.stack}.`);
  if (saved.configDigest !== configDigest(readFileSync(config.source, "utf8"))) {
    throw new OrgformError("PLAN_INVALID", `the stack changed since ${file} was made, so it no longer describes what would happen. Run \`orgform plan -out=${file}\` again.`);
  }
  // The check plan makes, made again: a plan file from an orgform that checked outputs by their
  // (then unknown) value would otherwise store a secret in an output printed in clear.
  if (saved.plan.mode === "normal") refuseExposedSecrets(context);
  const lock = await backend.lock("OperationTypeApply");
  const interrupts = new Interrupts(io, async () => backend.unlock(lock));
  try {
    // No state yet matches a plan made against no state (serial 0), whatever lineage it drew.
    const current = (await backend.read()) ?? { ...emptyState(), lineage: saved.plan.lineage };
    if (current.lineage !== saved.plan.lineage || current.serial !== saved.plan.prevRunSerial) {
      throw new OrgformError(
        "PLAN_INVALID",
        `${file} was made against state serial ${saved.plan.prevRunSerial}, but the state is now at serial ${current.serial}${current.lineage !== saved.plan.lineage ? " of another lineage" : ""}: someone applied in between. Run \`orgform plan -out=${file}\` again.`,
      );
    }
    io.out(renderPlan(saved.plan, palette));
    interrupts.install();
    const result = await applyPlan(context, saved.plan, backend, { parallelism: parseParallelism(options.parallelism), hooks: renderApplyProgress(io, palette), shouldContinue: () => !interrupts.requested });
    return finish(io, palette, result, saved.plan.mode);
  } finally {
    interrupts.uninstall();
    await backend.unlock(lock);
  }
}

export async function applyCommand(environment: Environment, options: PlanCommandOptions, mode: "normal" | "destroy" | "refresh-only" = "normal"): Promise<number> {
  const { io } = environment;
  const palette = paletteFor(options.color === false);
  const { context, backend } = open(environment, options);
  const lock = await backend.lock(mode === "destroy" ? "OperationTypeDestroy" : "OperationTypeApply");
  backend.warnings?.splice(0).forEach((warning) => io.err(`Warning: ${warning}`));
  const interrupts = new Interrupts(io, async () => backend.unlock(lock));
  try {
    const { prevRun, journal } = await readStartingPoint(backend);
    backend.warnings?.splice(0).forEach((warning) => io.err(`Warning: ${warning}`));
    const plan = await makePlan(context, prevRun, { ...planOptions(options, mode), journal });
    if (options.json) io.out(JSON.stringify(planToJson(plan), null, 2));
    else io.out(renderPlan(plan, palette));
    const changed = hasChanges(plan) || (mode === "refresh-only" && plan.drift.length > 0);
    if (!changed && plan.drift.length === 0) {
      // Nothing to apply, but the journal may hold intents state already records: retire them.
      await settleJournal(backend, plan);
      if (mode !== "destroy") io.out(renderOutputs(prevRun.outputs, palette));
      return 0;
    }
    if (changed && !options.autoApprove) {
      const answer = await io.ask(mode === "destroy" ? MESSAGES.destroyPrompt : MESSAGES.approvePrompt);
      if (answer === undefined) throw new OrgformError("APPROVAL_REQUIRED", MESSAGES.notInteractive);
      if (answer.trim() !== "yes") {
        io.err(MESSAGES.cancelled);
        return 1;
      }
    }
    io.out("");
    interrupts.install();
    const result = await applyPlan(context, plan, backend, {
      parallelism: parseParallelism(options.parallelism),
      hooks: renderApplyProgress(io, palette),
      shouldContinue: () => !interrupts.requested,
    });
    return finish(io, palette, result, mode);
  } finally {
    interrupts.uninstall();
    await backend.unlock(lock);
  }
}

function finish(io: Io, palette: ReturnType<typeof paletteFor>, result: ApplyResult, mode: string): number {
  for (const failure of result.failures) {
    const message = isOrgformError(failure.error) ? failure.error.message : redactKnownSecrets(String((failure.error as Error)?.message ?? failure.error));
    io.err(`${palette.red("Error:")} ${failure.address}: ${message}`);
  }
  io.out(renderApplySummary(result, mode, totalRateLimitWaitMs(), palette));
  if (result.failures.length === 0 && !result.interrupted && mode !== "destroy") io.out(renderOutputs(result.outputs, palette));
  return result.failures.length > 0 || result.interrupted ? 1 : 0;
}

function open(environment: Environment, options: PlanCommandOptions) {
  const opening = openOptions(environment, options);
  return environment.synthesized ? openSynthesized(environment.synthesized, opening) : openStack(opening);
}

/** What every command that opens a stack passes to openStack / openAllStacks. */
export function openOptions(environment: Environment, options: CommonOptions): OpenOptions {
  return {
    projectDir: environment.cwd,
    registry: environment.registry,
    stack: options.stack,
    app: options.app,
    vars: parseVars(options.var),
    env: environment.env,
    stateDirOverride: environment.stateDirOverride,
  };
}

function planOptions(options: PlanCommandOptions, mode: Plan["mode"]) {
  return {
    mode: options.refreshOnly ? ("refresh-only" as const) : mode,
    refresh: options.refresh !== false,
    targets: options.target ?? [],
    replace: options.replace ?? [],
  };
}

function planCipher(env: NodeJS.ProcessEnv): StateCipher | undefined {
  const options = encryptionFromEnv(env);
  return options ? new StateCipher(options) : undefined;
}
