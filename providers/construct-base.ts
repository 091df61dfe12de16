/**
 * The base classes of every orgform construct: cdktf's element wiring, one reference token per
 * attribute, and snake_case arguments synthesized with unset ones left out. spec-construct.ts
 * derives each construct's props, checks and arguments from its type's schema on top of these.
 */
import { TerraformDataSource, TerraformProvider, TerraformResource, type TerraformMetaArguments, type TerraformResourceConfig } from "cdktf";
import type { Construct } from "constructs";
import { z } from "zod";
import { rejectUnknownProps } from "./unknown-props";
import { PROVIDER_VERSION, compact, rateLimitAttribute, rateLimitProps, validateProps, type RateLimitProps, type SecretSinkProps } from "./construct-kit";

/**
 * Terraform's own rule: a type's provider is the word before its first underscore
 * (`anthropic_workspace` → `anthropic`), so types need not repeat it.
 */
function elementConfig(type: string, meta: TerraformMetaArguments): TerraformResourceConfig {
  return { ...meta, terraformResourceType: type, terraformGeneratorMetadata: { providerName: type.slice(0, type.indexOf("_")) } };
}

/**
 * One reference token per attribute of a construct. cdktf makes a new token on every access, and
 * each captures a full stack trace (source-mapped under tsx): a stack whose keys read `org.id` a
 * thousand times spent a fifth of its synth there. One token can stand in every place.
 */
class AttributeTokens {
  private readonly tokens = new Map<string, string>();
  get(attribute: string, make: () => string): string {
    let token = this.tokens.get(attribute);
    if (token === undefined) {
      token = make();
      this.tokens.set(attribute, token);
    }
    return token;
  }
}

/**
 * A managed object: its type and props; SpecResource (spec-construct.ts) checks the props against
 * the type's arguments schema and says how they synthesize. Every resource type has an `id`.
 */
export abstract class OrgformResource<Props extends TerraformMetaArguments> extends TerraformResource {
  private readonly attributeTokens = new AttributeTokens();
  protected constructor(scope: Construct, id: string, type: string, protected readonly props: Props) {
    super(scope, id, elementConfig(type, props));
  }
  override getStringAttribute(terraformAttribute: string): string {
    return this.attributeTokens.get(terraformAttribute, () => super.getStringAttribute(terraformAttribute));
  }
  get id(): string {
    return this.getStringAttribute("id");
  }
  /** The snake_case arguments; undefined ones are left out of the JSON. */
  protected abstract terraformArguments(props: Props): Record<string, unknown>;
  protected override synthesizeAttributes(): Record<string, unknown> {
    return compact(this.terraformArguments(this.props));
  }
}

/** A read-only lookup: the same contract as OrgformResource (cdktf gives data sources another base); see SpecDataSource. */
export abstract class OrgformDataSource<Props extends TerraformMetaArguments> extends TerraformDataSource {
  private readonly attributeTokens = new AttributeTokens();
  protected constructor(scope: Construct, id: string, type: string, protected readonly props: Props) {
    super(scope, id, elementConfig(type, props));
  }
  override getStringAttribute(terraformAttribute: string): string {
    return this.attributeTokens.get(terraformAttribute, () => super.getStringAttribute(terraformAttribute));
  }
  get id(): string {
    return this.getStringAttribute("id");
  }
  protected abstract terraformArguments(props: Props): Record<string, unknown>;
  protected override synthesizeAttributes(): Record<string, unknown> {
    return compact(this.terraformArguments(this.props));
  }
}

/** The provider-block settings every orgform provider takes besides its own. */
export interface CommonProviderConfig {
  /** Client-side rate limit for the provider's API hosts (src/http/limits.ts). */
  readonly rateLimit?: RateLimitProps;
  /** Where every secret the provider mints goes, unless the resource says otherwise. */
  readonly secretSink?: SecretSinkProps;
  readonly alias?: string;
}

/** An orgform provider block: `orgform/<name>` at orgform's version, its own settings first. */
export abstract class OrgformProvider<Config extends CommonProviderConfig> extends TerraformProvider {
  // cdktf's TerraformProvider leaves `alias` to generated providers: its own accessor ignores a
  // value, which made every aliased block synthesize as the default one.
  private providerAlias: string | undefined;
  override get alias(): string | undefined {
    return this.providerAlias;
  }
  override set alias(value: string | undefined) {
    this.providerAlias = value;
  }

  protected constructor(scope: Construct, id: string, name: string, protected readonly config: Config, ownSettings: z.ZodObject) {
    super(scope, id, { terraformResourceType: name, terraformGeneratorMetadata: { providerName: name, providerVersion: PROVIDER_VERSION }, terraformProviderSource: `orgform/${name}` });
    const settings = ownSettings.extend({ rateLimit: rateLimitProps.optional(), alias: z.string().optional() });
    rejectUnknownProps(scope, id, new.target.name, settings, config);
    validateProps(scope, id, settings, config);
    this.alias = config.alias;
  }
  /** The provider's own settings, snake_case; the common ones are added after them. */
  protected abstract providerArguments(config: Config): Record<string, unknown>;
  protected override synthesizeAttributes(): Record<string, unknown> {
    const common = { alias: this.alias, rate_limit: rateLimitAttribute(this.config.rateLimit), secret_sink: this.config.secretSink };
    return compact({ ...this.providerArguments(this.config), ...common });
  }
}
