/**
 * Test fixtures for this provider's tests: a running emulator and a session configured against it
 * through the provider's own `configure` (real HTTP on loopback, nothing mocked).
 */
import type { OperationContext } from "../../../src/provider/contract";
import { OpenaiEmulator } from "./";
import { configureOpenai, type OpenaiSession } from "../client";

export interface Fixture {
  readonly emulator: OpenaiEmulator;
  readonly session: OpenaiSession;
  ctx(address: string): OperationContext<OpenaiSession>;
}

/** Starts an emulator before all tests of a file and stops it after; pageSize 1 walks every page. */
export function useEmulator(pageSize = 1): Fixture {
  const emulator = new OpenaiEmulator();
  let session: OpenaiSession | undefined;
  beforeAll(async () => {
    const url = await emulator.start();
    session = configureOpenai({ base_url: url, page_size: pageSize }, { OPENAI_ADMIN_KEY: emulator.adminKey });
  });
  afterAll(() => emulator.stop());
  return {
    emulator,
    get session() {
      if (!session) throw new Error("the emulator has not started");
      return session;
    },
    ctx(address) {
      return { session: this.session, address };
    },
  };
}
