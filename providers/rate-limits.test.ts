/**
 * Every provider's HTTP clients honour its rate limit, from the provider block (`rate_limit`) or
 * the environment (ORGFORM_<PROVIDER>_CONCURRENCY): calls issued at once reach the emulator one
 * at a time. The emulator counts requests in flight, so no timing decides a result.
 */
import { App, TerraformStack, Testing } from "cdktf";
import { z } from "zod";
import type { RunningEmulator } from "../src/emulator/definition";
import type { EmulatorServer } from "../src/emulator/server";
import { OrgformError } from "../src/errors";
import type { HttpClient } from "../src/http/client";
import type { Attributes, ProviderDefinition } from "../src/provider/contract";
import { ROUTES as ANTHROPIC_ROUTES } from "./anthropic/client";
import { AnthropicProvider } from "./anthropic";
import type { AnthropicEmulator } from "./anthropic/emulator";
import { anthropicProvider } from "./anthropic/provider";
import { ConstructPropsError, type RateLimitProps } from "./construct-kit";
import { builtInEmulators } from "./emulators";
import { ROUTES as LANGFUSE_ROUTES } from "./langfuse/client";
import { LangfuseProvider } from "./langfuse";
import type { LangfuseEmulator } from "./langfuse/emulator";
import { langfuseProvider } from "./langfuse/provider";
import { ROUTES as OPENAI_ROUTES } from "./openai/client";
import { OpenaiProvider } from "./openai";
import type { OpenaiEmulator } from "./openai/emulator";
import { openaiProvider } from "./openai/provider";
import { ROUTES as PROJECTS_ROUTES } from "./projects/client";
import { ProjectsProvider } from "./projects";
import type { ProjectsEmulator } from "./projects/emulator";
import { projectsProvider } from "./projects/provider";

const CALLS = 5;
/** Long enough that calls sent together overlap at the server when nothing holds them back. */
const LATENCY_MS = 40;

/** One list call of a configured session, and the emulator server that answers it. */
interface Target {
  readonly http: HttpClient;
  readonly path: string;
  readonly server: EmulatorServer;
}

interface Probe {
  readonly label: string;
  readonly provider: string;
  readonly target: (config: Attributes, env: NodeJS.ProcessEnv, emulator: RunningEmulator) => Target;
}

function probe<S, E extends RunningEmulator>(label: string, provider: ProviderDefinition<S>, pick: (session: S, emulator: E) => Target): Probe {
  return { label, provider: provider.name, target: (config, env, emulator) => pick(provider.configure(config, env), emulator as E) };
}

const probes: readonly Probe[] = [
  probe("anthropic", anthropicProvider, (s, e: AnthropicEmulator) => ({ http: s.http, path: ANTHROPIC_ROUTES.workspaces, server: e.server })),
  probe("langfuse", langfuseProvider, (s, e: LangfuseEmulator) => ({ http: s.http, path: LANGFUSE_ROUTES.organizations, server: e.server })),
  probe("openai", openaiProvider, (s, e: OpenaiEmulator) => ({ http: s.http, path: OPENAI_ROUTES.projects, server: e.server })),
  probe("projects", projectsProvider, (s, e: ProjectsEmulator) => ({ http: s.http, path: PROJECTS_ROUTES.projects(e.organizationId), server: e.server })),
  probe("projects (Langfuse analytics)", projectsProvider, (s, e: ProjectsEmulator) => {
    const [project] = e.projects.values();
    return { http: s.langfuse(project!.publicKey, project!.secretKey), path: PROJECTS_ROUTES.dailyMetrics(), server: e.analytics.server };
  }),
];

// Emulators stop only after every test: a port freed earlier could come back to a later test,
// whose client would then share the earlier limiter (one per origin; the first limits win).
const running: RunningEmulator[] = [];
afterAll(() => Promise.all(running.map((emulator) => emulator.stop())));

/** Sends CALLS list calls at once through a fresh emulator; answers the most the server saw at once. */
async function maxInFlight(p: Probe, config: Attributes, env: NodeJS.ProcessEnv): Promise<number> {
  const definition = builtInEmulators.find((d) => d.name === p.provider)!;
  const emulator = definition.create();
  running.push(emulator);
  const url = await emulator.start();
  const { http, path, server } = p.target(config, { ...definition.environment(emulator, url), ...env }, emulator);
  server.setFaults({ latencyMs: LATENCY_MS });
  await Promise.all(Array.from({ length: CALLS }, () => http.request({ method: "GET", path, schema: z.unknown() })));
  expect(server.totalRequests()).toBe(CALLS);
  return server.maxInFlight;
}

describe.each(probes)("$label", (p) => {
  it("overlaps calls sent at once when no limit is set (the control)", async () => {
    expect(await maxInFlight(p, {}, {})).toBeGreaterThan(1);
  });

  it(`sends them one at a time under ORGFORM_${p.provider.toUpperCase()}_CONCURRENCY=1`, async () => {
    expect(await maxInFlight(p, {}, { [`ORGFORM_${p.provider.toUpperCase()}_CONCURRENCY`]: "1" })).toBe(1);
  });

  it("sends them one at a time under rate_limit { concurrency: 1 }", async () => {
    expect(await maxInFlight(p, { rate_limit: { concurrency: 1 } }, {})).toBe(1);
  });
});

const providers = [anthropicProvider, langfuseProvider, openaiProvider, projectsProvider];

describe.each(providers.map((provider) => ({ name: provider.name, provider })))("provider $name", ({ name, provider }) => {
  it.each([
    ["a zero concurrency", { concurrency: 0 }, "rate_limit.concurrency"],
    ["a string", { concurrency: "1" }, "rate_limit.concurrency"],
    ["an unknown field", { rpm: 10 }, "rate_limit"],
    ["no object", "fast", "rate_limit"],
  ])("refuses %s in rate_limit with one ARGUMENT_INVALID naming the provider", (_why, rateLimit, field) => {
    let error: unknown;
    try {
      provider.configure({ rate_limit: rateLimit }, {});
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(OrgformError);
    expect((error as OrgformError).code).toBe("ARGUMENT_INVALID");
    expect((error as OrgformError).message).toMatch(new RegExp(`^provider "${name}": ${field.replace(".", "\\.")}: .+\\.$`));
  });
});

type ProviderConstruct = (stack: TerraformStack, rateLimit: RateLimitProps) => void;
const constructs: ReadonlyArray<[string, ProviderConstruct]> = [
  ["anthropic", (stack, rateLimit) => new AnthropicProvider(stack, "anthropic", { rateLimit })],
  ["langfuse", (stack, rateLimit) => new LangfuseProvider(stack, "langfuse", { rateLimit })],
  ["openai", (stack, rateLimit) => new OpenaiProvider(stack, "openai", { rateLimit })],
  ["projects", (stack, rateLimit) => new ProjectsProvider(stack, "projects", { rateLimit })],
];

describe.each(constructs)("the %s provider construct", (name, build) => {
  const stack = () => new TerraformStack(new App({ outdir: Testing.app().outdir }), "test");

  it("synthesizes rateLimit as the block's rate_limit", () => {
    const s = stack();
    build(s, { requestsPerMinute: 10, burst: 10, concurrency: 2 });
    const json = JSON.parse(Testing.synth(s)) as { provider: Record<string, Array<Record<string, unknown>>> };
    expect(json.provider[name]).toEqual([{ rate_limit: { requests_per_minute: 10, burst: 10, concurrency: 2 } }]);
  });

  it("refuses a zero concurrency at synth, naming the field", () => {
    expect(() => build(stack(), { concurrency: 0 })).toThrow(ConstructPropsError);
    expect(() => build(stack(), { concurrency: 0 })).toThrow(/property "rateLimit\.concurrency"/);
  });
});
