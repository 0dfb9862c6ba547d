import { Testing, TerraformStack } from "cdktf";
import { AccountBaseline } from "../src/constructs/account-baseline";
import { AccountSecuritySettings } from "../src/constructs/account-security-settings";
import { Naming } from "../src/naming";
import { configFromData, exampleConfig, exampleConfigData, issuesOfData, stackNamed, synthesizeLandingZoneStacks, synthesized } from "./helpers";

/** The stacks these tests read, synthesized from the whole composition: the management account's and the members'. */
const baselineStacks = (name: string) => ["organization", "log-archive", "org-trail"].includes(name) || name.startsWith("account-");

const naming = new Naming({ prefix: "kestrel", homeRegion: "eu-west-2" });
const settings = exampleConfig().accountBaseline;

function baselineJson(props: Partial<ConstructorParameters<typeof AccountBaseline>[2]> = {}): Record<string, any> {
  const stack = new TerraformStack(Testing.app(), "test");
  new AccountBaseline(stack, "baseline", { naming, backupVaultLock: settings.backupVaultLock, restoreTesting: settings.restoreTesting, ...props });
  return JSON.parse(Testing.synth(stack)).resource;
}
const only = (resources: Record<string, any> | undefined): any => {
  const all = Object.values(resources ?? {});
  expect(all).toHaveLength(1);
  return all[0];
};

describe("backup vault lock", () => {
  it("locks the backup vault in governance mode by default (no cooling-off period), protected from destroy", () => {
    const lock = only(baselineJson({ backupVaultLock: { mode: "GOVERNANCE", minRetentionDays: 1 } }).aws_backup_vault_lock_configuration);
    expect(lock.backup_vault_name).toMatch(/^\$\{aws_backup_vault\.baseline_backup_vault_[0-9A-F]+\.name\}$/);
    expect(lock.changeable_for_days).toBeUndefined();
    expect(lock.min_retention_days).toBe(1);
    expect(lock.max_retention_days).toBeUndefined();
    expect(lock.lifecycle).toEqual({ prevent_destroy: true });
  });

  it("makes a compliance lock with its cooling-off period and retention bounds", () => {
    const lock = only(baselineJson({ backupVaultLock: { mode: "COMPLIANCE", changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 365 } }).aws_backup_vault_lock_configuration);
    expect(lock).toMatchObject({ changeable_for_days: 3, min_retention_days: 7, max_retention_days: 365, lifecycle: { prevent_destroy: true } });
  });

  it("rejects bounds that would fail the daily backups, and a mode that contradicts the cooling-off period", () => {
    expect(issuesOfData((d) => (d.accountBaseline.backupVaultLock.minRetentionDays = 36))).toEqual([
      expect.objectContaining({ path: ["accountBaseline", "backupVaultLock", "minRetentionDays"], message: expect.stringMatching(/longer than guardrails\.backup\.retentionDays \(35\)/) }),
    ]);
    expect(issuesOfData((d) => (d.accountBaseline.backupVaultLock.maxRetentionDays = 30))).toEqual([
      expect.objectContaining({ path: ["accountBaseline", "backupVaultLock", "maxRetentionDays"], message: expect.stringMatching(/shorter than guardrails\.backup\.retentionDays \(35\)/) }),
    ]);
    expect(issuesOfData((d) => (d.accountBaseline.backupVaultLock.mode = "COMPLIANCE"))).toEqual([
      expect.objectContaining({ path: ["accountBaseline", "backupVaultLock", "changeableForDays"], message: expect.stringMatching(/COMPLIANCE needs changeableForDays/) }),
    ]);
    expect(issuesOfData((d) => (d.accountBaseline.backupVaultLock.changeableForDays = 5))).toEqual([
      expect.objectContaining({ path: ["accountBaseline", "backupVaultLock", "changeableForDays"], message: expect.stringMatching(/makes the lock a COMPLIANCE lock/) }),
    ]);
    expect(issuesOfData((d) => Object.assign(d.accountBaseline.backupVaultLock, { mode: "COMPLIANCE", changeableForDays: 2 }))).toEqual([
      expect.objectContaining({ path: ["accountBaseline", "backupVaultLock", "changeableForDays"], message: expect.stringMatching(/at least 3 days/) }),
    ]);
    const valid = exampleConfigData();
    Object.assign(valid.accountBaseline.backupVaultLock, { mode: "COMPLIANCE", changeableForDays: 3, maxRetentionDays: 35 });
    expect(configFromData(valid).accountBaseline.backupVaultLock).toMatchObject({ mode: "COMPLIANCE", changeableForDays: 3, maxRetentionDays: 35 });
  });
});

describe("restore testing", () => {
  it("restores the latest snapshot of each configured type from the landing zone's vault, as the backup role", () => {
    const json = baselineJson();
    const plan = only(json.aws_backup_restore_testing_plan);
    expect(plan).toMatchObject({ name: "kestrel_lz_restore_testing", schedule_expression: "cron(0 9 ? * MON *)" });
    expect(plan.recovery_point_selection).toEqual([{
      algorithm: "LATEST_WITHIN_WINDOW",
      include_vaults: [expect.stringMatching(/^\$\{aws_backup_vault\.baseline_backup_vault_[0-9A-F]+\.arn\}$/)],
      recovery_point_types: ["SNAPSHOT"],
      selection_window_days: 7,
    }]);
    const selections = Object.values(json.aws_backup_restore_testing_selection) as any[];
    expect(selections.map((s) => s.protected_resource_type).sort()).toEqual(["DynamoDB", "EBS", "EFS", "RDS", "S3"]);
    for (const selection of selections) {
      expect(selection.protected_resource_arns).toEqual(["*"]);
      expect(selection.iam_role_arn).toMatch(/^\$\{aws_iam_role\.baseline_backup_role_[0-9A-F]+\.arn\}$/);
      expect(selection.restore_testing_plan_name).toMatch(/^\$\{aws_backup_restore_testing_plan\.[\w]+\.name\}$/);
      expect(selection.name).toMatch(/^[0-9A-Za-z_]{1,50}$/);
    }
  });

  it("can be switched off, and its window may not outlast the backups", () => {
    expect(baselineJson({ restoreTesting: { ...settings.restoreTesting, enabled: false } }).aws_backup_restore_testing_plan).toBeUndefined();
    expect(issuesOfData((d) => (d.accountBaseline.restoreTesting.selectionWindowDays = 40))).toEqual([
      expect.objectContaining({ path: ["accountBaseline", "restoreTesting", "selectionWindowDays"] }),
    ]);
    expect(issuesOfData((d) => (d.accountBaseline.restoreTesting.resourceTypes = ["EBS", "Redshift"]))).toEqual([
      expect.objectContaining({ path: ["accountBaseline", "restoreTesting", "resourceTypes", 1] }),
    ]);
  });
});

describe("alternate contacts and password policy", () => {
  function settingsJson(): Record<string, any> {
    const stack = new TerraformStack(Testing.app(), "test");
    new AccountSecuritySettings(stack, "settings", { alternateContacts: settings.alternateContacts, passwordPolicy: settings.passwordPolicy });
    return JSON.parse(Testing.synth(stack)).resource;
  }

  it("sets the security, operations and billing contacts of the stack's own account (no account_id)", () => {
    const contacts = Object.values(settingsJson().aws_account_alternate_contact) as any[];
    expect(contacts.map((c) => c.alternate_contact_type).sort()).toEqual(["BILLING", "OPERATIONS", "SECURITY"]);
    const security = contacts.find((c) => c.alternate_contact_type === "SECURITY");
    expect(security).toEqual({ alternate_contact_type: "SECURITY", name: "Kestrel Security Operations", title: "Security Operations", email_address: "security@kestrel.example.org", phone_number: "+44 20 7946 0000" });
  });

  it("requires 14 characters, 24 remembered passwords, every character class and expiry (CIS 1.8, 1.9)", () => {
    expect(only(settingsJson().aws_iam_account_password_policy)).toEqual({
      minimum_password_length: 14, password_reuse_prevention: 24, max_password_age: 90,
      require_uppercase_characters: true, require_lowercase_characters: true, require_numbers: true, require_symbols: true,
      allow_users_to_change_password: true,
    });
  });

  it("rejects a password policy below CIS and contacts AWS would refuse", () => {
    expect(issuesOfData((d) => (d.accountBaseline.passwordPolicy.minimumLength = 12))).toEqual([
      expect.objectContaining({ path: ["accountBaseline", "passwordPolicy", "minimumLength"], message: expect.stringMatching(/CIS AWS Foundations 1\.8/) }),
    ]);
    expect(issuesOfData((d) => (d.accountBaseline.passwordPolicy.reusePrevention = 5))).toEqual([
      expect.objectContaining({ path: ["accountBaseline", "passwordPolicy", "reusePrevention"], message: expect.stringMatching(/CIS AWS Foundations 1\.9/) }),
    ]);
    const issues = issuesOfData((d) => Object.assign(d.accountBaseline.alternateContacts.security, { phone: "call +44 20", email: "security at kestrel" }));
    expect(issues.map((i) => i.path)).toEqual([["accountBaseline", "alternateContacts", "security", "email"], ["accountBaseline", "alternateContacts", "security", "phone"]]);
  });

  let stacks: ReturnType<typeof synthesizeLandingZoneStacks>;
  beforeAll(() => {
    stacks = synthesizeLandingZoneStacks(exampleConfig(), baselineStacks);
  });
  it.each(["organization", "account-log-archive", "account-audit", "account-shared-services", "account-voting-prod", "account-voting-nonprod"])(
    "%s sets its own account's contacts and password policy", (name) => {
      const stack = synthesized(stackNamed(stacks, name));
      const contacts = Object.values(stack.resources("aws_account_alternate_contact")) as any[];
      expect(contacts.map((c) => c.alternate_contact_type).sort()).toEqual(["BILLING", "OPERATIONS", "SECURITY"]);
      for (const contact of contacts) expect(contact.account_id).toBeUndefined();
      expect(Object.keys(stack.resources("aws_iam_account_password_policy"))).toHaveLength(1);
    },
  );
});

describe("scale", () => {
  it("adds nothing to the organization, log-archive, org-trail or audit stacks but the account itself when accounts are added", () => {
    const count = (stacks: Map<string, TerraformStack>, name: string): number =>
      Object.values(synthesized(stackNamed(stacks, name)).json.resource ?? {}).reduce((n: number, byName) => n + Object.keys(byName as object).length, 0);
    const base = synthesizeLandingZoneStacks(exampleConfig(), baselineStacks);
    const data = exampleConfigData();
    for (let i = 0; i < 3; i++) data.accounts.push({ name: `extra-${i}`, email: `aws-extra-${i}@kestrel.example.org`, purpose: "workload", ou: "Workloads/NonProd" });
    const more = synthesizeLandingZoneStacks(configFromData(data), baselineStacks);
    for (const name of ["log-archive", "org-trail", "account-audit"]) expect([name, count(more, name)]).toEqual([name, count(base, name)]);
    // The organization stack grows by the accounts themselves only.
    expect(count(more, "organization") - count(base, "organization")).toBe(3);
  });
});
