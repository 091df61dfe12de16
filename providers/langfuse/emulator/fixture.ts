/**
 * Test fixture for this provider's tests: a started LangfuseEmulator and real sessions (the
 * shared HttpClient over loopback) pointed at it, plus an organization with an organization key
 * made through the admin API. Not a mock: every call is real HTTP.
 */
import type { Attributes, OperationContext } from "../../../src/provider/contract";
import { configureLangfuse, type LangfuseSession } from "../client";
import { LangfuseEmulator } from "./";
import { organizationType } from "../resources/organization";
import { organizationApiKeyType } from "../resources/organization-api-key";

export interface LangfuseFixture {
  readonly emulator: LangfuseEmulator;
  readonly session: LangfuseSession;
  /** An operation context for the resource at `address`. */
  ctx(address?: string, session?: LangfuseSession): OperationContext<LangfuseSession>;
  /** A fresh session; `env` adds e.g. LANGFUSE_ORG_PUBLIC_KEY. */
  newSession(env?: NodeJS.ProcessEnv): LangfuseSession;
  /** A new organization and an organization key for it, as resource arguments. */
  organization(name?: string): Promise<{ id: string; key: { org_public_key: string; org_secret_key: string } }>;
  /** Raw HTTP with Basic auth, for tests of the emulator's routes. */
  call(method: string, path: string, key: { publicKey: string; secretKey: string } | undefined, body?: unknown): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export async function startLangfuse(): Promise<LangfuseFixture> {
  const emulator = new LangfuseEmulator({ adminApiKey: "test-admin-key-123456" });
  await emulator.start();
  const newSession = (env: NodeJS.ProcessEnv = {}) =>
    configureLangfuse({}, { LANGFUSE_BASE_URL: emulator.url, LANGFUSE_ADMIN_API_KEY: emulator.adminApiKey, ...env });
  const fixture: LangfuseFixture = {
    emulator,
    session: newSession(),
    newSession,
    ctx: (address = "langfuse_test.it", session = fixture.session) => ({ session, address }),
    async organization(name = "Acme Platform") {
      const org = await organizationType.create(fixture.ctx("langfuse_organization.org"), { name, metadata: {} });
      const key: Attributes = await organizationApiKeyType.create(fixture.ctx("langfuse_organization_api_key.k"), { organization_id: org.id, note: "orgform" });
      return { id: String(org.id), key: { org_public_key: String(key.public_key), org_secret_key: String(key.secret_key) } };
    },
    async call(method, path, key, body) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (key) headers.authorization = `Basic ${Buffer.from(`${key.publicKey}:${key.secretKey}`).toString("base64")}`;
      const response = await fetch(emulator.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    stop: () => emulator.stop(),
  };
  return fixture;
}
