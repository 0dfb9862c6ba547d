import { runSimulation } from "@cloud-copilot/iam-simulate";
import { expandAssignments } from "../src/identity/assignments";
import { BUILT_IN_PERMISSION_SETS } from "../src/identity/permission-sets";
import { eventBridgeTrustPolicy, publishToTopicPolicy } from "../src/policies/event-forwarding";
import { powerUserGuardPolicy } from "../src/policies/identity-center";
import { configFromData, exampleConfig, exampleConfigData, type SynthesizedStack } from "./helpers";
import { ouNamed } from "./support/fixtures";
import { synthesizeStackAlone } from "./support/one-stack";

const identityStack = (data?: Record<string, any>): SynthesizedStack =>
  synthesizeStackAlone("identity", data === undefined ? exampleConfig() : configFromData(data));

let example: SynthesizedStack;
beforeAll(() => {
  example = identityStack();
});
const INSTANCE_ARN = "${element(tolist(data.aws_ssoadmin_instances.identity_center.arns), 0)}";
const IDENTITY_STORE_ID = "${element(tolist(data.aws_ssoadmin_instances.identity_center.identity_store_ids), 0)}";

describe("identity stack: where it runs", () => {
  it("runs in the management account without assuming a role, when no delegated administrator is named", () => {
    const providers = example.json.provider.aws;
    const home = providers.find((p: any) => p.alias === undefined);
    expect(home).toMatchObject({ allowed_account_ids: ["111111111111"], region: "eu-west-2" });
    expect(home.assume_role).toBeUndefined();
    expect(example.resources("aws_organizations_delegated_administrator")).toEqual({});
  });

  it("reads the instance and identity store from aws_ssoadmin_instances, converting the sets to lists", () => {
    expect(example.json.data.aws_ssoadmin_instances.identity_center).toBeDefined();
    expect(example.resource("aws_identitystore_group", "group_developers").identity_store_id).toBe(IDENTITY_STORE_ID);
    expect(example.resource("aws_ssoadmin_permission_set", "permission_set_Administrator").instance_arn).toBe(INSTANCE_ARN);
  });

  it("uses the instance ARN and identity store id from config when given, without the data source", () => {
    const data = exampleConfigData();
    data.identity.instanceArn = "arn:aws:sso:::instance/ssoins-1234567890abcdef";
    data.identity.identityStoreId = "d-1234567890";
    const stack = identityStack(data);
    expect(stack.json.data?.aws_ssoadmin_instances).toBeUndefined();
    expect(stack.resource("aws_identitystore_group", "group_developers").identity_store_id).toBe("d-1234567890");
    expect(stack.resource("aws_ssoadmin_permission_set", "permission_set_ReadOnly").instance_arn).toBe("arn:aws:sso:::instance/ssoins-1234567890abcdef");
  });

  describe("with a delegated administrator", () => {
    const data = exampleConfigData();
    data.identity.delegatedAdministrator = "shared-services";
    data.identity.assignments = data.identity.assignments.filter((a: any) => !a.accounts?.includes("management"));
    let stack: SynthesizedStack;
    beforeAll(() => {
      stack = identityStack(data);
    });

    it("assumes the member role in the delegated administrator account", () => {
      const home = stack.json.provider.aws.find((p: any) => p.alias === undefined);
      expect(home).toMatchObject({
        allowed_account_ids: ["222222222222"],
        assume_role: [{ role_arn: "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole", session_name: "kestrel-identity" }],
      });
    });

    it("registers the delegation for sso.amazonaws.com from the management account, and waits for it", () => {
      const management = stack.json.provider.aws.find((p: any) => p.alias === "management");
      expect(management).toMatchObject({ allowed_account_ids: ["111111111111"], region: "eu-west-2" });
      expect(management.assume_role).toBeUndefined();
      expect(stack.resource("aws_organizations_delegated_administrator", "identity_center_delegated_administrator")).toMatchObject({
        provider: "aws.management",
        account_id: "222222222222",
        service_principal: "sso.amazonaws.com",
      });
      expect(stack.json.data.aws_ssoadmin_instances.identity_center.depends_on).toEqual(["aws_organizations_delegated_administrator.identity_center_delegated_administrator"]);
      expect(stack.resource("aws_ssoadmin_permission_set", "permission_set_Administrator").depends_on).toEqual(["aws_organizations_delegated_administrator.identity_center_delegated_administrator"]);
    });

    it("keeps the detective rules in the management account", () => {
      for (const rule of Object.values(stack.resources("aws_cloudwatch_event_rule"))) {
        expect(["aws.management", "aws.management_global"]).toContain(rule.provider);
      }
    });
  });
});

describe("identity stack: groups and users", () => {
  it("creates every configured group in the identity store", () => {
    expect(Object.keys(example.resources("aws_identitystore_group")).sort()).toEqual([
      "group_billing", "group_break-glass", "group_developers", "group_network-admins", "group_platform-admins", "group_security-auditors",
    ]);
    expect(example.resource("aws_identitystore_group", "group_break-glass").display_name).toBe("break-glass");
  });

  it("creates optional users and their group memberships", () => {
    const data = exampleConfigData();
    data.identity.users = [{ userName: "ada", displayName: "Ada L", givenName: "Ada", familyName: "L", email: "ada@kestrel.example.org", groups: ["developers"] }];
    const stack = identityStack(data);
    expect(stack.resource("aws_identitystore_user", "user_ada")).toMatchObject({ user_name: "ada", name: { given_name: "Ada", family_name: "L" }, emails: { value: "ada@kestrel.example.org", primary: true } });
    expect(stack.resource("aws_identitystore_group_membership", "membership_ada_developers")).toMatchObject({
      group_id: "${aws_identitystore_group.group_developers.group_id}",
      member_id: "${aws_identitystore_user.user_ada.user_id}",
    });
  });

  it("writes a user's free-text names literally for Terraform ($${…}, %%{…})", () => {
    const data = exampleConfigData();
    data.identity.users = [{ userName: "ada", displayName: "Ada ${team}", givenName: "Ada %{x}", familyName: "L${y}", email: "ada@kestrel.example.org" }];
    const user = identityStack(data).resource("aws_identitystore_user", "user_ada");
    expect(user.display_name).toBe("Ada $${team}");
    expect(user.name).toMatchObject({ given_name: "Ada %%{x}", family_name: "L$${y}" });
  });
});

describe("identity stack: permission sets", () => {
  let sets: Record<string, Record<string, any>>;
  let attachments: Record<string, any>[];
  beforeAll(() => {
    sets = example.resources("aws_ssoadmin_permission_set");
    attachments = Object.values(example.resources("aws_ssoadmin_managed_policy_attachment"));
  });
  const managedOf = (set: string) => attachments.filter((a) => a.permission_set_arn === `\${aws_ssoadmin_permission_set.${set}.arn}`).map((a) => a.managed_policy_arn).sort();
  const inlineOf = (set: string) => JSON.parse(example.resource("aws_ssoadmin_permission_set_inline_policy", set).inline_policy);

  it("creates the built-in levels the assignments use and every custom set, and nothing else", () => {
    expect(Object.values(sets).map((s) => s.name).sort()).toEqual(["Administrator", "Billing", "BreakGlass", "NetworkAdministrator", "PowerUser", "ReadOnly", "SecurityAudit", "VotingDataReader"]);
  });

  it("attaches the AWS managed policy of each level", () => {
    expect(managedOf("permission_set_Administrator")).toEqual(["arn:aws:iam::aws:policy/AdministratorAccess"]);
    expect(managedOf("permission_set_PowerUser")).toEqual(["arn:aws:iam::aws:policy/PowerUserAccess"]);
    expect(managedOf("permission_set_SecurityAudit")).toEqual(["arn:aws:iam::aws:policy/SecurityAudit", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"]);
    expect(managedOf("permission_set_Billing")).toEqual(["arn:aws:iam::aws:policy/job-function/Billing"]);
    expect(managedOf("permission_set_NetworkAdministrator")).toEqual(["arn:aws:iam::aws:policy/job-function/NetworkAdministrator"]);
    expect(managedOf("permission_set_BreakGlass")).toEqual(["arn:aws:iam::aws:policy/AdministratorAccess"]);
  });

  it("makes read-only view-only: metadata, never data (need-to-know)", () => {
    expect(managedOf("permission_set_ReadOnly")).toEqual(["arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"]);
    expect(attachments.map((a) => a.managed_policy_arn)).not.toContain("arn:aws:iam::aws:policy/ReadOnlyAccess");
  });

  it("keeps privileged sessions short: break-glass and administrator 1 hour, power user 2, nothing over 12", () => {
    const duration = (name: string) => Object.values(sets).find((s) => s.name === name)?.session_duration;
    expect(duration("BreakGlass")).toBe("PT1H");
    expect(duration("Administrator")).toBe("PT1H");
    expect(duration("PowerUser")).toBe("PT2H");
    expect(duration("VotingDataReader")).toBe("PT4H");
    for (const spec of BUILT_IN_PERMISSION_SETS) {
      const hours = Number(/^PT(\d+)H$/.exec(spec.sessionDuration)?.[1]);
      expect([spec.name, hours <= (spec.privileged ? 2 : 12)]).toEqual([spec.name, true]);
    }
  });

  it("writes the power user's guard as literal, minified JSON", () => {
    const text = example.resource("aws_ssoadmin_permission_set_inline_policy", "permission_set_PowerUser").inline_policy;
    expect(text).toBe(JSON.stringify(powerUserGuardPolicy()));
    expect(inlineOf("permission_set_PowerUser").Statement[0]).toMatchObject({ Sid: "DenyIdentityCenterChanges", Effect: "Deny", Resource: "*" });
  });

  it("writes a custom set's inline policy from config statements", () => {
    expect(inlineOf("permission_set_VotingDataReader")).toEqual({
      Version: "2012-10-17",
      Statement: [{ Sid: "ReadVotingData", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::kestrel-voting-*", "arn:aws:s3:::kestrel-voting-*/*"] }],
    });
  });

  it("keeps IAM policy variables in an inline policy literal for Terraform ($${…})", () => {
    const data = exampleConfigData();
    data.identity.permissionSets[0].inlinePolicy[0].Condition = { StringEquals: { "s3:prefix": "${aws:PrincipalTag/CostCentre}/" } };
    const text = identityStack(data).resource("aws_ssoadmin_permission_set_inline_policy", "permission_set_VotingDataReader").inline_policy;
    expect(text).toContain('"s3:prefix":"$${aws:PrincipalTag/CostCentre}/"');
    expect(JSON.parse(text.replace(/\$\$\{/g, "${")).Statement[0].Condition).toEqual({ StringEquals: { "s3:prefix": "${aws:PrincipalTag/CostCentre}/" } });
  });

  it("attaches customer managed policies and a permissions boundary from config", () => {
    const data = exampleConfigData();
    data.identity.permissionSets.push({
      name: "TeamDeveloper",
      customerManagedPolicies: [{ name: "team-developer", path: "/teams/" }],
      permissionsBoundary: { customerManagedPolicy: { name: "developer-boundary" } },
      relayState: "https://eu-west-2.console.aws.amazon.com/ec2/home",
    });
    const stack = identityStack(data);
    expect(stack.resource("aws_ssoadmin_permission_set", "permission_set_TeamDeveloper")).toMatchObject({ session_duration: "PT1H", relay_state: "https://eu-west-2.console.aws.amazon.com/ec2/home" });
    expect(stack.resource("aws_ssoadmin_customer_managed_policy_attachment", "permission_set_TeamDeveloper_team-developer").customer_managed_policy_reference).toEqual({ name: "team-developer", path: "/teams/" });
    expect(stack.resource("aws_ssoadmin_permissions_boundary_attachment", "permission_set_TeamDeveloper").permissions_boundary).toEqual({ customer_managed_policy_reference: { name: "developer-boundary", path: "/" } });
  });

  it("gives every resource a valid Terraform name, even for a customer managed policy named with . or @", () => {
    const data = exampleConfigData();
    data.identity.permissionSets.push({
      name: "TeamDeveloper",
      customerManagedPolicies: [{ name: "team.developer@eu", path: "/teams/" }],
    });
    const stack = identityStack(data);
    const attachments = stack.resources("aws_ssoadmin_customer_managed_policy_attachment");
    expect(Object.values(attachments).map((a) => a.customer_managed_policy_reference)).toEqual([{ name: "team.developer@eu", path: "/teams/" }]);
    // Terraform: a name starts with a letter or underscore and holds only letters, digits, underscores and dashes.
    for (const [type, resources] of Object.entries(stack.json.resource as Record<string, Record<string, unknown>>)) {
      for (const name of Object.keys(resources)) expect(`${type}.${name}`).toMatch(/^[a-z0-9_]+\.[A-Za-z_][A-Za-z0-9_-]*$/);
    }
  });

  it("writes a relay state literally for Terraform ($${…})", () => {
    const data = exampleConfigData();
    data.identity.permissionSets.push({ name: "Console", relayState: "https://console.aws.amazon.com/${x}/home" });
    expect(identityStack(data).resource("aws_ssoadmin_permission_set", "permission_set_Console").relay_state).toBe("https://console.aws.amazon.com/$${x}/home");
  });

  it("tags privileged sets", () => {
    expect(Object.values(sets).find((s) => s.name === "BreakGlass")?.tags).toEqual({ PermissionLevel: "privileged" });
    expect(Object.values(sets).find((s) => s.name === "ReadOnly")?.tags).toEqual({ PermissionLevel: "standard" });
  });
});

describe("identity stack: assignment expansion (the assignments live in the shard stacks, identity-assignments.test.ts)", () => {
  it("assigns a pair reached twice only once", () => {
    const data = exampleConfigData();
    data.identity.assignments = [{ group: "developers", permissionSet: "ReadOnly", accounts: ["voting-prod"], organizationalUnits: ["Workloads", "Workloads/Prod"] }];
    expect(expandAssignments(configFromData(data))).toEqual([
      { group: "developers", permissionSet: "ReadOnly", account: "voting-prod" },
      { group: "developers", permissionSet: "ReadOnly", account: "voting-nonprod" },
    ]);
  });

  it("expands three levels of nested OUs", () => {
    const data = exampleConfigData();
    ouNamed(data, "Workloads/Prod").children = [{ name: "Eu", children: [{ name: "London" }] }];
    data.accounts.push({ name: "voting-london", email: "aws-voting-london@kestrel.example.org", purpose: "workload", ou: "Workloads/Prod/Eu/London" });
    const config = configFromData(data);
    const targets = expandAssignments(config).filter((a) => a.group === "platform-admins").map((a) => a.account);
    expect(targets).toContain("voting-london");
  });
});

describe("identity stack: ABAC", () => {
  it("maps the configured attributes to the instance's access control attributes", () => {
    expect(example.resource("aws_ssoadmin_instance_access_control_attributes", "access_control_attributes")).toMatchObject({
      instance_arn: INSTANCE_ARN,
      // Escaped so Terraform passes Identity Center's ${path:…} syntax through instead of interpolating it.
      attribute: [{ key: "CostCentre", value: [{ source: ["$${path:enterprise.costCenter}"] }] }],
    });
  });

  it("creates no attributes resource when config has none", () => {
    const data = exampleConfigData();
    data.identity.accessControlAttributes = [];
    expect(identityStack(data).resources("aws_ssoadmin_instance_access_control_attributes")).toEqual({});
  });
});

describe("identity stack: MFA detective controls", () => {
  let rules: Record<string, Record<string, any>>;
  let targets: Record<string, Record<string, any>>;
  beforeAll(() => {
    rules = example.resources("aws_cloudwatch_event_rule");
    targets = example.resources("aws_cloudwatch_event_target");
  });

  const RULES = ["alarm_identity_center_authentication_settings", "alarm_identity_center_sign_in_without_mfa", "alarm_break_glass_federation"];

  it("sends every rule to the management account's security alarm topic, through the alarm publisher role", () => {
    expect(Object.keys(rules).sort()).toEqual([...RULES].sort());
    for (const id of RULES) {
      expect(rules[id]?.provider).toBeUndefined();
      expect(targets[id]).toMatchObject({
        arn: "arn:aws:sns:eu-west-2:111111111111:kestrel-lz-security-alarms", rule: `\${aws_cloudwatch_event_rule.${id}.name}`,
        role_arn: "${aws_iam_role.alarm_publisher.arn}", depends_on: ["aws_iam_role_policy.alarm_publisher_policy"],
      });
    }
  });

  it("lets only EventBridge of the management account assume the publisher role, to publish to the topic and use its key through SNS", async () => {
    const role = example.resource("aws_iam_role", "alarm_publisher");
    expect(role.name).toBe("kestrel-lz-events-publish-alarms");
    const ruleArns = ["idc-authentication-settings-changed", "idc-sign-in-without-mfa", "break-glass-credentials-issued"].map((purpose) => `arn:aws:events:eu-west-2:111111111111:rule/kestrel-lz-${purpose}`);
    expect(Object.values(example.resources("aws_cloudwatch_event_rule")).map((rule) => `arn:aws:events:eu-west-2:111111111111:rule/${rule.name}`).sort()).toEqual([...ruleArns].sort());
    // Only the three rules may use the role (aws:SourceArn), not any rule someone creates in the account.
    expect(JSON.parse(role.assume_role_policy)).toEqual(eventBridgeTrustPolicy("111111111111", ruleArns));
    const policy = JSON.parse(example.resource("aws_iam_role_policy", "alarm_publisher_policy").policy);
    expect(policy).toEqual(publishToTopicPolicy("arn:aws:sns:eu-west-2:111111111111:kestrel-lz-security-alarms", "eu-west-2", "111111111111"));
    const decideRole = async (action: string, resource: string, context: Record<string, string> = {}) => {
      const result = await runSimulation({
        request: { principal: "arn:aws:iam::111111111111:role/kestrel-lz-events-publish-alarms", action, resource: { resource, accountId: "111111111111" }, contextVariables: context },
        identityPolicies: [{ name: "publish", policy }], serviceControlPolicies: [], resourceControlPolicies: [],
        // The logging key's policy delegates to IAM in the account (org-trail stack), as AWS's default key policy does.
        resourcePolicy: action.startsWith("kms:")
          ? { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "kms:*", Resource: "*" }] }
          : undefined,
      }, {});
      if (result.resultType === "error") throw new Error(JSON.stringify(result.errors));
      return result.overallResult;
    };
    expect(await decideRole("sns:Publish", "arn:aws:sns:eu-west-2:111111111111:kestrel-lz-security-alarms")).toBe("Allowed");
    expect(await decideRole("sns:Publish", "arn:aws:sns:eu-west-2:111111111111:other-topic")).toBe("ImplicitlyDenied");
    const key = "arn:aws:kms:eu-west-2:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    expect(await decideRole("kms:GenerateDataKey", key, { "kms:ViaService": "sns.eu-west-2.amazonaws.com" })).toBe("Allowed");
    expect(await decideRole("kms:Decrypt", key, { "kms:ViaService": "s3.eu-west-2.amazonaws.com" })).toBe("ImplicitlyDenied");
  });

  it("names the rules with the landing zone prefix", () => {
    expect(Object.values(rules).map((r) => r.name).sort()).toEqual([
      "kestrel-lz-break-glass-credentials-issued",
      "kestrel-lz-idc-authentication-settings-changed",
      "kestrel-lz-idc-sign-in-without-mfa",
    ]);
  });

  it("lets the break-glass rule see read-only events too (GetRoleCredentials)", () => {
    expect(rules.alarm_break_glass_federation?.state).toBe("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS");
    expect(rules.alarm_identity_center_authentication_settings?.state).toBe("ENABLED");
  });

  it("leaves per-call break-glass activity to the org-trail stack's metric filter: no per-Region rules, no forwarding", () => {
    expect(example.json.provider.aws.map((p: any) => p.alias)).toEqual([undefined]);
    expect(Object.keys(example.resources("aws_iam_role"))).toEqual(["alarm_publisher"]);
  });

});
