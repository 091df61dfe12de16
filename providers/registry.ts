/**
 * Every built-in provider, loaded: for the bench and tests that use them all. The CLI loads only
 * the ones a command needs, from the manifest (providers/manifest.ts), which is the one list.
 */
import type { ProviderDefinition } from "../src/provider/contract";
import { builtInProviderManifest } from "./manifest";

export { builtInProviderManifest, type BuiltInProvider } from "./manifest";

export const builtInProviders: ReadonlyArray<ProviderDefinition<any>> = builtInProviderManifest.map((provider) => provider.load());
