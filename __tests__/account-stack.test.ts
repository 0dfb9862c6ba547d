import { configFromData, exampleConfig, exampleConfigData, stackNamed, synthesizeLandingZone, synthesized } from "./helpers";

describe("account stacks", () => {
  const stacks = synthesizeLandingZone();

  it("exist for every member account and not for the management account", () => {
    const names = [...stacks.keys()].filter((name) => name.startsWith("account-")).sort();
    const members = exampleConfig().accounts.filter((a) => a.purpose !== "management").map((a) => `account-${a.name}`).sort();
    expect(names).toEqual(members);
    expect(names).not.toContain("account-management");
  });

  it("assume the member role in a new account whose id comes from the applied organization stack, and may touch only it", () => {
    const stack = synthesized(stackNamed(stacks, "account-voting-prod"));
    const provider = stack.json.provider.aws[0];
    const accountId = "${data.terraform_remote_state.cross-stack-reference-input-organization.outputs.cross-stack-output-aws_organizations_accountaccount_voting-prodid}";
    expect(provider.allowed_account_ids).toEqual([accountId]);
    expect(provider.assume_role).toEqual([{ role_arn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`, session_name: "kestrel-account-voting-prod" }]);
    // The id is read from the organization stack's state during plan, so it is known before any resource is planned.
    expect(stack.json.data.terraform_remote_state["cross-stack-reference-input-organization"]).toEqual({
      backend: "local",
      config: { path: "../../../terraform.organization.tfstate" },
      workspace: "${terraform.workspace}",
    });
  });

  it("use the literal id of an adopted account, and read only the log archive's state (AWS Config's bucket and key)", () => {
    const stack = synthesized(stackNamed(stacks, "account-shared-services"));
    expect(stack.json.provider.aws[0].allowed_account_ids).toEqual(["222222222222"]);
    expect(stack.json.provider.aws[0].assume_role[0].role_arn).toBe("arn:aws:iam::222222222222:role/OrganizationAccountAccessRole");
    // The provider's account never depends on another stack's state: only the delivery channel's bucket and key do.
    expect(Object.keys(stack.json.data.terraform_remote_state)).toEqual(["cross-stack-reference-input-log-archive"]);
  });

  it("deploy in the home Region with the account's tags added to the default tags", () => {
    const provider = synthesized(stackNamed(stacks, "account-voting-prod")).json.provider.aws[0];
    expect(provider.region).toBe("eu-west-2");
    expect(provider.default_tags[0].tags).toMatchObject({ Account: "voting-prod", Environment: "production", ManagedBy: "landing-zone" });
  });

  it("are not made for suspended accounts, whose deny-all SCP would stop even the deployment role", () => {
    const data = exampleConfigData();
    data.organizationalUnits.find((ou: { name: string }) => ou.name === "Suspended").children = [{ name: "Closing" }];
    data.accounts.find((a: { name: string }) => a.name === "voting-nonprod").ou = "Suspended/Closing";
    delete data.accounts.find((a: { name: string }) => a.name === "voting-nonprod").network;
    const names = [...synthesizeLandingZone(configFromData(data)).keys()];
    expect(names).not.toContain("account-voting-nonprod");
    expect(names).toEqual(expect.arrayContaining(["organization", "account-voting-prod", "log-archive"]));
  });
});
