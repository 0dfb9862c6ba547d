import { AccessanalyzerAnalyzer } from "@cdktf/provider-aws/lib/accessanalyzer-analyzer";
import { DataAwsGuarddutyDetector } from "@cdktf/provider-aws/lib/data-aws-guardduty-detector";
import { GuarddutyDetector } from "@cdktf/provider-aws/lib/guardduty-detector";
import { GuarddutyDetectorFeature } from "@cdktf/provider-aws/lib/guardduty-detector-feature";
import { GuarddutyOrganizationConfiguration } from "@cdktf/provider-aws/lib/guardduty-organization-configuration";
import { GuarddutyOrganizationConfigurationFeature } from "@cdktf/provider-aws/lib/guardduty-organization-configuration-feature";
import { GuarddutyPublishingDestination } from "@cdktf/provider-aws/lib/guardduty-publishing-destination";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Inspector2Enabler } from "@cdktf/provider-aws/lib/inspector2-enabler";
import { Inspector2OrganizationConfiguration } from "@cdktf/provider-aws/lib/inspector2-organization-configuration";
import { Macie2OrganizationConfiguration } from "@cdktf/provider-aws/lib/macie2-organization-configuration";
import { SecurityhubConfigurationPolicy } from "@cdktf/provider-aws/lib/securityhub-configuration-policy";
import { SecurityhubConfigurationPolicyAssociation } from "@cdktf/provider-aws/lib/securityhub-configuration-policy-association";
import { SecurityhubFindingAggregator } from "@cdktf/provider-aws/lib/securityhub-finding-aggregator";
import { SecurityhubOrganizationConfiguration } from "@cdktf/provider-aws/lib/securityhub-organization-configuration";
import type { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { flattenOrganizationalUnits } from "../src/organization/ou-tree";
import type { LandingZoneConfig } from "../src/config/schema";
import { addKeyedSecurityAlarmTopic } from "../src/constructs/security-alarm-topic";
import { SecurityEventRule } from "../src/constructs/security-event-rule";
import { STACK_NAMES } from "../src/naming";
import { policyJson } from "../src/policies/document";
import { eventBridgeTrustPolicy, publishToTopicPolicy } from "../src/policies/event-forwarding";
import { bucketArn } from "../src/policies/log-archive";
import {
  findingAggregatorRegions,
  guardDutyFeatures,
  inspectorResourceTypes,
  securityHubFindingsPattern,
  securityHubStandardArns,
} from "../src/policies/security-services";
import type { AccountDirectory } from "../src/stacks/account-directory";
import { LandingZoneStack } from "../src/stacks/landing-zone-stack";

export interface SecurityStackProps {
  readonly config: LandingZoneConfig;
  /** OrganizationStack.accounts: the stack targets the audit account. */
  readonly accounts: AccountDirectory;
  /** OrganizationStack.rootId: the Security Hub configuration policy is associated with the root. */
  readonly rootId: string;
  /** From the log-archive stack: the bucket GuardDuty exports findings to (its policy admits the audit account's detector). */
  readonly guardDutyFindingsBucketName: string;
  /** From the log-archive stack: the key GuardDuty encrypts exported findings with (its policy admits the same detector). */
  readonly logArchiveKeyArn: string;
}

/**
 * The audit account as delegated administrator of the organisation's security services, in the home Region:
 * GuardDuty (every account, every protection plan config switches on, findings exported to the log archive),
 * Security Hub CSPM central configuration (FSBP and CIS v3.0 in every account), IAM Access Analyzer organisation
 * analyzers, Macie and Inspector auto-enablement, and high and critical findings to people by email.
 *
 * The organization stack registers the delegations (SecurityServiceDelegations) and must be applied first; the
 * log-archive stack's findings bucket and key too (GuardDuty checks them when the export is created). Nothing here
 * grows with the number of accounts: every setting is organisation-wide.
 */
export class SecurityStack extends LandingZoneStack {
  readonly detector: GuarddutyDetector;
  readonly findingsTopic: SnsTopic;
  readonly findingsRule: SecurityEventRule;

  constructor(scope: Construct, props: SecurityStackProps) {
    super(scope, STACK_NAMES.security, { config: props.config, target: props.accounts.audit });
    this.detector = this.enableGuardDuty(props);
    this.configureSecurityHub(props);
    this.createAccessAnalyzers();
    if (this.config.securityServices.macie.enabled) this.autoEnableMacie();
    this.enableInspector();
    ({ topic: this.findingsTopic, rule: this.findingsRule } = this.notifyFindings());

    new TerraformOutput(this, "guardduty_detector_id", { value: this.detector.id });
    new TerraformOutput(this, "security_findings_topic_arn", { value: this.findingsTopic.arn });
  }

  /**
   * GuardDuty: the audit account's detector, the organisation configuration that enables every existing and new
   * account (auto_enable_organization_members ALL; GuardDuty API, UpdateOrganizationConfiguration,
   * AutoEnableOrganizationMembers), each protection plan for the organisation and for the audit account's own
   * detector (the administrator is not its own member), and the findings export.
   *
   * The detector is adopted, not created. Designating the audit account as delegated administrator (organization
   * stack, applied first) "also enables GuardDuty for the delegated GuardDuty administrator account" (GuardDuty UG,
   * "Permissions required to designate a delegated GuardDuty administrator account",
   * https://docs.aws.amazon.com/guardduty/latest/ug/organizations_permissions.html), so the account already has its
   * one detector in the Region and CreateDetector would fail (hashicorp/terraform-provider-aws#11780). The design
   * relies on that page. "Designating a delegated GuardDuty administrator account"
   * (https://docs.aws.amazon.com/guardduty/latest/ug/delegated-admin-designate.html) tells console users to enable
   * GuardDuty in the new administrator themselves; if that is what happened, the data source finds no detector and
   * the plan stops with the provider's error, and the README's manual step applies (enable GuardDuty in the audit
   * account, then plan again). The data source without an id reads the account's single detector in the Region
   * (provider source, internal/service/guardduty/detector_data_source.go: ListDetectors, an error unless exactly
   * one); an import block takes its id, which is known at plan time (Terraform docs, "import block reference": the
   * id may be any expression that evaluates to a string known during plan). Once the detector is in state the
   * import block does nothing. The detector and the export have prevent_destroy: deleting the detector deletes its
   * findings.
   */
  private enableGuardDuty(props: SecurityStackProps): GuarddutyDetector {
    const guardDuty = this.config.securityServices.guardDuty;
    const existing = new DataAwsGuarddutyDetector(this, "guardduty_detector_from_delegation", {});
    const detector = new GuarddutyDetector(this, "guardduty_detector", {
      enable: true,
      findingPublishingFrequency: guardDuty.findingPublishingFrequency,
      lifecycle: { preventDestroy: true },
    });
    detector.importFrom(existing.id);
    const detectorId = detector.id;
    const organisationConfiguration = new GuarddutyOrganizationConfiguration(this, "guardduty_organization", {
      detectorId,
      autoEnableOrganizationMembers: "ALL",
    });

    for (const feature of guardDutyFeatures(guardDuty.protection)) {
      const id = feature.name.toLowerCase();
      const organisation = (enabled: boolean) => (enabled ? "ALL" : "NONE");
      const status = (enabled: boolean) => (enabled ? "ENABLED" : "DISABLED");
      new GuarddutyOrganizationConfigurationFeature(this, `guardduty_organization_${id}`, {
        detectorId,
        name: feature.name,
        autoEnable: organisation(feature.enabled),
        additionalConfiguration: feature.additionalConfiguration.map((extra) => ({ name: extra.name, autoEnable: organisation(extra.enabled) })),
        // Each feature's update re-sends the organisation's current AutoEnableOrganizationMembers (provider source,
        // organization_configuration_feature.go): before the organisation configuration is applied, it would send
        // the old value back.
        dependsOn: [organisationConfiguration],
      });
      new GuarddutyDetectorFeature(this, `guardduty_detector_${id}`, {
        detectorId,
        name: feature.name,
        status: status(feature.enabled),
        additionalConfiguration: feature.additionalConfiguration.map((extra) => ({ name: extra.name, status: status(extra.enabled) })),
      });
    }

    new GuarddutyPublishingDestination(this, "guardduty_findings_export", {
      detectorId,
      destinationType: "S3",
      destinationArn: bucketArn(props.guardDutyFindingsBucketName),
      kmsKeyArn: props.logArchiveKeyArn,
      lifecycle: { preventDestroy: true },
    });
    return detector;
  }

  /**
   * Security Hub CSPM central configuration, in the order AWS and the provider document, each step waiting for the
   * previous one (depends_on, since no step references the one before): the delegated administrator (organization
   * stack) → the finding aggregator in the home Region → the organisation configuration CENTRAL, which requires
   * auto-enable off and no default standards → the configuration policy → its association with the root
   * (provider docs, aws_securityhub_organization_configuration and aws_securityhub_configuration_policy; Security
   * Hub CSPM UG, "Enabling central configuration"). The association makes the policy apply to every account and OU,
   * new ones included.
   */
  private configureSecurityHub(props: SecurityStackProps): void {
    const { organization, organizationalUnits, securityServices } = this.config;
    const allowedRegions = [
      ...organization.allowedRegions,
      ...flattenOrganizationalUnits(organizationalUnits).flatMap((flat) => flat.ou.allowedRegions ?? []),
    ];
    const aggregator = new SecurityhubFindingAggregator(this, "securityhub_finding_aggregator", findingAggregatorRegions(organization.homeRegion, allowedRegions));
    const central = new SecurityhubOrganizationConfiguration(this, "securityhub_organization", {
      autoEnable: false,
      autoEnableStandards: "NONE",
      organizationConfiguration: { configurationType: "CENTRAL" },
      dependsOn: [aggregator],
    });
    const disabled = Object.keys(securityServices.securityHub.disabledControls).sort();
    const policy = new SecurityhubConfigurationPolicy(this, "securityhub_policy", {
      name: this.naming.organizationPolicyName("security-hub"),
      description: "Landing zone: Security Hub CSPM with AWS Foundational Security Best Practices and CIS AWS Foundations Benchmark v3.0 in every account",
      configurationPolicy: {
        serviceEnabled: true,
        enabledStandardArns: securityHubStandardArns(organization.homeRegion),
        // Every control but these, including controls AWS adds later; each one's reason is in config.
        securityControlsConfiguration: { disabledControlIdentifiers: disabled },
      },
      dependsOn: [central],
    });
    new SecurityhubConfigurationPolicyAssociation(this, "securityhub_policy_root", {
      policyId: policy.id,
      targetId: props.rootId,
      dependsOn: [policy],
    });
  }

  /**
   * IAM Access Analyzer in the audit account, the delegated administrator: an organisation analyzer for access from
   * outside the organisation (type ORGANIZATION) and, when config keeps it, one for unused access (type
   * ORGANIZATION_UNUSED_ACCESS, with the configured age; IAM Access Analyzer API, UnusedAccessConfiguration).
   */
  private createAccessAnalyzers(): void {
    const accessAnalyzer = this.config.securityServices.accessAnalyzer;
    new AccessanalyzerAnalyzer(this, "access_analyzer_external", {
      analyzerName: `${this.naming.reserved}-organization-external-access`,
      type: "ORGANIZATION",
    });
    if (!accessAnalyzer.unusedAccess) return;
    new AccessanalyzerAnalyzer(this, "access_analyzer_unused", {
      analyzerName: `${this.naming.reserved}-organization-unused-access`,
      type: "ORGANIZATION_UNUSED_ACCESS",
      configuration: { unusedAccess: { unusedAccessAge: accessAnalyzer.unusedAccessAgeDays } },
    });
  }

  /**
   * Macie: accounts that join the organisation are enabled as members automatically (Macie API,
   * UpdateOrganizationConfiguration autoEnable). The designation enabled Macie in the audit account itself.
   */
  private autoEnableMacie(): void {
    new Macie2OrganizationConfiguration(this, "macie_organization", { autoEnable: true });
  }

  /**
   * Inspector: the audit account's own scanning (the enabler), then auto-enablement of the configured scan types for
   * accounts that join the organisation. Lambda code scanning is on by default with Lambda scanning: it finds
   * vulnerabilities in the functions' own code (injection, leaked credentials), which the dependency scan cannot,
   * for a charge per function; config can turn it off.
   */
  private enableInspector(): void {
    const inspector = this.config.securityServices.inspector;
    const resourceTypes = inspectorResourceTypes(inspector);
    const enabler = resourceTypes.length === 0
      ? undefined
      : new Inspector2Enabler(this, "inspector_audit_account", { accountIds: [this.target.id], resourceTypes });
    new Inspector2OrganizationConfiguration(this, "inspector_organization", {
      autoEnable: { ec2: inspector.ec2, ecr: inspector.ecr, lambda: inspector.lambda, lambdaCode: inspector.lambdaCode },
      dependsOn: enabler === undefined ? undefined : [enabler],
    });
  }

  /**
   * Findings to people: an EventBridge rule on the audit account's default bus for new, active high and critical
   * findings that Security Hub imports (securityHubFindingsPattern), to the audit account's security alarm topic
   * (named like the management account's, so the ProtectAlarmTopic guardrail covers it), encrypted with a key of
   * its own, with an email subscription per security contact. EventBridge publishes with a role of this account, as
   * the identity stack's rules do (EventBridge UG: SNS targets accept an execution role), so neither the topic nor
   * the key names events.amazonaws.com: a topic statement for it cannot be limited to this account's rules.
   */
  private notifyFindings(): { topic: SnsTopic; rule: SecurityEventRule } {
    const { config, naming } = this;
    const accountId = this.target.id;
    const owner = { accountId, homeRegion: config.organization.homeRegion, topicArn: naming.securityAlarmTopicArn(accountId) };
    const { topic } = addKeyedSecurityAlarmTopic(this, {
      keyId: "findings_topic_key",
      keyAlias: naming.kmsAlias("security-findings"),
      keyDescription: `${config.organization.name} audit account: the security findings topic`,
      owner,
      name: naming.securityAlarmTopicName,
      displayName: `${config.organization.name} security findings`,
      emails: config.logging.securityContacts,
    });
    const rulePurpose = "security-hub-high-findings";
    // Only the findings rule may have EventBridge act as the role: its ARN is built, not referenced, since the rule's
    // target refers to the role.
    const publisher = new IamRole(this, "findings_publisher", {
      name: naming.roleName("events-publish-alarms"),
      description: "EventBridge rules of the landing zone publish to the security alarm topic",
      assumeRolePolicy: policyJson(eventBridgeTrustPolicy(accountId, [naming.eventRuleArn(accountId, rulePurpose)])),
    });
    const publisherPolicy = new IamRolePolicy(this, "findings_publisher_policy", {
      role: publisher.name,
      name: "publish-to-security-alarm-topic",
      policy: policyJson(publishToTopicPolicy(owner.topicArn, owner.homeRegion, accountId)),
    });
    const rule = new SecurityEventRule(this, "security_hub_findings", {
      name: naming.eventRuleName(rulePurpose),
      description: "New, active HIGH and CRITICAL findings imported by Security Hub CSPM, from every account and linked Region",
      pattern: securityHubFindingsPattern(),
      targetArn: topic.arn,
      targetRoleArn: publisher.arn,
      dependsOn: [publisherPolicy],
    });
    return { topic, rule };
  }
}
