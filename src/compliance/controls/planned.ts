import type { Control } from "../control";

/**
 * Controls that are designed but not built yet (no issue has taken them). They are listed so the compliance view
 * does not overstate what the landing zone does today.
 */
export const PLANNED_CONTROLS: readonly Control[] = [
  {
    id: "config-recorders",
    title: "AWS Config recorders in every account and Region, delivering to the log archive's Config bucket, aggregated in the audit account, with conformance packs for network and encryption rules",
    kind: "planned",
    clauses: ["CV-S3.3", "CV-D7.1", "BTB-10.1", "CV-S7.1"],
    where: "stacks/security-stack.ts (to build)",
  },
];
