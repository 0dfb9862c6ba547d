import { SsoadminCustomerManagedPolicyAttachment } from "@cdktf/provider-aws/lib/ssoadmin-customer-managed-policy-attachment";
import { SsoadminManagedPolicyAttachment } from "@cdktf/provider-aws/lib/ssoadmin-managed-policy-attachment";
import { SsoadminPermissionSet } from "@cdktf/provider-aws/lib/ssoadmin-permission-set";
import { SsoadminPermissionSetInlinePolicy } from "@cdktf/provider-aws/lib/ssoadmin-permission-set-inline-policy";
import { SsoadminPermissionsBoundaryAttachment } from "@cdktf/provider-aws/lib/ssoadmin-permissions-boundary-attachment";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { terraformName } from "../terraform/name";
import type { PermissionSetSpec } from "../identity/permission-sets";
import { terraformLiteral } from "../terraform/literal";

export interface PermissionSetProps {
  readonly instanceArn: string;
  /** What the set grants: a built-in level or a custom set from config (src/identity/permission-sets.ts). */
  readonly spec: PermissionSetSpec;
  /** Tags of the permission set (the provider's default tags are added). */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Resources to wait for, such as the delegated administrator registration.
   * @default - none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * One Identity Center permission set with its managed policies, inline policy (literal JSON), customer managed
 * policy references and permissions boundary. The provider re-provisions the set in every account after a change.
 * Its name is part of the IAM role in each account (AWSReservedSSO_<name>_<hash>) and is ForceNew: renaming it
 * replaces the set and drops its assignments until they are re-created.
 */
export class PermissionSet extends Construct {
  readonly permissionSet: SsoadminPermissionSet;

  constructor(scope: Construct, id: string, props: PermissionSetProps) {
    super(scope, id);
    const { spec, instanceArn } = props;
    const dependsOn = props.dependsOn === undefined ? undefined : [...props.dependsOn];
    this.permissionSet = new SsoadminPermissionSet(this, "set", {
      instanceArn,
      name: spec.name,
      description: terraformLiteral(spec.description),
      sessionDuration: spec.sessionDuration,
      // The relay state's character set admits ${ and %{, which Terraform would read as a template.
      relayState: spec.relayState === undefined ? undefined : terraformLiteral(spec.relayState),
      tags: props.tags === undefined ? undefined : { ...props.tags },
      dependsOn,
    });
    this.permissionSet.overrideLogicalId(id);
    const permissionSetArn = this.permissionSet.arn;

    spec.managedPolicies.forEach((managedPolicyArn) => {
      // job-function/Billing becomes job-function_Billing: unique, and a valid Terraform name.
      const name = terraformName(managedPolicyArn.replace(/^arn:aws:iam::aws:policy\//, ""));
      new SsoadminManagedPolicyAttachment(this, `managed_${name}`, { instanceArn, permissionSetArn, managedPolicyArn })
        .overrideLogicalId(`${id}_${name}`);
    });
    spec.customerManagedPolicies.forEach((reference) => {
      // An IAM policy name may hold +=,.@, which a Terraform name may not (config rejects names that then collide).
      const name = terraformName(reference.name);
      new SsoadminCustomerManagedPolicyAttachment(this, `customer_${name}`, {
        instanceArn,
        permissionSetArn,
        customerManagedPolicyReference: { name: reference.name, path: reference.path },
      }).overrideLogicalId(`${id}_${name}`);
    });
    if (spec.inlinePolicy !== undefined) {
      new SsoadminPermissionSetInlinePolicy(this, "inline", {
        instanceArn,
        permissionSetArn,
        // Policy variables such as ${aws:PrincipalTag/team} must reach IAM as written, not as Terraform interpolations.
        inlinePolicy: terraformLiteral(JSON.stringify(spec.inlinePolicy)),
      }).overrideLogicalId(id);
    }
    const boundary = spec.permissionsBoundary;
    if (boundary !== undefined) {
      new SsoadminPermissionsBoundaryAttachment(this, "boundary", {
        instanceArn,
        permissionSetArn,
        permissionsBoundary:
          "managedPolicyArn" in boundary
            ? { managedPolicyArn: boundary.managedPolicyArn }
            : { customerManagedPolicyReference: { name: boundary.customerManagedPolicy.name, path: boundary.customerManagedPolicy.path } },
      }).overrideLogicalId(id);
    }
  }
}
