import { OrganizationsPolicy } from "@cdktf/provider-aws/lib/organizations-policy";
import { OrganizationsPolicyAttachment } from "@cdktf/provider-aws/lib/organizations-policy-attachment";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { OrganizationPolicyType } from "../policies/organization-policy-document";
import { terraformLiteralWithReferences } from "../terraform/literal";

/** Where a policy is attached. */
export interface OrganizationPolicyTarget {
  /** Part of the attachment's construct id (its Terraform address), such as `root` or `ou_Workloads_Prod`. */
  readonly key: string;
  /** The root, OU or account id; may be a reference to a resource of the same stack. */
  readonly id: string;
}

export interface OrganizationPolicyProps {
  /** Policy name in Organizations (1-128 characters). */
  readonly name: string;
  readonly type: OrganizationPolicyType;
  /** What the policy does, shown in the Organizations console (at most 512 characters). */
  readonly description: string;
  /** The document, minified with JSON.stringify. */
  readonly content: string;
  /**
   * cdktf tokens inside `content` that must stay Terraform references (such as the id of an organization created
   * in the same plan); everything else in `content` is passed to AWS literally.
   * @default none: the content is entirely literal
   */
  readonly contentReferences?: readonly string[];
  /**
   * The organization resource. The policy and every attachment wait for it: it creates the organization and enables
   * the policy types, and Organizations rejects a policy of a type not yet enabled. (The AWS provider's
   * aws_organizations_organization waits until each enabled type is on the root before it completes:
   * waitDefaultRootPolicyTypeEnabled in internal/service/organizations/organization.go.)
   */
  readonly organization: ITerraformDependable;
  /**
   * More things every attachment waits for (such as the proof that the deployment role exists in adopted accounts,
   * which an attached SCP would stop anyone creating).
   * @default none
   */
  readonly attachAfter?: readonly ITerraformDependable[];
  /**
   * Targets to attach the policy to.
   * @default none
   */
  readonly targets?: readonly OrganizationPolicyTarget[];
}

/**
 * One Organizations policy and its attachments. The content is a literal string in the synthesized Terraform, so it
 * can be read and evaluated offline. Its resources have readable addresses:
 * `aws_organizations_policy.<id>` and `aws_organizations_policy_attachment.<id>_<target key>`.
 */
export class OrganizationPolicy extends Construct {
  readonly policy: OrganizationsPolicy;
  readonly attachments: readonly OrganizationsPolicyAttachment[];

  constructor(scope: Construct, id: string, props: OrganizationPolicyProps) {
    super(scope, id);
    const problems = [
      ...(props.name.length < 1 || props.name.length > 128 ? [`name must have 1-128 characters; got ${props.name.length}`] : []),
      ...(props.description.length > 512 ? [`description must have at most 512 characters; got ${props.description.length}`] : []),
    ];
    if (problems.length > 0) throw new Error(`OrganizationPolicy ${id}: ${problems.join("; ")}`);
    this.policy = new OrganizationsPolicy(this, "policy", {
      name: props.name,
      type: props.type,
      description: props.description,
      content: terraformLiteralWithReferences(props.content, props.contentReferences ?? []),
      dependsOn: [props.organization],
    });
    // The construct id is the Terraform address; cdktf would otherwise add a hash for nested constructs.
    this.policy.overrideLogicalId(id);
    this.attachments = (props.targets ?? []).map((target) => {
      const attachment = new OrganizationsPolicyAttachment(this, `attachment_${target.key}`, {
        policyId: this.policy.id,
        targetId: target.id,
        // Explicit even where the target references the organization: an adopted account's target is a literal id.
        dependsOn: [props.organization, ...(props.attachAfter ?? [])],
      });
      attachment.overrideLogicalId(`${id}_${target.key}`);
      return attachment;
    });
  }
}
