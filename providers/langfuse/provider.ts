/** The Langfuse provider definition the CLI registers. */
import type { ProviderDefinition } from "../../src/provider/contract";
import { configureLangfuse, type LangfuseSession } from "./client";
import { organizationType } from "./organization";
import { organizationApiKeyType } from "./organization-api-key";

export const langfuseProvider: ProviderDefinition<LangfuseSession> = {
  name: "langfuse",
  configure: configureLangfuse,
  resources: [organizationType, organizationApiKeyType],
  dataSources: [],
};
