import { OrganizationsOrganization } from "@cdktf/provider-aws/lib/organizations-organization";
import { Testing, TerraformStack } from "cdktf";
import { OrganizationPolicy } from "../src/constructs/organization-policy";
import { terraformLiteral } from "../src/terraform/literal";
import { Naming } from "../src/naming";

describe("OrganizationPolicy construct", () => {
  const synth = (build: (stack: TerraformStack, organization: OrganizationsOrganization) => void) => {
    const stack = new TerraformStack(Testing.app(), "test");
    build(stack, new OrganizationsOrganization(stack, "organization", { featureSet: "ALL", enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"] }));
    return JSON.parse(Testing.synth(stack));
  };

  it("creates the policy and one attachment per target, at readable addresses", () => {
    const json = synth((stack, organization) => new OrganizationPolicy(stack, "scp_example", {
      organization, name: "example", type: "SERVICE_CONTROL_POLICY", description: "d", content: "{}",
      targets: [{ key: "root", id: "r-abcd" }, { key: "ou_Prod", id: "ou-ab12-cd34ef56" }],
    }));
    expect(json.resource.aws_organizations_policy.scp_example).toMatchObject({ name: "example", type: "SERVICE_CONTROL_POLICY", content: "{}" });
    expect(json.resource.aws_organizations_policy_attachment).toEqual({
      scp_example_root: expect.objectContaining({ policy_id: "${aws_organizations_policy.scp_example.id}", target_id: "r-abcd" }),
      scp_example_ou_Prod: expect.objectContaining({ policy_id: "${aws_organizations_policy.scp_example.id}", target_id: "ou-ab12-cd34ef56" }),
    });
  });

  it("escapes IAM policy variables so Terraform sends them literally", () => {
    expect(terraformLiteral('{"a":"${aws:ResourceOrgID}","b":"%{x}"}')).toBe('{"a":"$${aws:ResourceOrgID}","b":"%%{x}"}');
    const json = synth((stack, organization) => new OrganizationPolicy(stack, "rcp", { organization, name: "n", type: "RESOURCE_CONTROL_POLICY", description: "d", content: '{"v":"${aws:ResourceOrgID}"}' }));
    expect(json.resource.aws_organizations_policy.rcp.content).toBe('{"v":"$${aws:ResourceOrgID}"}');
  });

  it("makes the policy and every attachment wait for the organization, which enables the policy types", () => {
    const json = synth((stack, organization) => new OrganizationPolicy(stack, "scp_example", {
      organization, name: "example", type: "SERVICE_CONTROL_POLICY", description: "d", content: "{}",
      targets: [{ key: "root", id: "r-abcd" }, { key: "account_adopted", id: "222222222222" }],
    }));
    const org = "aws_organizations_organization.organization";
    expect(json.resource.aws_organizations_policy.scp_example.depends_on).toEqual([org]);
    for (const attachment of Object.values<any>(json.resource.aws_organizations_policy_attachment)) expect(attachment.depends_on).toEqual([org]);
  });

  it("keeps the given references (the organization id) as Terraform references and everything else literal", () => {
    const json = synth((stack, organization) => {
      // cdktf gives each read of an attribute its own token: the reference must be the very string in the content.
      const id = organization.id;
      return new OrganizationPolicy(stack, "rcp", {
        organization, name: "n", type: "RESOURCE_CONTROL_POLICY", description: "d",
        content: `{"org":"${id}","v":"\${aws:PrincipalTag/team}"}`, contentReferences: [id],
      });
    });
    expect(json.resource.aws_organizations_policy.rcp.content).toBe('{"org":"${aws_organizations_organization.organization.id}","v":"$${aws:PrincipalTag/team}"}');
  });

  it("rejects a name and description Organizations would refuse, naming both", () => {
    expect(() => synth((stack, organization) => new OrganizationPolicy(stack, "p", { organization, name: "x".repeat(129), type: "TAG_POLICY", description: "d".repeat(513), content: "{}" }))).toThrow(
      "OrganizationPolicy p: name must have 1-128 characters; got 129; description must have at most 512 characters; got 513",
    );
  });
});

describe("policy names", () => {
  const naming = new Naming({ prefix: "kestrel", homeRegion: "eu-west-2" });

  it("begin with the reserved prefix and stay within 128 characters", () => {
    expect(naming.organizationPolicyName("region-deny")).toBe("kestrel-lz-region-deny");
    const long = naming.organizationPolicyName(`region-deny-${"Deep_".repeat(40)}`);
    expect(long).toHaveLength(128);
    expect(long).toMatch(/^kestrel-lz-region-deny-Deep_.*-[0-9a-f]{8}$/);
    expect(naming.organizationPolicyName(`region-deny-${"Deep_".repeat(41)}`)).not.toBe(long);
  });

  it("match the deployment role and the trails in every account", () => {
    expect(Naming.roleInAnyAccount("OrganizationAccountAccessRole")).toBe("arn:aws:iam::*:role/OrganizationAccountAccessRole");
    expect(naming.trailArnPatterns).toEqual(["arn:aws:cloudtrail:*:*:trail/kestrel-lz-org-trail", "arn:aws:cloudtrail:*:*:trail/kestrel-lz-*"]);
    expect(naming.backupPlanName).toBe("kestrel-lz-daily");
  });
});
