import type { Control } from "../control";

/** Controls of the log archive, the organisation trail and the CIS alarms. */
export const LOGGING_CONTROLS: readonly Control[] = [
  {
    id: "organization-trail",
    title: "One organisation CloudTrail records management events (read and write) of every account in every Region, with log file validation; optional S3 and Lambda data events",
    kind: "detective",
    clauses: ["CV-S4.1", "BTB-9.3", "BTB-10.1", "CV-D7.1"],
    where: "stacks/org-trail-stack.ts",
  },
  {
    id: "trail-to-cloudwatch-logs",
    title: "The trail is delivered to a KMS-encrypted CloudWatch Logs group kept for the configured retention (default one year) for queries and metrics",
    kind: "detective",
    clauses: ["CV-S4.2", "BTB-10.1"],
    where: "stacks/org-trail-stack.ts",
  },
  {
    id: "cis-metric-alarms",
    title: "CIS v3.0.0 section 4 metric filters and alarms (unauthorised calls, root use, sign-in without MFA, IAM, CloudTrail, KMS, S3 policy, Config, network and Organizations changes) notify the security contacts",
    kind: "detective",
    clauses: ["CV-S4.2", "CV-S4.3", "CV-D7.1"],
    where: "src/constructs/cis-alarms.ts",
  },
  {
    id: "encrypted-alarm-topic",
    title: "The security alarm topic is encrypted with a customer-managed key, publishable only by the management account's alarms and rules over TLS, with email subscriptions for the security contacts",
    kind: "detective",
    clauses: ["CV-S4.3", "CV-S1.2"],
    where: "stacks/org-trail-stack.ts",
  },
  {
    id: "log-archive-account",
    title: "CloudTrail, AWS Config and VPC flow logs of every account are archived in a separate log archive account, moved to S3 Glacier and expired after the retention period",
    kind: "preventive",
    clauses: ["BTB-9.1", "CV-D4.1", "CV-D4.2", "BTB-10.1"],
    where: "stacks/log-archive-stack.ts",
  },
  {
    id: "log-object-lock",
    title: "The CloudTrail and flow log buckets have S3 Object Lock (compliance mode by default): no one, root included, can delete or overwrite a log during the lock period; every log bucket's policy denies deleting log objects and versions",
    kind: "preventive",
    clauses: ["BTB-9.1", "CV-D4.1", "BTB-10.1"],
    where: "src/constructs/log-archive-bucket.ts",
  },
  {
    id: "log-encryption-at-rest",
    title: "Log buckets use SSE-KMS with a rotated customer-managed key whose policy admits only this organisation's trail, Config and flow log deliveries and named auditors (the access-log bucket, which S3 cannot deliver to with SSE-KMS, uses SSE-S3)",
    kind: "preventive",
    clauses: ["CV-S1.2", "CV-D2.1", "BTB-5.2", "CV-D3.1"],
    where: "src/policies/log-archive.ts",
  },
  {
    id: "log-bucket-tls-only",
    title: "Every log bucket denies requests without TLS; the alarm topic denies publishing without TLS",
    kind: "preventive",
    clauses: ["CV-S1.1", "CV-D2.1", "BTB-6.1"],
    where: "src/policies/log-archive.ts",
  },
  {
    id: "log-bucket-private",
    title: "Log buckets block all public access, disable ACLs, and grant reads only to the configured auditor roles",
    kind: "preventive",
    clauses: ["CV-D3.1", "CV-D3.2", "CV-S2.1"],
    where: "src/constructs/log-archive-bucket.ts",
  },
  {
    id: "log-bucket-access-logging",
    title: "Every access to the CloudTrail, Config and flow log buckets is recorded by S3 server access logging in the access-log bucket",
    kind: "detective",
    clauses: ["CV-D7.1", "BTB-10.1"],
    where: "stacks/log-archive-stack.ts",
  },
  {
    id: "landing-zone-keys",
    title: "Every landing zone KMS key (AES-256, customer-managed) rotates yearly, has a 30-day deletion window and prevent_destroy; disabling or scheduling deletion of any key raises a CIS alarm",
    kind: "preventive",
    clauses: ["CV-S1.3", "CV-S1.2"],
    where: "src/constructs/landing-zone-key.ts",
  },
  {
    id: "security-contacts-respond",
    title: "Security contacts confirm their email subscriptions and act on alarms under the incident response procedure",
    kind: "organisational",
    clauses: ["CV-S4.3", "BTB-3.1"],
    where: "README.md#central-logging",
  },
];
