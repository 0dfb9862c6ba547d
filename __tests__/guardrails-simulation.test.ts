import { configFromData, exampleConfigData, type SynthesizedStack } from "./helpers";
import { accountNamed, ouNamed } from "./support/fixtures";
import { synthesizeStackAlone } from "./support/one-stack";
import { accessLogsBucketPolicy, cloudTrailBucketPolicy, configBucketPolicy, flowLogsBucketPolicy, logArchiveKeyPolicy, type LogArchivePolicyContext } from "../src/policies/log-archive";
import { OrganizationSimulator, SIMULATED_ORG_ID, type SimulatedRequest } from "./support/organization-simulator";

/**
 * Behaviour of the Organizations policies, evaluated with a real IAM policy engine. Policies and attachments are
 * read from the synthesized organization stack; each request goes through the account's real root → OU → account
 * SCP chain (and RCP chain for the resource).
 */

const BREAK_GLASS = "arn:aws:iam::*:role/kestrel-break-glass";

function organizationStack(mutate: (data: Record<string, any>) => void = () => {}): SynthesizedStack {
  const data = exampleConfigData();
  data.guardrails = { ...data.guardrails, breakGlassRoleArns: [BREAK_GLASS] };
  data.accounts.push({ name: "retired", email: "aws-retired@kestrel.example.org", purpose: "workload", ou: "Suspended" });
  // The policies carry the organization id literally: simulate the one the requests come from.
  if (data.organization.id !== undefined) data.organization.id = SIMULATED_ORG_ID;
  mutate(data);
  return synthesizeStackAlone("organization", configFromData(data));
}

let sim: OrganizationSimulator;
beforeAll(() => {
  sim = new OrganizationSimulator(organizationStack());
});

/** Evaluates and checks that every context key the test gave was used by the engine (a typo would be ignored). */
async function decide(request: SimulatedRequest, on: OrganizationSimulator = sim): Promise<string> {
  const result = await on.evaluate(request);
  const given = Object.keys(request.context ?? {}).filter((k) => request.context?.[k] !== undefined && !k.startsWith("aws:"));
  expect(result.ignoredContextKeys.filter((k) => given.includes(k))).toEqual([]);
  return result.result;
}

const WORKLOAD = "voting-prod";
const instance = "arn:aws:ec2:{region}:{account}:instance/i-0123456789abcdef0";
const volume = "arn:aws:ec2:{region}:{account}:volume/vol-0123456789abcdef0";

describe("data residency (region deny)", () => {
  it.each([
    ["ec2:RunInstances", instance, { "ec2:MetadataHttpTokens": "required" }],
    ["s3:PutObject", "arn:aws:s3:::voting-data/ballot.json", {}],
    ["rds:CreateDBInstance", "arn:aws:rds:{region}:{account}:db:voting", { "rds:StorageEncrypted": "true" }],
    ["lambda:CreateFunction", "arn:aws:lambda:{region}:{account}:function:count", {}],
  ])("denies %s outside London and allows it in London", async (action, resource, context) => {
    for (const region of ["us-east-1", "eu-west-1", "eu-central-1"])
      expect([region, await decide({ account: WORKLOAD, action, resource, region, context })]).toEqual([region, "ExplicitlyDenied"]);
    expect(await decide({ account: WORKLOAD, action, resource, region: "eu-west-2", context })).toBe("Allowed");
  });

  it.each([
    ["iam:CreateRole", "arn:aws:iam::{account}:role/app"],
    ["organizations:DescribeOrganization", "arn:aws:organizations::111111111111:organization/o-simulated01"],
    ["sts:AssumeRole", "arn:aws:iam::{account}:role/app"],
    ["route53:ChangeResourceRecordSets", "arn:aws:route53:::hostedzone/Z0123456789"],
    ["cloudfront:CreateInvalidation", "arn:aws:cloudfront::{account}:distribution/E0123456789"],
    ["support:DescribeCases", "arn:aws:support::{account}:case/*"],
    ["ce:GetCostAndUsage", "*"],
    ["aws-portal:ViewBilling", "arn:aws:aws-portal::{account}:*"],
    ["budgets:ViewBudget", "arn:aws:budgets::{account}:budget/b"],
  ])("keeps global service %s working from us-east-1", async (action, resource) => {
    const result = await sim.evaluate({ account: WORKLOAD, action, resource, region: "us-east-1" });
    expect(result.scp).toBe("Allowed");
    expect(result.result).toBe("Allowed");
  });

  it("exempts the configured break-glass role, and never the deployment role", async () => {
    const request = { account: WORKLOAD, action: "ec2:RunInstances", resource: instance, region: "us-east-1", context: { "ec2:MetadataHttpTokens": "required" } };
    expect(await decide({ ...request, principal: "kestrel-break-glass" })).toBe("Allowed");
    expect(await decide({ ...request, principal: "deployment" })).toBe("ExplicitlyDenied");
    expect(await decide({ ...request, principal: "admin" })).toBe("ExplicitlyDenied");
  });

  it("denies enabling and disabling opt-in Regions, even to the deployment role", async () => {
    for (const action of ["account:EnableRegion", "account:DisableRegion"])
      for (const principal of ["admin", "deployment"])
        expect([action, principal, await decide({
          account: WORKLOAD, principal, action, resource: "arn:aws:account::{account}:account", region: "us-east-1",
          context: { "account:TargetRegion": "eu-south-2" },
        })]).toEqual([action, principal, "ExplicitlyDenied"]);
  });
});

describe("per-OU residency override", () => {
  const eea = ["eu-west-2", "eu-west-1", "eu-central-1"];

  it("gives an account in the override OU the override and every other account the organisation's list", async () => {
    const overridden = new OrganizationSimulator(organizationStack((data) => {
      ouNamed(data, "Workloads/Prod").allowedRegions = eea;
    }));
    const run = (account: string, region: string) =>
      decide({ account, action: "ec2:RunInstances", resource: instance, region, context: { "ec2:MetadataHttpTokens": "required" } }, overridden);
    expect(await run("voting-prod", "eu-central-1")).toBe("Allowed");
    expect(await run("voting-prod", "eu-west-1")).toBe("Allowed");
    expect(await run("voting-prod", "us-east-1")).toBe("ExplicitlyDenied");
    expect(await run("voting-nonprod", "eu-central-1")).toBe("ExplicitlyDenied");
    expect(await run("voting-nonprod", "eu-west-2")).toBe("Allowed");
    expect(await run("audit", "eu-central-1")).toBe("ExplicitlyDenied");
    expect(await run("shared-services", "eu-west-1")).toBe("ExplicitlyDenied");
  });

  it("lets nested OUs inherit the nearest ancestor's override, and a nested override replace it", async () => {
    const nested = new OrganizationSimulator(organizationStack((data) => {
      ouNamed(data, "Workloads").allowedRegions = eea;
      ouNamed(data, "Workloads/NonProd").allowedRegions = ["eu-west-2", "eu-north-1"];
      data.accounts.push({ name: "workloads-tools", email: "aws-tools@kestrel.example.org", purpose: "workload", ou: "Workloads" });
    }));
    const run = (account: string, region: string) =>
      decide({ account, action: "ec2:RunInstances", resource: instance, region, context: { "ec2:MetadataHttpTokens": "required" } }, nested);
    expect(await run("voting-prod", "eu-central-1")).toBe("Allowed"); // inherits Workloads
    expect(await run("workloads-tools", "eu-central-1")).toBe("Allowed"); // directly in Workloads
    expect(await run("workloads-tools", "eu-north-1")).toBe("ExplicitlyDenied");
    expect(await run("voting-nonprod", "eu-north-1")).toBe("Allowed"); // its own override replaces Workloads'
    expect(await run("voting-nonprod", "eu-central-1")).toBe("ExplicitlyDenied");
    expect(await run("log-archive", "eu-central-1")).toBe("ExplicitlyDenied"); // the organisation's list
    expect(await run("log-archive", "eu-north-1")).toBe("ExplicitlyDenied");
  });
});

describe("protective guardrails", () => {
  /** Guardrails that protect what the landing zone manages: the deployment role manages it, so it is exempt. */
  const managed: [string, Omit<SimulatedRequest, "account" | "principal">][] = [
    ["CloudTrail stop", { action: "cloudtrail:StopLogging", resource: "arn:aws:cloudtrail:eu-west-2:{account}:trail/kestrel-lz-org-trail" }],
    ["CloudTrail delete", { action: "cloudtrail:DeleteTrail", resource: "arn:aws:cloudtrail:eu-west-2:{account}:trail/kestrel-lz-org-trail" }],
    ["Config recorder stop", { action: "config:StopConfigurationRecorder", resource: "*" }],
    ["GuardDuty delete", { action: "guardduty:DeleteDetector", resource: "arn:aws:guardduty:eu-west-2:{account}:detector/12abc34d567e8fa901bc2d34e56789f0" }],
    ["Security Hub disable", { action: "securityhub:DisableSecurityHub", resource: "arn:aws:securityhub:eu-west-2:{account}:hub/default" }],
    ["Access Analyzer delete", { action: "access-analyzer:DeleteAnalyzer", resource: "arn:aws:access-analyzer:eu-west-2:{account}:analyzer/org" }],
    ["Macie disable", { action: "macie2:DisableMacie", resource: "arn:aws:macie2:eu-west-2:{account}:*" }],
    ["log bucket policy", { action: "s3:PutBucketPolicy", resource: "arn:aws:s3:::kestrel-lz-cloudtrail-123456789012-eu-west-2" }],
    ["log object delete", { action: "s3:DeleteObject", resource: "arn:aws:s3:::kestrel-lz-cloudtrail-123456789012-eu-west-2/AWSLogs/x.json.gz" }],
    ["KMS key deletion by alias", { action: "kms:ScheduleKeyDeletion", resource: "arn:aws:kms:eu-west-2:{account}:key/1234abcd-12ab-34cd-56ef-1234567890ab", context: { "kms:ResourceAliases": ["alias/kestrel-lz-log-archive"] } }],
    ["KMS key policy by tag", { action: "kms:PutKeyPolicy", resource: "arn:aws:kms:eu-west-2:{account}:key/1234abcd-12ab-34cd-56ef-1234567890ab", context: { "aws:ResourceTag/ManagedBy": "landing-zone" } }],
    ["landing zone role", { action: "iam:UpdateAssumeRolePolicy", resource: "arn:aws:iam::{account}:role/kestrel-lz-config" }],
    ["deployment role", { action: "iam:DeleteRole", resource: "arn:aws:iam::{account}:role/OrganizationAccountAccessRole" }],
    ["alarm topic", { action: "sns:DeleteTopic", resource: "arn:aws:sns:eu-west-2:{account}:kestrel-lz-security-alarms" }],
    ["EBS default encryption", { action: "ec2:DisableEbsEncryptionByDefault", resource: "arn:aws:ec2:eu-west-2:{account}:*" }],
    ["S3 account Block Public Access", { action: "s3:PutAccountPublicAccessBlock", resource: "arn:aws:s3:::*" }],
    ["IMDS defaults", { action: "ec2:ModifyInstanceMetadataDefaults", resource: "arn:aws:ec2:eu-west-2:{account}:*" }],
    ["IMDS options of an instance", { action: "ec2:ModifyInstanceMetadataOptions", resource: instance }],
    ["snapshot block public access off", { action: "ec2:DisableSnapshotBlockPublicAccess", resource: "*" }],
    ["snapshot block public access weakened", { action: "ec2:EnableSnapshotBlockPublicAccess", resource: "*" }],
    ["AMI block public access off", { action: "ec2:DisableImageBlockPublicAccess", resource: "*" }],
    ["backup vault delete", { action: "backup:DeleteBackupVault", resource: "arn:aws:backup:eu-west-2:{account}:backup-vault:kestrel-lz-backup-vault" }],
    ["backup vault access policy", { action: "backup:PutBackupVaultAccessPolicy", resource: "arn:aws:backup:eu-west-2:{account}:backup-vault:kestrel-lz-backup-vault" }],
    ["reserved KMS alias squatted", { action: "kms:CreateAlias", resource: "arn:aws:kms:eu-west-2:{account}:alias/kestrel-lz-vpc-flow-logs" }],
    ["landing zone role policies detached", { action: "iam:DetachRolePolicy", resource: "arn:aws:iam::{account}:role/kestrel-lz-backup" }],
    ["flow-log role policy replaced", { action: "iam:PutRolePolicy", resource: "arn:aws:iam::{account}:role/kestrel-lz-vpc-flow-logs" }],
    ["landing zone flow log deleted", { action: "ec2:DeleteFlowLogs", resource: "arn:aws:ec2:eu-west-2:{account}:vpc-flow-log/fl-0123456789abcdef0", context: { "aws:ResourceTag/ManagedBy": "landing-zone" } }],
    ["landing zone flow log untagged", { action: "ec2:DeleteTags", resource: "arn:aws:ec2:eu-west-2:{account}:vpc-flow-log/fl-0123456789abcdef0", context: { "aws:ResourceTag/ManagedBy": "landing-zone" } }],
    ["Inspector disabled", { action: "inspector2:Disable", resource: "*" }],
    ["Inspector suppression rule", { action: "inspector2:CreateFilter", resource: "arn:aws:inspector2:eu-west-2:{account}:owner/{account}/filter/*" }],
    ["Macie auto-enable off", { action: "macie2:UpdateOrganizationConfiguration", resource: "*" }],
    ["GuardDuty protection plans off for the organisation", { action: "guardduty:UpdateOrganizationConfiguration", resource: "arn:aws:guardduty:eu-west-2:{account}:detector/12abc34d567e8fa901bc2d34e56789f0" }],
    ["Security Hub configuration policy deleted", { action: "securityhub:DeleteConfigurationPolicy", resource: "arn:aws:securityhub:eu-west-2:{account}:configuration-policy/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111" }],
    ["Security Hub finding aggregator deleted", { action: "securityhub:DeleteFindingAggregator", resource: "arn:aws:securityhub:eu-west-2:{account}:finding-aggregator/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111" }],
    ["findings rule deleted", { action: "events:DeleteRule", resource: "arn:aws:events:eu-west-2:{account}:rule/kestrel-lz-security-hub-high-findings" }],
    ["findings rule disabled", { action: "events:DisableRule", resource: "arn:aws:events:eu-west-2:{account}:rule/kestrel-lz-security-hub-high-findings" }],
    ["findings rule target removed", { action: "events:RemoveTargets", resource: "arn:aws:events:eu-west-2:{account}:rule/kestrel-lz-security-hub-high-findings" }],
  ];

  it.each(managed)("%s: denied to an ordinary admin role, allowed to the deployment role", async (_name, request) => {
    expect(await decide({ account: WORKLOAD, principal: "admin", ...request })).toBe("ExplicitlyDenied");
    expect(await decide({ account: WORKLOAD, principal: "deployment", ...request })).toBe("Allowed");
  });

  it("protects the log archive account's alarm topic and its key like the management account's (ProtectAlarmTopic, ProtectKeysByAlias)", async () => {
    const topic = "arn:aws:sns:eu-west-2:{account}:kestrel-lz-security-alarms";
    const alarmKey = { action: "kms:PutKeyPolicy", resource: "arn:aws:kms:eu-west-2:{account}:key/1234abcd-12ab-34cd-56ef-1234567890ab", context: { "kms:ResourceAliases": ["alias/kestrel-lz-log-archive-alarms"] } };
    for (const request of [
      { action: "sns:DeleteTopic", resource: topic }, { action: "sns:SetTopicAttributes", resource: topic },
      { action: "sns:RemovePermission", resource: topic }, alarmKey,
    ]) {
      expect([request.action, await decide({ account: "log-archive", principal: "admin", ...request })]).toEqual([request.action, "ExplicitlyDenied"]);
      expect([request.action, await decide({ account: "log-archive", principal: "deployment", ...request })]).toEqual([request.action, "Allowed"]);
    }
  });

  /**
   * The security stack in the audit account: the calls it makes are the deployment role's, and administrators of the
   * audit account (the delegated administrator of every security service) cannot switch any of it off.
   */
  const detector = "arn:aws:guardduty:eu-west-2:{account}:detector/12abc34d567e8fa901bc2d34e56789f0";
  const findingsRule = "arn:aws:events:eu-west-2:{account}:rule/kestrel-lz-security-hub-high-findings";
  const findingsTopic = "arn:aws:sns:eu-west-2:{account}:kestrel-lz-security-alarms";
  const findingsKey = { "kms:ResourceAliases": ["alias/kestrel-lz-security-findings"], "aws:ResourceTag/ManagedBy": "landing-zone" };
  const anyKey = "arn:aws:kms:eu-west-2:{account}:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  const configurationPolicy = "arn:aws:securityhub:eu-west-2:{account}:configuration-policy/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";
  const aggregator = "arn:aws:securityhub:eu-west-2:{account}:finding-aggregator/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";
  const hub = "arn:aws:securityhub:eu-west-2:{account}:hub/default";
  const findingsExport = `${detector}/publishingDestination/a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6`;
  const securityStackCalls: [string, string, SimulatedRequest["context"]][] = [
    // The detector the delegation created is read and adopted (import block), then updated.
    ["guardduty:ListDetectors", "*", {}], ["guardduty:GetDetector", detector, {}], ["guardduty:UpdateDetector", detector, {}],
    ["guardduty:UpdateOrganizationConfiguration", detector, {}], ["guardduty:CreatePublishingDestination", detector, {}],
    ["guardduty:UpdatePublishingDestination", findingsExport, {}],
    ["securityhub:CreateFindingAggregator", "*", {}], ["securityhub:UpdateFindingAggregator", aggregator, {}],
    ["securityhub:UpdateOrganizationConfiguration", "arn:aws:securityhub:eu-west-2:{account}:hub/default", {}],
    ["securityhub:CreateConfigurationPolicy", "*", {}], ["securityhub:UpdateConfigurationPolicy", configurationPolicy, {}],
    ["securityhub:StartConfigurationPolicyAssociation", hub, {}],
    ["access-analyzer:CreateAnalyzer", "arn:aws:access-analyzer:eu-west-2:{account}:analyzer/kestrel-lz-organization-unused-access", {}],
    ["access-analyzer:UpdateAnalyzer", "arn:aws:access-analyzer:eu-west-2:{account}:analyzer/kestrel-lz-organization-unused-access", {}],
    ["access-analyzer:DeleteAnalyzer", "arn:aws:access-analyzer:eu-west-2:{account}:analyzer/kestrel-lz-organization-unused-access", {}],
    ["macie2:UpdateOrganizationConfiguration", "*", {}],
    ["inspector2:Enable", "*", {}], ["inspector2:UpdateOrganizationConfiguration", "*", {}], ["inspector2:Disable", "*", {}],
    ["events:PutRule", findingsRule, {}], ["events:PutTargets", findingsRule, {}], ["events:DeleteRule", findingsRule, {}],
    ["sns:CreateTopic", findingsTopic, {}], ["sns:SetTopicAttributes", findingsTopic, {}], ["sns:Subscribe", findingsTopic, {}],
    ["kms:CreateKey", "*", {}], ["kms:PutKeyPolicy", anyKey, findingsKey], ["kms:EnableKeyRotation", anyKey, findingsKey],
    ["kms:CreateAlias", "arn:aws:kms:eu-west-2:{account}:alias/kestrel-lz-security-findings", {}],
    ["iam:CreateRole", "arn:aws:iam::{account}:role/kestrel-lz-events-publish-alarms", {}],
    ["iam:PutRolePolicy", "arn:aws:iam::{account}:role/kestrel-lz-events-publish-alarms", {}],
    ["iam:PassRole", "arn:aws:iam::{account}:role/kestrel-lz-events-publish-alarms", {}],
  ];

  it.each(securityStackCalls)("lets the deployment role apply the security stack in the audit account: %s on %s", async (action, resource, context) => {
    expect(await decide({ account: "audit", principal: "deployment", action, resource, context })).toBe("Allowed");
  });

  it.each([
    ["guardduty:DeleteDetector", detector], ["guardduty:UpdateOrganizationConfiguration", detector],
    ["guardduty:DeletePublishingDestination", findingsExport], ["guardduty:UpdateDetector", detector],
    ["securityhub:DisableSecurityHub", "arn:aws:securityhub:eu-west-2:{account}:hub/default"],
    ["securityhub:UpdateOrganizationConfiguration", "arn:aws:securityhub:eu-west-2:{account}:hub/default"],
    ["securityhub:UpdateConfigurationPolicy", configurationPolicy], ["securityhub:StartConfigurationPolicyDisassociation", hub],
    ["securityhub:DeleteFindingAggregator", aggregator], ["securityhub:CreateAutomationRule", "*"],
    // A new configuration policy with Security Hub off (or a SELF_MANAGED association) would switch it off everywhere.
    ["securityhub:CreateConfigurationPolicy", "*"], ["securityhub:StartConfigurationPolicyAssociation", hub],
    ["securityhub:DisableImportFindingsForProduct", hub],
    ["securityhub:UpdateSecurityControl", "*"],
    // Filters and settings that suppress or archive findings, and Config history kept for less time.
    ["guardduty:UpdateFilter", `${detector}/filter/hide-everything`], ["guardduty:UpdateIPSet", `${detector}/ipset/a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6`],
    ["macie2:CreateFindingsFilter", "*"], ["macie2:UpdateFindingsFilter", "arn:aws:macie2:eu-west-2:{account}:findings-filter/a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"],
    ["access-analyzer:ApplyArchiveRule", "arn:aws:access-analyzer:eu-west-2:{account}:analyzer/kestrel-lz-organization-external-access"],
    ["access-analyzer:UpdateAnalyzer", "arn:aws:access-analyzer:eu-west-2:{account}:analyzer/kestrel-lz-organization-unused-access"],
    ["config:PutRetentionConfiguration", "*"],
    ["access-analyzer:DeleteAnalyzer", "arn:aws:access-analyzer:eu-west-2:{account}:analyzer/kestrel-lz-organization-external-access"],
    ["macie2:DisableMacie", "*"], ["macie2:UpdateOrganizationConfiguration", "*"],
    ["inspector2:Disable", "*"], ["inspector2:UpdateOrganizationConfiguration", "*"],
    ["events:DeleteRule", findingsRule], ["events:DisableRule", findingsRule], ["events:PutTargets", findingsRule],
    ["sns:DeleteTopic", findingsTopic], ["sns:Unsubscribe", findingsTopic],
  ])("denies an administrator of the audit account %s on %s", async (action, resource) => {
    expect(await decide({ account: "audit", principal: "admin", action, resource })).toBe("ExplicitlyDenied");
  });

  it("denies an administrator of the audit account changing the findings topic's key", async () => {
    expect(await decide({ account: "audit", principal: "admin", action: "kms:PutKeyPolicy", resource: anyKey, context: findingsKey })).toBe("ExplicitlyDenied");
    expect(await decide({ account: "audit", principal: "admin", action: "kms:ScheduleKeyDeletion", resource: anyKey, context: findingsKey })).toBe("ExplicitlyDenied");
  });

  it("leaves workloads' own EventBridge rules alone", async () => {
    const own = "arn:aws:events:eu-west-2:{account}:rule/app-nightly-job";
    for (const action of ["events:PutRule", "events:DeleteRule", "events:PutTargets"])
      expect([action, await decide({ account: WORKLOAD, principal: "admin", action, resource: own })]).toEqual([action, "Allowed"]);
  });

  it("leaves workloads' own trails, keys, roles and buckets alone", async () => {
    const own: Omit<SimulatedRequest, "account">[] = [
      { action: "cloudtrail:DeleteTrail", resource: "arn:aws:cloudtrail:eu-west-2:{account}:trail/app-trail" },
      { action: "s3:PutBucketPolicy", resource: "arn:aws:s3:::voting-data" },
      { action: "kms:ScheduleKeyDeletion", resource: "arn:aws:kms:eu-west-2:{account}:key/1234abcd-12ab-34cd-56ef-1234567890ab", context: { "kms:ResourceAliases": ["alias/voting"] } },
      { action: "iam:UpdateAssumeRolePolicy", resource: "arn:aws:iam::{account}:role/voting-api" },
      { action: "ec2:DeleteFlowLogs", resource: "arn:aws:ec2:eu-west-2:{account}:vpc-flow-log/fl-0fedcba9876543210", context: { "aws:ResourceTag/ManagedBy": "voting-team" } },
    ];
    for (const request of own) expect([request.action, await decide({ account: WORKLOAD, ...request })]).toEqual([request.action, "Allowed"]);
  });

  /**
   * What the landing zone's own stacks do with the deployment role in member accounts, as the Terraform AWS provider
   * calls it (src/constructs/account-baseline.ts, workload-vpc.ts, stacks/log-archive-stack.ts): none of it may be
   * blocked, or apply fails. Applied, changed and destroyed in the home Region.
   */
  const flowLogKey = "arn:aws:kms:eu-west-2:{account}:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  const managedKey = { "aws:ResourceTag/ManagedBy": "landing-zone", "kms:ResourceAliases": ["alias/kestrel-lz-vpc-flow-logs"] };
  const logBucket = "arn:aws:s3:::kestrel-lz-cloudtrail-123456789012-eu-west-2";
  const flowLogBucket = "arn:aws:s3:::kestrel-lz-flow-logs-123456789012-eu-west-2";
  const deliveryAlarm = "arn:aws:cloudwatch:eu-west-2:{account}:alarm:kestrel-lz-flow-log-delivery-stopped";
  const alarmTopic = "arn:aws:sns:eu-west-2:{account}:kestrel-lz-security-alarms";
  const deployment: [string, string, SimulatedRequest["context"]?][] = [
    // Account baseline.
    ["ec2:EnableEbsEncryptionByDefault", "*"], ["ec2:DisableEbsEncryptionByDefault", "*"],
    ["s3:PutAccountPublicAccessBlock", "*"], ["ec2:ModifyInstanceMetadataDefaults", "*"],
    ["ec2:EnableSnapshotBlockPublicAccess", "*"], ["ec2:DisableSnapshotBlockPublicAccess", "*"],
    ["ec2:EnableImageBlockPublicAccess", "*"], ["ec2:DisableImageBlockPublicAccess", "*"],
    ["backup:CreateBackupVault", "arn:aws:backup:eu-west-2:{account}:backup-vault:kestrel-lz-backup-vault"],
    ["backup:DeleteBackupVault", "arn:aws:backup:eu-west-2:{account}:backup-vault:kestrel-lz-backup-vault"],
    ["iam:CreateRole", "arn:aws:iam::{account}:role/kestrel-lz-backup"], ["iam:TagRole", "arn:aws:iam::{account}:role/kestrel-lz-backup"],
    ["iam:AttachRolePolicy", "arn:aws:iam::{account}:role/kestrel-lz-backup"], ["iam:DetachRolePolicy", "arn:aws:iam::{account}:role/kestrel-lz-backup"],
    ["iam:DeleteRole", "arn:aws:iam::{account}:role/kestrel-lz-backup"],
    // Workload VPC: default security group, flow logs, the flow-log key, alias, log group and role.
    ["ec2:RevokeSecurityGroupIngress", "arn:aws:ec2:eu-west-2:{account}:security-group/sg-0123456789abcdef0"],
    ["ec2:RevokeSecurityGroupEgress", "arn:aws:ec2:eu-west-2:{account}:security-group/sg-0123456789abcdef0"],
    ["ec2:CreateFlowLogs", "arn:aws:ec2:eu-west-2:{account}:vpc-flow-log/*"], ["logs:CreateLogDelivery", "*"],
    ["kms:CreateKey", "*"], ["kms:TagResource", flowLogKey, managedKey], ["kms:PutKeyPolicy", flowLogKey, managedKey],
    ["kms:EnableKeyRotation", flowLogKey, managedKey], ["kms:ScheduleKeyDeletion", flowLogKey, managedKey],
    ["kms:CreateAlias", "arn:aws:kms:eu-west-2:{account}:alias/kestrel-lz-vpc-flow-logs"],
    ["kms:DeleteAlias", "arn:aws:kms:eu-west-2:{account}:alias/kestrel-lz-vpc-flow-logs"],
    ["logs:CreateLogGroup", "arn:aws:logs:eu-west-2:{account}:log-group:/kestrel-lz/vpc-flow-logs"],
    ["logs:AssociateKmsKey", "arn:aws:logs:eu-west-2:{account}:log-group:/kestrel-lz/vpc-flow-logs"],
    ["iam:CreateRole", "arn:aws:iam::{account}:role/kestrel-lz-vpc-flow-logs"], ["iam:PutRolePolicy", "arn:aws:iam::{account}:role/kestrel-lz-vpc-flow-logs"],
    ["iam:PassRole", "arn:aws:iam::{account}:role/kestrel-lz-vpc-flow-logs"],
    // VPC Block Public Access of an account whose VPC has no public tier.
    ["ec2:ModifyVpcBlockPublicAccessOptions", "*"], ["ec2:DescribeVpcBlockPublicAccessOptions", "*"],
    // Log archive: the buckets, their policies and Object Lock, and the log archive key.
    ["s3:CreateBucket", logBucket], ["s3:PutBucketPolicy", logBucket], ["s3:PutBucketObjectLockConfiguration", logBucket],
    ["s3:PutEncryptionConfiguration", logBucket], ["s3:PutBucketVersioning", logBucket], ["s3:PutLifecycleConfiguration", logBucket],
    ["s3:PutBucketLogging", logBucket], ["s3:PutBucketPublicAccessBlock", logBucket], ["s3:PutBucketOwnershipControls", logBucket],
    ["s3:PutBucketTagging", logBucket],
    ["kms:PutKeyPolicy", flowLogKey, { ...managedKey, "kms:ResourceAliases": ["alias/kestrel-lz-log-archive"] }],
    ["kms:CreateAlias", "arn:aws:kms:eu-west-2:{account}:alias/kestrel-lz-log-archive"],
    // Log archive: the flow-log delivery alarm, its S3 request metrics, its topic (named like the management
    // account's, so ProtectAlarmTopic covers it), the subscriptions and the topic's key.
    ["s3:PutMetricsConfiguration", flowLogBucket], ["s3:GetMetricsConfiguration", flowLogBucket],
    ["cloudwatch:PutMetricAlarm", deliveryAlarm], ["cloudwatch:TagResource", deliveryAlarm], ["cloudwatch:DeleteAlarms", deliveryAlarm],
    ["sns:CreateTopic", alarmTopic], ["sns:TagResource", alarmTopic], ["sns:SetTopicAttributes", alarmTopic],
    ["sns:Subscribe", alarmTopic], ["sns:Unsubscribe", alarmTopic], ["sns:DeleteTopic", alarmTopic],
    ["kms:PutKeyPolicy", flowLogKey, { ...managedKey, "kms:ResourceAliases": ["alias/kestrel-lz-log-archive-alarms"] }],
    ["kms:EnableKeyRotation", flowLogKey, { ...managedKey, "kms:ResourceAliases": ["alias/kestrel-lz-log-archive-alarms"] }],
    ["kms:CreateAlias", "arn:aws:kms:eu-west-2:{account}:alias/kestrel-lz-log-archive-alarms"],
  ];

  // Every row has three entries, so the test's third parameter is always a context (an empty one when the row has none).
  it.each(deployment.map(([action, resource, context]) => [action, resource, context ?? {}] as const))("lets the deployment role apply the landing zone's stacks: %s on %s", async (action, resource, context) => {
    for (const account of [WORKLOAD, "log-archive"])
      expect([account, await decide({ account, principal: "deployment", action, resource, context })]).toEqual([account, "Allowed"]);
  });

  /**
   * "No internet" for VPCs without a public tier rests on VPC Block Public Access, and every internet path comes from
   * the deployment role: nobody else may switch VPC BPA off, exclude a VPC from it, or build an internet path.
   */
  const internetPaths: [string, string][] = [
    ["ec2:ModifyVpcBlockPublicAccessOptions", "*"],
    ["ec2:CreateVpcBlockPublicAccessExclusion", "arn:aws:ec2:eu-west-2:{account}:vpc/vpc-0123456789abcdef0"],
    ["ec2:ModifyVpcBlockPublicAccessExclusion", "arn:aws:ec2:eu-west-2:{account}:vpc-block-public-access-exclusion/vpcbpa-exclude-0123456789abcdef0"],
    ["ec2:DeleteVpcBlockPublicAccessExclusion", "arn:aws:ec2:eu-west-2:{account}:vpc-block-public-access-exclusion/vpcbpa-exclude-0123456789abcdef0"],
    ["ec2:CreateInternetGateway", "arn:aws:ec2:eu-west-2:{account}:internet-gateway/*"],
    ["ec2:AttachInternetGateway", "arn:aws:ec2:eu-west-2:{account}:internet-gateway/igw-0123456789abcdef0"],
    ["ec2:CreateEgressOnlyInternetGateway", "arn:aws:ec2:eu-west-2:{account}:egress-only-internet-gateway/*"],
    ["ec2:CreateNatGateway", "arn:aws:ec2:eu-west-2:{account}:natgateway/*"],
  ];

  it.each(internetPaths)("%s: denied to administrators in every workload account, allowed to the deployment role and break-glass", async (action, resource) => {
    for (const account of ["voting-nonprod", WORKLOAD, "shared-services"]) {
      expect([account, await decide({ account, principal: "admin", action, resource })]).toEqual([account, "ExplicitlyDenied"]);
      expect([account, await decide({ account, principal: "deployment", action, resource })]).toEqual([account, "Allowed"]);
      expect([account, await decide({ account, principal: "kestrel-break-glass", action, resource })]).toEqual([account, "Allowed"]);
    }
  });

  it("in an adopted account, lets no administrator create, change or re-trust the deployment role (only the role itself)", async () => {
    const role = "arn:aws:iam::{account}:role/OrganizationAccountAccessRole";
    for (const action of ["iam:CreateRole", "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:DeleteRole", "iam:PutRolePermissionsBoundary", "iam:TagRole"]) {
      for (const principal of ["admin", "root", "kestrel-break-glass"])
        expect([action, principal, await decide({ account: "shared-services", principal, action, resource: role, region: "us-east-1" })]).toEqual([action, principal, "ExplicitlyDenied"]);
      expect([action, await decide({ account: "shared-services", principal: "deployment", action, resource: role, region: "us-east-1" })]).toEqual([action, "Allowed"]);
    }
  });

  /** Rules for everyone: the deployment role never needs to break them, so it is not exempt. */
  const everyone: [string, Omit<SimulatedRequest, "account" | "principal">][] = [
    ["leave the organisation", { action: "organizations:LeaveOrganization", resource: "arn:aws:organizations::111111111111:organization/o-simulated01", region: "us-east-1" }],
    ["create an IAM user", { action: "iam:CreateUser", resource: "arn:aws:iam::{account}:user/alice", region: "us-east-1" }],
    ["create an access key", { action: "iam:CreateAccessKey", resource: "arn:aws:iam::{account}:user/alice", region: "us-east-1" }],
    ["create a login profile", { action: "iam:CreateLoginProfile", resource: "arn:aws:iam::{account}:user/alice", region: "us-east-1" }],
    ["share outside the organisation", { action: "ram:CreateResourceShare", resource: "arn:aws:ram:eu-west-2:{account}:resource-share/*", context: { "ram:RequestedAllowsExternalPrincipals": "true" } }],
    ["open a share to outside the organisation", { action: "ram:UpdateResourceShare", resource: "arn:aws:ram:eu-west-2:{account}:resource-share/0123abcd-0123-abcd-0123-0123456789ab", context: { "ram:RequestedAllowsExternalPrincipals": "true" } }],
    ["add to a share open to outside the organisation", { action: "ram:AssociateResourceShare", resource: "arn:aws:ram:eu-west-2:{account}:resource-share/0123abcd-0123-abcd-0123-0123456789ab", context: { "ram:AllowsExternalPrincipals": "true" } }],
    ["create a default VPC", { action: "ec2:CreateDefaultVpc", resource: "arn:aws:ec2:eu-west-2:{account}:vpc/*" }],
  ];

  it.each(everyone)("denies every role, the deployment role included: %s", async (_name, request) => {
    for (const principal of ["admin", "deployment"])
      expect([principal, await decide({ account: WORKLOAD, principal, ...request })]).toEqual([principal, "ExplicitlyDenied"]);
  });

  it("lets only break-glass roles create IAM users and their credentials", async () => {
    for (const action of ["iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile"])
      expect(await decide({ account: WORKLOAD, principal: "kestrel-break-glass", action, resource: "arn:aws:iam::{account}:user/emergency", region: "us-east-1" })).toBe("Allowed");
  });

  it("allows sharing inside the organisation", async () => {
    expect(await decide({
      account: WORKLOAD, action: "ram:CreateResourceShare", resource: "arn:aws:ram:eu-west-2:{account}:resource-share/*",
      context: { "ram:RequestedAllowsExternalPrincipals": "false" },
    })).toBe("Allowed");
    expect(await decide({
      account: WORKLOAD, action: "ram:AssociateResourceShare", resource: "arn:aws:ram:eu-west-2:{account}:resource-share/0123abcd-0123-abcd-0123-0123456789ab",
      context: { "ram:AllowsExternalPrincipals": "false" },
    })).toBe("Allowed");
  });

  it("denies the root user everything, in London too", async () => {
    for (const [action, resource] of [["s3:GetObject", "arn:aws:s3:::voting-data/x"], ["iam:CreateRole", "arn:aws:iam::{account}:role/x"], ["ec2:DescribeInstances", "arn:aws:ec2:eu-west-2:{account}:instance/*"]] as const)
      expect([action, await decide({ account: WORKLOAD, principal: "root", action, resource })]).toEqual([action, "ExplicitlyDenied"]);
  });

  it("still allows a privileged root session opened from the management account with sts:AssumeRoot", async () => {
    const unlock = { account: WORKLOAD, principal: "root", action: "s3:DeleteBucketPolicy", resource: "arn:aws:s3:::voting-data" };
    const result = await sim.evaluate({ ...unlock, context: { "aws:AssumedRoot": "true" } });
    expect([result.result, result.ignoredContextKeys]).toEqual(["Allowed", []]);
  });

  it("requires IMDSv2 on new instances", async () => {
    const run = (tokens: string | undefined) =>
      decide({ account: WORKLOAD, action: "ec2:RunInstances", resource: instance, context: { "ec2:MetadataHttpTokens": tokens } });
    expect(await run("optional")).toBe("ExplicitlyDenied");
    expect(await run(undefined)).toBe("ExplicitlyDenied");
    expect(await run("required")).toBe("Allowed");
  });

  it("denies unencrypted EBS volumes, RDS instances and clusters and EFS file systems, and allows encrypted ones", async () => {
    const cases: [string, string, string][] = [
      ["ec2:CreateVolume", volume, "ec2:Encrypted"],
      ["ec2:RunInstances", volume, "ec2:Encrypted"],
      ["rds:CreateDBInstance", "arn:aws:rds:eu-west-2:{account}:db:voting", "rds:StorageEncrypted"],
      ["rds:CreateDBCluster", "arn:aws:rds:eu-west-2:{account}:cluster:voting", "rds:StorageEncrypted"],
      ["elasticfilesystem:CreateFileSystem", "arn:aws:elasticfilesystem:eu-west-2:{account}:file-system/fs-0123456789abcdef0", "elasticfilesystem:Encrypted"],
    ];
    for (const [action, resource, key] of cases) {
      expect([action, await decide({ account: WORKLOAD, action, resource, context: { [key]: "false" } })]).toEqual([action, "ExplicitlyDenied"]);
      expect([action, await decide({ account: WORKLOAD, action, resource, context: { [key]: "true" } })]).toEqual([action, "Allowed"]);
    }
  });

  /**
   * With a Terraform Cloud backend the workspaces' apply roles (`kestrel-lz-tfc-<stack>-apply`) deploy in place of the
   * deployment role, and the StackSets execution role (`stacksets-exec-*`) creates the workspace roles in member
   * accounts (stacks/pipeline-stack.ts). Nothing else may do either.
   */
  describe("with a Terraform Cloud backend", () => {
    let cloud: OrganizationSimulator;
    beforeAll(() => {
      cloud = new OrganizationSimulator(organizationStack((data) => {
        data.backend = { type: "cloud", organization: "kestrel", project: "landing-zone", workspacePrefix: "lz-" };
      }));
    });
    const applyRole = (stack: string) => `kestrel-lz-tfc-${stack}-apply`;
    const planRole = (stack: string) => `kestrel-lz-tfc-${stack}-plan`;
    const STACKSETS_EXEC = "stacksets-exec-0123456789abcdef0123456789abcdef";
    /** The workspace of each member account the simulation checks: its account stack, and the log archive's. */
    const workspaces: [string, string][] = [[WORKLOAD, `account-${WORKLOAD}`], ["log-archive", "account-log-archive"], ["log-archive", "log-archive"]];

    it.each(deployment.map(([action, resource, context]) => [action, resource, context ?? {}] as const))("lets the apply roles apply the landing zone's stacks: %s on %s", async (action, resource, context) => {
      for (const [account, stack] of workspaces)
        expect([stack, await decide({ account, principal: applyRole(stack), action, resource, context }, cloud)]).toEqual([stack, "Allowed"]);
    });

    it.each(managed)("%s: denied to an ordinary admin role and to a plan role, allowed to the apply role", async (_name, request) => {
      expect(await decide({ account: WORKLOAD, principal: "admin", ...request }, cloud)).toBe("ExplicitlyDenied");
      expect(await decide({ account: WORKLOAD, principal: planRole(`account-${WORKLOAD}`), ...request }, cloud)).toBe("ExplicitlyDenied");
      expect(await decide({ account: WORKLOAD, principal: applyRole(`account-${WORKLOAD}`), ...request }, cloud)).toBe("Allowed");
    });

    it.each(internetPaths)("%s: allowed to a workload workspace's apply role and break-glass, denied to administrators, plan roles and StackSets", async (action, resource) => {
      for (const account of ["voting-nonprod", WORKLOAD, "shared-services"]) {
        const stack = `account-${account}`;
        const run = (principal: string) => decide({ account, principal, action, resource }, cloud);
        expect([account, await run(applyRole(stack))]).toEqual([account, "Allowed"]);
        expect([account, await run("kestrel-break-glass")]).toEqual([account, "Allowed"]);
        expect([account, await run("admin")]).toEqual([account, "ExplicitlyDenied"]);
        expect([account, await run(planRole(stack))]).toEqual([account, "ExplicitlyDenied"]);
        expect([account, await run(STACKSETS_EXEC)]).toEqual([account, "ExplicitlyDenied"]);
      }
    });

    /** What the roles StackSet template does in a member account (src/policies/pipeline.ts, workspaceRolesTemplate). */
    const roleActions = ["iam:CreateRole", "iam:TagRole", "iam:UntagRole", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole", "iam:DeleteRole"];
    const workspaceRoles = (account: string) => [applyRole(`account-${account}`), planRole(`account-${account}`)].map((name) => `arn:aws:iam::{account}:role/${name}`);

    it("lets StackSets create, update and delete the workspace roles in every member account, adopted ones included", async () => {
      for (const account of [WORKLOAD, "shared-services", "log-archive"])
        for (const role of workspaceRoles(account))
          for (const action of roleActions)
            expect([account, role, action, await decide({ account, principal: STACKSETS_EXEC, action, resource: role, region: "us-east-1" }, cloud)])
              .toEqual([account, role, action, "Allowed"]);
    });

    it("without the StackSets exemption (as before), the protective SCP would deny StackSets creating the workspace roles", async () => {
      // The local-backend policy is the cloud one without the pipeline's exemptions: this is what StackSets met.
      expect(await decide({ account: WORKLOAD, principal: STACKSETS_EXEC, action: "iam:CreateRole", resource: workspaceRoles(WORKLOAD)[0]!, region: "us-east-1" })).toBe("ExplicitlyDenied");
    });

    it("lets no administrator, break-glass, root or plan role create, change or re-trust the workspace roles or the StackSets execution role", async () => {
      const stacksetsExecRole = `arn:aws:iam::{account}:role/${STACKSETS_EXEC}`;
      for (const account of [WORKLOAD, "shared-services"])
        for (const role of [...workspaceRoles(account), stacksetsExecRole])
          for (const action of roleActions)
            for (const principal of ["admin", "kestrel-break-glass", "root", planRole(`account-${account}`)])
              expect([account, role, action, principal, await decide({ account, principal, action, resource: role, region: "us-east-1" }, cloud)])
                .toEqual([account, role, action, principal, "ExplicitlyDenied"]);
    });

    const oidcActions = [
      "iam:CreateOpenIDConnectProvider", "iam:DeleteOpenIDConnectProvider", "iam:AddClientIDToOpenIDConnectProvider",
      "iam:RemoveClientIDFromOpenIDConnectProvider", "iam:UpdateOpenIDConnectProviderThumbprint",
      "iam:TagOpenIDConnectProvider", "iam:UntagOpenIDConnectProvider",
    ];
    const tfcProvider = "arn:aws:iam::{account}:oidc-provider/app.terraform.io";

    it("lets only StackSets create, change or delete the Terraform Cloud OIDC provider in member accounts", async () => {
      for (const account of [WORKLOAD, "shared-services", "log-archive"])
        for (const action of oidcActions) {
          const run = (principal: string) => decide({ account, principal, action, resource: tfcProvider, region: "us-east-1" }, cloud);
          expect([account, action, await run(STACKSETS_EXEC)]).toEqual([account, action, "Allowed"]);
          for (const principal of ["admin", "kestrel-break-glass", "root", applyRole(`account-${account}`), planRole(`account-${account}`)])
            expect([account, action, principal, await run(principal)]).toEqual([account, action, principal, "ExplicitlyDenied"]);
        }
    });

    it("leaves other OIDC providers to the account's administrators, and the local backend's policy unchanged", async () => {
      const other = "arn:aws:iam::{account}:oidc-provider/token.actions.githubusercontent.com";
      for (const action of oidcActions) {
        expect([action, await decide({ account: WORKLOAD, principal: "admin", action, resource: other, region: "us-east-1" }, cloud)]).toEqual([action, "Allowed"]);
        expect([action, await decide({ account: WORKLOAD, principal: "admin", action, resource: tfcProvider, region: "us-east-1" })]).toEqual([action, "Allowed"]);
      }
    });

    it("exempts the StackSets execution role from role protection only", async () => {
      const others = managed.filter(([name]) => !/role/.test(name));
      expect(others.length).toBeGreaterThan(20);
      for (const [name, request] of others)
        expect([name, await decide({ account: WORKLOAD, principal: STACKSETS_EXEC, ...request }, cloud)]).toEqual([name, "ExplicitlyDenied"]);
    });
  });
});

describe("Suspended OU", () => {
  it("denies everything to everyone in a suspended account, global services and the deployment role included", async () => {
    for (const principal of ["admin", "deployment", "kestrel-break-glass"])
      for (const [action, resource, region] of [["s3:GetObject", "arn:aws:s3:::data/x", "eu-west-2"], ["iam:ListRoles", "arn:aws:iam::{account}:role/x", "us-east-1"], ["sts:AssumeRole", "arn:aws:iam::{account}:role/x", "eu-west-2"]] as const)
        expect([principal, action, await decide({ account: "retired", principal, action, resource, region })]).toEqual([principal, action, "ExplicitlyDenied"]);
  });

  /** The backup policies that reach an account through its root → OU → account chain. */
  const backupPolicies = (on: OrganizationSimulator, account: string) =>
    on.targetChain(account).flatMap((ref) => on.attached(ref, "BACKUP_POLICY").map((p) => p.name));

  it("keeps the backup policy from suspended accounts, which have no backup vault or role, and gives it to every other member account", () => {
    expect(backupPolicies(sim, "retired")).toEqual([]);
    for (const account of ["log-archive", "audit", "shared-services", "voting-prod", "voting-nonprod"])
      expect([account, backupPolicies(sim, account)]).toEqual([account, ["kestrel-lz-backup-daily"]]);
  });

  it("keeps the backup policy from a nested suspended OU, and gives it once to its siblings and its parent's accounts", () => {
    const nested = new OrganizationSimulator(organizationStack((data) => {
      ouNamed(data, "Sandbox").children = [{ name: "Quarantine" }, { name: "Labs" }];
      data.guardrails.suspendedOu = "Sandbox/Quarantine";
      data.accounts = data.accounts.filter((a: { name: string }) => a.name !== "retired");
      data.accounts.push(
        { name: "quarantined", email: "aws-q@kestrel.example.org", purpose: "sandbox", ou: "Sandbox/Quarantine" },
        { name: "lab", email: "aws-lab@kestrel.example.org", purpose: "sandbox", ou: "Sandbox/Labs" },
        { name: "sandbox-one", email: "aws-sb@kestrel.example.org", purpose: "sandbox", ou: "Sandbox" },
      );
    }));
    expect(backupPolicies(nested, "quarantined")).toEqual([]);
    expect(backupPolicies(nested, "lab")).toEqual(["kestrel-lz-backup-daily"]);
    expect(backupPolicies(nested, "sandbox-one")).toEqual(["kestrel-lz-backup-daily"]);
    expect(backupPolicies(nested, "voting-prod")).toEqual(["kestrel-lz-backup-daily"]);
  });

  it("does not reach accounts in other OUs", async () => {
    expect(await decide({ account: WORKLOAD, action: "s3:GetObject", resource: "arn:aws:s3:::data/x" })).toBe("Allowed");
  });
});

describe("resource control policies", () => {
  const bucketPolicy = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:role/Outsider" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::voting-data/*" }],
  };

  it.each([
    ["s3:GetObject", "arn:aws:s3:::voting-data/ballot.json"],
    ["kms:Decrypt", "arn:aws:kms:eu-west-2:{account}:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
    ["sqs:SendMessage", "arn:aws:sqs:eu-west-2:{account}:votes"],
    ["secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-2:{account}:secret:db-AbCdEf"],
    ["sts:AssumeRole", "arn:aws:iam::{account}:role/app"],
  ])("denies %s without TLS and allows it with TLS", async (action, resource) => {
    const plain = await sim.evaluate({ account: WORKLOAD, action, resource, context: { "aws:SecureTransport": "false" } });
    expect([plain.result, plain.rcp]).toEqual(["ExplicitlyDenied", "ExplicitlyDenied"]);
    expect(await decide({ account: WORKLOAD, action, resource, context: { "aws:SecureTransport": "true" } })).toBe("Allowed");
  });

  it("denies principals outside the organisation even when a bucket policy lets them in", async () => {
    const outsider = await sim.evaluate({ account: WORKLOAD, action: "s3:GetObject", resource: "arn:aws:s3:::voting-data/ballot.json", resourcePolicy: bucketPolicy, principalOutsideOrganization: true });
    expect([outsider.result, outsider.rcp]).toEqual(["ExplicitlyDenied", "ExplicitlyDenied"]);
  });

  it("creating the organization in the same plan, keeps the perimeter on its id (a Terraform reference)", async () => {
    const fresh = new OrganizationSimulator(organizationStack((data) => {
      delete data.organization.id;
      delete accountNamed(data, "shared-services").id;
    }));
    const request = { account: WORKLOAD, action: "s3:GetObject", resource: "arn:aws:s3:::voting-data/ballot.json", resourcePolicy: bucketPolicy };
    const outsider = await fresh.evaluate({ ...request, principalOutsideOrganization: true });
    expect([outsider.result, outsider.rcp]).toEqual(["ExplicitlyDenied", "ExplicitlyDenied"]);
    expect(await decide({ account: WORKLOAD, action: "s3:GetObject", resource: "arn:aws:s3:::voting-data/ballot.json" }, fresh)).toBe("Allowed");
  });

  /**
   * ALB and CLB access logs in Regions available before August 2022 are written by an AWS-owned ELB account
   * (London: 652711504416), a principal outside the organisation, into a workload's own log bucket.
   */
  describe("load balancer access logs", () => {
    const LONDON_ELB = "arn:aws:iam::652711504416:root";
    const logKey = "arn:aws:s3:::voting-alb-logs/AWSLogs/{account}/elasticloadbalancing/eu-west-2/2026/11/24/x.log.gz";
    const albLogBucketPolicy = (principal: string) => ({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: principal }, Action: ["s3:PutObject", "s3:GetObject", "s3:PutObjectAcl", "s3:DeleteObject"], Resource: "arn:aws:s3:::voting-alb-logs/*" }],
    });
    const elb = (principal: string, action: string, orgId: string | undefined) => sim.evaluate({
      account: WORKLOAD, principal, principalOutsideOrganization: true, action, resource: logKey,
      resourcePolicy: albLogBucketPolicy(principal), context: { "aws:PrincipalOrgID": orgId },
    });

    it.each([["outside any organisation", undefined], ["in AWS's own organisation", "o-awsowned01"]])(
      "lets London's ELB account (%s) put access logs where the bucket policy allows", async (_name, orgId) => {
        const result = await elb(LONDON_ELB, "s3:PutObject", orgId);
        expect([result.result, result.rcp]).toEqual(["Allowed", "Allowed"]);
      });

    it.each(["s3:GetObject", "s3:PutObjectAcl", "s3:DeleteObject"])("denies London's ELB account %s, even where the bucket policy allows it", async (action) => {
      const result = await elb(LONDON_ELB, action, undefined);
      expect([action, result.result, result.rcp]).toEqual([action, "ExplicitlyDenied", "ExplicitlyDenied"]);
    });

    it("denies the ELB accounts of Regions that are not allowed (us-east-1: 127311923021)", async () => {
      const result = await elb("arn:aws:iam::127311923021:root", "s3:PutObject", undefined);
      expect([result.result, result.rcp]).toEqual(["ExplicitlyDenied", "ExplicitlyDenied"]);
    });

    it("lets the ELB log delivery service principal of newer Regions write for this organisation's accounts only", async () => {
      const member = sim.accountId(WORKLOAD);
      const principal = "logdelivery.elasticloadbalancing.amazonaws.com";
      const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: principal }, Action: "s3:PutObject", Resource: "arn:aws:s3:::voting-alb-logs/*" }] };
      const put = (sourceOrg: string) => sim.evaluate({
        account: WORKLOAD, principal, action: "s3:PutObject", resource: logKey, resourcePolicy: policy,
        context: { "aws:SourceAccount": member, "aws:SourceOrgID": sourceOrg },
      });
      expect((await put(SIMULATED_ORG_ID)).result).toBe("Allowed");
      expect((await put("o-someoneelse")).result).toBe("ExplicitlyDenied");
    });
  });

  /**
   * The log archive's real bucket and key policies (src/policies/log-archive.ts) behind the real RCPs: every AWS
   * service that writes logs must still get through, and only for accounts of this organisation.
   */
  describe("AWS service deliveries into the log archive", () => {
    const MANAGEMENT = "111111111111";
    /** The deliveries, for the account ids the simulator gives the log archive and a member account. */
    const deliveriesFor = (logArchive: string, member: string, audit: string): [string, SimulatedRequest][] => {
      const context: LogArchivePolicyContext = {
        logArchiveAccountId: logArchive, managementAccountId: MANAGEMENT, auditAccountId: audit, organizationId: SIMULATED_ORG_ID,
        homeRegion: "eu-west-2", regions: ["eu-west-2"],
        trailArn: `arn:aws:cloudtrail:eu-west-2:${MANAGEMENT}:trail/kestrel-lz-org-trail`, auditorRoleArns: [],
      };
      const bucket = (kind: string) => `kestrel-lz-${kind}-${logArchive}-eu-west-2`;
      const key = `arn:aws:kms:eu-west-2:${logArchive}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
      const keyPolicy = logArchiveKeyPolicy(context);
      const fromOrg = (sourceAccount: string, sourceArn: string) =>
        ({ "aws:SourceAccount": sourceAccount, "aws:SourceArn": sourceArn, "aws:SourceOrgID": SIMULATED_ORG_ID });
      const flowLogSource = `arn:aws:logs:eu-west-2:${member}:*`;
      const NEWCOMER = "555555555555";
      const deliveries: [string, SimulatedRequest][] = [
        ["CloudTrail writes the organisation trail", {
          account: "log-archive", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject",
          resource: `arn:aws:s3:::${bucket("cloudtrail")}/AWSLogs/${SIMULATED_ORG_ID}/${member}/CloudTrail/eu-west-2/x.json.gz`,
          resourcePolicy: cloudTrailBucketPolicy(bucket("cloudtrail"), context),
          context: { ...fromOrg(MANAGEMENT, context.trailArn), "s3:x-amz-acl": "bucket-owner-full-control" },
        }],
        ["CloudTrail encrypts with the log archive key", {
          account: "log-archive", principal: "cloudtrail.amazonaws.com", action: "kms:GenerateDataKey", resource: key, resourcePolicy: keyPolicy,
          context: { ...fromOrg(MANAGEMENT, context.trailArn), "kms:EncryptionContext:aws:cloudtrail:arn": context.trailArn },
        }],
        ["AWS Config delivers a member account's snapshot", {
          account: "log-archive", principal: "config.amazonaws.com", action: "s3:PutObject",
          resource: `arn:aws:s3:::${bucket("config")}/AWSLogs/${member}/Config/eu-west-2/x.json.gz`,
          resourcePolicy: configBucketPolicy(bucket("config"), context),
          context: { ...fromOrg(member, `arn:aws:config:eu-west-2:${member}:*`), "s3:x-amz-acl": "bucket-owner-full-control" },
        }],
        ["AWS Config encrypts with the log archive key", {
          account: "log-archive", principal: "config.amazonaws.com", action: "kms:GenerateDataKey", resource: key, resourcePolicy: keyPolicy,
          context: fromOrg(member, `arn:aws:config:eu-west-2:${member}:*`),
        }],
        ["VPC flow logs delivered by delivery.logs.amazonaws.com", {
          account: "log-archive", principal: "delivery.logs.amazonaws.com", action: "s3:PutObject",
          resource: `arn:aws:s3:::${bucket("flow-logs")}/AWSLogs/aws-account-id=${member}/aws-service=vpcflowlogs/x.parquet`,
          resourcePolicy: flowLogsBucketPolicy(bucket("flow-logs"), context),
          context: { ...fromOrg(member, flowLogSource), "s3:x-amz-acl": "bucket-owner-full-control" },
        }],
        ["VPC flow log delivery encrypts with the log archive key", {
          account: "log-archive", principal: "delivery.logs.amazonaws.com", action: "kms:GenerateDataKey", resource: key, resourcePolicy: keyPolicy,
          context: fromOrg(member, flowLogSource),
        }],
        // An account created since log-archive was last applied: no policy names accounts, so nothing need be re-applied.
        ["AWS Config delivers for an account config does not name yet", {
          account: "log-archive", principal: "config.amazonaws.com", action: "s3:PutObject",
          resource: `arn:aws:s3:::${bucket("config")}/AWSLogs/${NEWCOMER}/Config/eu-west-2/x.json.gz`,
          resourcePolicy: configBucketPolicy(bucket("config"), context),
          context: { ...fromOrg(NEWCOMER, `arn:aws:config:eu-west-2:${NEWCOMER}:*`), "s3:x-amz-acl": "bucket-owner-full-control" },
        }],
        ["VPC flow logs delivered for an account config does not name yet", {
          account: "log-archive", principal: "delivery.logs.amazonaws.com", action: "s3:PutObject",
          resource: `arn:aws:s3:::${bucket("flow-logs")}/AWSLogs/aws-account-id=${NEWCOMER}/aws-service=vpcflowlogs/x.parquet`,
          resourcePolicy: flowLogsBucketPolicy(bucket("flow-logs"), context),
          context: { ...fromOrg(NEWCOMER, `arn:aws:logs:eu-west-2:${NEWCOMER}:*`), "s3:x-amz-acl": "bucket-owner-full-control" },
        }],
        ["VPC flow log delivery encrypts for an account config does not name yet", {
          account: "log-archive", principal: "delivery.logs.amazonaws.com", action: "kms:GenerateDataKey", resource: key, resourcePolicy: keyPolicy,
          context: fromOrg(NEWCOMER, `arn:aws:logs:eu-west-2:${NEWCOMER}:*`),
        }],
        ["S3 server access logging of the log buckets", {
          account: "log-archive", principal: "logging.s3.amazonaws.com", action: "s3:PutObject",
          resource: `arn:aws:s3:::${bucket("access-logs")}/cloudtrail/2026-11-24-05-00-00-0123456789ABCDEF`,
          resourcePolicy: accessLogsBucketPolicy(bucket("access-logs"), [{ bucketName: bucket("cloudtrail"), prefix: "cloudtrail/" }], context),
          context: fromOrg(logArchive, `arn:aws:s3:::${bucket("cloudtrail")}`),
        }],
      ];
      return deliveries;
    };
    // The names do not depend on the ids; the requests are built once the simulator exists (beforeAll).
    const DELIVERIES = deliveriesFor("000000000000", "000000000000", "000000000000").map(([name]) => name);
    const delivery = (name: string): SimulatedRequest => {
      const found = deliveriesFor(sim.accountId("log-archive"), sim.accountId(WORKLOAD), sim.accountId("audit")).find(([n]) => n === name);
      if (found === undefined) throw new Error(`no delivery ${name}`);
      return found[1];
    };

    it.each(DELIVERIES)("%s: allowed through the RCPs", async (name) => {
      const request = delivery(name);
      const result = await on(request);
      // iam-simulate does not evaluate kms:EncryptionContext:* keys, so the key policy's CloudTrail statement never
      // matches there; the RCPs, which are what this test is about, must still allow it.
      const keyPolicyUnmodelled = Object.keys(request.context ?? {}).some((k) => k.startsWith("kms:EncryptionContext:"));
      expect([result.result, result.rcp]).toEqual([keyPolicyUnmodelled ? "ImplicitlyDenied" : "Allowed", "Allowed"]);
    });

    it.each(DELIVERIES)("%s: denied by the data perimeter when the source account is in another organisation", async (name) => {
      const request = delivery(name);
      const result = await on({ ...request, context: { ...request.context, "aws:SourceOrgID": "o-someoneelse" } });
      expect([result.result, result.rcp]).toEqual(["ExplicitlyDenied", "ExplicitlyDenied"]);
    });

    /**
     * Evaluates and checks that the engine used the context keys the test gave (iam-simulate reports the KMS
     * encryption-context key of the key policy as ignored, so that one is left out of the check).
     */
    async function on(request: SimulatedRequest) {
      const result = await sim.evaluate(request);
      const given = Object.keys(request.context ?? {}).filter((k) => !k.startsWith("kms:EncryptionContext:"));
      expect(result.ignoredContextKeys.filter((k) => given.includes(k))).toEqual([]);
      return result;
    }
  });

  it("lets AWS services assume the landing zone's roles for this organisation's accounts (AWS Backup)", async () => {
    const member = sim.accountId(WORKLOAD);
    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole", Resource: "*" }] };
    const assume = (sourceOrg: string) => sim.evaluate({
      account: WORKLOAD, principal: "backup.amazonaws.com", action: "sts:AssumeRole", resource: "arn:aws:iam::{account}:role/kestrel-lz-backup",
      resourcePolicy: trust, context: { "aws:SourceAccount": member, "aws:SourceOrgID": sourceOrg },
    });
    expect((await assume(SIMULATED_ORG_ID)).result).toBe("Allowed");
    expect((await assume("o-someoneelse")).result).toBe("ExplicitlyDenied");
  });

  it("keeps federation working: Terraform Cloud OIDC (AssumeRoleWithWebIdentity) and Identity Center (AssumeRoleWithSAML)", async () => {
    const member = sim.accountId(WORKLOAD);
    const federation: [string, string, string][] = [
      ["sts:AssumeRoleWithWebIdentity", `arn:aws:iam::${member}:oidc-provider/app.terraform.io`, "arn:aws:iam::{account}:role/terraform-cloud"],
      ["sts:AssumeRoleWithSAML", `arn:aws:iam::${member}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE`, "arn:aws:iam::{account}:role/aws-reserved/sso.amazonaws.com/eu-west-2/AWSReservedSSO_Administrator_0123456789abcdef"],
    ];
    for (const [action, provider, role] of federation) {
      const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Federated: provider }, Action: action, Resource: "*" }] };
      const result = await sim.evaluate({ account: WORKLOAD, principal: provider, action, resource: role, resourcePolicy: trust });
      expect([action, result.result, result.rcp]).toEqual([action, "Allowed", "Allowed"]);
      // Plain HTTP is still refused.
      const plain = await sim.evaluate({ account: WORKLOAD, principal: provider, action, resource: role, resourcePolicy: trust, context: { "aws:SecureTransport": "false" } });
      expect([action, plain.result]).toEqual([action, "ExplicitlyDenied"]);
    }
  });

  it("lets Identity Center role sessions use this organisation's data", async () => {
    const session = "aws-reserved/sso.amazonaws.com/eu-west-2/AWSReservedSSO_Administrator_0123456789abcdef";
    for (const [action, resource] of [["s3:GetObject", "arn:aws:s3:::voting-data/ballot.json"], ["kms:Decrypt", "arn:aws:kms:eu-west-2:{account}:key/1234abcd-12ab-34cd-56ef-1234567890ab"]] as const)
      expect([action, await decide({ account: WORKLOAD, principal: session, action, resource })]).toEqual([action, "Allowed"]);
  });
});

describe("account baseline guardrails (protect-account-baseline, and the vault lock in protect-landing-zone)", () => {
  const vault = "arn:aws:backup:eu-west-2:{account}:backup-vault:kestrel-lz-backup-vault";
  const restorePlan = "arn:aws:backup:eu-west-2:{account}:restore-testing-plan:kestrel_lz_restore_testing-0123abcd-4567-89ef-0123-456789abcdef";
  const aggregator = "arn:aws:config:eu-west-2:{account}:config-aggregator/config-aggregator-abcdef12";
  const managedAggregator = { "aws:ResourceTag/ManagedBy": "landing-zone" };
  const configRole = "arn:aws:iam::{account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig";

  /** What an administrator could do to switch the account's own settings off or weaken them. */
  const protectedCalls: [string, Omit<SimulatedRequest, "account" | "principal">][] = [
    ["security contact redirected", { action: "account:PutAlternateContact", resource: "arn:aws:account::{account}:account", context: { "account:AlternateContactTypes": ["SECURITY"] } }],
    ["security contact deleted", { action: "account:DeleteAlternateContact", resource: "arn:aws:account::{account}:account", context: { "account:AlternateContactTypes": ["SECURITY"] } }],
    ["password policy weakened", { action: "iam:UpdateAccountPasswordPolicy", resource: "*" }],
    ["password policy deleted", { action: "iam:DeleteAccountPasswordPolicy", resource: "*" }],
    ["Config recorder stopped", { action: "config:StopConfigurationRecorder", resource: "arn:aws:config:eu-west-2:{account}:configuration-recorder/kestrel-lz-recorder/abc" }],
    ["Config recorder changed", { action: "config:PutConfigurationRecorder", resource: "arn:aws:config:eu-west-2:{account}:configuration-recorder/kestrel-lz-recorder/abc" }],
    ["Config delivery channel deleted", { action: "config:DeleteDeliveryChannel", resource: "*" }],
    ["Config delivery channel redirected", { action: "config:PutDeliveryChannel", resource: "*" }],
    ["Config aggregator deleted", { action: "config:DeleteConfigurationAggregator", resource: aggregator, context: managedAggregator }],
    ["Config aggregator narrowed", { action: "config:PutConfigurationAggregator", resource: aggregator, context: managedAggregator }],
    ["Config aggregator untagged", { action: "config:UntagResource", resource: aggregator, context: managedAggregator }],
    ["Config service-linked role deleted", { action: "iam:DeleteServiceLinkedRole", resource: configRole }],
    ["vault lock removed", { action: "backup:DeleteBackupVaultLockConfiguration", resource: vault }],
    ["vault lock weakened", { action: "backup:PutBackupVaultLockConfiguration", resource: vault }],
    ["restore testing plan deleted", { action: "backup:DeleteRestoreTestingPlan", resource: restorePlan }],
    ["restore testing plan changed", { action: "backup:UpdateRestoreTestingPlan", resource: restorePlan }],
    ["restore testing selection deleted", { action: "backup:DeleteRestoreTestingSelection", resource: restorePlan }],
  ];

  it.each(protectedCalls)("%s: denied to an ordinary admin and to break-glass, allowed to the deployment role", async (_name, request) => {
    for (const account of [WORKLOAD, "audit"]) {
      expect([account, await decide({ account, principal: "admin", ...request })]).toEqual([account, "ExplicitlyDenied"]);
      expect([account, await decide({ account, principal: "kestrel-break-glass", ...request })]).toEqual([account, "ExplicitlyDenied"]);
      expect([account, await decide({ account, principal: "deployment", ...request })]).toEqual([account, "Allowed"]);
    }
  });

  /**
   * Every call the Terraform AWS provider makes for these resources in a member account (create, update, destroy),
   * as the deployment role: none may be blocked, or apply fails.
   */
  const terraformCalls: [string, string, SimulatedRequest["context"]?][] = [
    // aws_iam_service_linked_role, aws_config_configuration_recorder, _delivery_channel, _recorder_status.
    ["iam:CreateServiceLinkedRole", configRole, { "iam:AWSServiceName": "config.amazonaws.com" }], ["iam:GetRole", configRole],
    ["iam:DeleteServiceLinkedRole", configRole], ["iam:TagRole", configRole],
    ["config:PutConfigurationRecorder", "arn:aws:config:eu-west-2:{account}:configuration-recorder/kestrel-lz-recorder/abc"],
    ["config:DeleteConfigurationRecorder", "arn:aws:config:eu-west-2:{account}:configuration-recorder/kestrel-lz-recorder/abc"],
    ["config:StartConfigurationRecorder", "arn:aws:config:eu-west-2:{account}:configuration-recorder/kestrel-lz-recorder/abc"],
    ["config:StopConfigurationRecorder", "arn:aws:config:eu-west-2:{account}:configuration-recorder/kestrel-lz-recorder/abc"],
    ["config:PutDeliveryChannel", "*"], ["config:DeleteDeliveryChannel", "*"],
    // aws_config_configuration_aggregator and its role (audit account).
    ["config:PutConfigurationAggregator", aggregator, managedAggregator], ["config:DeleteConfigurationAggregator", aggregator, managedAggregator],
    ["config:TagResource", aggregator, managedAggregator],
    ["iam:CreateRole", "arn:aws:iam::{account}:role/kestrel-lz-config-aggregator"], ["iam:AttachRolePolicy", "arn:aws:iam::{account}:role/kestrel-lz-config-aggregator"],
    ["iam:PassRole", "arn:aws:iam::{account}:role/kestrel-lz-config-aggregator"],
    // aws_account_alternate_contact, aws_iam_account_password_policy.
    ["account:PutAlternateContact", "arn:aws:account::{account}:account", { "account:AlternateContactTypes": ["SECURITY"] }],
    ["account:GetAlternateContact", "arn:aws:account::{account}:account", { "account:AlternateContactTypes": ["SECURITY"] }],
    ["account:DeleteAlternateContact", "arn:aws:account::{account}:account", { "account:AlternateContactTypes": ["SECURITY"] }],
    ["iam:UpdateAccountPasswordPolicy", "*"], ["iam:DeleteAccountPasswordPolicy", "*"],
    // aws_backup_vault_lock_configuration, aws_backup_restore_testing_plan and _selection.
    ["backup:PutBackupVaultLockConfiguration", vault], ["backup:DeleteBackupVaultLockConfiguration", vault],
    ["backup:CreateRestoreTestingPlan", restorePlan], ["backup:UpdateRestoreTestingPlan", restorePlan], ["backup:DeleteRestoreTestingPlan", restorePlan],
    ["backup:CreateRestoreTestingSelection", restorePlan], ["backup:UpdateRestoreTestingSelection", restorePlan], ["backup:DeleteRestoreTestingSelection", restorePlan],
    ["iam:PassRole", "arn:aws:iam::{account}:role/kestrel-lz-backup"],
  ];

  it.each(terraformCalls.map(([action, resource, context]) => [action, resource, context ?? {}] as const))("lets the deployment role apply them: %s on %s", async (action, resource, context) => {
    for (const account of [WORKLOAD, "audit"])
      expect([account, await decide({ account, principal: "deployment", action, resource, context })]).toEqual([account, "Allowed"]);
  });

  it("leaves workloads' own Config aggregators and restore testing plans alone", async () => {
    const own: Omit<SimulatedRequest, "account">[] = [
      { action: "config:DeleteConfigurationAggregator", resource: aggregator, context: { "aws:ResourceTag/ManagedBy": "voting-team" } },
      { action: "backup:DeleteRestoreTestingPlan", resource: "arn:aws:backup:eu-west-2:{account}:restore-testing-plan:voting_tests-0123abcd" },
    ];
    for (const request of own) expect([request.action, await decide({ account: WORKLOAD, ...request })]).toEqual([request.action, "Allowed"]);
  });
});
