import { configFromData, exampleConfig, exampleConfigData } from "./helpers";
import { accountNamed, ouNamed } from "./support/fixtures";
import { composedStackNames, synthesizeStackAlone } from "./support/one-stack";

describe("account stacks", () => {
  it("exist for every member account and not for the management account", () => {
    const names = composedStackNames().filter((name) => name.startsWith("account-")).sort();
    const members = exampleConfig().accounts.filter((a) => a.purpose !== "management").map((a) => `account-${a.name}`).sort();
    expect(names).toEqual(members);
    expect(names).not.toContain("account-management");
  });

  // That a new account's id comes from the organization stack's state: landing-zone-stack.test.ts (whole app).

  it("use the literal id of an adopted account, and read only the log archive's state (AWS Config's bucket and key)", () => {
    const stack = synthesizeStackAlone("account-shared-services");
    expect(stack.json.provider.aws[0].allowed_account_ids).toEqual(["222222222222"]);
    expect(stack.json.provider.aws[0].assume_role[0].role_arn).toBe("arn:aws:iam::222222222222:role/OrganizationAccountAccessRole");
    // The provider's account never depends on another stack's state: only the delivery channel's bucket and key do.
    expect(Object.keys(stack.json.data.terraform_remote_state)).toEqual(["cross-stack-reference-input-log-archive"]);
  });

  it("deploy in the home Region with the account's tags added to the default tags", () => {
    const provider = synthesizeStackAlone("account-voting-prod").json.provider.aws[0];
    expect(provider.region).toBe("eu-west-2");
    expect(provider.default_tags[0].tags).toMatchObject({ Account: "voting-prod", Environment: "production", ManagedBy: "landing-zone" });
  });

  it("are not made for suspended accounts, whose deny-all SCP would stop even the deployment role", () => {
    const data = exampleConfigData();
    ouNamed(data, "Suspended").children = [{ name: "Closing" }];
    accountNamed(data, "voting-nonprod").ou = "Suspended/Closing";
    delete accountNamed(data, "voting-nonprod").network;
    const names = composedStackNames(configFromData(data));
    expect(names).not.toContain("account-voting-nonprod");
    expect(names).toEqual(expect.arrayContaining(["organization", "account-voting-prod", "log-archive"]));
  });
});
