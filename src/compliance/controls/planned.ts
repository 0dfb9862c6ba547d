import type { Control } from "../control";

/**
 * Controls that are designed but not built yet (no issue has taken them). They are listed so the compliance view
 * does not overstate what the landing zone does today.
 */
export const PLANNED_CONTROLS: readonly Control[] = [
  {
    id: "security-services",
    title: "GuardDuty, Security Hub (CIS and AWS Foundational standards), Inspector and IAM Access Analyzer in every account, administered from the audit account: continuous threat detection and vulnerability assessment",
    kind: "planned",
    clauses: ["CV-S3.3", "CV-S4.2", "CV-S4.3", "CV-D7.1", "BTB-5.4", "BTB-10.1"],
    where: "stacks/security-stack.ts (to build)",
  },
  {
    id: "macie-classification",
    title: "Macie discovers and classifies sensitive data in S3, checking the DataClassification tags",
    kind: "planned",
    clauses: ["CV-D1.2", "CV-D7.1"],
    where: "stacks/security-stack.ts (to build)",
  },
];
