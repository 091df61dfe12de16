/**
 * Test fixture for this provider's tests: a started AnthropicEmulator and a real session (the
 * shared HttpClient over loopback) pointed at it. Not a mock: every call is real HTTP.
 */
import type { OperationContext } from "../../../src/provider/contract";
import { createAnthropicSession, type AnthropicSession } from "../client";
import { AnthropicEmulator, type AnthropicEmulatorOptions } from "./";

export interface AnthropicFixture {
  readonly emulator: AnthropicEmulator;
  readonly session: AnthropicSession;
  /** An operation context for the resource at `address`. */
  ctx(address?: string): OperationContext<AnthropicSession>;
  /** A fresh session (fresh plan-time memo), e.g. for a second plan. */
  newSession(pageSize?: number): AnthropicSession;
  stop(): Promise<void>;
}

export async function startAnthropic(options: AnthropicEmulatorOptions & { pageSize?: number } = {}): Promise<AnthropicFixture> {
  const emulator = new AnthropicEmulator(options);
  await emulator.start();
  const newSession = (pageSize = options.pageSize) =>
    createAnthropicSession({ baseUrl: emulator.url, adminApiKey: emulator.adminApiKey, pageSize, maxRetries: 2 });
  const fixture = {
    emulator,
    session: newSession(),
    newSession,
    ctx(address = "anthropic_test.it"): OperationContext<AnthropicSession> {
      return { session: fixture.session, address };
    },
    stop: () => emulator.stop(),
  };
  return fixture;
}
