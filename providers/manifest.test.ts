/**
 * The providers' manifest is what the CLI knows before a provider loads (providers/manifest.ts):
 * it must agree with each provider's code, or a type would not find its provider and a secret
 * would reach a crash report.
 */
import { builtInProviderManifest } from "./manifest";

/** Environment variable names that hold secrets by their name (a public key is not one). */
const SECRET_NAME = /(?<!PUBLIC)_(KEY|TOKEN|SECRET|SECRET_KEY|PASSWORD|PASSPHRASE)$/;

describe.each(builtInProviderManifest.map((entry) => [entry.name, entry] as const))("the manifest's %s provider", (name, entry) => {
  it("loads the provider of that name, whose every type starts with the name", () => {
    const provider = entry.load();
    expect(provider.name).toBe(name);
    for (const type of [...provider.resources, ...provider.dataSources]) expect(type.type.startsWith(`${name}_`)).toBe(true);
  });

  it("lists every secret environment variable its configure reads", () => {
    const read = new Set<string>();
    const env = new Proxy({} as NodeJS.ProcessEnv, {
      get: (_target, key) => {
        if (typeof key !== "string") return undefined;
        read.add(key);
        return key.endsWith("_URL") ? "http://127.0.0.1:9" : `value-of-${key}`;
      },
    });
    try {
      entry.load().configure({}, env);
    } catch {
      // A setting it wants beyond the environment: the variables read so far are what counts.
    }
    const secrets = [...read].filter((key) => SECRET_NAME.test(key)).sort();
    expect(entry.secretEnv.filter((key) => read.has(key)).sort()).toEqual(secrets);
    expect(secrets.length > 0 || entry.secretEnv.length === 0).toBe(true);
  });

  it("names its own emulator, if it has one", () => {
    expect(entry.emulator?.().name ?? name).toBe(name);
    // A provider with an API has an emulator, and then a test kit: the cross-provider tests run it.
    expect(Boolean(entry.testKit)).toBe(Boolean(entry.emulator));
  });
});
