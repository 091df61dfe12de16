/**
 * Every built-in provider, as the CLI wires them into the engine (src never imports providers):
 * what the engine must know before a provider's code loads. A command loads only the providers
 * its stack and state name (src/cli/lazy-registry.ts), so a stack of null_resources never loads
 * Anthropic's client and schemas. Adding an admin API is one folder under providers/ and one
 * entry here.
 */
import type { EmulatorDefinition } from "../src/emulator/definition";
import type { ProviderDefinition } from "../src/provider/contract";
import type { ProviderTestKit } from "./examples";

/**
 * One built-in provider. Invariants (providers/manifest.test.ts): `load()` returns the provider
 * named `name`, every resource and data source type it declares is named `${name}_…`, and
 * `secretEnv` lists every environment variable holding a secret that its `configure` reads.
 */
export interface BuiltInProvider {
  /** Terraform provider name, and the prefix of every type it serves (`langfuse_organization`). */
  readonly name: string;
  /** Environment variables holding its secrets: never printed, not even in a crash report. */
  readonly secretEnv: readonly string[];
  /** Imports the provider's module (node caches it: the first call pays). */
  load(): ProviderDefinition<any>;
  /** Its local emulator, for `orgform emulate`, `orgform demo` and the tests (none for null). */
  emulator?(): EmulatorDefinition;
  /** Its emulator and example objects for the tests that run against every provider, and its part of the bench's stacks. */
  testKit?(): ProviderTestKit;
}

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on demand: require, not a dynamic import, so tsx's CommonJS hook applies when orgform runs from its sources */
export const builtInProviderManifest: readonly BuiltInProvider[] = [
  {
    name: "anthropic",
    secretEnv: ["ANTHROPIC_ADMIN_API_KEY"],
    load: () => (require("./anthropic/provider") as typeof import("./anthropic/provider")).anthropicProvider,
    emulator: () => (require("./anthropic/emulator") as typeof import("./anthropic/emulator")).anthropicEmulatorDefinition,
    testKit: () => (require("./anthropic/examples") as typeof import("./anthropic/examples")).anthropicTestKit,
  },
  {
    name: "langfuse",
    secretEnv: ["LANGFUSE_ADMIN_API_KEY", "LANGFUSE_ORG_SECRET_KEY"],
    load: () => (require("./langfuse/provider") as typeof import("./langfuse/provider")).langfuseProvider,
    emulator: () => (require("./langfuse/emulator") as typeof import("./langfuse/emulator")).langfuseEmulatorDefinition,
    testKit: () => (require("./langfuse/examples") as typeof import("./langfuse/examples")).langfuseTestKit,
  },
  { name: "null", secretEnv: [], load: () => (require("./null/provider") as typeof import("./null/provider")).nullProvider },
  {
    name: "openai",
    secretEnv: ["OPENAI_ADMIN_KEY"],
    load: () => (require("./openai/provider") as typeof import("./openai/provider")).openaiProvider,
    emulator: () => (require("./openai/emulator") as typeof import("./openai/emulator")).openaiEmulatorDefinition,
    testKit: () => (require("./openai/examples") as typeof import("./openai/examples")).openaiTestKit,
  },
  {
    name: "projects",
    secretEnv: ["ORGANIZATIONS_API_KEY", "ORGANIZATIONS_API_TOKEN"],
    load: () => (require("./projects/provider") as typeof import("./projects/provider")).projectsProvider,
    emulator: () => (require("./projects/emulator") as typeof import("./projects/emulator")).projectsEmulatorDefinition,
    testKit: () => (require("./projects/examples") as typeof import("./projects/examples")).projectsTestKit,
  },
];
/* eslint-enable @typescript-eslint/no-require-imports */
