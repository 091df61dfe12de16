/**
 * `null_resource`, executed by orgform itself: it holds `triggers` (any change replaces it) and
 * gets a generated id, so stacks can sequence work and re-run dependants on purpose. There is no
 * remote API; read returns what state holds.
 */
import { randomInt } from "node:crypto";
import { z } from "zod";
import type { ProviderDefinition, ResourceType } from "../../src/provider/contract";
import { declarationsOf, forceNew } from "../../src/provider/kit/modifiers";

type NullSession = Record<string, never>;

const nullResourceType: ResourceType<NullSession> = {
  type: "null_resource",
  ...declarationsOf(z.object({ triggers: forceNew(z.record(z.string(), z.string()).nullable().optional()) }), z.object({ id: z.string() })),
  read: async (_ctx, prior) => prior,
  // Terraform's null provider uses a random decimal id; so does orgform.
  create: async (_ctx, args) => ({ triggers: args.triggers ?? null, id: String(randomInt(1, 2 ** 47)) + String(randomInt(0, 10_000)).padStart(4, "0") }),
  delete: async () => undefined,
  importById: async (_ctx, id) => ({ id, triggers: null }),
};

export const nullProvider: ProviderDefinition<NullSession> = {
  name: "null",
  configure: () => ({}),
  resources: [nullResourceType],
  dataSources: [],
};
