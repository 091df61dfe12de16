/**
 * Every built-in provider, wired into the engine by the CLI entry (src never imports providers).
 * Adding an admin API is one folder under providers/ and one line here.
 */
import type { ProviderDefinition } from "../src/provider/contract";
import { langfuseProvider } from "./langfuse/provider";

export const builtInProviders: ReadonlyArray<ProviderDefinition<any>> = [
  langfuseProvider,
];
