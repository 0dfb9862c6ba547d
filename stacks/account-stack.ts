import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { LandingZoneConfig } from "../src/config/schema";
import type { AccountConfig } from "../src/config/sections/accounts";
import { AccountBaseline } from "../src/constructs/account-baseline";
import { accountStackName, Naming } from "../src/naming";
import { createAccountProvider } from "../src/providers";
import { defaultTags } from "../src/tags";

export interface AccountStackProps {
  readonly config: LandingZoneConfig;
  readonly account: AccountConfig;
  /** From OrganizationStack.accountIds: a literal, or a reference to the applied organization stack's state. */
  readonly accountId: string;
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
  }
}
