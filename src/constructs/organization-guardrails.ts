import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { flattenOrganizationalUnits } from "../organization/ou-tree";
import { Naming } from "../naming";
import { terraformName } from "../terraform/name";
import { aiOptOutPolicy } from "../policies/ai-opt-out";
import { backupPolicy, backupPolicyTargets } from "../policies/backup-policy";
import type { OrganizationPolicyType } from "../policies/organization-policy-document";
import { oidcProviderArn, STACKSETS_EXECUTION_ROLE_ARN } from "../policies/pipeline";
import { protectAccountBaselinePolicy } from "../policies/account-baseline-guardrails";
import { protectLandingZonePolicy, workloadBaselinePolicy } from "../policies/protective-guardrails";
import { assertWithinQuotas } from "../policies/quotas";
import { dataPerimeterPolicy, enforceTlsPolicy } from "../policies/rcp";
import type { PolicyTarget } from "../policies/organization-policy-document";
import { regionDenyPolicy } from "../policies/region-deny";
import { planRegionDeny } from "../regions/region-deny-placement";
import { denyAllPolicy } from "../policies/suspended";
import { tagPolicy, type TagPolicyProps } from "../policies/tag-policy";
import { MANAGED_BY } from "../tags";
import { OrganizationPolicy } from "./organization-policy";

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

export interface OrganizationGuardrailsProps {
  readonly config: GuardrailsInput;
  /** Id of the organization root. */
  readonly rootId: string;
  /** OU ids by OU path. */
  readonly organizationalUnitIds: ReadonlyMap<string, string>;
  /** Account ids by account name. */
  readonly accountIds: ReadonlyMap<string, string>;
  /** The organization resource: every policy and attachment waits for it (it enables the policy types). */
  readonly organization: ITerraformDependable;
  /**
   * The organization id, written into the data perimeter: a literal from config (organization.id), or a reference
   * to the organization resource of the same stack when it creates the organization.
   */
  readonly organizationId: string;
  /**
   * What every attachment waits for besides the organization.
   * @default none
   */
  readonly attachAfter?: readonly ITerraformDependable[];
}

/**
 * The longest organization id Organizations issues (`o-` and 32 characters): the quota check measures a policy that
 * holds a not-yet-known id with this one.
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
}

/** A Terraform-safe key for an OU path: `Workloads/Prod` becomes `Workloads_Prod`. */
export function targetKey(target: PolicyTarget): string {
  if (target.kind === "root") return "root";
  if (target.kind === "ou") return `ou_${terraformName(target.path)}`;
  return `account_${target.name}`;
}

function targetLabel(target: PolicyTarget): string {
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
    },
    {
      id: "scp_workload-baseline",
      name: naming.organizationPolicyName("workload-baseline"),
      type: "SERVICE_CONTROL_POLICY",
      description: "No leaving, no root user, no IAM users, IMDSv2, encrypted storage, no external sharing, no default VPC",
      document: workloadBaselinePolicy({ breakGlassRoleArns: guardrails.breakGlassRoleArns }),
      targets: [root],
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
        }]),
    {
      id: "rcp_enforce-tls",
      name: naming.organizationPolicyName("enforce-tls"),
      type: "RESOURCE_CONTROL_POLICY",
      description: "Requests to S3, STS, KMS, SQS and Secrets Manager must use TLS",
      document: enforceTlsPolicy(),
      targets: [root],
    },
    {
      id: "rcp_data-perimeter",
      name: naming.organizationPolicyName("data-perimeter"),
      type: "RESOURCE_CONTROL_POLICY",
      description: "Only this organisation's principals, and AWS services acting for it, may use its S3, STS, KMS, SQS and Secrets Manager resources",
      document: dataPerimeterPolicy({ organizationId, allowedRegions: everyAllowedRegion }),
      targets: [root],
    },
    {
      id: "tag_data-classification",
      name: naming.organizationPolicyName("tags"),
      type: "TAG_POLICY",
      description: `${guardrails.tagPolicy.dataClassificationKey} values and the ${guardrails.tagPolicy.ownerKey} tag`,
      document: tagPolicy(guardrails.tagPolicy),
      targets: [root],
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
    });
  return policies;
}

/** Throws when any policy or target exceeds an Organizations quota, listing every violation. */
export function checkGuardrailQuotas(policies: readonly GuardrailPolicy[]): void {
  assertWithinQuotas(policies.map((p) => ({ name: p.name, type: p.type, content: JSON.stringify(p.document), targets: p.targets.map(targetLabel) })));
}

/**
 * Every Organizations policy of the landing zone (SCPs, RCPs, tag, backup and AI opt-out policies), attached to the
 * root, OUs or accounts. Quotas are checked before anything is created.
 */
export class OrganizationGuardrails extends Construct {
  readonly policies: readonly OrganizationPolicy[];

  constructor(scope: Construct, id: string, props: OrganizationGuardrailsProps) {
    super(scope, id);
    // Measured with the id as AWS will see it: the literal from config, or the longest id for one not yet known.
    checkGuardrailQuotas(guardrailPolicies(props.config, props.config.organization.id ?? LONGEST_ORGANIZATION_ID));
    const planned = guardrailPolicies(props.config, props.organizationId);
    const known = new Set(flattenOrganizationalUnits(props.config.organizationalUnits).map((ou) => ou.path));
    const resolve = (target: PolicyTarget): string => {
      if (target.kind === "root") return props.rootId;
      const ids = target.kind === "ou" ? props.organizationalUnitIds : props.accountIds;
      const key = target.kind === "ou" ? target.path : target.name;
      const found = ids.get(key);
      // Config validation guarantees every OU and account exists; reaching this is a bug in the landing zone.
      if (found === undefined || (target.kind === "ou" && !known.has(key))) throw new Error(`internal error: no id for ${targetLabel(target)}`);
      return found;
    };
    this.policies = planned.map(
      (policy) =>
        new OrganizationPolicy(this, policy.id, {
          name: policy.name,
          type: policy.type,
          description: policy.description,
          content: JSON.stringify(policy.document),
          contentReferences: props.organizationId === props.config.organization.id ? [] : [props.organizationId],
          organization: props.organization,
          attachAfter: props.attachAfter,
          targets: policy.targets.map((target) => ({ key: targetKey(target), id: resolve(target) })),
        }),
    );
  }
}
