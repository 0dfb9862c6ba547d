import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { EbsEncryptionByDefault } from "@cdktf/provider-aws/lib/ebs-encryption-by-default";
import { EbsSnapshotBlockPublicAccess } from "@cdktf/provider-aws/lib/ebs-snapshot-block-public-access";
import { Ec2ImageBlockPublicAccess } from "@cdktf/provider-aws/lib/ec2-image-block-public-access";
import { Ec2InstanceMetadataDefaults } from "@cdktf/provider-aws/lib/ec2-instance-metadata-defaults";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachmentsExclusive } from "@cdktf/provider-aws/lib/iam-role-policy-attachments-exclusive";
import { S3AccountPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-account-public-access-block";
import { Construct } from "constructs";
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
}

/**
 * Secure account-wide defaults in the home Region of one member account, which the guardrails then keep from being
 * switched off: EBS encryption by default, S3 Block Public Access for the account, IMDSv2 by default, no public
 * sharing of EBS snapshots or AMIs; and the backup vault and role that the organisation's backup policy uses.
 */
export class AccountBaseline extends Construct {
  readonly backupVault: BackupVault;
  readonly backupRole: IamRole;

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
  }
}
