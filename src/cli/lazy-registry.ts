/**
 * The engine's provider registry, filled on demand from the built-in providers' manifest: a
 * provider's module (its client, schemas, resource types) loads the first time the engine asks
 * for the provider or for one of its types, so a command pays only for the providers its stack
 * and state name. Lookups of a name no provider serves load them all first, so that errors list
 * every known type exactly as a full registry does.
 */
import type { ProviderDefinition, DataSourceType, ResourceType } from "../provider/contract";
import { ProviderRegistry } from "../provider/registry";

/** What the CLI knows of a provider before loading it (providers/manifest.ts). */
export interface ProviderManifestEntry {
  /** Terraform provider name, and the prefix of every type it serves. */
  readonly name: string;
  /** Environment variables holding its secrets. */
  readonly secretEnv: readonly string[];
  load(): ProviderDefinition<any>;
}

export class LazyProviderRegistry extends ProviderRegistry {
  private readonly loaded = new Set<string>();

  constructor(private readonly manifest: readonly ProviderManifestEntry[]) {
    super([]);
  }

  override provider(name: string): ProviderDefinition | undefined {
    this.load(this.manifest.find((entry) => entry.name === name));
    return super.provider(name);
  }

  override resourceType(type: string, address: string): { provider: ProviderDefinition; type: ResourceType } {
    return this.lookUp(type, () => super.resourceType(type, address));
  }

  override dataSourceType(type: string, address: string): { provider: ProviderDefinition; type: DataSourceType } {
    return this.lookUp(type, () => super.dataSourceType(type, address));
  }

  override collectionsIn(parentType: string): ResourceType[] {
    this.loadAll();
    return super.collectionsIn(parentType);
  }

  override resourceTypeNames(): string[] {
    this.loadAll();
    return super.resourceTypeNames();
  }

  private lookUp<T>(type: string, find: () => T): T {
    // The longest name that prefixes the type: a provider `a` never takes `a_b`'s `a_b_c`.
    const serving = this.manifest.filter((entry) => type.startsWith(`${entry.name}_`)).sort((a, b) => b.name.length - a.name.length)[0];
    this.load(serving);
    try {
      return find();
    } catch (error) {
      if (this.loaded.size === this.manifest.length) throw error;
      this.loadAll();
      return find();
    }
  }

  private loadAll(): void {
    for (const entry of this.manifest) this.load(entry);
  }

  private load(entry: ProviderManifestEntry | undefined): void {
    if (!entry || this.loaded.has(entry.name)) return;
    this.loaded.add(entry.name);
    this.register(entry.load());
  }
}
