// The constructs come from @cdktf/provider-null; orgform executes them itself (provider.ts).
export { Resource as NullResource } from "@cdktf/provider-null/lib/resource";
export type { ResourceConfig as NullResourceConfig } from "@cdktf/provider-null/lib/resource";
export { NullProvider } from "@cdktf/provider-null/lib/provider";
