import * as z from "zod";
import { RESTORE_TESTING_RESOURCE_TYPES, VAULT_LOCK_MODES, type RestoreTestingResourceType } from "../../baseline/account-settings";
import { strictObject } from "./common";

/**
 * One alternate contact of an account, as the Account Management API accepts it (AWS Account Management API
 * reference, AlternateContact: https://docs.aws.amazon.com/accounts/latest/reference/API_AlternateContact.html):
 * name 1-64 characters, title 1-50, email 1-254 matching `[\s]*[\w+=.#|!&-]+@[\w.-]+\.[\w]+[\s]*`, phone 1-25 of
 * digits, spaces and `()+-`. Checked here so a typo fails at synth, not halfway through an apply.
 */
const alternateContactSchema = strictObject({
  name: z.string().min(1).max(64, { error: "AWS allows at most 64 characters for a contact's name" }).describe("Name of the person or team (1-64 characters)"),
  title: z.string().min(1).max(50, { error: "AWS allows at most 50 characters for a contact's title" }).describe("Title or role, such as Security Operations (1-50 characters)"),
  email: z
    .string()
    .max(254, { error: "AWS allows at most 254 characters for a contact's email address" })
    .regex(/^[\w+=.#|!&-]+@[\w.-]+\.\w+$/, { error: "not an email address AWS accepts for an alternate contact (letters, digits and +=.#|!&- before the @, a domain with a dot after it)" })
    .describe("Email address; a shared mailbox survives staff changes"),
  phone: z
    .string()
    .max(25, { error: "AWS allows at most 25 characters for a contact's phone number" })
    .regex(/^[\s0-9()+-]+$/, { error: "a phone number AWS accepts has only digits, spaces and ()+-, such as +44 20 7946 0000" })
    .refine((phone) => /\d/.test(phone), { error: "a phone number needs at least one digit" })
    .describe("Phone number: digits, spaces and ()+- only (1-25 characters), such as +44 20 7946 0000"),
});

export type AlternateContactConfig = z.infer<typeof alternateContactSchema>;


const alternateContactsSchema = strictObject({
  security: alternateContactSchema.optional().describe("Receives AWS security notifications for every account (CIS AWS Foundations 1.2)"),
  operations: alternateContactSchema.optional().describe("Receives AWS operational notices (service events, maintenance)"),
  billing: alternateContactSchema.optional().describe("Receives AWS billing notices"),
});

/**
 * CIS AWS Foundations Benchmark v3.0: 1.8 minimum length of at least 14, 1.9 reuse prevention (24 remembered, the
 * most IAM allows). IAM's own bounds (UpdateAccountPasswordPolicy): length 6-128, reuse 1-24, age 1-1095 days.
 */
export const CIS_MINIMUM_PASSWORD_LENGTH = 14;
export const CIS_PASSWORD_REUSE_PREVENTION = 24;

const passwordPolicySchema = strictObject({
  minimumLength: z
    .int()
    .min(CIS_MINIMUM_PASSWORD_LENGTH, { error: `CIS AWS Foundations 1.8 requires at least ${CIS_MINIMUM_PASSWORD_LENGTH} characters` })
    .max(128, { error: "IAM allows at most 128" })
    .default(CIS_MINIMUM_PASSWORD_LENGTH)
    .describe(`Minimum password length (${CIS_MINIMUM_PASSWORD_LENGTH}-128); default ${CIS_MINIMUM_PASSWORD_LENGTH}`),
  reusePrevention: z
    .int()
    .min(CIS_PASSWORD_REUSE_PREVENTION, { error: `CIS AWS Foundations 1.9 requires the last ${CIS_PASSWORD_REUSE_PREVENTION} passwords to be remembered (IAM's maximum)` })
    .max(CIS_PASSWORD_REUSE_PREVENTION, { error: `IAM remembers at most ${CIS_PASSWORD_REUSE_PREVENTION} passwords` })
    .default(CIS_PASSWORD_REUSE_PREVENTION)
    .describe(`Previous passwords that may not be reused; CIS and IAM both fix it at ${CIS_PASSWORD_REUSE_PREVENTION}`),
  maxAgeDays: z
    .int()
    .min(1)
    .max(1095, { error: "IAM allows a maximum password age of 1-1095 days" })
    .default(90)
    .describe("Days after which a password expires (1-1095); default 90"),
});


/** AWS Backup enforces a cooling-off period of 72 hours before a compliance-mode lock takes effect (ChangeableForDays ≥ 3). */
export const MIN_CHANGEABLE_FOR_DAYS = 3;
/** AWS Backup keeps a recovery point at most 36,500 days (the backup policy's own bound). */
const MAX_RETENTION_DAYS = 36500;

const backupVaultLockSchema = strictObject({
  mode: z
    .enum(VAULT_LOCK_MODES, { error: `allowed vault lock modes: ${VAULT_LOCK_MODES.join(", ")}` })
    .default("GOVERNANCE")
    .describe("GOVERNANCE (default): the lock can be changed or removed by the deployment role. COMPLIANCE: after changeableForDays nobody, AWS included, can change or remove it"),
  changeableForDays: z
    .int()
    .min(MIN_CHANGEABLE_FOR_DAYS, { error: `AWS Backup's cooling-off period is at least ${MIN_CHANGEABLE_FOR_DAYS} days (72 hours)` })
    .max(MAX_RETENTION_DAYS)
    .optional()
    .describe(`COMPLIANCE only: days before the lock becomes immutable (at least ${MIN_CHANGEABLE_FOR_DAYS}); required with COMPLIANCE`),
  minRetentionDays: z
    .int()
    .min(1)
    .max(MAX_RETENTION_DAYS)
    .default(1)
    .describe("Backup and copy jobs into the vault must keep recovery points at least this long; at most guardrails.backup.retentionDays; default 1"),
  maxRetentionDays: z
    .int()
    .min(1)
    .max(MAX_RETENTION_DAYS)
    .optional()
    .describe("Backup and copy jobs into the vault may keep recovery points at most this long; at least guardrails.backup.retentionDays; default no maximum"),
});

export type BackupVaultLockConfig = z.infer<typeof backupVaultLockSchema>;


/** What the organisation's daily backup plan protects most often; each restore test is billed like a restore. */
export const DEFAULT_RESTORE_TESTING_RESOURCE_TYPES: readonly RestoreTestingResourceType[] = ["DynamoDB", "EBS", "EFS", "RDS", "S3"];

const restoreTestingSchema = strictObject({
  enabled: z.boolean().default(true).describe("Restore the latest recovery points on a schedule and record the result; default true"),
  scheduleExpression: z
    .string()
    .regex(/^(cron|rate)\(.+\)$/, { error: "an AWS schedule expression such as cron(0 9 ? * MON *) or rate(7 days)" })
    .default("cron(0 9 ? * MON *)")
    .describe("When restore tests start (UTC); default cron(0 9 ? * MON *), Mondays 09:00 after the daily backup"),
  resourceTypes: z
    .array(z.enum(RESTORE_TESTING_RESOURCE_TYPES, { error: `allowed resource types: ${RESTORE_TESTING_RESOURCE_TYPES.join(", ")}` }))
    .min(1, { error: "list at least one resource type, or set enabled: false" })
    .refine((types) => new Set(types).size === types.length, { error: "resource types must not repeat" })
    .default([...DEFAULT_RESTORE_TESTING_RESOURCE_TYPES])
    .describe(`Resource types whose latest recovery point is restored; default ${DEFAULT_RESTORE_TESTING_RESOURCE_TYPES.join(", ")}`),
  selectionWindowDays: z
    .int()
    .min(1)
    .max(365, { error: "AWS Backup looks back 1-365 days for a recovery point" })
    .default(7)
    .describe("Only recovery points created in the last this many days are tested; at most guardrails.backup.retentionDays; default 7"),
  validationWindowHours: z
    .int()
    .min(1)
    .max(168, { error: "AWS Backup keeps a restored resource for validation 1-168 hours" })
    .optional()
    .describe("Hours a restored resource is kept for your own validation before AWS Backup deletes it (1-168); default AWS Backup's own"),
});

export type RestoreTestingConfig = z.infer<typeof restoreTestingSchema>;

export const accountBaselineSchema = strictObject({
  alternateContacts: alternateContactsSchema
    .prefault({})
    .describe("Alternate contacts set in every account, the management account included (CIS 1.2 requires security)"),
  passwordPolicy: passwordPolicySchema
    .prefault({})
    .describe("IAM password policy of every account; IAM users are denied, so it matters only if a break-glass user is made"),
  backupVaultLock: backupVaultLockSchema.prefault({}).describe("Backup Vault Lock on every account's backup vault"),
  restoreTesting: restoreTestingSchema.prefault({}).describe("AWS Backup restore testing in every member account"),
});

export type AccountBaselineConfig = z.infer<typeof accountBaselineSchema>;
