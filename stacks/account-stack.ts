import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { LandingZoneConfig } from "../src/config/schema";
import type { AccountConfig } from "../src/config/sections/accounts";
import { AccountBaseline } from "../src/constructs/account-baseline";
import { accountStackName, Naming } from "../src/naming";
import { createAccountProvider } from "../src/providers";
import { defaultTags } from "../src/tags";
import { WorkloadVpc } from "../src/constructs/workload-vpc";

export interface AccountStackProps {
  readonly config: LandingZoneConfig;
  readonly account: AccountConfig;
  /** From OrganizationStack.accountIds: a literal, or a reference to the applied organization stack's state. */
  readonly accountId: string;
  /** Id of the log archive account (from OrganizationStack.accountIds), owner of the central flow-log bucket. */
  readonly logArchiveAccountId: string;
  /** Id of the AWS Organization: a literal when config adopts one, else a reference to the organization stack. */
  readonly organizationId: string;
}

/**
 * Everything deployed into one member account, in its own state so that a change to one workload plans one small
 * stack. It assumes the configured role in the account and can touch no other. Every member account gets the
 * account baseline.
 */
export class AccountStack extends TerraformStack {
  readonly account: AccountConfig;

  constructor(scope: Construct, props: AccountStackProps) {
    const stackName = accountStackName(props.account.name);
    super(scope, stackName);
    this.account = props.account;

    const naming = new Naming(props.config.organization);

    createAccountProvider(this, "aws", {
      accountId: props.accountId,
      region: props.config.organization.homeRegion,
      assumeRoleName: props.config.organization.memberAccountRole,
      sessionName: naming.assumeRoleSessionName(stackName),
      defaultTags: defaultTags(props.config, props.account),
    });

    new AccountBaseline(this, "baseline", { naming });

    // Workload accounts with a network section get the VPC baseline.
    const { config, account, accountId, logArchiveAccountId, organizationId } = props;
    if (account.network !== undefined) {
      const region = config.organization.homeRegion;
      new WorkloadVpc(this, "vpc", { network: account.network, naming, accountName: account.name, accountId, region, logArchiveAccountId, organizationId });
    }
  }
}
