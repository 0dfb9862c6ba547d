import { Testing } from "cdktf";
import { AccountDirectory } from "../src/stacks/account-directory";
import { OrganizationStack } from "../stacks/organization-stack";
import { configFromData, exampleConfig, exampleConfigData } from "./helpers";

describe("AccountDirectory", () => {
  const config = exampleConfig();
  const ids = new Map(config.accounts.map((a, i) => [a.name, a.id ?? String(300000000000 + i)]));
  const accounts = new AccountDirectory(config, ids);

  it("hands out the management, log archive and audit accounts by purpose, with their ids", () => {
    expect([accounts.management, accounts.logArchive, accounts.audit].map((a) => [a.name, a.config.purpose, a.id])).toEqual([
      ["management", "management", ids.get("management")],
      ["log-archive", "log-archive", ids.get("log-archive")],
      ["audit", "audit", ids.get("audit")],
    ]);
  });

  it("finds any account's id by name, and refuses an unknown name as a bug, not a config error", () => {
    expect(accounts.id("voting-prod")).toBe(ids.get("voting-prod"));
    expect(() => accounts.id("nope")).toThrow(/^internal error \(a bug\): .*"nope"/);
  });

  it("lists an OU's accounts, nested OUs included, and not an OU whose name only starts the same", () => {
    expect(accounts.inOu("Workloads").map((a) => a.name)).toEqual(["voting-prod", "voting-nonprod"]);
    expect(accounts.inOu("Workloads/Prod").map((a) => a.name)).toEqual(["voting-prod"]);
    expect(accounts.inOu("Work").map((a) => a.name)).toEqual([]);
  });

  it("gives account stacks to members outside the suspended OU only", () => {
    const data = exampleConfigData();
    data.accounts.find((a: { name: string }) => a.name === "voting-nonprod").ou = "Suspended";
    const suspended = configFromData(data);
    const withSuspended = new AccountDirectory(suspended, ids);
    expect(withSuspended.withStacks(suspended.guardrails.suspendedOu).map((a) => a.name)).toEqual(["log-archive", "audit", "shared-services", "voting-prod"]);
  });

  it("is built by the organization stack: literal ids for management and adopted accounts, references for created ones", () => {
    const organization = new OrganizationStack(Testing.app(), config);
    const { accounts: built } = organization;
    expect(built.management.id).toBe(config.organization.managementAccountId);
    for (const account of config.accounts.filter((a) => a.id !== undefined)) expect(built.id(account.name)).toBe(account.id);
    expect(built.logArchive.id).toMatch(/\$\{TfToken/);
  });

  it("refuses a config without exactly one log archive account as a bug (validation reports it first)", () => {
    const broken = { accounts: config.accounts.filter((a) => a.purpose !== "log-archive") };
    expect(() => new AccountDirectory(broken, ids)).toThrow(/^internal error \(a bug\): config validation let through 0 log-archive accounts/);
  });
});
