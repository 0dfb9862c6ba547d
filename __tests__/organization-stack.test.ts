import { OrganizationsAccount } from "@cdktf/provider-aws/lib/organizations-account";
import { OrganizationsOrganization } from "@cdktf/provider-aws/lib/organizations-organization";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ENABLED_POLICY_TYPES, SERVICE_ACCESS_PRINCIPALS, STACKSETS_SERVICE_PRINCIPAL, enabledPolicyTypes, trustedServices } from "../src/organization/trusted-access";
import { formatPath } from "../src/config/errors";
import { configFromData, exampleConfigData, issuesOfData } from "./helpers";
import { accountNamed, ouNamed } from "./support/fixtures";
import { synthesizeStackAlone } from "./support/one-stack";

const example = () => synthesizeStackAlone("organization");

describe("organization stack", () => {
  it("creates an all-features organization with the policy types and trusted services the landing zone needs", () => {
    expect(example().text).toHaveResourceWithProperties(OrganizationsOrganization, {
      feature_set: "ALL",
      enabled_policy_types: expect.arrayContaining(["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY", "TAG_POLICY", "BACKUP_POLICY", "AISERVICES_OPT_OUT_POLICY"]),
      aws_service_access_principals: expect.arrayContaining(["cloudtrail.amazonaws.com", "sso.amazonaws.com", "iam.amazonaws.com", "config.amazonaws.com"]),
    });
  });

  it("protects the organization from destroy", () => {
    expect(example().resource("aws_organizations_organization", "organization").lifecycle).toEqual({ prevent_destroy: true });
  });

  it("runs in the management account only, without assuming a role", () => {
    expect(example().text).toHaveProviderWithProperties(AwsProvider, { allowed_account_ids: ["111111111111"], region: "eu-west-2" });
    expect(example().json.provider.aws[0].assume_role).toBeUndefined();
  });

  it("attaches no Organizations policy before it has assumed the deployment role in every adopted account", () => {
    const stack = example();
    const checks = stack.json.provider.aws.filter((p: { alias?: string }) => p.alias !== undefined);
    expect(checks).toEqual([expect.objectContaining({
      alias: "deployment_role_shared_services",
      allowed_account_ids: ["222222222222"],
      assume_role: [expect.objectContaining({ role_arn: "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole" })],
    })]);
    expect(stack.json.data.aws_caller_identity.deployment_role_shared_services.provider).toBe("aws.deployment_role_shared_services");
    for (const [address, attachment] of Object.entries(stack.resources("aws_organizations_policy_attachment")))
      expect([address, attachment.depends_on]).toEqual([address, ["aws_organizations_organization.organization", "data.aws_caller_identity.deployment_role_shared_services"]]);
  });

  it("checks no deployment role in a created account, or in an adopted account in the suspended OU", () => {
    const data = exampleConfigData();
    accountNamed(data, "shared-services").ou = "Suspended";
    const stack = synthesizeStackAlone("organization", configFromData(data));
    expect(stack.json.provider.aws.filter((p: { alias?: string }) => p.alias !== undefined)).toEqual([]);
    expect(stack.json.data?.aws_caller_identity).toBeUndefined();
  });

  it("with a Terraform Cloud backend, checks no deployment role and reaches no member account (nothing assumes that role there)", () => {
    const data = exampleConfigData();
    data.backend = { type: "cloud", organization: "kestrel", project: "landing-zone", workspacePrefix: "lz-" };
    const stack = synthesizeStackAlone("organization", configFromData(data));
    // The example adopts shared-services: with a local backend it has a check provider (test above).
    expect(stack.json.provider.aws.map((p: { allowed_account_ids: string[] }) => p.allowed_account_ids)).toEqual([["111111111111"]]);
    expect(stack.json.data?.aws_caller_identity).toBeUndefined();
    for (const [address, attachment] of Object.entries(stack.resources("aws_organizations_policy_attachment")))
      expect([address, attachment.depends_on]).toEqual([address, ["aws_organizations_organization.organization"]]);
  });

  it("builds the nested OU tree under the root", () => {
    const ous = example().resources("aws_organizations_organizational_unit");
    expect(Object.keys(ous).sort()).toEqual(["ou_Infrastructure", "ou_Sandbox", "ou_Security", "ou_Suspended", "ou_Workloads", "ou_Workloads_NonProd", "ou_Workloads_Prod"]);
    expect(ous.ou_Workloads?.parent_id).toBe("${aws_organizations_organization.organization.roots[0].id}");
    expect(ous.ou_Workloads_Prod).toMatchObject({ name: "Prod", parent_id: "${aws_organizations_organizational_unit.ou_Workloads.id}" });
    for (const ou of Object.values(ous)) expect(ou.lifecycle).toEqual({ prevent_destroy: true });
  });

  it("creates every member account in its OU, and never the management account", () => {
    const accounts = example().resources("aws_organizations_account");
    expect(Object.keys(accounts).sort()).toEqual(["account_audit", "account_log-archive", "account_shared-services", "account_voting-nonprod", "account_voting-prod"]);
    expect(accounts["account_voting-prod"]).toMatchObject({
      name: "kestrel-voting-prod",
      email: "aws-voting-prod@kestrel.example.org",
      parent_id: "${aws_organizations_organizational_unit.ou_Workloads_Prod.id}",
      role_name: "OrganizationAccountAccessRole",
    });
  });

  it("protects every account: prevent_destroy, never closed on deletion, no diff on attributes AWS cannot read back", () => {
    for (const [name, account] of Object.entries(example().resources("aws_organizations_account"))) {
      expect([name, account.close_on_deletion]).toEqual([name, false]);
      expect([name, account.lifecycle]).toEqual([name, { prevent_destroy: true, ignore_changes: ["role_name", "iam_user_access_to_billing"] }]);
    }
  });

  it("adopts an existing account with an import block and creates the others", () => {
    const stack = example();
    // With the organization it belongs to: an account can only be imported from an existing organization.
    expect(stack.json.import).toEqual([
      { id: "o-kestrelciv1", to: "aws_organizations_organization.organization" },
      { id: "222222222222", to: "aws_organizations_account.account_shared-services" },
    ]);
    expect(stack.resource("aws_organizations_account", "account_shared-services").name).toBe("Kestrel Shared Services");
  });

  it("adopts an existing organization and OUs when config gives their ids", () => {
    const data = exampleConfigData();
    data.organization.id = "o-abcdef1234";
    ouNamed(data, "Security").id = "ou-ab12-cd34ef56";
    const stack = synthesizeStackAlone("organization", configFromData(data));
    expect(stack.json.import).toEqual(expect.arrayContaining([
      { id: "o-abcdef1234", to: "aws_organizations_organization.organization" },
      { id: "ou-ab12-cd34ef56", to: "aws_organizations_organizational_unit.ou_Security" },
    ]));
  });

  it("outputs the account ids: literal for adopted accounts, references for new ones", () => {
    expect(example().json.output.account_ids.value).toEqual({
      management: "111111111111",
      "log-archive": "${aws_organizations_account.account_log-archive.id}",
      audit: "${aws_organizations_account.account_audit.id}",
      "shared-services": "222222222222",
      "voting-prod": "${aws_organizations_account.account_voting-prod.id}",
      "voting-nonprod": "${aws_organizations_account.account_voting-nonprod.id}",
    });
  });

  it("tags accounts with their purpose, and every resource with the default tags", () => {
    const stack = example();
    expect(stack.text).toHaveResourceWithProperties(OrganizationsAccount, { name: "kestrel-audit", tags: { Purpose: "audit" } });
    expect(stack.json.provider.aws[0].default_tags).toEqual([{ tags: { CostCentre: "platform", ManagedBy: "landing-zone", LandingZone: "kestrel", Owner: "platform-team" } }]);
  });
});

describe("centralised root access", () => {
  it("removes root credentials from member accounts and allows only short root sessions from the management account", () => {
    expect(example().resource("aws_iam_organizations_features", "root_access")).toMatchObject({
      enabled_features: ["RootCredentialsManagement", "RootSessions"],
      depends_on: ["aws_organizations_organization.organization"],
    });
  });

  it("has the trusted access for IAM it needs, and runs in the management account", () => {
    const stack = example();
    expect(stack.resource("aws_organizations_organization", "organization").aws_service_access_principals).toContain("iam.amazonaws.com");
    expect(stack.resource("aws_iam_organizations_features", "root_access").provider).toBeUndefined();
    expect(stack.json.provider.aws.filter((p: { alias?: string }) => p.alias === undefined)).toEqual([expect.objectContaining({ allowed_account_ids: ["111111111111"] })]);
  });
});

describe("trusted access and policy types an organisation already uses", () => {
  // The provider disables every trusted service and policy type it does not list (organization.go,
  // resourceOrganizationUpdate), so whatever an adopted organisation uses must be in these lists.
  it("keeps the services and policy types config names, beside the landing zone's own, each once", () => {
    const data = exampleConfigData();
    data.organization.additionalTrustedServices = ["controltower.amazonaws.com", "sso.amazonaws.com"];
    data.organization.additionalPolicyTypes = ["DECLARATIVE_POLICY_EC2"];
    const config = configFromData(data);
    const services = trustedServices(config);
    expect(services).toEqual(expect.arrayContaining([...SERVICE_ACCESS_PRINCIPALS, "controltower.amazonaws.com"]));
    expect(services.filter((s) => s === "sso.amazonaws.com")).toHaveLength(1);
    expect(enabledPolicyTypes(config)).toEqual([...ENABLED_POLICY_TYPES, "DECLARATIVE_POLICY_EC2"]);
  });

  it("keeps StackSets trusted access with a Terraform Cloud backend, whose pipeline creates member-account roles through it", () => {
    const data = exampleConfigData();
    expect(trustedServices(configFromData(data))).not.toContain(STACKSETS_SERVICE_PRINCIPAL);
    data.backend = { type: "cloud", organization: "kestrel" };
    expect(trustedServices(configFromData(data))).toContain(STACKSETS_SERVICE_PRINCIPAL);
  });

  it("writes both lists into the organization resource", () => {
    expect(example().resource("aws_organizations_organization", "organization")).toMatchObject({
      aws_service_access_principals: [...SERVICE_ACCESS_PRINCIPALS],
      enabled_policy_types: [...ENABLED_POLICY_TYPES],
    });
  });

  it("refuses a name that is no service principal or policy type, at its place in the file", () => {
    const issues = issuesOfData((data) => {
      data.organization.additionalTrustedServices = ["controltower"];
      data.organization.additionalPolicyTypes = ["EC2_POLICY"];
    });
    expect(issues.map((issue) => [formatPath(issue.path), issue.message])).toEqual([
      ["organization.additionalTrustedServices[0]", expect.stringContaining('"controltower" is not an AWS service principal')],
      ["organization.additionalPolicyTypes[0]", expect.stringContaining('"EC2_POLICY" is not an Organizations policy type; allowed: SERVICE_CONTROL_POLICY')],
    ]);
  });
});
