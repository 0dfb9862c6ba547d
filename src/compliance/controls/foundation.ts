import type { Control } from "../control";

/** Controls of the organization structure, the account stacks and the way changes are deployed. */
export const FOUNDATION_CONTROLS: readonly Control[] = [
  {
    id: "account-per-workload",
    title: "Every workload and environment has its own AWS account in an OU, the strongest isolation boundary AWS offers",
    kind: "preventive",
    clauses: ["CV-S3.1", "BTB-5.3"],
    where: "stacks/organization-stack.ts",
  },
  {
    id: "deploy-by-assumed-role",
    title: "Terraform reaches member accounts only by assuming a role, pinned to one account with allowed_account_ids",
    kind: "preventive",
    clauses: ["CV-S2.3"],
    where: "src/providers.ts",
  },
  {
    id: "infrastructure-as-code",
    title: "Every change to the landing zone is a reviewed, planned Terraform change from one validated config",
    kind: "preventive",
    clauses: ["BTB-3.3", "BTB-10.1"],
    where: "src/landing-zone.ts",
  },
  {
    id: "incident-response",
    title: "Incident response, breach notification and post-mortems are the organisation's procedures",
    kind: "organisational",
    clauses: ["BTB-3.1", "BTB-3.2", "CV-D8.1"],
    where: "README.md#what-is-not-automated",
  },
  {
    id: "application-duties",
    title: "Data minimisation, tenant separation tests in application code, subprocessors, customer duties and pen-test consent belong to the application and the organisation",
    kind: "organisational",
    clauses: ["CV-D1.1", "BTB-5.3", "BTB-5.5", "BTB-11.1", "BTB-11.2", "CV-S7.1"],
    where: "README.md#what-is-not-automated",
  },
  {
    id: "disaster-recovery-tests",
    title: "Disaster recovery plans are written and restores tested by people; the landing zone provides backups to restore from",
    kind: "out-of-band",
    clauses: ["CV-S6.2"],
    where: "README.md#what-is-not-automated",
  },
];
