import { parseConfig } from "../src/config/load";
import { configFromData, exampleConfig, exampleConfigData, exampleConfigText, issuesOfData } from "./helpers";


describe("guardrails config", () => {
  it("reads the example's guardrails", () => {
    expect(exampleConfig().guardrails).toEqual({
      breakGlassRoleArns: [],
      suspendedOu: "Suspended",
      tagPolicy: { dataClassificationKey: "DataClassification", dataClassificationValues: ["public", "internal", "confidential", "restricted"], ownerKey: "Owner" },
      backup: { retentionDays: 35, startHourUtc: 3, tagKey: "Backup", tagValue: "daily" },
      aiServicesOptOut: true,
    });
  });

  it("fills in every default when the section is left out", () => {
    const data = exampleConfigData();
    delete data.guardrails;
    expect(configFromData(data).guardrails).toEqual({
      breakGlassRoleArns: [],
      tagPolicy: { dataClassificationKey: "DataClassification", dataClassificationValues: ["public", "internal", "confidential", "restricted"], ownerKey: "Owner" },
      backup: { retentionDays: 35, startHourUtc: 3, tagKey: "Backup", tagValue: "daily" },
      aiServicesOptOut: true,
    });
  });

  it("accepts an OU Region override and leaves it out where not given", () => {
    const data = exampleConfigData();
    data.organizationalUnits[2].allowedRegions = ["eu-west-2", "eu-central-1"];
    const config = configFromData(data);
    expect(config.organizationalUnits[2]?.allowedRegions).toEqual(["eu-west-2", "eu-central-1"]);
    expect(config.organizationalUnits[0]?.allowedRegions).toBeUndefined();
  });

  it("rejects an OU override that leaves out the home Region, explaining why", () => {
    const issues = issuesOfData((d) => (d.organizationalUnits[2].children[0].allowedRegions = ["eu-central-1", "eu-west-1"]));
    expect(issues).toEqual([expect.objectContaining({
      path: ["organizationalUnits", 2, "children", 0, "allowedRegions"],
      message: 'allowedRegions of OU "Workloads/Prod" (eu-central-1, eu-west-1) must include organization.homeRegion eu-west-2: the landing zone deploys every account\'s baseline there and its deployment role is never exempt from the region deny',
    })]);
  });

  it("rejects an OU override with a Region code that does not exist", () => {
    const issues = issuesOfData((d) => (d.organizationalUnits[2].allowedRegions = ["eu-west-2", "eu-paris-1"]));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toEqual(["organizationalUnits", 2, "allowedRegions", 1]);
    expect(issues[0]?.message).toMatch(/^"eu-paris-1" is not an AWS Region code of the commercial partition; allowed: /);
  });

  it("rejects a suspended OU that does not exist", () => {
    const issues = issuesOfData((d) => (d.guardrails.suspendedOu = "Quarantine"));
    expect(issues).toEqual([expect.objectContaining({
      path: ["guardrails", "suspendedOu"],
      message: 'no OU has the path "Quarantine"; known OU paths: Security, Infrastructure, Workloads, Workloads/Prod, Workloads/NonProd, Sandbox, Suspended',
    })]);
  });

  it("rejects the log archive or audit account in the suspended OU", () => {
    const issues = issuesOfData((d) => (d.accounts[2].ou = "Suspended"));
    expect(issues).toEqual([expect.objectContaining({
      path: ["accounts", 2, "ou"],
      message: 'the audit account cannot sit in the suspended OU "Suspended": its deny-all policy would stop logging and security tooling',
    })]);
  });

  it("rejects a break-glass entry that is not a role ARN pattern", () => {
    const issues = issuesOfData((d) => (d.guardrails.breakGlassRoleArns = ["arn:aws:iam::*:user/admin"]));
    expect(issues).toEqual([expect.objectContaining({
      path: ["guardrails", "breakGlassRoleArns", 0],
      message: 'expected an IAM role ARN pattern such as arn:aws:iam::*:role/BreakGlass (account id or *, wildcards * and ? allowed in the name); got "arn:aws:iam::*:user/admin"',
    })]);
  });

  it("rejects a backup retention AWS Backup cannot keep, and an hour that is not one", () => {
    expect(issuesOfData((d) => (d.guardrails.backup.retentionDays = 0))).toEqual([
      expect.objectContaining({ path: ["guardrails", "backup", "retentionDays"], message: "keep backups at least 1 day; got 0" }),
    ]);
    expect(issuesOfData((d) => (d.guardrails.backup.startHourUtc = 24))).toEqual([
      expect.objectContaining({ path: ["guardrails", "backup", "startHourUtc"], message: "an hour of the day, 0-23 (UTC); got 24" }),
    ]);
  });

  it("rejects repeated classification values", () => {
    expect(issuesOfData((d) => (d.guardrails.tagPolicy.dataClassificationValues = ["public", "public"]))).toEqual([
      expect.objectContaining({ path: ["guardrails", "tagPolicy", "dataClassificationValues"], message: "values must not repeat" }),
    ]);
  });

  it("rejects an unknown key in the section, listing the allowed ones", () => {
    const issues = issuesOfData((d) => (d.guardrails.breakGlassRoles = []));
    expect(issues[0]).toMatchObject({ path: ["guardrails", "breakGlassRoles"] });
    expect(issues[0]?.message).toBe('unknown key "breakGlassRoles"; did you mean "breakGlassRoleArns"? Allowed keys: breakGlassRoleArns, suspendedOu, tagPolicy, backup, aiServicesOptOut');
  });

  it("reports where in the file the problem is", () => {
    expect(() => parseConfig(exampleConfigText().replace("suspendedOu: Suspended", "suspendedOu: Nowhere"), "lz.yaml")).toThrow(/lz\.yaml:\d+:\d+ guardrails\.suspendedOu: no OU has the path "Nowhere"/);
  });
});
