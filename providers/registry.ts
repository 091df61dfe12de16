/**
 * Every built-in provider, wired into the engine by the CLI entry (src never imports providers).
 * Adding an admin API is one folder under providers/ and one line here.
 */
import type { ProviderDefinition } from "../src/provider/contract";
import { anthropicProvider } from "./anthropic/provider";
import { langfuseProvider } from "./langfuse/provider";
import { nullProvider } from "./null/provider";
import { openaiProvider } from "./openai/provider";
import { projectsProvider } from "./projects/provider";

export const builtInProviders: ReadonlyArray<ProviderDefinition<any>> = [
  anthropicProvider,
  langfuseProvider,
  nullProvider,
  openaiProvider,
  projectsProvider,
];
