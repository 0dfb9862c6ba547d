import { ConfigConfigurationAggregator } from "@cdktf/provider-aws/lib/config-configuration-aggregator";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachmentsExclusive } from "@cdktf/provider-aws/lib/iam-role-policy-attachments-exclusive";
import { Construct } from "constructs";
import type { Naming } from "../naming";
import { policyJson } from "../policies/document";
import { serviceTrustPolicy } from "../policies/trust-policies";
import { CONFIG_SERVICE_PRINCIPAL } from "./config-recorder";

/**
 * What an organisation aggregator's role needs: read the organisation's accounts (AWS managed policy reference,
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSConfigRoleForOrganizations.html).
 */
export const AGGREGATOR_ROLE_MANAGED_POLICY = "arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations";

export interface ConfigAggregatorProps {
  readonly naming: Naming;
}

/**
 * The organisation's AWS Config aggregator, in the account registered as Config's delegated administrator (the audit
 * account; the organization stack registers it): configuration and compliance of every account, present and future,
 * in every Region, in one view. AWS Config DG, "Setting up an aggregator":
 * https://docs.aws.amazon.com/config/latest/developerguide/setup-aggregator-cli.html (organisation source, a role
 * with AWSConfigRoleForOrganizations, trusted access for config.amazonaws.com, delegated administrator).
 */
export class ConfigAggregator extends Construct {
  readonly role: IamRole;
  readonly aggregator: ConfigConfigurationAggregator;

  constructor(scope: Construct, id: string, props: ConfigAggregatorProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      name: props.naming.roleName("config-aggregator"),
      description: "Assumed by AWS Config to list the organisation's accounts for the organisation aggregator",
      assumeRolePolicy: policyJson(serviceTrustPolicy(CONFIG_SERVICE_PRINCIPAL)),
    });
    const policies = new IamRolePolicyAttachmentsExclusive(this, "role_policies", {
      roleName: this.role.name,
      policyArns: [AGGREGATOR_ROLE_MANAGED_POLICY],
    });
    this.aggregator = new ConfigConfigurationAggregator(this, "aggregator", {
      name: props.naming.configAggregatorName,
      organizationAggregationSource: { allRegions: true, roleArn: this.role.arn },
      // Config checks the role's permissions when it creates the aggregator.
      dependsOn: [policies],
    });
  }
}
