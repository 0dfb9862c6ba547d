import type { Control } from "../control";

const WHERE = "src/constructs/organization-guardrails.ts";

/** Organizations policies: what each one really enforces, and its limits. */
export const GUARDRAILS_CONTROLS: readonly Control[] = [
  {
    id: "region-deny",
    title:
      "SCP denies every regional request outside the allowed Regions (London by default) for everyone but break-glass roles, and Region opt-in changes; an OU can have its own list (BTB-5.1 needs EEA-only Regions for that service's OU: London is not in the EEA)",
    kind: "preventive",
    clauses: ["CV-S5.1", "CV-D5.1", "BTB-5.1"],
    where: "src/policies/region-deny.ts",
  },
  {
    id: "tls-only-rcp",
    title:
      "RCP denies any request without TLS to S3, STS, KMS, SQS and Secrets Manager in member accounts; HTTPS on the service's own endpoints (load balancers, CloudFront) is the workload's configuration",
    kind: "preventive",
    clauses: ["CV-S1.1", "CV-D2.1", "BTB-6.1", "BTB-7.1"],
    where: "src/policies/rcp.ts",
  },
  {
    id: "encrypted-storage-scp",
    title:
      "SCP denies creating unencrypted EBS volumes, RDS instances and clusters and EFS file systems, and turning off EBS default encryption (S3 encrypts every new object by default)",
    kind: "preventive",
    clauses: ["CV-S1.2", "CV-D2.1", "BTB-5.2"],
    where: "src/policies/protective-guardrails.ts",
  },
  {
    id: "no-iam-users",
    title:
      "SCP denies creating IAM users, access keys and console passwords (break-glass roles aside) and denies the root user, so people can only sign in through IAM Identity Center and use roles; MFA itself is set in Identity Center",
    kind: "preventive",
    clauses: ["CV-S2.3"],
    where: "src/policies/protective-guardrails.ts",
  },
  {
    id: "protect-security-services",
    title:
      "SCP stops anyone but the deployment role from stopping or changing CloudTrail trails, AWS Config, GuardDuty, Security Hub, Access Analyzer, Macie and Inspector (their organisation settings included), suppressing their findings, or the log buckets, keys, roles, alarm topics and EventBridge rules of the landing zone; no account can leave the organisation",
    kind: "preventive",
    clauses: ["CV-S4.1", "BTB-9.1", "BTB-10.1"],
    where: "src/policies/protective-guardrails.ts",
  },
  {
    id: "workload-hardening-scp",
    title: "SCP requires IMDSv2 on every instance (and protects IMDS options) and denies default VPCs, whose subnets are public",
    kind: "preventive",
    clauses: ["BTB-5.4", "CV-S3.1"],
    where: "src/policies/protective-guardrails.ts",
  },
  {
    id: "data-perimeter",
    title:
      "RCP denies principals outside the organisation (and AWS services acting for other organisations) access to S3, KMS, SQS, Secrets Manager and STS resources; an SCP denies resource shares that allow external principals",
    kind: "preventive",
    clauses: ["CV-D3.2", "BTB-7.2"],
    where: "src/policies/rcp.ts",
  },
  {
    id: "data-classification-tags",
    title:
      "Tag policy allows only the configured DataClassification values (and Owner key case) where AWS enforces tag policies, and reports resources missing them; it does not stop untagged resources",
    kind: "preventive",
    clauses: ["CV-D1.2"],
    where: "src/policies/tag-policy.ts",
  },
  {
    id: "backup-policy",
    title:
      "Backup policy runs a daily (24-hour) plan in every account for resources tagged for backup, kept for the configured days, into the landing zone's vault with its role (both created by the account baseline)",
    kind: "preventive",
    clauses: ["CV-S6.1", "CV-D6.1", "BTB-4.1"],
    where: "src/policies/backup-policy.ts",
  },
  {
    id: "suspended-ou",
    title: "SCP denies everything in the Suspended OU, so a compromised or retired account can be contained by moving it there",
    kind: "preventive",
    clauses: ["BTB-3.1"],
    where: "src/policies/suspended.ts",
  },
  {
    id: "ai-services-opt-out",
    title: "AI services opt-out policy stops AWS storing or using any account's content to improve its AI services",
    kind: "preventive",
    clauses: ["CV-D1.1", "CV-D3.2"],
    where: WHERE,
  },
];
