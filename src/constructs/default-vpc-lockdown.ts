import { DataAwsVpcs } from "@cdktf/provider-aws/lib/data-aws-vpcs";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { TerraformIterator } from "cdktf";
import { Construct } from "constructs";

/**
 * Neutralises the account's default VPC in the provider's Region, if it still has one, without adopting it.
 *
 * The default VPC is found with the aws_vpcs data source (an empty list, not an error, when there is none), and its
 * default security group is stripped of every rule, so nothing launched into the default VPC without an explicit
 * security group can talk to anything. aws_default_vpc is deliberately not used: when no default VPC exists it
 * creates one. Terraform cannot delete the default VPC itself without adopting it and its subnets with force_destroy
 * in two applies; deleting it is a documented manual step (README, "What is not automated").
 */
export class DefaultVpcLockdown extends Construct {
  readonly defaultVpcs: DataAwsVpcs;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.defaultVpcs = new DataAwsVpcs(this, "default-vpcs", { filter: [{ name: "is-default", values: ["true"] }] });
    // The data source is read during plan, so for_each over its ids is known before any resource is planned.
    const vpcIds = TerraformIterator.fromList(this.defaultVpcs.ids);
    new DefaultSecurityGroup(this, "default-security-group", {
      forEach: vpcIds,
      vpcId: vpcIds.value,
      // Empty lists, not absent: aws_default_security_group removes every rule it is not given.
      ingress: [],
      egress: [],
    });
  }
}
