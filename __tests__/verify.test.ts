import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseConfig } from "../src/config/load";
import { applyWaivers, parseTrivyReport, parseWaivers, trivyParseErrors, type Finding } from "../scripts/verify/trivy-findings";

/**
 * `npm run verify` runs trivy on real builds; these tests keep its inputs valid and its judgement right without the
 * tools, so a broken verify config or waiver file fails `npm test` first.
 */
const ROOT = join(__dirname, "..");
const VERIFY_CONFIGS = join(ROOT, "verify", "configs");

describe("verify configs", () => {
  const files = readdirSync(VERIFY_CONFIGS).filter((file) => file.endsWith(".yaml"));

  it("cover the unusual-but-valid shapes the verify issue names", () => {
    expect(files.sort()).toEqual(["adopted-organization.yaml", "multi-region.yaml", "no-networks.yaml", "terraform-cloud.yaml"]);
  });

  it.each(files)("%s is a valid config", (file) => {
    expect(() => parseConfig(readFileSync(join(VERIFY_CONFIGS, file), "utf8"), `verify/configs/${file}`)).not.toThrow();
  });

  it("exercise what the example does not: adoption, S3 and cloud backends, several Regions, no networks", () => {
    const config = (file: string) => parseConfig(readFileSync(join(VERIFY_CONFIGS, file), "utf8"), file);
    expect(config("adopted-organization.yaml").organization.id).toBeDefined();
    expect(config("adopted-organization.yaml").backend.type).toBe("s3");
    expect(config("terraform-cloud.yaml").backend.type).toBe("cloud");
    expect(config("multi-region.yaml").organization.allowedRegions.length).toBeGreaterThan(1);
    expect(config("no-networks.yaml").accounts.every((account) => account.network === undefined)).toBe(true);
  });
});

describe("trivy report", () => {
  const scanRoot = "/tmp/lz-verify-abc";
  const report = {
    Results: [
      {
        Target: "landing-zone/stacks/log-archive/cdk.tf.json",
        Misconfigurations: [
          { ID: "AWS-0089", Title: "Bucket has logging disabled", Severity: "HIGH", Status: "FAIL", CauseMetadata: { Resource: "aws_s3_bucket.access_logs" } },
          { ID: "AWS-0088", Title: "Bucket is encrypted", Severity: "HIGH", Status: "PASS", CauseMetadata: { Resource: "aws_s3_bucket.access_logs" } },
        ],
      },
      { Target: "no-networks/stacks/organization/cdk.tf.json" },
    ],
  };

  it("keeps failed checks only, with the config and stack they came from", () => {
    expect(parseTrivyReport(report, scanRoot)).toEqual([
      { check: "AWS-0089", severity: "HIGH", title: "Bucket has logging disabled", config: "landing-zone", stack: "log-archive", resource: "aws_s3_bucket.access_logs" },
    ]);
  });

  it("refuses a report about a file that is not a synthesized stack", () => {
    expect(() => parseTrivyReport({ Results: [{ Target: "elsewhere/main.tf" }] }, scanRoot)).toThrow(/outside <config>\/stacks/);
  });
});

describe("trivy log", () => {
  it("treats a file trivy could not parse as a failure, and its embedded-checks fallback as none", () => {
    const log = [
      '2026-11-29T07:02:10Z\tERROR\t[misconfig] Falling back to embedded checks\terr="failed to check cache"',
      '2026-11-29T07:02:11Z\tERROR\t[terraform parser] Error parsing file\tfile_path="x/stacks/log-archive/cdk.tf"',
      "2026-11-29T07:02:15Z\tINFO\t[terraform scanner] Scanning root module",
    ].join("\n");
    expect(trivyParseErrors(log)).toEqual([expect.stringContaining("Error parsing file")]);
  });
});

describe("trivy waivers", () => {
  const finding = (over: Partial<Finding> = {}): Finding => ({
    check: "AWS-0089",
    severity: "HIGH",
    title: "t",
    config: "landing-zone",
    stack: "log-archive",
    resource: "aws_s3_bucket.access_logs_1234",
    ...over,
  });
  const waiver = parseWaivers(
    `- check: AVD-AWS-0089\n  resource: aws_s3_bucket.access_logs_*\n  stack: log-archive\n  reason: the access-log bucket cannot log to itself\n`,
    "w.yaml",
  );

  it("waives a matching finding and reports the rest", () => {
    const outcome = applyWaivers([finding(), finding({ stack: "account-web" })], waiver);
    expect(outcome.waived).toHaveLength(1);
    expect(outcome.unwaived).toEqual([finding({ stack: "account-web" })]);
    expect(outcome.unusedWaivers).toEqual([]);
  });

  it("does not waive another check on the same resource", () => {
    expect(applyWaivers([finding({ check: "AWS-0090" })], waiver).unwaived).toHaveLength(1);
  });

  it("reports a waiver that matches nothing as stale", () => {
    expect(applyWaivers([], waiver).unusedWaivers).toEqual(waiver);
  });

  it("requires a reason for every waiver", () => {
    expect(() => parseWaivers("- check: AWS-0089\n  resource: x\n", "w.yaml")).toThrow(/w.yaml 0.reason/);
  });

  it("parses the repository's waiver file", () => {
    expect(() => parseWaivers(readFileSync(join(ROOT, "verify", "trivy-waivers.yaml"), "utf8"), "verify/trivy-waivers.yaml")).not.toThrow();
  });
});
