/**
 * cdktf constructs for Langfuse. They synthesize to `langfuse_*` resources in cdk.tf.json, which
 * orgform (not Terraform) plans and applies. The admin API's constructs are generated
 * (constructs.generated.ts, `npm run generate:constructs`) from their types' arguments and
 * attributes schemas (schemas.ts), props in camelCase with each field's description
 * (providers/spec-construct.ts); the public API's are in constructs-public.ts.
 */
export * from "./constructs.generated";
