import type { Control } from "../control";

/** Controls of the security stack (the audit account as delegated administrator) and its registrations. */
export const SECURITY_CONTROLS: readonly Control[] = [
  {
    id: "security-services",
    title: "GuardDuty (every account, existing and new, with S3, EKS, Runtime Monitoring, EBS malware, RDS and Lambda protection as config sets), Security Hub CSPM central configuration (AWS Foundational Security Best Practices and CIS AWS Foundations Benchmark v3.0 in every account, findings of linked Regions aggregated) and Inspector (EC2, ECR, Lambda and Lambda code scanning), administered from the audit account: continuous threat detection, posture checks and vulnerability assessment",
    kind: "detective",
    clauses: ["CV-S3.3", "CV-S4.2", "CV-D7.1", "BTB-5.4", "BTB-10.1"],
    where: "stacks/security-stack.ts",
  },
  {
    id: "access-analyzer",
    title: "IAM Access Analyzer organisation analyzers in the audit account: resources shared outside the organisation, and access unused for the configured age (default 90 days)",
    kind: "detective",
    clauses: ["CV-D7.1", "CV-S4.2"],
    where: "stacks/security-stack.ts",
  },
  {
    id: "security-findings-alerts",
    title: "New, active high and critical findings that Security Hub imports from every service and linked Region reach the security contacts by email, through an EventBridge rule and a KMS-encrypted topic in the audit account",
    kind: "detective",
    clauses: ["CV-S4.3"],
    where: "stacks/security-stack.ts",
  },
  {
    id: "guardduty-findings-export",
    title: "GuardDuty findings of every account are exported to a KMS-encrypted bucket in the log archive account that only GuardDuty (for the audit account's detector) writes and no one deletes from; bucket, key, detector and export are protected from destroy",
    kind: "preventive",
    clauses: ["BTB-9.1", "BTB-10.1"],
    where: "stacks/log-archive-stack.ts, stacks/security-stack.ts",
  },
  {
    id: "macie-classification",
    title: "Macie in the audit account as delegated administrator, new accounts enabled automatically: S3 bucket inventory and findings for public, unencrypted or shared buckets",
    kind: "detective",
    clauses: ["CV-D7.1"],
    where: "stacks/security-stack.ts",
  },
  {
    id: "macie-automated-discovery",
    title: "Macie automated sensitive data discovery, which samples S3 objects and classifies the data they hold: switched on once from the audit account (the AWS provider has no resource for it)",
    kind: "out-of-band",
    clauses: ["CV-D1.2", "CV-D7.1"],
    where: "README.md (What is not automated)",
  },
  {
    id: "security-services-membership",
    title: "Existing accounts enabled as Macie and Inspector members once from the audit account (auto-enable covers accounts that join later), and GuardDuty in the management account",
    kind: "out-of-band",
    clauses: ["CV-D7.1", "BTB-5.4"],
    where: "README.md (What is not automated)",
  },
];
