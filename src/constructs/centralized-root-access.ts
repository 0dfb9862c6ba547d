import { IamOrganizationsFeatures } from "@cdktf/provider-aws/lib/iam-organizations-features";
import type { OrganizationsOrganization } from "@cdktf/provider-aws/lib/organizations-organization";
import { Construct } from "constructs";

/** The IAM organisation features that take root credentials away from member accounts. */
export const ROOT_ACCESS_FEATURES = ["RootCredentialsManagement", "RootSessions"] as const;

export interface CentralizedRootAccessProps {
  /**
   * The organization, whose trusted access for iam.amazonaws.com the features need; they wait for it. The stack
   * must run in the management account: AWS accepts these features nowhere else.
   */
  readonly organization: OrganizationsOrganization;
}

/**
 * Centralised root access: member accounts have no root password, access keys or MFA devices, and new accounts are
 * created without them (RootCredentialsManagement). A privileged root task in a member account is a short root
 * session the management account starts (RootSessions), recorded in CloudTrail, never a standing credential. So no
 * member account has a sign-in that could skip Identity Center and its MFA.
 */
export class CentralizedRootAccess extends Construct {
  readonly features: IamOrganizationsFeatures;

  constructor(scope: Construct, id: string, props: CentralizedRootAccessProps) {
    super(scope, id);
    this.features = new IamOrganizationsFeatures(this, "features", {
      enabledFeatures: [...ROOT_ACCESS_FEATURES],
      dependsOn: [props.organization],
    });
    // The construct id is the Terraform address, without the hash cdktf adds to nested resources.
    this.features.overrideLogicalId(id);
  }
}
