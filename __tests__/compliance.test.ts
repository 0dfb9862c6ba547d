import { readFileSync } from "node:fs";
import { join } from "node:path";
import { COMPLIANCE_REPORT_FILE } from "../scripts/generate-compliance-report";
import { CONTROLS } from "../src/compliance";
import { CLAUSES } from "../src/compliance/clauses";
import { clauseStatus, renderComplianceReport } from "../src/compliance/report";

describe("compliance view", () => {
  it("is up to date (run `npm run compliance` after changing controls)", () => {
    expect(readFileSync(join(__dirname, "..", COMPLIANCE_REPORT_FILE), "utf8")).toBe(renderComplianceReport(CONTROLS));
  });

  it("gives every control a unique id and only clauses that exist", () => {
    const ids = CONTROLS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const control of CONTROLS) {
      expect(control.clauses.length).toBeGreaterThan(0);
      for (const clause of control.clauses) expect(Object.keys(CLAUSES)).toContain(clause);
    }
  });

  it("lists the flow-log delivery alarm as a detective control of the network audit and audit log clauses", () => {
    expect(CONTROLS).toContainEqual(expect.objectContaining({
      id: "flow-log-delivery-alarm", kind: "detective", clauses: ["CV-S3.3", "BTB-9.1"], where: "src/constructs/flow-log-delivery-alarm.ts",
    }));
    expect(renderComplianceReport(CONTROLS)).toContain("flow-log-delivery-alarm");
  });

  it("rates a clause by its strongest control, and as a gap without one", () => {
    const control = { id: "x", title: "x", where: "x", clauses: ["CV-S2.2" as const] };
    expect(clauseStatus([])).toBe("gap");
    expect(clauseStatus([{ ...control, kind: "out-of-band" }, { ...control, kind: "detective" }])).toBe("detective");
    // Something not built serves nothing.
    expect(clauseStatus([{ ...control, kind: "planned" }])).toBe("gap");
  });
});
