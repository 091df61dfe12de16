/**
 * cdktf constructs for the Projects API. They synthesize to `projects_*` resources and data
 * sources in cdk.tf.json, which orgform (not Terraform) plans and applies. Every one is generated
 * (constructs.generated.ts, `npm run generate:constructs`) from its type's arguments schema
 * (schemas.ts) and attributes schema (schemas-computed.ts): props in camelCase with each field's
 * description, checked when the construct is made by that same schema, the seed's role rule
 * included (providers/spec-construct.ts).
 */
export * from "./constructs.generated";
