/**
 * The environment variables whose values a crash report must never show: the engine's own
 * (state passphrases, the pg backend's connection string) and every provider's (from the
 * providers' manifest, the one list of them). Both executables redact with this.
 */
export const ENGINE_SECRET_ENV: readonly string[] = ["ORGFORM_STATE_PASSPHRASE", "ORGFORM_STATE_PREVIOUS_PASSPHRASE", "PG_CONN_STR"];

/** The values set in `env` of the engine's and the providers' secret variables. */
export function knownSecretValues(env: NodeJS.ProcessEnv, providers: ReadonlyArray<{ readonly secretEnv: readonly string[] }>): string[] {
  const names = [...ENGINE_SECRET_ENV, ...providers.flatMap((provider) => provider.secretEnv)];
  return names.map((name) => env[name]).filter((value): value is string => !!value);
}
