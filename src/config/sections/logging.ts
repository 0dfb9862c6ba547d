import * as z from "zod";
import { strictObject } from "./common";
import { OBJECT_LOCK_MODES } from "../../logging/object-lock";

/** The retention periods CloudWatch Logs accepts (PutRetentionPolicy), in days. */
export const LOG_GROUP_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** S3 Object Lock allows a default retention of at most 100 years. */
const MAX_OBJECT_LOCK_DAYS = 36500;

const daysSchema = (what: string) =>
  z.int({ error: `${what} is a whole number of days` }).min(1, { error: `${what} is at least 1 day` });

const objectLockSchema = strictObject({
  mode: z
    .enum(OBJECT_LOCK_MODES)
    .default("COMPLIANCE")
    .describe("COMPLIANCE: no one, root included, can delete or shorten the lock. GOVERNANCE: principals with s3:BypassGovernanceRetention can. Default COMPLIANCE"),
  days: daysSchema("the object lock period")
    .max(MAX_OBJECT_LOCK_DAYS, { error: `the object lock period is at most ${MAX_OBJECT_LOCK_DAYS} days (S3's limit)` })
    .default(365)
    .describe("Every CloudTrail and flow log object version is locked for this many days after it is written (at most 36500, S3's limit). Default 365"),
});

export const loggingSchema = strictObject({
  objectLock: objectLockSchema
    .default({ mode: "COMPLIANCE", days: 365 })
    .describe("Default S3 Object Lock retention of the CloudTrail and VPC flow log buckets (AWS Config cannot deliver to a bucket with Object Lock)"),
  transitionToGlacierDays: daysSchema("transitionToGlacierDays")
    .default(90)
    .describe("Log objects move to S3 Glacier Flexible Retrieval this many days after they are written. Must be less than expirationDays. Default 90"),
  expirationDays: daysSchema("expirationDays")
    .default(2557)
    .describe("Log objects are deleted this many days after they are written (the retention period). At least objectLock.days. Default 2557 (7 years)"),
  cloudWatchLogsRetentionDays: z
    .union(LOG_GROUP_RETENTION_DAYS.map((days) => z.literal(days)), {
      error: (issue) =>
        `${JSON.stringify(issue.input)} is not a retention CloudWatch Logs accepts; allowed: ${LOG_GROUP_RETENTION_DAYS.join(", ")}`,
    })
    .default(365)
    .describe("Days the organisation trail's CloudWatch Logs group keeps events (for the CIS metric filters and queries). Default 365"),
  securityContacts: z
    .array(z.email())
    .min(1, { error: "list at least one security contact: the CIS alarms must reach a person" })
    .refine((emails) => new Set(emails.map((e) => e.toLowerCase())).size === emails.length, {
      error: "security contacts must not repeat",
    })
    .describe("Email addresses subscribed to the security alarm topic (each must confirm the subscription)"),
  dataEvents: strictObject({
    s3: z.boolean().default(false).describe("Log S3 object-level (data) events in every account, except on the log archive buckets. Default false"),
    lambda: z.boolean().default(false).describe("Log Lambda function invocations in every account. Default false"),
  })
    .default({ s3: false, lambda: false })
    .describe("Optional CloudTrail data events of the organisation trail (charged per event)"),
  auditorRoleArns: z
    .array(
      z.string().regex(/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, {
        error: (issue) => `"${String(issue.input)}" is not an IAM role ARN (arn:aws:iam::<12 digits>:role/<name>)`,
      }),
    )
    .default([])
    .describe(
      "IAM roles (in any account) that may list and read (never write or delete) every log bucket and decrypt through S3 in " +
        "the home Region, for example a security team's audit role. Each role must exist when the log-archive stack is applied: " +
        "S3 and KMS reject policies that name unknown principals",
    ),
}).describe("Central logging: the organisation trail, the log archive's retention and who is alerted. Required, because the alarms need someone to notify");

export type LoggingConfig = z.infer<typeof loggingSchema>;
