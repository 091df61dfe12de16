// The package's main entry: every provider's constructs, for stacks outside this repository.
export * from "./langfuse";
export * from "./null";
export * from "./openai";
export * from "./anthropic";
export * from "./projects";
