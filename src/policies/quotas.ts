import type { OrganizationPolicyType } from "./organization-policy-document";

/**
 * Organizations quotas per policy type (Organizations quotas page; SCP figures raised in May 2026). Size counts
 * every character of the document as sent, whitespace included, so documents are minified. `perTarget` counts the
 * AWS-managed policy attached to every root, OU and account (FullAWSAccess, RCPFullAWSAccess) where there is one.
 */
export const POLICY_QUOTAS: Readonly<Record<OrganizationPolicyType, { readonly maxCharacters: number; readonly perTarget: number; readonly managedPerTarget: number }>> = {
  SERVICE_CONTROL_POLICY: { maxCharacters: 10_240, perTarget: 10, managedPerTarget: 1 },
  RESOURCE_CONTROL_POLICY: { maxCharacters: 5_120, perTarget: 5, managedPerTarget: 1 },
  TAG_POLICY: { maxCharacters: 10_000, perTarget: 10, managedPerTarget: 0 },
  BACKUP_POLICY: { maxCharacters: 10_000, perTarget: 10, managedPerTarget: 0 },
  AISERVICES_OPT_OUT_POLICY: { maxCharacters: 2_500, perTarget: 5, managedPerTarget: 0 },
};

export interface PolicyForQuota {
  readonly name: string;
  readonly type: OrganizationPolicyType;
  /** The document exactly as it is sent to Organizations. */
  readonly content: string;
  /** Readable names of the targets it is attached to, such as `root`, `OU Workloads/Prod`, `account audit`. */
  readonly targets: readonly string[];
}

/** One quota a plan would exceed: a policy too long, or a target with too many policies of one type. */
export type QuotaViolation =
  | { readonly kind: "size"; readonly policy: string; readonly message: string }
  | { readonly kind: "count"; readonly target: string; readonly message: string };

/** Every quota violation, each naming the policy or target, the figure and the limit; empty when all fit. */
export function quotaViolations(policies: readonly PolicyForQuota[]): QuotaViolation[] {
  const violations: QuotaViolation[] = [];
  for (const policy of policies) {
    const limit = POLICY_QUOTAS[policy.type].maxCharacters;
    if (policy.content.length > limit)
      violations.push({ kind: "size", policy: policy.name, message: `policy ${policy.name} (${policy.type}) has ${policy.content.length} characters; the limit is ${limit}` });
  }
  const perTarget = new Map<string, Map<OrganizationPolicyType, string[]>>();
  for (const policy of policies)
    for (const target of policy.targets) {
      const byType = perTarget.get(target) ?? new Map<OrganizationPolicyType, string[]>();
      perTarget.set(target, byType);
      byType.set(policy.type, [...(byType.get(policy.type) ?? []), policy.name]);
    }
  for (const [target, byType] of perTarget)
    for (const [type, names] of byType) {
      const quota = POLICY_QUOTAS[type];
      const count = names.length + quota.managedPerTarget;
      if (count > quota.perTarget)
        violations.push({
          kind: "count",
          target,
          message: `${target} would have ${count} ${type} policies attached (${names.join(", ")}${quota.managedPerTarget > 0 ? " and the AWS-managed full-access policy" : ""}); the limit is ${quota.perTarget}`,
        });
    }
  return violations;
}
