/**
 * Every built-in emulator, for `orgform emulate` and `orgform demo`. One entry per provider folder.
 */
import type { EmulatorDefinition, RunningEmulator } from "../src/emulator/definition";
import { LangfuseEmulator } from "./langfuse/emulator";
import { OpenaiEmulator } from "./openai/emulator";

export const builtInEmulators: readonly EmulatorDefinition[] = [
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
];
