import type { Control } from "../control";

/** Controls of the account baseline every member account gets (src/constructs/account-baseline.ts). */
export const BASELINE_CONTROLS: readonly Control[] = [
  {
    id: "ebs-encryption-by-default",
    title: "New EBS volumes and snapshot copies are encrypted in every member account",
    kind: "preventive",
    clauses: ["CV-S1.2", "CV-D2.1", "BTB-5.2"],
    where: "src/constructs/account-baseline.ts",
  },
  {
    id: "no-public-storage",
    title: "S3 Block Public Access for the whole account, and no public sharing of EBS snapshots or new AMIs",
    kind: "preventive",
    clauses: ["CV-D3.2", "BTB-5.4"],
    where: "src/constructs/account-baseline.ts",
  },
  {
    id: "imdsv2-by-default",
    title: "Instances default to IMDSv2 only, which stops credential theft through server-side request forgery",
    kind: "preventive",
    clauses: ["BTB-5.4"],
    where: "src/constructs/account-baseline.ts",
  },
  {
    id: "backup-vault-and-role",
    title: "Every member account has the backup vault (protected from destroy) and role the organisation's backup policy uses",
    kind: "preventive",
    clauses: ["CV-S6.1", "CV-D6.1", "BTB-4.1"],
    where: "src/constructs/account-baseline.ts",
  },
  {
    id: "config-recorders",
    title: "AWS Config records every supported resource type in every account (management included) and allowed Region, global IAM types in the home Region, delivering to the log archive; an organisation aggregator in the audit account shows every account and Region",
    kind: "detective",
    clauses: ["CV-S3.3", "CV-D7.1", "BTB-10.1", "CV-S7.1"],
    where: "src/constructs/config-recorder.ts, src/constructs/config-aggregator.ts (account stacks, org-trail for the management account)",
  },
  {
    id: "alternate-contacts",
    title: "Security, operations and billing alternate contacts in every account from config, so AWS's security notices reach the security team (CIS 1.2)",
    kind: "detective",
    clauses: ["CV-S4.3", "BTB-3.1", "CV-S7.1"],
    where: "src/constructs/account-security-settings.ts (account stacks; organization stack for the management account)",
  },
  {
    id: "password-policy",
    title: "IAM password policy of at least 14 characters, 24 remembered, every character class, expiring (CIS 1.8, 1.9) in every account, for any break-glass IAM user",
    kind: "preventive",
    clauses: ["BTB-5.4", "CV-S7.1"],
    where: "src/constructs/account-security-settings.ts",
  },
  {
    id: "backup-vault-lock",
    title: "Backup Vault Lock on every backup vault (governance by default, compliance configurable): recovery points cannot be deleted before their retention ends",
    kind: "preventive",
    clauses: ["CV-S6.1", "CV-D6.1", "BTB-4.1", "CV-D4.1"],
    where: "src/constructs/account-baseline.ts",
  },
  {
    id: "restore-testing",
    title: "AWS Backup restore testing restores the latest recovery point of each protected resource type on a schedule in every member account; each test is a restore job with its validation status",
    kind: "detective",
    clauses: ["CV-S6.2", "CV-S6.1", "BTB-4.1"],
    where: "src/constructs/account-baseline.ts",
  },
  {
    id: "protect-account-baseline",
    title: "SCP: only the deployment role may change alternate contacts, the password policy, the Config aggregator and service-linked role, or restore testing",
    kind: "preventive",
    clauses: ["CV-S4.3", "CV-S6.2", "BTB-10.1"],
    where: "src/policies/account-baseline-guardrails.ts",
  },
];
