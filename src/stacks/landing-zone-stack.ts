import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, type TerraformBackend } from "cdktf";
import type { Construct } from "constructs";
import { configureBackend } from "../backend";
import type { LandingZoneConfig } from "../config/schema";
import { Naming } from "../naming";
import { createAccountProvider } from "../providers";
import { prepareElementsOnce, stackJsonFromPreparedElements } from "../synth/resolve-once";
import { defaultTags } from "../tags";
import type { DirectoryAccount } from "./account-directory";
import { MINIMUM_TERRAFORM_VERSION } from "../terraform/version";

export interface LandingZoneStackProps {
  readonly config: LandingZoneConfig;
  /**
   * The account the stack's default AWS provider may change (allowed_account_ids). The management account is reached
   * with the credentials Terraform runs with; any other account through organization.memberAccountRole.
   */
  readonly target: DirectoryAccount;
}

/**
 * The base of every landing zone stack: one Terraform state, one target account. Its constructor gives the stack
 * the default AWS provider for that account (assume role, allowed_account_ids, default tags), the naming, and the
 * configured backend, so a stack cannot exist without its own state: cdktf would otherwise fall back to a local
 * backend with an absolute path of the synthesizing machine, whatever config says.
 *
 * A stack's name is its state address (state file, S3 key or Terraform Cloud workspace): never rename one silently.
 */
export abstract class LandingZoneStack extends TerraformStack {
  readonly stackName: string;
  readonly config: LandingZoneConfig;
  readonly naming: Naming;
  readonly target: DirectoryAccount;
  /** The stack's default AWS provider (construct id `aws`). */
  readonly provider: AwsProvider;
  /** The stack's state backend, from config; every stack has exactly one. */
  readonly stateBackend: TerraformBackend;

  constructor(scope: Construct, stackName: string, props: LandingZoneStackProps) {
    super(scope, stackName);
    this.stackName = stackName;
    this.config = props.config;
    this.target = props.target;
    this.naming = new Naming(props.config.organization);
    this.provider = this.accountProvider("aws", props.target);
    this.stateBackend = configureBackend(this, stackName, props.config.backend);
    this.addOverride("terraform.required_version", `>= ${MINIMUM_TERRAFORM_VERSION}`);
  }

  /**
   * The backend set in the constructor. cdktf's own lookup walks every construct of the stack each time another stack
   * first reads this one's outputs, which made the account stacks' reads of `organization` cost O(accounts²).
   */
  override ensureBackendExists(): TerraformBackend {
    return this.stateBackend;
  }

  /** cdktf's preparing pass, which keeps each element's resolved JSON for writing (src/synth/resolve-once.ts). */
  override prepareStack(): void {
    prepareElementsOnce(this);
  }

  /** The stack's Terraform JSON from the JSON its elements resolved while preparing (src/synth/resolve-once.ts). */
  override toTerraform(): Record<string, unknown> {
    return stackJsonFromPreparedElements(this);
  }

  /**
   * A provider for an account, configured as every landing zone provider is (src/providers.ts). Stacks that reach a
   * second account (the identity stack with a delegated administrator) add it with an alias.
   *
   * The management account's stacks carry the organisation's tags only: they change the organisation, not a member
   * account, so the management account's own tags do not apply to them.
   *
   * @param alias the provider's alias; @default - the stack's default provider
   */
  protected accountProvider(id: string, account: DirectoryAccount, alias?: string): AwsProvider {
    const organization = this.config.organization;
    const isManagement = account.config.purpose === "management";
    return createAccountProvider(this, id, {
      accountId: account.id,
      region: organization.homeRegion,
      alias,
      ...(isManagement ? {} : { assumeRoleName: organization.memberAccountRole, sessionName: this.naming.assumeRoleSessionName(this.stackName) }),
      defaultTags: defaultTags(this.config, isManagement ? undefined : account.config),
    });
  }
}
