/**
 * What every account sets for itself (the account baseline): alternate contacts, the IAM password policy, the backup
 * vault lock and restore testing. The config section (src/config/sections/account-baseline.ts) validates these
 * shapes; the constructs take them as declared here.
 */

/** The three alternate contact types AWS offers (AlternateContactType: BILLING | OPERATIONS | SECURITY). */
export const ALTERNATE_CONTACT_TYPES = ["security", "operations", "billing"] as const;
export type AlternateContactType = (typeof ALTERNATE_CONTACT_TYPES)[number];

/** One alternate contact, as the Account Management API takes it. */
export interface AlternateContact {
  readonly name: string;
  readonly title: string;
  readonly email: string;
  readonly phone: string;
}

/** The contacts to set; a type left out is not managed. */
export type AlternateContacts = { readonly [type in AlternateContactType]?: AlternateContact };

/** The IAM password policy's configurable figures; the character classes are always required. */
export interface PasswordPolicySettings {
  readonly minimumLength: number;
  readonly reusePrevention: number;
  readonly maxAgeDays: number;
}

/** Vault Lock modes: governance can be changed or removed by principals allowed to; compliance is immutable after its cooling-off period. */
export const VAULT_LOCK_MODES = ["GOVERNANCE", "COMPLIANCE"] as const;
export type VaultLockMode = (typeof VAULT_LOCK_MODES)[number];

/** The backup vault lock. `changeableForDays` is set in COMPLIANCE mode only (AWS: a lock without it is governance). */
export interface BackupVaultLockSettings {
  readonly mode: VaultLockMode;
  readonly changeableForDays?: number;
  readonly minRetentionDays: number;
  readonly maxRetentionDays?: number;
}

/**
 * Resource types AWS Backup restore testing can restore (AWS Backup DG, "Restore testing"; the ProtectedResourceType
 * of CreateRestoreTestingSelection).
 */
export const RESTORE_TESTING_RESOURCE_TYPES = ["Aurora", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "FSx", "Neptune", "RDS", "S3"] as const;
export type RestoreTestingResourceType = (typeof RESTORE_TESTING_RESOURCE_TYPES)[number];

/** AWS Backup restore testing in a member account. */
export interface RestoreTestingSettings {
  readonly enabled: boolean;
  readonly scheduleExpression: string;
  readonly resourceTypes: readonly RestoreTestingResourceType[];
  readonly selectionWindowDays: number;
  readonly validationWindowHours?: number;
}
