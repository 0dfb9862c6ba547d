import { BackupRestoreTestingPlan } from "@cdktf/provider-aws/lib/backup-restore-testing-plan";
import { BackupRestoreTestingSelection } from "@cdktf/provider-aws/lib/backup-restore-testing-selection";
import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { BackupVaultLockConfiguration } from "@cdktf/provider-aws/lib/backup-vault-lock-configuration";
import { EbsEncryptionByDefault } from "@cdktf/provider-aws/lib/ebs-encryption-by-default";
import { EbsSnapshotBlockPublicAccess } from "@cdktf/provider-aws/lib/ebs-snapshot-block-public-access";
import { Ec2ImageBlockPublicAccess } from "@cdktf/provider-aws/lib/ec2-image-block-public-access";
import { Ec2InstanceMetadataDefaults } from "@cdktf/provider-aws/lib/ec2-instance-metadata-defaults";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachmentsExclusive } from "@cdktf/provider-aws/lib/iam-role-policy-attachments-exclusive";
import { S3AccountPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-account-public-access-block";
import { Construct } from "constructs";
import type { BackupVaultLockSettings, RestoreTestingSettings } from "../baseline/account-settings";
import type { Naming } from "../naming";
import { policyJson } from "../policies/document";
import { serviceTrustPolicy } from "../policies/trust-policies";

/**
 * AWS managed policies that let AWS Backup back up and restore every resource type it supports. The two general
 * ones do not cover S3, which has its own pair (not under service-role/): AWS managed policy reference,
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSBackupServiceRolePolicyForS3Backup.html and
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSBackupServiceRolePolicyForS3Restore.html.
 */
export const BACKUP_ROLE_MANAGED_POLICIES = [
  "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
  "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
  "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
  "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
] as const;

export interface AccountBaselineProps {
  readonly naming: Naming;
  /**
   * Hop limit of the instance metadata service for new instances. 2 lets containers on an instance reach IMDSv2
   * (the extra hop is the container network); 1 confines it to the host.
   * @default 2
   */
  readonly metadataHopLimit?: number;
  /** Backup Vault Lock of the backup vault (accountBaseline.backupVaultLock; config rules keep it consistent with the backup policy). */
  readonly backupVaultLock: BackupVaultLockSettings;
  /** AWS Backup restore testing of the vault's recovery points (accountBaseline.restoreTesting). */
  readonly restoreTesting: RestoreTestingSettings;
}

/**
 * Secure account-wide defaults in the home Region of one member account, which the guardrails then keep from being
 * switched off: EBS encryption by default, S3 Block Public Access for the account, IMDSv2 by default, no public
 * sharing of EBS snapshots or AMIs; the backup vault and role that the organisation's backup policy uses, the vault's
 * lock, and restore tests of what it holds.
 */
export class AccountBaseline extends Construct {
  readonly backupVault: BackupVault;
  readonly backupRole: IamRole;
  readonly backupVaultLock: BackupVaultLockConfiguration;
  /** Only with accountBaseline.restoreTesting.enabled. */
  readonly restoreTestingPlan?: BackupRestoreTestingPlan;
  readonly restoreTestingSelections: readonly BackupRestoreTestingSelection[];

  constructor(scope: Construct, id: string, props: AccountBaselineProps) {
    super(scope, id);

    new EbsEncryptionByDefault(this, "ebs_encryption_by_default", { enabled: true });

    new S3AccountPublicAccessBlock(this, "s3_account_public_access_block", {
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: true,
      restrictPublicBuckets: true,
    });

    // Defaults for instances launched without metadata options; the guardrails also require IMDSv2 at launch.
    new Ec2InstanceMetadataDefaults(this, "instance_metadata_defaults", {
      httpTokens: "required",
      httpEndpoint: "enabled",
      httpPutResponseHopLimit: props.metadataHopLimit ?? 2,
      instanceMetadataTags: "disabled",
    });

    new EbsSnapshotBlockPublicAccess(this, "ebs_snapshot_block_public_access", { state: "block-all-sharing" });

    // block-new-sharing is the only state AWS offers: it stops new public AMIs, existing ones stay as they are.
    new Ec2ImageBlockPublicAccess(this, "ami_block_public_access", { state: "block-new-sharing" });

    // Encrypted with AWS Backup's AWS managed key; backups of encrypted resources keep their own keys.
    this.backupVault = new BackupVault(this, "backup_vault", {
      name: props.naming.backupVaultName,
      lifecycle: { preventDestroy: true },
    });

    this.backupRole = new IamRole(this, "backup_role", {
      name: props.naming.backupRoleName,
      description: "Assumed by AWS Backup to run the organisation's backup policy in this account",
      assumeRolePolicy: policyJson(serviceTrustPolicy("backup.amazonaws.com")),
    });
    // Exclusive: a policy attached to this role outside Terraform is detached on the next apply.
    new IamRolePolicyAttachmentsExclusive(this, "backup_role_policies", {
      roleName: this.backupRole.name,
      policyArns: [...BACKUP_ROLE_MANAGED_POLICIES],
    });

    this.backupVaultLock = this.lockVault(props.backupVaultLock);
    const testing = props.restoreTesting.enabled ? this.testRestores(props.naming, props.restoreTesting) : undefined;
    this.restoreTestingPlan = testing?.plan;
    this.restoreTestingSelections = testing?.selections ?? [];
  }

  /**
   * Backup Vault Lock: no recovery point in the vault can be deleted, nor its retention shortened, before its
   * retention ends, and backup jobs into the vault must keep recovery points within the lock's bounds (AWS Backup
   * DG, "AWS Backup Vault Lock": https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html).
   * GOVERNANCE (no changeable_for_days) can be changed or removed by a principal allowed to (the deployment role:
   * the guardrails deny it to everyone else). COMPLIANCE (changeable_for_days, at least 3 days of cooling-off)
   * becomes immutable at the lock date: nobody, root or AWS included, can change or remove it afterwards.
   * prevent_destroy: removing the lock is the one step that would expose every recovery point to deletion.
   */
  private lockVault(lock: BackupVaultLockSettings): BackupVaultLockConfiguration {
    return new BackupVaultLockConfiguration(this, "backup_vault_lock", {
      backupVaultName: this.backupVault.name,
      minRetentionDays: lock.minRetentionDays,
      maxRetentionDays: lock.maxRetentionDays,
      changeableForDays: lock.mode === "COMPLIANCE" ? lock.changeableForDays : undefined,
      lifecycle: { preventDestroy: true },
    });
  }

  /**
   * AWS Backup restore testing: on the schedule, AWS Backup restores the latest recovery point in the vault of each
   * configured resource type, records a restore job with its validation status, and deletes the restored resource
   * (AWS Backup DG, "Restore testing": https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing.html).
   * The restores run as the backup role, whose AWSBackupServiceRolePolicyForRestores and
   * AWSBackupServiceRolePolicyForS3Restore are what a restore needs; AWS Backup's service-linked role
   * AWSServiceRoleForBackupRestoreTesting (AWSServiceRolePolicyForBackupRestoreTesting) runs the tests and cleans up.
   */
  private testRestores(naming: Naming, testing: RestoreTestingSettings): { plan: BackupRestoreTestingPlan; selections: BackupRestoreTestingSelection[] } {
    const plan = new BackupRestoreTestingPlan(this, "restore_testing_plan", {
      name: naming.restoreTestingPlanName,
      scheduleExpression: testing.scheduleExpression,
      scheduleExpressionTimezone: "Etc/UTC",
      recoveryPointSelection: [{
        algorithm: "LATEST_WITHIN_WINDOW",
        // Only this vault: the organisation's backup policy writes every account's recovery points there.
        includeVaults: [this.backupVault.arn],
        recoveryPointTypes: ["SNAPSHOT"],
        selectionWindowDays: testing.selectionWindowDays,
      }],
    });
    const selections = testing.resourceTypes.map((resourceType) =>
      new BackupRestoreTestingSelection(this, `restore_testing_${resourceType.toLowerCase()}`, {
        name: naming.restoreTestingSelectionName(resourceType),
        restoreTestingPlanName: plan.name,
        protectedResourceType: resourceType,
        // Every protected resource of the type: the backup policy selects by tag, so this tests what it protects.
        protectedResourceArns: ["*"],
        iamRoleArn: this.backupRole.arn,
        validationWindowHours: testing.validationWindowHours,
      }),
    );
    return { plan, selections };
  }
}
