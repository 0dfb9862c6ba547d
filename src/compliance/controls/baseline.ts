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
];
