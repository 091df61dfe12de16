/**
 * The registry of providers the engine may use. The CLI entry fills it (src never imports
 * providers/*), so adding an admin API is one folder and one line in providers/registry.ts.
 */
import { OrgformError } from "../errors";
import type { DataSourceType, ProviderDefinition, ResourceType } from "./contract";

export class ProviderRegistry {
  private readonly providers = new Map<string, ProviderDefinition>();
  private readonly resources = new Map<string, { provider: ProviderDefinition; type: ResourceType }>();
  private readonly dataSources = new Map<string, { provider: ProviderDefinition; type: DataSourceType }>();

  constructor(definitions: ReadonlyArray<ProviderDefinition<any>> = []) {
    definitions.forEach((definition) => this.register(definition));
  }

  // The session type is private to each provider; the registry stores them type-erased.
  register(definition: ProviderDefinition<any>): void {
    this.providers.set(definition.name, definition);
    for (const type of definition.resources) this.resources.set(type.type, { provider: definition, type });
    for (const type of definition.dataSources) this.dataSources.set(type.type, { provider: definition, type });
  }

  provider(name: string): ProviderDefinition | undefined {
    return this.providers.get(name);
  }

  resourceType(type: string, address: string): { provider: ProviderDefinition; type: ResourceType } {
    const found = this.resources.get(type);
    if (!found) {
      throw new OrgformError(
        "UNKNOWN_RESOURCE_TYPE",
        `${address}: orgform has no resource type "${type}". Known types: ${[...this.resources.keys()].sort().join(", ")}.`,
      );
    }
    return found;
  }

  dataSourceType(type: string, address: string): { provider: ProviderDefinition; type: DataSourceType } {
    const found = this.dataSources.get(type);
    if (!found) {
      throw new OrgformError(
        "UNKNOWN_RESOURCE_TYPE",
        `${address}: orgform has no data source "${type}". Known data sources: ${[...this.dataSources.keys()].sort().join(", ") || "none"}.`,
      );
    }
    return found;
  }

  /** Resource types whose collections live inside objects of `parentType` (ListAbility.parent, CreatedLookup.parent). */
  collectionsIn(parentType: string): ResourceType[] {
    return [...this.resources.values()].map(({ type }) => type).filter((type) => (type.list?.parent ?? type.findCreated?.parent)?.type === parentType);
  }

  resourceTypeNames(): string[] {
    return [...this.resources.keys()].sort();
  }
}
