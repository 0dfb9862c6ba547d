import type { Construct } from "constructs";
import type { LandingZoneConfig } from "../src/config/schema";
import type { AccountConfig } from "../src/config/sections/accounts";
import { AccountBaseline } from "../src/constructs/account-baseline";
import { accountStackName } from "../src/naming";
import type { DirectoryAccount } from "../src/stacks/account-directory";
import { LandingZoneStack } from "../src/stacks/landing-zone-stack";
import { WorkloadVpc } from "../src/constructs/workload-vpc";

export interface AccountStackProps {
  readonly config: LandingZoneConfig;
  /** The member account, with its id from the account directory: a literal, or a reference to the organization stack. */
  readonly account: DirectoryAccount;
  /** Id of the log archive account (AccountDirectory.logArchive), owner of the central flow-log bucket. */
  readonly logArchiveAccountId: string;
  /** Id of the AWS Organization: a literal when config adopts one, else a reference to the organization stack. */
  readonly organizationId: string;
}

/**
 * Everything deployed into one member account, in its own state so that a change to one workload plans one small
 * stack. It assumes the configured role in the account and can touch no other. Every member account gets the
 * account baseline.
 */
export class AccountStack extends LandingZoneStack {
  readonly account: AccountConfig;

  constructor(scope: Construct, props: AccountStackProps) {
    super(scope, accountStackName(props.account.name), { config: props.config, target: props.account });
    this.account = props.account.config;
    const naming = this.naming;

    new AccountBaseline(this, "baseline", { naming });

    // Workload accounts with a network section get the VPC baseline.
    const { config, logArchiveAccountId, organizationId } = props;
    const { config: account, id: accountId } = props.account;
    if (account.network !== undefined) {
      const region = config.organization.homeRegion;
      new WorkloadVpc(this, "vpc", { network: account.network, naming, accountName: account.name, accountId, region, logArchiveAccountId, organizationId });
    }
  }
}
