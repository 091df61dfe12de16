/**
 * A crash report never shows a secret from the environment: both executables (orgform and
 * orgform-terraform) redact the engine's secret variables and every built-in provider's, from
 * the one list in the providers' manifest (issue 17 item 3: they used to keep two lists that
 * disagreed).
 */
import { builtInProviderManifest } from "../providers/manifest";
import { ENGINE_SECRET_ENV, knownSecretValues } from "../src/cli/secret-env";

describe("the secret environment variables redacted from crash reports", () => {
  const names = [...ENGINE_SECRET_ENV, ...builtInProviderManifest.flatMap((provider) => provider.secretEnv)];

  it("include every provider's and the engine's", () => {
    expect(names).toEqual(expect.arrayContaining(["ANTHROPIC_ADMIN_API_KEY", "LANGFUSE_ADMIN_API_KEY", "LANGFUSE_ORG_SECRET_KEY", "OPENAI_ADMIN_KEY", "ORGANIZATIONS_API_KEY", "ORGANIZATIONS_API_TOKEN", "ORGFORM_STATE_PASSPHRASE", "ORGFORM_STATE_PREVIOUS_PASSPHRASE", "PG_CONN_STR"]));
  });

  it("yield the value of each that is set, and nothing else", () => {
    const env = { ...Object.fromEntries(names.map((name) => [name, `secret-of-${name}`])), LANGFUSE_BASE_URL: "http://example.test", EMPTY: "" };
    expect(knownSecretValues(env, builtInProviderManifest).sort()).toEqual(names.map((name) => `secret-of-${name}`).sort());
    expect(knownSecretValues({ OPENAI_ADMIN_KEY: "" }, builtInProviderManifest)).toEqual([]);
  });
});
