import type { Construct } from "constructs";
import type { LandingZoneConfig } from "../src/config/schema";
import type { AccountConfig } from "../src/config/sections/accounts";
import { accountAllowedRegions } from "../src/organization/ou-tree";
import { AccountBaseline } from "../src/constructs/account-baseline";
import { AccountSecuritySettings } from "../src/constructs/account-security-settings";
import { ConfigAggregator } from "../src/constructs/config-aggregator";
import { ConfigRecorder } from "../src/constructs/config-recorder";
import { accountStackName } from "../src/naming";
import type { DirectoryAccount } from "../src/stacks/account-directory";
import { LandingZoneStack } from "../src/stacks/landing-zone-stack";
import { WorkloadVpc } from "../src/constructs/workload-vpc";

export interface AccountStackProps {
  readonly config: LandingZoneConfig;
  /** The member account, with its id from the account directory: a literal, or a reference to the organization stack. */
  readonly account: DirectoryAccount;
  /** Id of the log archive account (AccountDirectory.logArchive), owner of the central flow-log and Config buckets. */
  readonly logArchiveAccountId: string;
  /** Id of the AWS Organization: a literal when config adopts one, else a reference to the organization stack. */
  readonly organizationId: string;
  /** ARN of the log archive key (LogArchiveStack.key), with which AWS Config encrypts what it delivers. */
  readonly logArchiveKeyArn: string;
  /** The log archive's AWS Config bucket (LogArchiveStack.buckets.config), where AWS Config delivers. */
  readonly configBucketName: string;
}

/**
 * Everything deployed into one member account, in its own state so that a change to one workload plans one small
 * stack. It assumes the configured role in the account and can touch no other. Every member account gets the
 * account baseline, its own security settings (alternate contacts, password policy) and AWS Config in each of its
 * allowed Regions; the audit account also the organisation's Config aggregator.
 */
export class AccountStack extends LandingZoneStack {
  readonly account: AccountConfig;
  readonly baseline: AccountBaseline;
  readonly configRecorder: ConfigRecorder;
  /** Only in the audit account, Config's delegated administrator. */
  readonly configAggregator?: ConfigAggregator;

  constructor(scope: Construct, props: AccountStackProps) {
    super(scope, accountStackName(props.account.name), { config: props.config, target: props.account });
    this.account = props.account.config;
    const naming = this.naming;
    const { config, logArchiveAccountId, organizationId } = props;
    const { config: account, id: accountId } = props.account;
    const settings = config.accountBaseline;

    this.baseline = new AccountBaseline(this, "baseline", { naming, backupVaultLock: settings.backupVaultLock, restoreTesting: settings.restoreTesting });
    new AccountSecuritySettings(this, "security_settings", { alternateContacts: settings.alternateContacts, passwordPolicy: settings.passwordPolicy });

    const organization = config.organization;
    this.configRecorder = new ConfigRecorder(this, "config", {
      naming,
      homeRegion: organization.homeRegion,
      regions: accountAllowedRegions(organization.allowedRegions, config.organizationalUnits, account.ou),
      bucketName: props.configBucketName,
      kmsKeyArn: props.logArchiveKeyArn,
    });
    // The organization stack registers the audit account as Config's delegated administrator.
    if (account.purpose === "audit") this.configAggregator = new ConfigAggregator(this, "config_aggregator", { naming });

    // Workload accounts with a network section get the VPC baseline.
    if (account.network !== undefined) {
      const region = organization.homeRegion;
      new WorkloadVpc(this, "vpc", { network: account.network, naming, accountName: account.name, accountId, region, logArchiveAccountId, organizationId });
    }
  }
}
