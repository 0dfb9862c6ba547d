import { writeFileSync } from "node:fs";
import { CONTROLS } from "../src/compliance";
import { renderComplianceReport } from "../src/compliance/report";

export const COMPLIANCE_REPORT_FILE = "docs/compliance.md";

if (require.main === module) {
  writeFileSync(COMPLIANCE_REPORT_FILE, renderComplianceReport(CONTROLS));
  console.log(`wrote ${COMPLIANCE_REPORT_FILE}`);
}
