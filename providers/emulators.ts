/**
 * Every built-in emulator, for `orgform emulate` and `orgform demo`. One entry per provider folder;
 * each provider's emulator.ts defines its own with the emulator kit's defineEmulator.
 */
import type { EmulatorDefinition } from "../src/emulator/definition";
import { anthropicEmulatorDefinition } from "./anthropic/emulator";
import { langfuseEmulatorDefinition } from "./langfuse/emulator";
import { openaiEmulatorDefinition } from "./openai/emulator";
import { projectsEmulatorDefinition } from "./projects/emulator";

export const builtInEmulators: readonly EmulatorDefinition[] = [anthropicEmulatorDefinition, langfuseEmulatorDefinition, openaiEmulatorDefinition, projectsEmulatorDefinition];
