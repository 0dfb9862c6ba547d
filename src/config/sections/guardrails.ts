import * as z from "zod";
import { strictObject } from "./common";

/** Tag keys: what AWS accepts in a tag policy (case matters; the policy enforces it). */
const tagKeySchema = z
  .string()
  .regex(/^(?!aws:)[\w.:/=+@ -]{1,128}$/, { error: "a tag key has 1-128 letters, digits, spaces or _.:/=+-@ and must not start with aws:" });

/**
 * A role ARN pattern for aws:PrincipalARN with ArnLike: a 12-digit account id or `*`, then `role/` and a name that
 * may use the `*` and `?` wildcards.
 */
const roleArnPatternSchema = z
  .string()
  .regex(/^arn:aws:iam::(\d{12}|\*):role\/[\w+=,.@/*?-]{1,512}$/, {
    error: "expected an IAM role ARN pattern such as arn:aws:iam::*:role/BreakGlass (account id or *, wildcards * and ? allowed in the name)",
  });

export const DEFAULT_DATA_CLASSIFICATIONS = ["public", "internal", "confidential", "restricted"] as const;

const tagPolicySchema = strictObject({
  dataClassificationKey: tagKeySchema.default("DataClassification").describe("Tag key that classifies data; default DataClassification"),
  dataClassificationValues: z
    .array(z.string().regex(/^[\w.:/=+@ -]{1,256}$/, { error: "a tag value has 1-256 letters, digits, spaces or _.:/=+-@" }))
    .min(1, { error: "list at least one allowed value" })
    .refine((values) => new Set(values).size === values.length, { error: "values must not repeat" })
    .default([...DEFAULT_DATA_CLASSIFICATIONS])
    .describe("The only values the classification tag may have; default [public, internal, confidential, restricted]"),
  ownerKey: tagKeySchema.default("Owner").describe("Tag key naming the owning team (the landing zone's own default tag); its case is enforced and its absence reported; default Owner"),
});

const backupSchema = strictObject({
  retentionDays: z
    .number()
    .int()
    .min(1, { error: "keep backups at least 1 day" })
    .max(36500, { error: "AWS Backup keeps recovery points at most 36,500 days" })
    .default(35)
    .describe("Days each daily recovery point is kept; default 35"),
  startHourUtc: z
    .number()
    .int()
    .min(0)
    .max(23, { error: "an hour of the day, 0-23 (UTC)" })
    .default(3)
    .describe("Hour of the day (UTC) the daily backup window opens; the plan runs every 24 hours; default 3"),
  tagKey: tagKeySchema.default("Backup").describe("Resources with this tag key and tagValue are backed up; default Backup"),
  tagValue: z.string().regex(/^[\w.:/=+@ -]{1,256}$/).default("daily").describe("Value of tagKey that selects a resource for the daily plan; default daily"),
});

export const guardrailsSchema = strictObject({
  breakGlassRoleArns: z
    .array(roleArnPatternSchema)
    .default([])
    .describe("Role ARN patterns (arn:aws:iam::<id or *>:role/<name, * and ? allowed>) for emergencies: exempt from the region deny, the IAM-user deny and the internet-path statement, and from nothing else; default none"),
  suspendedOu: z
    .string()
    .min(1)
    .optional()
    .describe("Path of the OU whose accounts may do nothing at all (deny-all SCP), such as Suspended; it must exist, and the log-archive and audit accounts may not be in it. Accounts in it (or below it) get no account stack, since the deny-all SCP stops the deployment role too; their last applied state is left as it was. Default none"),
  tagPolicy: tagPolicySchema.prefault({}).describe("The organisation tag policy: data classification and owner"),
  backup: backupSchema.prefault({}).describe("The organisation backup policy: a daily plan for tagged resources"),
  aiServicesOptOut: z.boolean().default(true).describe("Opt every account out of AWS AI services using its content to improve them; default true"),
});

export type GuardrailsConfig = z.infer<typeof guardrailsSchema>;
