import { Naming } from "../naming";
import { flattenOrganizationalUnits, type TreePath } from "../organization/ou-tree";
import { planRegionDeny } from "../regions/region-deny-placement";
import { MANAGED_BY } from "../tags";
import { terraformName } from "../terraform/name";
import { protectAccountBaselinePolicy } from "./account-baseline-guardrails";
import { aiOptOutPolicy } from "./ai-opt-out";
import { backupPolicy, backupPolicyTargets } from "./backup-policy";
import type { OrganizationPolicyType, PolicyTarget } from "./organization-policy-document";
import { oidcProviderArn, STACKSETS_EXECUTION_ROLE_ARN } from "./pipeline";
import { protectLandingZonePolicy, workloadBaselinePolicy } from "./protective-guardrails";
import { dataPerimeterPolicy, enforceTlsPolicy } from "./rcp";
import { regionDenyPolicy } from "./region-deny";
import { denyAllPolicy } from "./suspended";
import { tagPolicy, type TagPolicyProps } from "./tag-policy";

/**
 * The Organizations policies a config asks for, as plain documents with their targets: planned here, from config
 * alone, so that validation measures exactly what the organization stack creates (src/constructs/organization-guardrails.ts)
 * before any stack is built.
 */

/** An OU as the guardrails need it: config's OU tree is of this shape. */
export interface GuardrailsOu {
  readonly name: string;
  /** Replaces the organisation's Regions for this OU and below. */
  readonly allowedRegions?: readonly string[];
  readonly children: readonly GuardrailsOu[];
}

/** Everything the guardrails are built from; the landing zone config satisfies it. */
export interface GuardrailsInput {
  readonly organization: {
    readonly prefix: string;
    readonly homeRegion: string;
    /** The deployment role in every member account. */
    readonly memberAccountRole: string;
    readonly allowedRegions: readonly string[];
    /** An adopted organization's id. */
    readonly id?: string;
  };
  readonly guardrails: {
    readonly breakGlassRoleArns: readonly string[];
    readonly suspendedOu?: string;
    readonly tagPolicy: TagPolicyProps;
    readonly backup: { readonly tagKey: string; readonly tagValue: string; readonly retentionDays: number; readonly startHourUtc: number };
    readonly aiServicesOptOut: boolean;
  };
  readonly accounts: readonly { readonly name: string; readonly purpose: string; readonly ou?: string }[];
  readonly organizationalUnits: readonly GuardrailsOu[];
  /** With Terraform Cloud, the pipeline's roles deploy in place of the deployment role. */
  readonly backend: { readonly type: "local" | "s3" } | { readonly type: "cloud"; readonly hostname: string };
}

/**
 * The longest organization id Organizations issues (`o-` and 32 characters): size checks measure a policy that holds
 * a not-yet-known id with this one.
 */
export const LONGEST_ORGANIZATION_ID = `o-${"x".repeat(32)}`;

/** One policy to create: what it is, its document, and where it goes. */
export interface GuardrailPolicy {
  /** Construct id and Terraform address of the policy. */
  readonly id: string;
  readonly name: string;
  readonly type: OrganizationPolicyType;
  readonly description: string;
  readonly document: object;
  readonly targets: readonly PolicyTarget[];
  /**
   * The config entries the document grows with (the rest is fixed): where a size error points, at whichever of them
   * is longest. Empty for a document of fixed size.
   */
  readonly growsWith: readonly TreePath[];
}

/** How a message names a target: `the root`, `OU Workloads/Prod`, `account audit`. */
export function targetLabel(target: PolicyTarget): string {
  if (target.kind === "root") return "the root";
  return target.kind === "ou" ? `OU ${target.path}` : `account ${target.name}`;
}

/** Every Organizations policy of the landing zone and where it is attached, from config and the organization id. */
export function guardrailPolicies(config: GuardrailsInput, organizationId: string): GuardrailPolicy[] {
  const naming = new Naming(config.organization);
  const guardrails = config.guardrails;
  const root: PolicyTarget = { kind: "root" };
  const deploymentRoleArn = Naming.roleInAnyAccount(config.organization.memberAccountRole);

  const memberAccounts = config.accounts.flatMap((a) => (a.purpose === "management" || a.ou === undefined ? [] : [{ name: a.name, ou: a.ou }]));
  const regionPlacements = planRegionDeny({
    organizationRegions: config.organization.allowedRegions,
    organizationalUnits: config.organizationalUnits,
    accounts: memberAccounts,
  });
  // Where each Region list is written: the organisation's, and each OU's override.
  const flatOus = flattenOrganizationalUnits(config.organizationalUnits);
  const organizationRegionsPath: TreePath = ["organization", "allowedRegions"];
  const ouRegionsPaths = flatOus.flatMap((flat) => (flat.ou.allowedRegions === undefined ? [] : [[...flat.configPath, "allowedRegions"]]));
  const regionListPaths = (source: string): TreePath[] => {
    if (source === "union") return [organizationRegionsPath, ...ouRegionsPaths];
    const ou = flatOus.find((flat) => flat.path === source);
    return [ou === undefined ? organizationRegionsPath : [...ou.configPath, "allowedRegions"]];
  };
  const breakGlassPath: TreePath = ["guardrails", "breakGlassRoleArns"];
  // The root's list is the union of every list: every Region any account may use.
  const everyAllowedRegion = regionPlacements.find((p) => p.targets.some((t) => t.kind === "root"))?.allowedRegions ?? config.organization.allowedRegions;
  const regionDeny = regionPlacements.map((placement): GuardrailPolicy => {
    const onRoot = placement.targets.some((t) => t.kind === "root");
    const suffix = onRoot ? "" : `-${terraformName(placement.source)}`;
    return {
      id: `scp_region-deny${suffix}`,
      name: naming.organizationPolicyName(`region-deny${suffix}`),
      type: "SERVICE_CONTROL_POLICY",
      description: onRoot
        ? `Data residency: regional services only in ${placement.allowedRegions.join(", ")}${placement.source === "union" ? " (every Region any OU allows; OUs narrow it)" : ""}`
        : `Data residency for ${placement.source === "organization" ? "OUs without an override" : `OU ${placement.source}`}: regional services only in ${placement.allowedRegions.join(", ")}`,
      document: regionDenyPolicy({ allowedRegions: placement.allowedRegions, exemptRoleArns: guardrails.breakGlassRoleArns }),
      targets: placement.targets,
      growsWith: [...regionListPaths(placement.source), breakGlassPath],
    };
  });

  const policies: GuardrailPolicy[] = [
    ...regionDeny,
    {
      id: "scp_protect-landing-zone",
      name: naming.organizationPolicyName("protect-landing-zone"),
      type: "SERVICE_CONTROL_POLICY",
      description: "Only the landing zone's deployment role may change its security services, log buckets, keys, backup vault, roles and account defaults, or build internet paths",
      document: protectLandingZonePolicy({
        deploymentRoleArn,
        // Terraform Cloud's apply roles deploy in place of the deployment role; plan roles stay read-only and bound.
        pipelineApplyRoleArns: config.backend.type === "cloud" ? [naming.pipelineApplyRoleArnPattern] : [],
        // And StackSets creates those roles in member accounts (pipeline stack), whenever the account joined.
        stackSetsExecutionRoleArns: config.backend.type === "cloud" ? [STACKSETS_EXECUTION_ROLE_ARN] : [],
        // And the OIDC provider those roles trust, which StackSets deploys to every member account.
        pipelineOidcProviderArns: config.backend.type === "cloud" ? [oidcProviderArn("*", config.backend.hostname)] : [],
        logBucketArns: naming.logBucketArnPatterns,
        kmsAliasPattern: naming.kmsAliasPattern,
        backupVaultArn: `arn:aws:backup:*:*:backup-vault:${naming.backupVaultName}`,
        managedByTag: { key: "ManagedBy", value: MANAGED_BY },
        roleArns: [naming.roleArnPattern, deploymentRoleArn],
        trailArns: naming.trailArnPatterns,
        alarmTopicArn: `arn:aws:sns:*:*:${naming.securityAlarmTopicName}`,
        eventRuleArn: `arn:aws:events:*:*:rule/${naming.eventRuleName("*")}`,
        breakGlassRoleArns: guardrails.breakGlassRoleArns,
      }),
      targets: [root],
      growsWith: [breakGlassPath],
    },
    {
      id: "scp_protect-account-baseline",
      name: naming.organizationPolicyName("protect-account-baseline"),
      type: "SERVICE_CONTROL_POLICY",
      description: "Only the landing zone's deployment role may change alternate contacts, the password policy, the Config aggregator and service-linked role, or restore testing",
      document: protectAccountBaselinePolicy({
        deployerRoleArns: [deploymentRoleArn, ...(config.backend.type === "cloud" ? [naming.pipelineApplyRoleArnPattern] : [])],
        managedByTag: { key: "ManagedBy", value: MANAGED_BY },
        restoreTestingPlanName: naming.restoreTestingPlanName,
      }),
      targets: [root],
      // Fixed: the deployer roles are patterns, whatever the number of accounts.
      growsWith: [],
    },
    {
      id: "scp_workload-baseline",
      name: naming.organizationPolicyName("workload-baseline"),
      type: "SERVICE_CONTROL_POLICY",
      description: "No leaving, no root user, no IAM users, IMDSv2, encrypted storage, no external sharing, no default VPC",
      document: workloadBaselinePolicy({ breakGlassRoleArns: guardrails.breakGlassRoleArns }),
      targets: [root],
      growsWith: [breakGlassPath],
    },
    ...(guardrails.suspendedOu === undefined
      ? []
      : [{
          id: "scp_suspended",
          name: naming.organizationPolicyName("suspended"),
          type: "SERVICE_CONTROL_POLICY" as const,
          description: "Suspended accounts: everything is denied",
          document: denyAllPolicy(),
          targets: [{ kind: "ou" as const, path: guardrails.suspendedOu }],
          growsWith: [],
        }]),
    {
      id: "rcp_enforce-tls",
      name: naming.organizationPolicyName("enforce-tls"),
      type: "RESOURCE_CONTROL_POLICY",
      description: "Requests to S3, STS, KMS, SQS and Secrets Manager must use TLS",
      document: enforceTlsPolicy(),
      targets: [root],
      growsWith: [],
    },
    {
      id: "rcp_data-perimeter",
      name: naming.organizationPolicyName("data-perimeter"),
      type: "RESOURCE_CONTROL_POLICY",
      description: "Only this organisation's principals, and AWS services acting for it, may use its S3, STS, KMS, SQS and Secrets Manager resources",
      document: dataPerimeterPolicy({ organizationId, allowedRegions: everyAllowedRegion }),
      targets: [root],
      // The ELB log delivery accounts of the allowed Regions.
      growsWith: regionListPaths("union"),
    },
    {
      id: "tag_data-classification",
      name: naming.organizationPolicyName("tags"),
      type: "TAG_POLICY",
      description: `${guardrails.tagPolicy.dataClassificationKey} values and the ${guardrails.tagPolicy.ownerKey} tag`,
      document: tagPolicy(guardrails.tagPolicy),
      targets: [root],
      growsWith: [["guardrails", "tagPolicy", "dataClassificationValues"]],
    },
    {
      id: "backup_daily",
      name: naming.organizationPolicyName("backup-daily"),
      type: "BACKUP_POLICY",
      description: `Daily backup of resources tagged ${guardrails.backup.tagKey}=${guardrails.backup.tagValue}, kept ${guardrails.backup.retentionDays} days`,
      document: backupPolicy({
        planName: naming.backupPlanName,
        regions: [config.organization.homeRegion],
        startHourUtc: guardrails.backup.startHourUtc,
        retentionDays: guardrails.backup.retentionDays,
        vaultName: naming.backupVaultName,
        roleName: naming.backupRoleName,
        tagKey: guardrails.backup.tagKey,
        tagValue: guardrails.backup.tagValue,
      }),
      // Every member account outside the suspended OU, never the management account (AWS: the role and the vault
      // must exist in every account that receives the plan).
      targets: backupPolicyTargets({ organizationalUnits: config.organizationalUnits, accounts: memberAccounts, suspendedOu: guardrails.suspendedOu }),
      growsWith: [["guardrails", "backup"]],
    },
  ];
  if (guardrails.aiServicesOptOut)
    policies.push({
      id: "ai_opt-out",
      name: naming.organizationPolicyName("ai-opt-out"),
      type: "AISERVICES_OPT_OUT_POLICY",
      description: "Every account is opted out of AWS AI services using its content",
      document: aiOptOutPolicy(),
      targets: [root],
      growsWith: [],
    });
  return policies;
}
