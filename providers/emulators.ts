/**
 * Every built-in emulator, for `orgform emulate` and `orgform demo`. One entry per provider folder.
 */
import type { EmulatorDefinition, RunningEmulator } from "../src/emulator/definition";
import { AnthropicEmulator, seedAnthropicDemo } from "./anthropic/emulator";
import { LangfuseEmulator } from "./langfuse/emulator";
import { OpenaiEmulator } from "./openai/emulator";
import { projectsEmulatorDefinition } from "./projects/emulator";

export const builtInEmulators: readonly EmulatorDefinition[] = [
  {
    name: "anthropic",
    create: () => new AnthropicEmulator(),
    environment: (emulator: RunningEmulator, url: string) => ({ ANTHROPIC_BASE_URL: url, ANTHROPIC_ADMIN_API_KEY: (emulator as AnthropicEmulator).adminApiKey }),
    seedDemo: (emulator: RunningEmulator) => seedAnthropicDemo(emulator as AnthropicEmulator),
  },
  {
    name: "langfuse",
    create: () => new LangfuseEmulator(),
    environment: (emulator: RunningEmulator, url: string) => ({ LANGFUSE_BASE_URL: url, LANGFUSE_ADMIN_API_KEY: (emulator as LangfuseEmulator).adminApiKey }),
  },
  {
    name: "openai",
    create: () => new OpenaiEmulator(),
    // start() answers the /v1 base URL, which is what OPENAI_BASE_URL means.
    environment: (emulator: RunningEmulator, url: string) => ({ OPENAI_BASE_URL: url, OPENAI_ADMIN_KEY: (emulator as OpenaiEmulator).adminKey }),
  },
  projectsEmulatorDefinition,
];
