import type { EventPattern } from "../detective/event-pattern";

/**
 * What the security stack configures, as plain data built from config: Security Hub standards, GuardDuty protection
 * plans, Inspector scan types and the findings rule's event pattern. Pure functions, so tests check each directly.
 */

/**
 * The standards the configuration policy enables, by their Security Hub CSPM standards ARNs in the home Region
 * (Security Hub CSPM UG, standards reference: AWS Foundational Security Best Practices v1.0.0,
 * `arn:aws:securityhub:<region>::standards/aws-foundational-security-best-practices/v/1.0.0`, and CIS AWS
 * Foundations Benchmark v3.0.0, `arn:aws:securityhub:<region>::standards/cis-aws-foundations-benchmark/v/3.0.0`;
 * the older CIS v1.2.0 is the only one with a `ruleset/` ARN).
 */
export function securityHubStandardArns(homeRegion: string): string[] {
  return [
    `arn:aws:securityhub:${homeRegion}::standards/aws-foundational-security-best-practices/v/1.0.0`,
    `arn:aws:securityhub:${homeRegion}::standards/cis-aws-foundations-benchmark/v/3.0.0`,
  ];
}

/**
 * The finding aggregator's Regions: every other Region where anything may run (the organisation's and every OU's
 * allowed Regions), so findings from all of them reach the home Region; with none, no Region is linked (NO_REGIONS;
 * provider docs, aws_securityhub_finding_aggregator). Central configuration needs the aggregator either way
 * (provider docs, aws_securityhub_organization_configuration).
 */
export function findingAggregatorRegions(homeRegion: string, allowedRegions: readonly string[]): { linkingMode: string; specifiedRegions?: string[] } {
  const others = [...new Set(allowedRegions)].filter((region) => region !== homeRegion).sort();
  return others.length === 0 ? { linkingMode: "NO_REGIONS" } : { linkingMode: "SPECIFIED_REGIONS", specifiedRegions: others };
}

/** GuardDuty's protection plans, each on or off (config: securityServices.guardDuty.protection). */
export interface GuardDutyProtection {
  readonly s3DataEvents: boolean;
  readonly eksAuditLogs: boolean;
  readonly runtimeMonitoring: boolean;
  readonly runtimeMonitoringAgentManagement: boolean;
  readonly ebsMalwareProtection: boolean;
  readonly rdsLoginEvents: boolean;
  readonly lambdaNetworkLogs: boolean;
}

/** What Inspector scans for the organisation (config: securityServices.inspector). */
export interface InspectorScanning {
  readonly ec2: boolean;
  readonly ecr: boolean;
  readonly lambda: boolean;
  readonly lambdaCode: boolean;
}

/** One GuardDuty protection plan: the organisation feature and, for Runtime Monitoring, its agent management. */
export interface GuardDutyFeature {
  /** The config switch it comes from. */
  readonly key: keyof GuardDutyProtection;
  /** The GuardDuty feature name (GuardDuty API, DetectorFeatureConfiguration / OrganizationFeatureConfiguration). */
  readonly name: string;
  readonly enabled: boolean;
  /** Agent management for Runtime Monitoring (GuardDuty API, DetectorAdditionalConfiguration). */
  readonly additionalConfiguration: readonly { readonly name: string; readonly enabled: boolean }[];
}

/**
 * Runtime Monitoring's agent management settings, one per kind of workload. RUNTIME_MONITORING covers EKS, ECS
 * Fargate and EC2 and replaces EKS_RUNTIME_MONITORING (only one of the two may be configured; provider docs,
 * aws_guardduty_organization_configuration_feature).
 */
export const RUNTIME_AGENT_MANAGEMENT = ["EKS_ADDON_MANAGEMENT", "ECS_FARGATE_AGENT_MANAGEMENT", "EC2_AGENT_MANAGEMENT"] as const;

/**
 * Every protection plan GuardDuty's organisation configuration has a switch for here, on or off as config says. Each
 * is always written, so switching one off in config switches it off in AWS (a removed resource would only leave
 * state: the provider does not disable a feature on delete).
 */
export function guardDutyFeatures(protection: GuardDutyProtection): GuardDutyFeature[] {
  const plain = (key: keyof GuardDutyProtection, name: string): GuardDutyFeature => ({ key, name, enabled: protection[key], additionalConfiguration: [] });
  return [
    plain("s3DataEvents", "S3_DATA_EVENTS"),
    plain("eksAuditLogs", "EKS_AUDIT_LOGS"),
    {
      key: "runtimeMonitoring",
      name: "RUNTIME_MONITORING",
      enabled: protection.runtimeMonitoring,
      additionalConfiguration: RUNTIME_AGENT_MANAGEMENT.map((name) => ({ name, enabled: protection.runtimeMonitoring && protection.runtimeMonitoringAgentManagement })),
    },
    plain("ebsMalwareProtection", "EBS_MALWARE_PROTECTION"),
    plain("rdsLoginEvents", "RDS_LOGIN_EVENTS"),
    plain("lambdaNetworkLogs", "LAMBDA_NETWORK_LOGS"),
  ];
}

/** Inspector's resource types for the audit account's own enabler (Inspector API, Enable: EC2, ECR, LAMBDA, LAMBDA_CODE). */
export function inspectorResourceTypes(inspector: InspectorScanning): string[] {
  return [
    ...(inspector.ec2 ? ["EC2"] : []),
    ...(inspector.ecr ? ["ECR"] : []),
    ...(inspector.lambda ? ["LAMBDA"] : []),
    ...(inspector.lambdaCode ? ["LAMBDA_CODE"] : []),
  ];
}

/** Severity labels that reach people; LOW, MEDIUM and INFORMATIONAL stay in Security Hub for triage. */
export const NOTIFIED_SEVERITIES = ["HIGH", "CRITICAL"] as const;

/**
 * New, active high and critical findings that Security Hub CSPM imports, from every service it aggregates (GuardDuty,
 * Inspector, Macie, Access Analyzer, Config and its own controls) and, through the finding aggregator, every linked
 * Region. Security Hub sends each imported finding to EventBridge as source `aws.securityhub`, detail-type
 * `Security Hub Findings - Imported`, with the findings under detail.findings in ASFF (Security Hub CSPM UG,
 * "EventBridge event formats for Security Hub CSPM" and "Using EventBridge for automated response"): Severity.Label,
 * Workflow.Status and RecordState are ASFF fields. Workflow NEW and RecordState ACTIVE leave out findings someone
 * has already triaged and resolved ones. Every update of a finding is imported, and sent, again ("BatchImportFindings
 * for finding providers", https://docs.aws.amazon.com/securityhub/latest/userguide/finding-update-batchimportfindings.html),
 * so a finding left NEW notifies at each update: triage (Workflow NOTIFIED or SUPPRESSED, which providers cannot
 * change) is the way to stop it, and Security Hub resets Workflow to NEW when the issue comes back (Security Hub API,
 * Workflow). A pattern cannot compare a finding with its previous version, so it cannot do better on its own.
 */
export function securityHubFindingsPattern(): EventPattern {
  return {
    source: ["aws.securityhub"],
    "detail-type": ["Security Hub Findings - Imported"],
    detail: {
      findings: {
        Severity: { Label: [...NOTIFIED_SEVERITIES] },
        Workflow: { Status: ["NEW"] },
        RecordState: ["ACTIVE"],
      },
    },
  };
}
