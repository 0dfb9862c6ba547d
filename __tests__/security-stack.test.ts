import { runSimulation } from "@cloud-copilot/iam-simulate";
import { Testing } from "cdktf";
import { AccountDirectory } from "../src/stacks/account-directory";
import { RUNTIME_AGENT_MANAGEMENT, guardDutyFeatures, securityHubFindingsPattern } from "../src/policies/security-services";
import { OrganizationStack } from "../stacks/organization-stack";
import { SecurityStack } from "../stacks/security-stack";
import { configFromData, exampleConfigData, issuesOfData, synthesized, type SynthesizedStack } from "./helpers";
import { matchesPattern } from "./support/event-pattern";

/** Account ids of the test directory: every account adopted, so the stack names them literally. */
const IDS: Record<string, string> = {
  management: "111111111111", "log-archive": "333333333333", audit: "444444444444",
  "shared-services": "222222222222", "voting-prod": "555555555555", "voting-nonprod": "666666666666",
};
const AUDIT = IDS.audit as string;
const ROOT_ID = "r-ab12";
const FINDINGS_BUCKET = "kestrel-lz-guardduty-333333333333-eu-west-2";
const LOG_ARCHIVE_KEY = "arn:aws:kms:eu-west-2:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** The security stack alone, in an app of its own, from the example config changed by `mutate`. */
function securityStack(mutate: (data: Record<string, any>) => void = () => undefined): SynthesizedStack {
  const data = exampleConfigData();
  mutate(data);
  const config = configFromData(data);
  const app = Testing.app({ stackTraces: false });
  const accounts = new AccountDirectory(config, new Map(config.accounts.map((a) => [a.name, IDS[a.name] ?? "999999999999"])));
  const stack = new SecurityStack(app, { config, accounts, rootId: ROOT_ID, guardDutyFindingsBucketName: FINDINGS_BUCKET, logArchiveKeyArn: LOG_ARCHIVE_KEY });
  app.synth();
  return synthesized(stack);
}

const example = securityStack();
/** The one resource of a type, without cdktf's metadata (`//`), failing if there is not exactly one. */
const only = (stack: SynthesizedStack, type: string): [string, Record<string, any>] => {
  const entries = Object.entries(stack.resources(type));
  expect(entries).toHaveLength(1);
  const [name, resource] = entries[0] as [string, Record<string, any>];
  return [name, Object.fromEntries(Object.entries(resource).filter(([key]) => key !== "//"))];
};
const ref = (type: string, name: string, attribute = "id") => `\${${type}.${name}.${attribute}}`;

describe("security stack: where it runs", () => {
  it("assumes the member role in the audit account and may change no other (never the management account)", () => {
    expect(example.json.provider.aws).toEqual([expect.objectContaining({
      allowed_account_ids: [AUDIT],
      region: "eu-west-2",
      assume_role: [expect.objectContaining({ role_arn: `arn:aws:iam::${AUDIT}:role/OrganizationAccountAccessRole` })],
    })]);
  });
});

describe("security stack: GuardDuty", () => {
  const [detectorName, detector] = only(example, "aws_guardduty_detector");
  const detectorId = ref("aws_guardduty_detector", detectorName);

  it("enables the audit account's detector, protected from destroy (its findings would go with it)", () => {
    expect(detector).toMatchObject({ enable: true, finding_publishing_frequency: "FIFTEEN_MINUTES", lifecycle: { prevent_destroy: true } });
  });

  it("adopts the detector the delegation gave the audit account rather than creating a second one", () => {
    const found = Object.entries(example.json.data?.aws_guardduty_detector ?? {});
    expect(found).toHaveLength(1);
    const [dataName, dataSource] = found[0] as [string, Record<string, unknown>];
    // No id: the provider finds the account's single detector in the Region.
    expect(Object.keys(dataSource).filter((key) => key !== "//")).toEqual([]);
    expect(dataSource).not.toHaveProperty("depends_on");
    expect(example.json.import).toEqual([{ to: `aws_guardduty_detector.${detectorName}`, id: ref("data.aws_guardduty_detector", dataName) }]);
  });

  it("enables every existing and new account of the organisation (auto_enable_organization_members ALL)", () => {
    expect(only(example, "aws_guardduty_organization_configuration")[1]).toEqual({ detector_id: detectorId, auto_enable_organization_members: "ALL" });
  });

  const FEATURES = ["S3_DATA_EVENTS", "EKS_AUDIT_LOGS", "RUNTIME_MONITORING", "EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS", "LAMBDA_NETWORK_LOGS"];
  const organisationFeature = (stack: SynthesizedStack, name: string) =>
    Object.values(stack.resources("aws_guardduty_organization_configuration_feature")).find((f) => f.name === name);
  const ownFeature = (stack: SynthesizedStack, name: string) =>
    Object.values(stack.resources("aws_guardduty_detector_feature")).find((f) => f.name === name);

  it.each(FEATURES)("turns %s on by default, for the organisation (ALL) and for the audit account's own detector", (name) => {
    expect(organisationFeature(example, name)).toMatchObject({ detector_id: detectorId, auto_enable: "ALL" });
    expect(ownFeature(example, name)).toMatchObject({ detector_id: detectorId, status: "ENABLED" });
  });

  it("changes each organisation feature only after the organisation configuration, whose setting each one re-sends", () => {
    const [organisationName] = only(example, "aws_guardduty_organization_configuration");
    for (const name of FEATURES) {
      expect([name, organisationFeature(example, name)?.depends_on]).toEqual([name, [`aws_guardduty_organization_configuration.${organisationName}`]]);
    }
  });

  it("manages the Runtime Monitoring agent for EKS, ECS Fargate and EC2 by default", () => {
    expect(organisationFeature(example, "RUNTIME_MONITORING")?.additional_configuration).toEqual(
      RUNTIME_AGENT_MANAGEMENT.map((name) => ({ name, auto_enable: "ALL" })),
    );
    expect(ownFeature(example, "RUNTIME_MONITORING")?.additional_configuration).toEqual(RUNTIME_AGENT_MANAGEMENT.map((name) => ({ name, status: "ENABLED" })));
    expect(organisationFeature(example, "EKS_RUNTIME_MONITORING")).toBeUndefined();
  });

  const SWITCHES: [string, string][] = [
    ["s3DataEvents", "S3_DATA_EVENTS"], ["eksAuditLogs", "EKS_AUDIT_LOGS"], ["runtimeMonitoring", "RUNTIME_MONITORING"],
    ["ebsMalwareProtection", "EBS_MALWARE_PROTECTION"], ["rdsLoginEvents", "RDS_LOGIN_EVENTS"], ["lambdaNetworkLogs", "LAMBDA_NETWORK_LOGS"],
  ];
  it.each(SWITCHES)("switching %s off turns %s off (NONE, DISABLED) and leaves the other plans on", (key, name) => {
    const stack = securityStack((d) => {
      d.securityServices = { guardDuty: { protection: { [key]: false, ...(key === "runtimeMonitoring" ? { runtimeMonitoringAgentManagement: false } : {}) } } };
    });
    expect(organisationFeature(stack, name)).toMatchObject({ auto_enable: "NONE" });
    expect(ownFeature(stack, name)).toMatchObject({ status: "DISABLED" });
    for (const other of FEATURES.filter((f) => f !== name)) {
      expect([other, organisationFeature(stack, other)?.auto_enable]).toEqual([other, "ALL"]);
      expect([other, ownFeature(stack, other)?.status]).toEqual([other, "ENABLED"]);
    }
  });

  it("switching agent management off keeps Runtime Monitoring on and leaves agents to the workloads", () => {
    const stack = securityStack((d) => (d.securityServices = { guardDuty: { protection: { runtimeMonitoringAgentManagement: false } } }));
    expect(organisationFeature(stack, "RUNTIME_MONITORING")).toMatchObject({
      auto_enable: "ALL",
      additional_configuration: RUNTIME_AGENT_MANAGEMENT.map((name) => ({ name, auto_enable: "NONE" })),
    });
  });

  it("exports findings to the log archive's findings bucket, encrypted with the log archive key, protected from destroy", () => {
    expect(only(example, "aws_guardduty_publishing_destination")[1]).toEqual({
      detector_id: detectorId, destination_type: "S3", destination_arn: `arn:aws:s3:::${FINDINGS_BUCKET}`, kms_key_arn: LOG_ARCHIVE_KEY,
      lifecycle: { prevent_destroy: true },
    });
  });

  it("writes every plan whatever config says, so switching one off reaches AWS", () => {
    expect(guardDutyFeatures({
      s3DataEvents: false, eksAuditLogs: false, runtimeMonitoring: false, runtimeMonitoringAgentManagement: false,
      ebsMalwareProtection: false, rdsLoginEvents: false, lambdaNetworkLogs: false,
    }).map((f) => [f.name, f.enabled])).toEqual(FEATURES.map((name) => [name, false]));
  });
});

describe("security stack: Security Hub CSPM central configuration", () => {
  const [aggregatorName, aggregator] = only(example, "aws_securityhub_finding_aggregator");
  const [centralName, central] = only(example, "aws_securityhub_organization_configuration");
  const [policyName, policy] = only(example, "aws_securityhub_configuration_policy");
  const [, association] = only(example, "aws_securityhub_configuration_policy_association");

  it("creates the finding aggregator in the home Region, linking no Region when London is the only one allowed", () => {
    expect(aggregator).toEqual({ linking_mode: "NO_REGIONS" });
  });

  it("links every other allowed Region, the OUs' included, to the home Region", () => {
    const stack = securityStack((d) => {
      d.organization.allowedRegions = ["eu-west-2", "eu-west-1"];
      d.organizationalUnits[2].children[0].allowedRegions = ["eu-west-2", "eu-central-1"];
    });
    expect(only(stack, "aws_securityhub_finding_aggregator")[1]).toEqual({ linking_mode: "SPECIFIED_REGIONS", specified_regions: ["eu-central-1", "eu-west-1"] });
  });

  it("uses central configuration with auto-enable off and no default standards, after the aggregator", () => {
    expect(central).toEqual({
      auto_enable: false, auto_enable_standards: "NONE", organization_configuration: { configuration_type: "CENTRAL" },
      depends_on: [`aws_securityhub_finding_aggregator.${aggregatorName}`],
    });
  });

  it("enables Security Hub with AWS Foundational Security Best Practices and CIS v3.0.0, after the organisation configuration", () => {
    expect(policy.configuration_policy).toEqual({
      service_enabled: true,
      enabled_standard_arns: [
        "arn:aws:securityhub:eu-west-2::standards/aws-foundational-security-best-practices/v/1.0.0",
        "arn:aws:securityhub:eu-west-2::standards/cis-aws-foundations-benchmark/v/3.0.0",
      ],
      security_controls_configuration: { disabled_control_identifiers: [] },
    });
    expect(policy.depends_on).toEqual([`aws_securityhub_organization_configuration.${centralName}`]);
  });

  it("associates the policy with the organisation's root, after the policy", () => {
    expect(association).toEqual({
      policy_id: ref("aws_securityhub_configuration_policy", policyName),
      target_id: ROOT_ID,
      depends_on: [`aws_securityhub_configuration_policy.${policyName}`],
    });
  });

  it("disables exactly the controls config lists with a reason", () => {
    const stack = securityStack((d) => (d.securityServices = { securityHub: { disabledControls: { "EC2.21": "our NACLs deny first", "IAM.6": "no root credentials" } } }));
    expect(only(stack, "aws_securityhub_configuration_policy")[1].configuration_policy.security_controls_configuration)
      .toEqual({ disabled_control_identifiers: ["EC2.21", "IAM.6"] });
  });
});

describe("security stack: IAM Access Analyzer", () => {
  const analyzers = () => Object.values(example.resources("aws_accessanalyzer_analyzer"));

  it("has an organisation analyzer for external access and one for unused access older than 90 days (default)", () => {
    expect(analyzers().map((a) => a.type).sort()).toEqual(["ORGANIZATION", "ORGANIZATION_UNUSED_ACCESS"]);
    expect(analyzers().find((a) => a.type === "ORGANIZATION_UNUSED_ACCESS")?.configuration).toEqual({ unused_access: { unused_access_age: 90 } });
  });

  it("takes the unused access age from config, and leaves the unused access analyzer out when config says so", () => {
    const aged = securityStack((d) => (d.securityServices = { accessAnalyzer: { unusedAccessAgeDays: 30 } }));
    expect(Object.values(aged.resources("aws_accessanalyzer_analyzer")).find((a) => a.type === "ORGANIZATION_UNUSED_ACCESS")?.configuration)
      .toEqual({ unused_access: { unused_access_age: 30 } });
    const off = securityStack((d) => (d.securityServices = { accessAnalyzer: { unusedAccess: false } }));
    expect(Object.values(off.resources("aws_accessanalyzer_analyzer")).map((a) => a.type)).toEqual(["ORGANIZATION"]);
  });
});

describe("security stack: Macie and Inspector", () => {
  it("auto-enables Macie for accounts that join the organisation, and has no Macie at all when config turns it off", () => {
    expect(only(example, "aws_macie2_organization_configuration")[1]).toEqual({ auto_enable: true });
    const off = securityStack((d) => (d.securityServices = { macie: { enabled: false } }));
    expect(off.resources("aws_macie2_organization_configuration")).toEqual({});
  });

  it("auto-enables Inspector's EC2, ECR, Lambda and Lambda code scanning for the organisation, after enabling the audit account", () => {
    const [enablerName, enabler] = only(example, "aws_inspector2_enabler");
    expect(enabler).toEqual({ account_ids: [AUDIT], resource_types: ["EC2", "ECR", "LAMBDA", "LAMBDA_CODE"] });
    expect(only(example, "aws_inspector2_organization_configuration")[1]).toEqual({
      auto_enable: { ec2: true, ecr: true, lambda: true, lambda_code: true },
      depends_on: [`aws_inspector2_enabler.${enablerName}`],
    });
  });

  it("turns a scan type off in both places when config does", () => {
    const stack = securityStack((d) => (d.securityServices = { inspector: { ecr: false, lambdaCode: false } }));
    expect(only(stack, "aws_inspector2_enabler")[1].resource_types).toEqual(["EC2", "LAMBDA"]);
    expect(only(stack, "aws_inspector2_organization_configuration")[1].auto_enable).toEqual({ ec2: true, ecr: false, lambda: true, lambda_code: false });
  });
});

describe("security stack: findings reach people", () => {
  const [ruleName, rule] = only(example, "aws_cloudwatch_event_rule");
  const [, target] = only(example, "aws_cloudwatch_event_target");
  const [topicName, topic] = only(example, "aws_sns_topic");
  const [keyName, key] = only(example, "aws_kms_key");
  const pattern = JSON.parse(rule.event_pattern);
  const TOPIC_ARN = `arn:aws:sns:eu-west-2:${AUDIT}:kestrel-lz-security-alarms`;

  const finding = (label: string, status = "NEW", record = "ACTIVE") => ({
    version: "0", source: "aws.securityhub", "detail-type": "Security Hub Findings - Imported", account: AUDIT, region: "eu-west-2",
    detail: { findings: [{
      SchemaVersion: "2018-10-08", ProductArn: "arn:aws:securityhub:eu-west-2::product/aws/guardduty", AwsAccountId: "555555555555",
      Title: "EC2 instance is communicating with a known command and control server",
      Severity: { Label: label, Normalized: label === "HIGH" ? 70 : 1 }, Workflow: { Status: status }, RecordState: record,
    }] },
  });

  it("matches a new, active HIGH or CRITICAL finding imported by Security Hub", () => {
    expect(pattern).toEqual(securityHubFindingsPattern());
    expect(matchesPattern(pattern, finding("HIGH"))).toBe(true);
    expect(matchesPattern(pattern, finding("CRITICAL"))).toBe(true);
  });

  it("does not match LOW, MEDIUM or INFORMATIONAL findings, triaged or resolved ones, or other Security Hub events", () => {
    for (const label of ["LOW", "MEDIUM", "INFORMATIONAL"]) expect([label, matchesPattern(pattern, finding(label))]).toEqual([label, false]);
    expect(matchesPattern(pattern, finding("HIGH", "NOTIFIED"))).toBe(false);
    expect(matchesPattern(pattern, finding("HIGH", "NEW", "ARCHIVED"))).toBe(false);
    expect(matchesPattern(pattern, { ...finding("HIGH"), "detail-type": "Security Hub Findings - Custom Action" })).toBe(false);
  });

  /**
   * Security Hub sends "Findings - Imported" again at every update of a finding, so a control that stays FAILED
   * notifies again at each evaluation until someone triages it (Workflow NOTIFIED or SUPPRESSED): the rule keeps
   * Workflow NEW as its only de-duplication, on purpose (README, Security services: findings to people).
   */
  it("notifies a re-imported failed control finding until it is triaged, and again when it fails anew", () => {
    const control = (workflow: string, compliance: string, label = "HIGH") => {
      const event = finding(label, workflow);
      const [first] = event.detail.findings;
      return { ...event, detail: { findings: [{ ...first, ProductArn: "arn:aws:securityhub:eu-west-2::product/aws/securityhub", Compliance: { Status: compliance } }] } };
    };
    expect(matchesPattern(pattern, control("NEW", "FAILED"))).toBe(true);
    // Re-evaluated, still failing: the same event again, so a second email.
    expect(matchesPattern(pattern, control("NEW", "FAILED"))).toBe(true);
    // Triaged: no more emails while it stays failed.
    expect(matchesPattern(pattern, control("NOTIFIED", "FAILED"))).toBe(false);
    expect(matchesPattern(pattern, control("SUPPRESSED", "FAILED"))).toBe(false);
    // Fixed: Security Hub resolves it, and a passed control is INFORMATIONAL.
    expect(matchesPattern(pattern, control("RESOLVED", "PASSED", "INFORMATIONAL"))).toBe(false);
    // Failing again after passing: Security Hub resets Workflow to NEW, so it notifies again.
    expect(matchesPattern(pattern, control("NEW", "FAILED"))).toBe(true);
  });

  it("sends matches to the audit account's security alarm topic with a role of the audit account", () => {
    expect(rule).toMatchObject({ name: "kestrel-lz-security-hub-high-findings", state: "ENABLED" });
    expect(target).toMatchObject({ rule: ref("aws_cloudwatch_event_rule", ruleName, "name"), arn: ref("aws_sns_topic", topicName, "arn") });
    const [roleName, role] = only(example, "aws_iam_role");
    expect(target.role_arn).toBe(ref("aws_iam_role", roleName, "arn"));
    expect(JSON.parse(role.assume_role_policy).Statement[0]).toMatchObject({
      Principal: { Service: "events.amazonaws.com" }, Condition: { StringEquals: { "aws:SourceAccount": AUDIT } },
    });
  });

  it("lets EventBridge assume the publisher role only for the findings rule (aws:SourceArn), not for other rules of the account", async () => {
    const [, role] = only(example, "aws_iam_role");
    const trust = JSON.parse(role.assume_role_policy);
    const ruleArn = `arn:aws:events:eu-west-2:${AUDIT}:rule/${rule.name}`;
    expect(trust.Statement[0].Condition.StringEquals["aws:SourceArn"]).toEqual([ruleArn]);
    const assume = (sourceArn: string) => runSimulation({
      identityPolicies: [], serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: trust,
      request: {
        principal: "events.amazonaws.com", action: "sts:AssumeRole",
        resource: { resource: `arn:aws:iam::${AUDIT}:role/kestrel-lz-events-publish-alarms`, accountId: AUDIT },
        contextVariables: { "aws:SourceAccount": AUDIT, "aws:SourceArn": sourceArn },
      },
    }, {}).then((r) => (r.resultType === "error" ? JSON.stringify(r.errors) : r.overallResult));
    expect(await assume(ruleArn)).toBe("Allowed");
    expect(await assume(`arn:aws:events:eu-west-2:${AUDIT}:rule/someone-elses-rule`)).toBe("ImplicitlyDenied");
  });

  it("encrypts the topic with a key of its own, which rotates and is protected from destroy", () => {
    expect(topic).toMatchObject({ name: "kestrel-lz-security-alarms", kms_master_key_id: ref("aws_kms_key", keyName, "arn") });
    expect(key).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
  });

  it("subscribes every security contact by email", () => {
    const contacts: string[] = exampleConfigData().logging.securityContacts;
    const subscriptions = Object.values(example.resources("aws_sns_topic_subscription"));
    expect(subscriptions.map((s) => s.endpoint).sort()).toEqual([...contacts].sort());
    for (const subscription of subscriptions) expect(subscription).toMatchObject({ protocol: "email", topic_arn: ref("aws_sns_topic", topicName, "arn") });
  });

  it("lets the publisher role publish to the topic and use its key only through SNS; nobody else from outside the account", async () => {
    const [, rolePolicy] = only(example, "aws_iam_role_policy");
    const topicPolicy = JSON.parse(only(example, "aws_sns_topic_policy")[1].policy);
    const publisher = `arn:aws:iam::${AUDIT}:role/kestrel-lz-events-publish-alarms`;
    const simulate = (principal: string, action: string, resource: string, identity: unknown, resourcePolicy: unknown, context: Record<string, string> = {}) =>
      runSimulation({
        identityPolicies: identity === undefined ? [] : [{ name: "publisher", policy: identity as any }],
        serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: resourcePolicy as any,
        request: { principal, action, resource: { resource, accountId: AUDIT }, contextVariables: { "aws:SecureTransport": "true", ...context } },
      }, {}).then((r) => (r.resultType === "error" ? JSON.stringify(r.errors) : r.overallResult));
    const identity = JSON.parse(rolePolicy.policy);
    expect(await simulate(publisher, "sns:Publish", TOPIC_ARN, identity, topicPolicy)).toBe("Allowed");
    const keyArn = `arn:aws:kms:eu-west-2:${AUDIT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const keyPolicy = JSON.parse(key.policy);
    expect(await simulate(publisher, "kms:GenerateDataKey", keyArn, identity, keyPolicy, { "kms:ViaService": "sns.eu-west-2.amazonaws.com" })).toBe("Allowed");
    expect(await simulate(publisher, "kms:Decrypt", keyArn, identity, keyPolicy, { "kms:ViaService": "s3.eu-west-2.amazonaws.com" })).toBe("ImplicitlyDenied");
    expect(await simulate("arn:aws:iam::999999999999:role/intruder", "sns:Publish", TOPIC_ARN, undefined, topicPolicy)).toBe("ImplicitlyDenied");
  });
});

describe("securityServices config", () => {
  const messages = (mutate: (d: Record<string, any>) => void) => issuesOfData(mutate).map((i) => `${i.path.join(".")}: ${i.message}`);

  it("defaults every switch to on", () => {
    const config = configFromData(exampleConfigData()).securityServices;
    expect(config.guardDuty.protection).toEqual({
      s3DataEvents: true, eksAuditLogs: true, runtimeMonitoring: true, runtimeMonitoringAgentManagement: true,
      ebsMalwareProtection: true, rdsLoginEvents: true, lambdaNetworkLogs: true,
    });
    expect(config.inspector).toEqual({ ec2: true, ecr: true, lambda: true, lambdaCode: true });
    expect(config.macie.enabled).toBe(true);
    expect(config.accessAnalyzer).toEqual({ unusedAccess: true, unusedAccessAgeDays: 90 });
    expect(config.securityHub.disabledControls).toEqual({});
  });

  it("requires a reason for every disabled control, and a real control id", () => {
    expect(messages((d) => (d.securityServices = { securityHub: { disabledControls: { "IAM.6": "  " } } })).join("\n"))
      .toMatch(/securityServices\.securityHub\.disabledControls\.IAM\.6: a disabled control needs a reason/);
    expect(messages((d) => (d.securityServices = { securityHub: { disabledControls: { "IAM six": "why" } } })).join("\n"))
      .toMatch(/"IAM six" is not a Security Hub control id/);
  });

  it("reports agent management without Runtime Monitoring, and Lambda code scanning without Lambda scanning, at once", () => {
    const found = messages((d) => (d.securityServices = {
      guardDuty: { protection: { runtimeMonitoring: false } },
      inspector: { lambda: false },
    }));
    expect(found).toEqual(expect.arrayContaining([
      expect.stringMatching(/^securityServices\.guardDuty\.protection\.runtimeMonitoringAgentManagement: agent management is part of Runtime Monitoring/),
      expect.stringMatching(/^securityServices\.inspector\.lambdaCode: Lambda code scanning needs Lambda standard scanning/),
    ]));
  });

  it("keeps the unused access age within IAM Access Analyzer's 1-365 days", () => {
    expect(messages((d) => (d.securityServices = { accessAnalyzer: { unusedAccessAgeDays: 400 } })).join("\n")).toMatch(/unusedAccessAgeDays: at most 365 days/);
  });
});

describe("organization stack: the security services' delegations", () => {
  const organizationStack = (mutate: (data: Record<string, any>) => void = () => undefined): SynthesizedStack => {
    const data = exampleConfigData();
    const audit = data.accounts.find((a: { purpose: string }) => a.purpose === "audit");
    audit.id = AUDIT;
    mutate(data);
    const app = Testing.app({ stackTraces: false });
    const stack = new OrganizationStack(app, configFromData(data));
    app.synth();
    return synthesized(stack);
  };
  const stack = organizationStack();
  const organization = "aws_organizations_organization.organization";

  it("keeps trusted access for every security service, Inspector and GuardDuty Malware Protection included", () => {
    expect(stack.resource("aws_organizations_organization", "organization").aws_service_access_principals).toEqual(expect.arrayContaining([
      "guardduty.amazonaws.com", "malware-protection.guardduty.amazonaws.com", "securityhub.amazonaws.com",
      "access-analyzer.amazonaws.com", "macie.amazonaws.com", "inspector2.amazonaws.com",
    ]));
  });

  it.each([
    ["aws_guardduty_organization_admin_account", "admin_account_id"],
    ["aws_securityhub_organization_admin_account", "admin_account_id"],
    ["aws_macie2_organization_admin_account", "admin_account_id"],
    ["aws_inspector2_delegated_admin_account", "account_id"],
  ])("%s makes the audit account the delegated administrator, after the organization", (type, attribute) => {
    const [, delegation] = only(stack, type);
    expect(delegation[attribute]).toBe(AUDIT);
    expect(delegation.depends_on).toEqual([organization]);
  });

  it("registers IAM Access Analyzer through Organizations, and no service through both mechanisms", () => {
    // The account baseline registers AWS Config the same way (its aggregator); each principal exactly once.
    const registrations = Object.values(stack.resources("aws_organizations_delegated_administrator")) as Record<string, any>[];
    expect(registrations.map((r) => r.service_principal).sort()).toEqual(["access-analyzer.amazonaws.com", "config.amazonaws.com"]);
    const registration = registrations.find((r) => r.service_principal === "access-analyzer.amazonaws.com");
    expect(registration).toMatchObject({ account_id: AUDIT, depends_on: [organization] });
  });

  it("protects the always-on delegations from destroy, and drops Macie's when config turns Macie off", () => {
    for (const type of ["aws_guardduty_organization_admin_account", "aws_securityhub_organization_admin_account", "aws_inspector2_delegated_admin_account"])
      expect([type, only(stack, type)[1].lifecycle]).toEqual([type, { prevent_destroy: true }]);
    for (const registration of Object.values(stack.resources("aws_organizations_delegated_administrator")) as Record<string, any>[])
      expect([registration.service_principal, registration.lifecycle]).toEqual([registration.service_principal, { prevent_destroy: true }]);
    expect(organizationStack((d) => (d.securityServices = { macie: { enabled: false } })).resources("aws_macie2_organization_admin_account")).toEqual({});
  });
});
