/**
 * Every built-in emulator, for `orgform emulate` and `orgform demo`: the manifest's providers
 * that have one (each provider's emulator/index.ts defines its own with the emulator kit).
 */
import type { EmulatorDefinition } from "../src/emulator/definition";
import { builtInProviderManifest } from "./manifest";

export const builtInEmulators: readonly EmulatorDefinition[] = builtInProviderManifest.flatMap((provider) => (provider.emulator ? [provider.emulator()] : []));
