import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { flattenOrganizationalUnits } from "../organization/ou-tree";
import { guardrailPolicies, targetLabel, type GuardrailsInput } from "../policies/guardrail-policies";
import type { PolicyTarget } from "../policies/organization-policy-document";
import { terraformName } from "../terraform/name";
import { OrganizationPolicy } from "./organization-policy";

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

/** A Terraform-safe key for an OU path: `Workloads/Prod` becomes `Workloads_Prod`. */
export function targetKey(target: PolicyTarget): string {
  if (target.kind === "root") return "root";
  if (target.kind === "ou") return `ou_${terraformName(target.path)}`;
  return `account_${target.name}`;
}

/**
 * Every Organizations policy of the landing zone (SCPs, RCPs, tag, backup and AI opt-out policies), attached to the
 * root, OUs or accounts, as guardrailPolicies plans them from config.
 */
export class OrganizationGuardrails extends Construct {
  readonly policies: readonly OrganizationPolicy[];

  constructor(scope: Construct, id: string, props: OrganizationGuardrailsProps) {
    super(scope, id);
    // Sizes and quotas were checked with the config, before any stack was built (src/config/rules/guardrails.ts).
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
