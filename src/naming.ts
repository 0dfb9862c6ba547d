import { createHash } from "node:crypto";
import { accountsWithStacks } from "./organization/ou-tree";

/**
 * Every name the landing zone gives: stacks, Terraform Cloud workspaces, state files and AWS physical names.
 * One place, so a guardrail that protects "the landing zone's roles" and the stack that creates them agree.
 */

/** Stacks that exist once per organisation. Their names are Terraform state addresses: never rename one silently. */
export const STACK_NAMES = {
  organization: "organization",
  logArchive: "log-archive",
  orgTrail: "org-trail",
  identity: "identity",
  /** The audit account: delegated administrator of the organisation's security services. */
  security: "security",
  /** Terraform Cloud: workspaces, run triggers, notifications and the workspaces' AWS roles (cloud backend only). */
  pipeline: "pipeline",
} as const;

/** The stack of one member account. */
export function accountStackName(accountName: string): string {
  return `account-${accountName}`;
}

/** The prefix of every identity assignment shard stack (the shared workspace roles trust assignmentShardStackPattern's). */
export const ASSIGNMENT_SHARD_STACK_PREFIX = "identity-assignments-";

/**
 * Shard `index` (from 0) of `count` identity assignment shards, such as `identity-assignments-03-of-16`. The count is
 * part of the name, so changing it makes new stacks instead of moving assignments inside existing ones
 * (src/identity/assignment-shards.ts).
 */
export function assignmentShardStackName(index: number, count: number): string {
  return `${ASSIGNMENT_SHARD_STACK_PREFIX}${String(index).padStart(2, "0")}-of-${count}`;
}

/** The shard stacks of a config: the current count's and, during a migration, the previous count's after them. */
export function assignmentShardStackNames(identity: { readonly assignmentShards: number; readonly previousAssignmentShards?: number }): string[] {
  const counts = [identity.assignmentShards, ...(identity.previousAssignmentShards === undefined ? [] : [identity.previousAssignmentShards])];
  return counts.flatMap((count) => Array.from({ length: count }, (_, index) => assignmentShardStackName(index, count)));
}

/** The prefix of every pipeline shard stack (their shared workspace roles trust pipelineShardStackPattern's). */
export const PIPELINE_SHARD_STACK_PREFIX = "pipeline-";

/**
 * Shard `index` (from 0) of `count` pipeline shards, such as `pipeline-03-of-16` (cloud backend only): the workspaces
 * of the account stacks and assignment shards that hash to it (src/pipeline/pipeline-shards.ts). The count is part of
 * the name, as in the assignment shards.
 */
export function pipelineShardStackName(index: number, count: number): string {
  return `${PIPELINE_SHARD_STACK_PREFIX}${String(index).padStart(2, "0")}-of-${count}`;
}

/**
 * An IAM StringLike pattern that matches the name of every shard of one count and no name of another count or form:
 * `<prefix>??-of-<count>`, `?` matching exactly one character
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String).
 * Shard indexes are padded to two digits, so this holds while a count stays at or below 100 (config caps both kinds
 * lower). It still matches names such as `<prefix>99-of-<count>` that no shard has: whoever may create workspaces in
 * the project could make one, which is why only the pipeline team may (docs/terraform-cloud.md).
 */
function shardStackPattern(prefix: string, count: number): string {
  if (!Number.isInteger(count) || count < 1 || count > 100) throw new Error(`internal error: a shard count of ${count} has no two-digit name pattern`);
  return `${prefix}??-of-${count}`;
}

/** The StringLike pattern of the identity assignment shard stacks of one count (shardStackPattern). */
export function assignmentShardStackPattern(count: number): string {
  return shardStackPattern(ASSIGNMENT_SHARD_STACK_PREFIX, count);
}

/** The StringLike pattern of the pipeline shard stacks of one count (shardStackPattern). */
export function pipelineShardStackPattern(count: number): string {
  return shardStackPattern(PIPELINE_SHARD_STACK_PREFIX, count);
}

/** Every pipeline shard stack of a count, in order. */
export function pipelineShardStackNames(count: number): string[] {
  return Array.from({ length: count }, (_, index) => pipelineShardStackName(index, count));
}

/**
 * The stacks that manage Terraform Cloud itself (`pipeline` and its shards): their workspaces hold the HCP Terraform
 * team token, so pull requests never plan them (src/pipeline/ci-targets.ts).
 */
export function isPipelineStackName(stackName: string): boolean {
  return stackName === STACK_NAMES.pipeline || /^pipeline-\d+-of-\d+$/.test(stackName);
}

/** What decides the stacks there are; the landing zone config satisfies it. */
export interface StackNamesInput {
  readonly accounts: readonly { readonly name: string; readonly purpose: string; readonly ou?: string }[];
  readonly guardrails: { readonly suspendedOu?: string };
  readonly backend: { readonly type: string; readonly pipelineShards?: number };
  readonly identity: { readonly assignmentShards: number; readonly previousAssignmentShards?: number };
}

/**
 * Every stack the config produces, in the order src/landing-zone.ts composes them; `pipeline` and its shards only with
 * a cloud backend.
 */
export function landingZoneStackNames(config: StackNamesInput): string[] {
  const pipelineShards = config.backend.type === "cloud" ? config.backend.pipelineShards : 0;
  if (pipelineShards === undefined) throw new Error("internal error: a cloud backend without backend.pipelineShards");
  return [
    STACK_NAMES.organization,
    ...accountsWithStacks(config.accounts, config.guardrails.suspendedOu).map((account) => accountStackName(account.name)),
    STACK_NAMES.logArchive,
    STACK_NAMES.orgTrail,
    STACK_NAMES.identity,
    ...assignmentShardStackNames(config.identity),
    STACK_NAMES.security,
    ...(config.backend.type === "cloud" ? [STACK_NAMES.pipeline, ...pipelineShardStackNames(pipelineShards)] : []),
  ];
}

/** The Terraform Cloud workspace of a stack: the name its cloud block gives and the pipeline creates. */
export function workspaceName(workspacePrefix: string, stackName: string): string {
  return `${workspacePrefix}${stackName}`;
}

/** The buckets of the log archive account; `guardduty` receives the GuardDuty findings export of the audit account. */
export const LOG_BUCKET_KINDS = ["cloudtrail", "config", "flow-logs", "guardduty", "access-logs"] as const;
export type LogBucketKind = (typeof LOG_BUCKET_KINDS)[number];

/** The two run phases of Terraform Cloud, each with its own role (plan reads, apply changes). */
export const RUN_PHASES = ["plan", "apply"] as const;
export type RunPhase = (typeof RUN_PHASES)[number];

export class Naming {
  readonly prefix: string;
  readonly homeRegion: string;
  /**
   * `<prefix>-lz`: begins the name of every resource the landing zone owns inside accounts (buckets, KMS aliases,
   * IAM roles, log groups, topics), so guardrails can protect them all with one pattern and workloads cannot
   * collide with them.
   */
  readonly reserved: string;

  constructor(organization: { readonly prefix: string; readonly homeRegion: string }) {
    this.prefix = organization.prefix;
    this.homeRegion = organization.homeRegion;
    this.reserved = `${organization.prefix}-lz`;
  }

  /** The AWS account name shown in the console and on invoices, unless config gives one. */
  awsAccountName(accountName: string): string {
    return `${this.prefix}-${accountName}`;
  }

  /**
   * The session name when Terraform assumes a role in a member account: CloudTrail records it, so the trail says
   * which stack made a change. IAM allows 2-64 characters.
   */
  assumeRoleSessionName(stackName: string): string {
    return `${this.prefix}-${stackName}`.slice(0, 64);
  }

  /**
   * A log archive bucket: `<prefix>-lz-<kind>-<log archive account id>-<home region>` (at most 57 characters; S3
   * allows 63). The account id makes the globally unique name hard to squat; it may be a cross-stack reference.
   */
  logBucketName(kind: LogBucketKind, logArchiveAccountId: string): string {
    return `${this.reserved}-${kind}-${logArchiveAccountId}-${this.homeRegion}`;
  }

  /** Matches every log archive bucket and its objects, for guardrails. */
  get logBucketArnPatterns(): readonly string[] {
    return [`arn:aws:s3:::${this.reserved}-*`, `arn:aws:s3:::${this.reserved}-*/*`];
  }

  /** A KMS key alias, such as `alias/<prefix>-lz-log-archive`. */
  kmsAlias(purpose: string): string {
    return `alias/${this.reserved}-${purpose}`;
  }

  /** Matches every landing zone key alias (for the kms:ResourceAliases condition key). */
  get kmsAliasPattern(): string {
    return `alias/${this.reserved}-*`;
  }

  /** An IAM role the landing zone creates in an account, such as `<prefix>-lz-cloudtrail-logs`. */
  roleName(purpose: string): string {
    return `${this.reserved}-${purpose}`;
  }

  /** Matches every landing zone role in every account, for guardrails and aws:PrincipalArn conditions. */
  get roleArnPattern(): string {
    return `arn:aws:iam::*:role/${this.reserved}-*`;
  }

  /** The organisation trail, in the management account. */
  get orgTrailName(): string {
    return `${this.reserved}-org-trail`;
  }

  /**
   * The organisation trail's ARN. Deterministic, so the log archive's bucket and key policies can name it (as
   * aws:SourceArn) before the trail exists and without a reference to the org-trail stack.
   */
  orgTrailArn(managementAccountId: string): string {
    return `arn:aws:cloudtrail:${this.homeRegion}:${managementAccountId}:trail/${this.orgTrailName}`;
  }

  /** A CIS benchmark metric filter and its alarm, such as `<prefix>-lz-cis-4.3-root-usage`. */
  cisAlarmName(id: string, name: string): string {
    return `${this.reserved}-cis-${id}-${name}`;
  }

  /** A landing zone metric filter and alarm that is not a CIS one, such as `<prefix>-lz-break-glass-used`. */
  alarmName(purpose: string): string {
    return `${this.reserved}-${purpose}`;
  }

  /** The CloudWatch Logs group the organisation trail delivers to, in the management account. */
  get orgTrailLogGroupName(): string {
    return `/${this.reserved}/cloudtrail`;
  }

  /**
   * The SNS topic every security alarm and alerting rule notifies, in the management account and home Region. Its
   * ARN is built from the name, so stacks can target it without a cross-stack reference.
   */
  get securityAlarmTopicName(): string {
    return `${this.reserved}-security-alarms`;
  }

  securityAlarmTopicArn(managementAccountId: string): string {
    return `arn:aws:sns:${this.homeRegion}:${managementAccountId}:${this.securityAlarmTopicName}`;
  }

  /**
   * The S3 request metrics configuration of the flow-log bucket that counts flow-log deliveries; CloudWatch shows it
   * as the FilterId dimension of the AWS/S3 request metrics.
   */
  get flowLogDeliveryMetricsId(): string {
    return `${this.reserved}-flow-log-deliveries`;
  }

  /** The CloudWatch Logs group of a workload VPC's flow logs, when config asks for CloudWatch Logs delivery. */
  get vpcFlowLogGroupName(): string {
    return `/${this.reserved}/vpc-flow-logs`;
  }

  /** A security group the landing zone creates, such as `<prefix>-lz-interface-endpoints`. */
  securityGroupName(purpose: string): string {
    return `${this.reserved}-${purpose}`;
  }

  /** The Name tag of a network resource of an account, such as `<prefix>-voting-prod-private-a`. */
  networkResourceName(accountName: string, part: string): string {
    return `${this.prefix}-${accountName}-${part}`;
  }

  /** The backup vault the backup policy copies into, created in every account by the account baseline. */
  get backupVaultName(): string {
    return `${this.reserved}-backup-vault`;
  }

  /** The role AWS Backup assumes in every account under the backup policy. */
  get backupRoleName(): string {
    return this.roleName("backup");
  }

  /**
   * The AWS Backup restore testing plan of every member account. Restore testing names allow only letters, digits and
   * underscores, 1-50 characters (hashicorp/terraform-provider-aws, internal/service/backup/restore_testing_plan.go),
   * so the reserved prefix's hyphens become underscores.
   */
  get restoreTestingPlanName(): string {
    return `${this.reserved.replace(/-/g, "_")}_restore_testing`;
  }

  /** A restore testing selection of one resource type, such as `<prefix>_lz_rds`. */
  restoreTestingSelectionName(resourceType: string): string {
    return `${this.reserved.replace(/-/g, "_")}_${resourceType.toLowerCase()}`;
  }

  /** The AWS Config configuration recorder of every account and Region (one recorder per account and Region). */
  get configRecorderName(): string {
    return `${this.reserved}-recorder`;
  }

  /** The AWS Config delivery channel of every account and Region. */
  get configDeliveryChannelName(): string {
    return `${this.reserved}-delivery`;
  }

  /** The organisation's AWS Config aggregator, in the audit account. */
  get configAggregatorName(): string {
    return `${this.reserved}-organization`;
  }

  /** An Organizations policy (SCP, RCP, tag, backup, AI opt-out), such as `<prefix>-lz-region-deny`; at most 128 characters. */
  organizationPolicyName(purpose: string): string {
    const name = `${this.reserved}-${purpose}`;
    if (name.length <= 128) return name;
    return `${name.slice(0, 119)}-${createHash("sha256").update(name).digest("hex").slice(0, 8)}`;
  }

  /** The plan of the organisation backup policy, as it appears in AWS Backup in every account. */
  get backupPlanName(): string {
    return `${this.reserved}-daily`;
  }

  /** Matches the organisation trail and any other landing zone trail, in every account and Region. */
  get trailArnPatterns(): readonly string[] {
    return [`arn:aws:cloudtrail:*:*:trail/${this.orgTrailName}`, `arn:aws:cloudtrail:*:*:trail/${this.reserved}-*`];
  }

  /** Matches a role of this name in every account: the deployment role (organization.memberAccountRole). */
  static roleInAnyAccount(roleName: string): string {
    return `arn:aws:iam::*:role/${roleName}`;
  }

  /**
   * The role a Terraform Cloud workspace's runs use in one account in one run phase, such as
   * `<prefix>-lz-tfc-account-sandbox-plan`. IAM allows 64 characters: a longer name keeps a hash of the whole.
   */
  pipelineRoleName(stackName: string, phase: RunPhase): string {
    const name = `${this.reserved}-tfc-${stackName}-${phase}`;
    if (name.length <= 64) return name;
    return `${name.slice(0, 64 - 9 - phase.length - 1)}-${createHash("sha256").update(name).digest("hex").slice(0, 8)}-${phase}`;
  }

  /** Matches the apply roles of every workspace in every account: the roles that deploy the landing zone from Terraform Cloud. */
  get pipelineApplyRoleArnPattern(): string {
    return `arn:aws:iam::*:role/${this.reserved}-tfc-*-apply`;
  }

  /** The CloudFormation StackSet that gives each member account the Terraform Cloud OIDC provider (AWS allows one per URL and account). */
  get pipelineOidcStackSetName(): string {
    return `${this.reserved}-tfc-oidc`;
  }

  /** The CloudFormation StackSet that creates one kind of workspace's roles in member accounts, such as `<prefix>-lz-tfc-roles-account`. */
  pipelineRolesStackSetName(kind: string): string {
    return `${this.reserved}-tfc-roles-${kind}`;
  }

  /** An EventBridge rule of the landing zone, such as `<prefix>-lz-break-glass-used` (EventBridge allows 64). */
  eventRuleName(purpose: string): string {
    return `${this.reserved}-${purpose}`.slice(0, 64);
  }

  /**
   * The ARN of a landing zone rule on an account's default event bus in the home Region,
   * `arn:aws:events:<region>:<account>:rule/<name>` (EventBridge UG, "Managing access permissions to your Amazon
   * EventBridge resources": rules of the default bus have no bus name in the ARN). Deterministic, so a target role's
   * trust policy can name its rule (aws:SourceArn) without referring to the rule, which refers to the role.
   */
  eventRuleArn(accountId: string, purpose: string): string {
    return `arn:aws:events:${this.homeRegion}:${accountId}:rule/${this.eventRuleName(purpose)}`;
  }
}

/**
 * Local state lives in the project root as terraform.<stack>.tfstate (cdktf's own convention), never inside
 * cdktf.out, which every synth replaces. Terraform runs in cdktf.out/stacks/<stack>, three levels below the root;
 * the path is relative so the synthesized JSON is the same on every machine.
 */
export function localStatePath(stackName: string): string {
  return `../../../terraform.${stackName}.tfstate`;
}
