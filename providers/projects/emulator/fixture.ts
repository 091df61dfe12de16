/**
 * Test fixture for the Projects provider: a running emulator, a session configured the way the
 * CLI does it (from the environment), and the few engine steps tests need: parse arguments with
 * defaults, and refresh through the batched list with the engine's "keep what a read omits".
 */
import { Gone, type Attributes, type OperationContext, type ResourceType } from "../../../src/provider/contract";
import type { ProjectsSession } from "../client";
import { ProjectsEmulator } from "./";
import { projectsProvider } from "../provider";
import { normalizeArguments } from "../../../src/plan/arguments";

export interface Fixture {
  readonly emulator: ProjectsEmulator;
  readonly session: ProjectsSession;
  readonly env: NodeJS.ProcessEnv;
  ctx(address?: string): OperationContext<ProjectsSession>;
  stop(): Promise<void>;
}

export async function startFixture(): Promise<Fixture> {
  // Strict: any query parameter the seed does not document for a route answers 400.
  const emulator = new ProjectsEmulator({ strict: true });
  await emulator.start();
  const env: NodeJS.ProcessEnv = {
    ORGANIZATIONS_API_BASE_URL: emulator.url,
    ORGANIZATIONS_API_KEY: emulator.apiKey,
    ORGANIZATIONS_API_TOKEN: emulator.token,
    ORGANIZATIONS_API_ORGANIZATION_ID: emulator.organizationId,
    LANGFUSE_API_URL: emulator.langfuseUrl,
  };
  const session = projectsProvider.configure({}, env);
  return {
    emulator,
    session,
    env,
    ctx: (address = "test.resource") => ({ session, address }),
    stop: () => emulator.stop(),
  };
}

/** Arguments as the engine passes them: validated field by field, defaults filled (cross-field rules are the type's `validate`). */
export function args(type: ResourceType<ProjectsSession>, raw: Record<string, unknown>): Attributes {
  return normalizeArguments(type, raw, `${type.type}.test`);
}

/** Refresh one resource through `list` (one call per scope), matched by identity. */
export async function refreshViaList(
  type: ResourceType<ProjectsSession>,
  ctx: OperationContext<ProjectsSession>,
  prior: Attributes,
): Promise<Attributes | Gone | null> {
  const list = type.list!;
  const identity = list.identity ?? ((attributes: Attributes) => String(attributes.id));
  const found = (await list.fetch(ctx, list.scope(prior))).find((item) => identity(item as Attributes) === identity(prior));
  if (!found) return null;
  return found instanceof Gone ? found : { ...prior, ...found };
}

/** A read merged over the prior state, as the engine keeps attributes a read omits. */
export async function refreshViaRead(
  type: ResourceType<ProjectsSession>,
  ctx: OperationContext<ProjectsSession>,
  prior: Attributes,
): Promise<Attributes | Gone | null> {
  const found = await type.read(ctx, prior);
  return found === null || found instanceof Gone ? found : { ...prior, ...found };
}

/** The arguments of `args` that differ from `state`: what a plan would show as changes. */
export function drift(state: Attributes, desired: Attributes): string[] {
  return Object.keys(desired).filter((key) => JSON.stringify(state[key]) !== JSON.stringify(desired[key]));
}
