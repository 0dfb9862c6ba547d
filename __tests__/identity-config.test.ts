import type { LocatedConfigIssue } from "../src/config/errors";
import { BUILT_IN_PERMISSION_SET_NAMES, durationSeconds } from "../src/identity/permission-sets";
import { configFromData, exampleConfig, exampleConfigData, issuesOfData } from "./helpers";


/** The one issue a change raises, asserted to be the only one. */
function onlyIssue(mutate: (data: Record<string, any>) => void): LocatedConfigIssue {
  const issues = issuesOfData(mutate);
  expect(issues).toHaveLength(1);
  return issues[0] as LocatedConfigIssue;
}

const customSet = (extra: Record<string, unknown>) => ({ name: "Custom", managedPolicies: ["arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"], ...extra });

describe("identity config: the example and defaults", () => {
  it("parses the example's groups, custom permission set and assignments", () => {
    const { identity } = exampleConfig();
    expect(identity.groups.map((g) => g.name)).toEqual(expect.arrayContaining(["platform-admins", "security-auditors", "developers", "billing", "break-glass"]));
    expect(identity.assignments.some((a) => a.organizationalUnits.includes("Workloads"))).toBe(true);
    expect(identity.permissionSets[0]).toMatchObject({ name: "VotingDataReader", sessionDuration: "PT4H", privileged: false, customerManagedPolicies: [] });
  });

  it("defaults to no identity resources when the section is left out", () => {
    const data = exampleConfigData();
    delete data.identity;
    expect(configFromData(data).identity).toEqual({ groups: [], users: [], permissionSets: [], assignments: [], assignmentShards: 16, accessControlAttributes: [] });
  });

  it("defaults a custom set's session to PT1H and a customer managed policy's path to /", () => {
    const data = exampleConfigData();
    data.identity.permissionSets.push({ name: "Custom", customerManagedPolicies: [{ name: "team-policy" }] });
    const custom = configFromData(data).identity.permissionSets.find((p) => p.name === "Custom");
    expect(custom).toMatchObject({ sessionDuration: "PT1H", customerManagedPolicies: [{ name: "team-policy", path: "/" }] });
  });

  it("reads ISO-8601 durations in hours, minutes and seconds", () => {
    expect(durationSeconds("PT1H")).toBe(3600);
    expect(durationSeconds("PT1H30M")).toBe(5400);
    expect(durationSeconds("PT90M")).toBe(5400);
    expect(durationSeconds("PT43200S")).toBe(43200);
    expect(durationSeconds("P1D")).toBeUndefined();
    expect(durationSeconds("PT")).toBeUndefined();
  });
});

describe("identity config errors", () => {
  it("rejects a session duration that is not ISO-8601", () => {
    const issue = onlyIssue((d) => d.identity.permissionSets.push(customSet({ sessionDuration: "2h" })));
    expect(issue.path).toEqual(["identity", "permissionSets", 1, "sessionDuration"]);
    expect(issue.message).toBe("a session duration is an ISO-8601 duration in hours, minutes or seconds, such as PT1H or PT1H30M; got \"2h\"");
  });

  it("rejects a session longer than 12 hours", () => {
    const issue = onlyIssue((d) => d.identity.permissionSets.push(customSet({ sessionDuration: "PT12H1M" })));
    expect(issue).toMatchObject({ path: ["identity", "permissionSets", 1, "sessionDuration"], message: "session duration PT12H1M is outside what AWS allows: from PT1H to PT12H" });
  });

  it("rejects a session shorter than 1 hour", () => {
    const issue = onlyIssue((d) => d.identity.permissionSets.push(customSet({ sessionDuration: "PT30M" })));
    expect(issue.message).toBe("session duration PT30M is outside what AWS allows: from PT1H to PT12H");
  });

  it("rejects a session longer than 2 hours for a set with an administrator-level managed policy", () => {
    const issue = onlyIssue((d) => d.identity.permissionSets.push({ name: "Ops", managedPolicies: ["arn:aws:iam::aws:policy/PowerUserAccess"], sessionDuration: "PT4H" }));
    expect(issue.path).toEqual(["identity", "permissionSets", 1, "sessionDuration"]);
    expect(issue.message).toMatch(/^session duration PT4H is too long for a privileged permission set .*; at most PT2H$/);
  });

  it("rejects a long session for a set marked privileged", () => {
    const issue = onlyIssue((d) => d.identity.permissionSets.push(customSet({ privileged: true, sessionDuration: "PT3H" })));
    expect(issue.message).toMatch(/too long for a privileged permission set/);
  });

  it("rejects a long session for a set whose inline policy grants administrator-level access", () => {
    const admin = [{ Effect: "Allow", Action: "*", Resource: "*" }];
    const iam = [{ Effect: "Allow", Action: ["s3:GetObject", "IAM:*"], Resource: "*" }];
    const allBut = [{ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" }];
    for (const inlinePolicy of [admin, iam, allBut]) {
      const issue = onlyIssue((d) => d.identity.permissionSets.push(customSet({ inlinePolicy, sessionDuration: "PT8H" })));
      expect(issue.path).toEqual(["identity", "permissionSets", 1, "sessionDuration"]);
      expect(issue.message).toMatch(/too long for a privileged permission set/);
    }
  });

  it("rejects a long session for a set with an Identity Center or Organizations administrator policy", () => {
    for (const arn of ["arn:aws:iam::aws:policy/AWSSSOMasterAccountAdministrator", "arn:aws:iam::aws:policy/AWSOrganizationsFullAccess"]) {
      const issue = onlyIssue((d) => d.identity.permissionSets.push(customSet({ managedPolicies: [arn], sessionDuration: "PT4H" })));
      expect(issue.message).toMatch(/too long for a privileged permission set/);
    }
  });

  it("allows a long session for a narrow inline policy and for a Deny of everything", () => {
    const data = exampleConfigData();
    data.identity.permissionSets.push(customSet({
      inlinePolicy: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" }, { Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }],
      sessionDuration: "PT8H",
    }));
    expect(() => configFromData(data)).not.toThrow();
  });

  it("allows a privileged set two hours", () => {
    const data = exampleConfigData();
    data.identity.permissionSets.push({ name: "Ops", managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"], sessionDuration: "PT2H" });
    expect(() => configFromData(data)).not.toThrow();
  });

  it("rejects an unknown group in an assignment, listing the groups", () => {
    const issue = onlyIssue((d) => (d.identity.assignments[0].group = "platform-admin"));
    expect(issue).toMatchObject({ path: ["identity", "assignments", 0, "group"] });
    expect(issue.message).toMatch(/^no group is named "platform-admin"; known groups: platform-admins, security-auditors/);
  });

  it("rejects an unknown permission set, listing built-in and custom ones", () => {
    const issue = onlyIssue((d) => (d.identity.assignments[0].permissionSet = "Admin"));
    expect(issue.path).toEqual(["identity", "assignments", 0, "permissionSet"]);
    expect(issue.message).toBe(`no permission set is named "Admin"; known permission sets: ${[...BUILT_IN_PERMISSION_SET_NAMES, "VotingDataReader"].join(", ")}`);
  });

  it("rejects an unknown account", () => {
    const issue = onlyIssue((d) => (d.identity.assignments[4].accounts = ["voting-production"]));
    expect(issue.path).toEqual(["identity", "assignments", 4, "accounts", 0]);
    expect(issue.message).toMatch(/^no account is named "voting-production"; known accounts: management, log-archive/);
  });

  it("rejects an unknown OU path", () => {
    const issue = onlyIssue((d) => (d.identity.assignments[2].organizationalUnits = ["Workloads/Dev"]));
    expect(issue.path).toEqual(["identity", "assignments", 2, "organizationalUnits", 0]);
    expect(issue.message).toMatch(/^no OU has the path "Workloads\/Dev"; known OU paths: Security, Infrastructure, Workloads, Workloads\/Prod, Workloads\/NonProd/);
  });

  it("rejects an assignment without targets", () => {
    const issue = onlyIssue((d) => (d.identity.assignments[2].organizationalUnits = []));
    expect(issue).toMatchObject({ path: ["identity", "assignments", 2], message: "an assignment needs at least one target: list accounts, organizationalUnits or both" });
  });

  it("rejects an assignment to the management account without allowManagementAccount", () => {
    const issue = onlyIssue((d) => delete d.identity.assignments[6].allowManagementAccount);
    expect(issue.path).toEqual(["identity", "assignments", 6, "accounts", 0]);
    expect(issue.message).toMatch(/^"management" is the management account, which no SCP restricts; set allowManagementAccount: true/);
  });

  it("rejects any assignment to the management account when a delegated administrator manages Identity Center", () => {
    const issues = issuesOfData((d) => (d.identity.delegatedAdministrator = "shared-services"));
    expect(issues.map((i) => i.path)).toEqual([["identity", "assignments", 6, "accounts", 0], ["identity", "assignments", 7, "accounts", 0]]);
    expect(issues[0]?.message).toMatch(/a delegated administrator cannot manage its permission sets/);
  });

  it("rejects an unknown delegated administrator account", () => {
    const issue = onlyIssue((d) => {
      d.identity.assignments = [];
      d.identity.delegatedAdministrator = "identity";
    });
    expect(issue.path).toEqual(["identity", "delegatedAdministrator"]);
    expect(issue.message).toMatch(/^no account is named "identity"; known accounts: /);
  });

  it("rejects the management account as delegated administrator", () => {
    const issue = onlyIssue((d) => {
      d.identity.assignments = [];
      d.identity.delegatedAdministrator = "management";
    });
    expect(issue).toMatchObject({ path: ["identity", "delegatedAdministrator"] });
    expect(issue.message).toMatch(/^the delegated administrator must be a member account/);
  });

  it("rejects a duplicated group", () => {
    const issue = onlyIssue((d) => d.identity.groups.push({ name: "developers" }));
    expect(issue).toMatchObject({ path: ["identity", "groups", 6, "name"], message: 'group "developers" is already defined at identity.groups[2]; group names must be unique' });
  });

  it("rejects a duplicated custom permission set", () => {
    const issue = onlyIssue((d) => d.identity.permissionSets.push(customSet({ name: "VotingDataReader" })));
    expect(issue).toMatchObject({ path: ["identity", "permissionSets", 1, "name"] });
    expect(issue.message).toMatch(/already defined at identity.permissionSets\[0\]/);
  });

  it("rejects a custom permission set named like a built-in one", () => {
    const issue = onlyIssue((d) => d.identity.permissionSets.push(customSet({ name: "BreakGlass" })));
    expect(issue.path).toEqual(["identity", "permissionSets", 1, "name"]);
    expect(issue.message).toMatch(/^"BreakGlass" is a built-in permission set; use it by name in assignments/);
  });

  it("rejects names that differ only in punctuation, which would share a Terraform address", () => {
    const issue = onlyIssue((d) => d.identity.permissionSets.push(customSet({ name: "Voting.Data" }), customSet({ name: "Voting_Data" })));
    expect(issue.path).toEqual(["identity", "permissionSets", 2, "name"]);
    expect(issue.message).toBe('permission set "Voting_Data" would get the same Terraform address as "Voting.Data" (identity.permissionSets[1].name); names must differ in more than punctuation');
  });

  it("rejects a permission set name AWS would refuse", () => {
    const issue = onlyIssue((d) => d.identity.permissionSets.push(customSet({ name: "Voting Data Reader" })));
    expect(issue).toMatchObject({ path: ["identity", "permissionSets", 1, "name"], message: 'a permission set name has 1-32 letters, digits or +=,.@_-; got "Voting Data Reader"' });
  });

  it("rejects an instance ARN without the identity store id", () => {
    const issue = onlyIssue((d) => (d.identity.instanceArn = "arn:aws:sso:::instance/ssoins-1234567890abcdef"));
    expect(issue).toMatchObject({ path: ["identity", "identityStoreId"] });
    expect(issue.message).toMatch(/^give instanceArn and identityStoreId together, or neither/);
  });

  it("rejects a user in an unknown group", () => {
    const issue = onlyIssue((d) => (d.identity.users = [{ userName: "ada", displayName: "Ada", givenName: "Ada", familyName: "L", email: "ada@kestrel.example.org", groups: ["admins"] }]));
    expect(issue.path).toEqual(["identity", "users", 0, "groups", 0]);
    expect(issue.message).toMatch(/^no group is named "admins"; known groups: /);
  });

  it("rejects a duplicated user", () => {
    const user = { userName: "ada", displayName: "Ada", givenName: "Ada", familyName: "L", email: "ada@kestrel.example.org" };
    const issue = onlyIssue((d) => (d.identity.users = [user, user]));
    expect(issue).toMatchObject({ path: ["identity", "users", 1, "userName"], message: 'user "ada" is already defined at identity.users[0]; user names must be unique' });
  });

  it("rejects more managed policies than IAM attaches to a role by default", () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ name: `policy-${i}` }));
    const issue = onlyIssue((d) => d.identity.permissionSets.push({ name: "Many", customerManagedPolicies: many }));
    expect(issue).toMatchObject({ path: ["identity", "permissionSets", 1] });
    expect(issue.message).toMatch(/^11 managed and customer managed policies; IAM allows 10 per role/);
  });

  it("rejects a managed policy listed twice", () => {
    const issue = onlyIssue((d) => d.identity.permissionSets[0].managedPolicies.push("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"));
    expect(issue).toMatchObject({ path: ["identity", "permissionSets", 0, "managedPolicies", 1], message: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess is listed twice; a policy is attached once" });
  });

  it("rejects a customer managed policy listed twice", () => {
    const issue = onlyIssue((d) => d.identity.permissionSets.push({ name: "Team", customerManagedPolicies: [{ name: "team" }, { name: "team", path: "/x/" }] }));
    expect(issue).toMatchObject({ path: ["identity", "permissionSets", 1, "customerManagedPolicies", 1], message: 'customer managed policy "team" is listed twice; a policy is attached once' });
  });

  it("rejects customer managed policy names that differ only in punctuation, which would share a Terraform address", () => {
    const issue = onlyIssue((d) => d.identity.permissionSets.push(customSet({ customerManagedPolicies: [{ name: "team.dev" }, { name: "team@dev" }] })));
    expect(issue.path).toEqual(["identity", "permissionSets", 1, "customerManagedPolicies", 1, "name"]);
    expect(issue.message).toMatch(/would get the same Terraform address as "team.dev"/);
  });

  it("rejects an inline policy over AWS's 10,240 characters", () => {
    const actions = Array.from({ length: 500 }, (_, i) => `s3:GetObjectVersionNumber${i}`);
    const issue = onlyIssue((d) => d.identity.permissionSets.push(customSet({ inlinePolicy: [{ Effect: "Allow", Action: actions, Resource: "*" }] })));
    expect(issue.path).toEqual(["identity", "permissionSets", 1, "inlinePolicy"]);
    expect(issue.message).toMatch(/^the inline policy has \d+ non-whitespace characters; AWS allows 10240$/);
  });

  it("rejects an inline policy statement with an unknown key", () => {
    const issue = onlyIssue((d) => d.identity.permissionSets.push(customSet({ inlinePolicy: [{ Effect: "Allow", Action: "s3:GetObject", Actions: ["s3:GetObject"], Resource: "*" }] })));
    expect(issue.path).toEqual(["identity", "permissionSets", 1, "inlinePolicy", 0, "Actions"]);
    expect(issue.message).toMatch(/^unknown key "Actions"; did you mean "Action"\? Allowed keys: Sid, Effect, Action/);
  });

  it("rejects an inline policy statement without exactly one of Action and NotAction, Resource and NotResource", () => {
    const issue = onlyIssue((d) => d.identity.permissionSets.push(customSet({ inlinePolicy: [{ Effect: "Allow", Resource: "*" }] })));
    expect(issue).toMatchObject({
      path: ["identity", "permissionSets", 1, "inlinePolicy", 0],
      message: "a statement has exactly one of Action and NotAction, and exactly one of Resource and NotResource",
    });
  });

  it("rejects a relay state outside the AWS console", () => {
    const issue = onlyIssue((d) => d.identity.permissionSets.push(customSet({ relayState: "https://evil.example.com/" })));
    expect(issue.path).toEqual(["identity", "permissionSets", 1, "relayState"]);
    expect(issue.message).toMatch(/^a relay state is a URL of the AWS console/);
  });

  it("rejects a duplicated ABAC attribute key", () => {
    const issue = onlyIssue((d) => d.identity.accessControlAttributes.push({ key: "CostCentre", source: ["${path:title}"] }));
    expect(issue).toMatchObject({ path: ["identity", "accessControlAttributes", 1, "key"] });
    expect(issue.message).toMatch(/^attribute "CostCentre" is already defined/);
  });

  it("rejects an unknown key in the identity section", () => {
    const issue = onlyIssue((d) => (d.identity.group = []));
    expect(issue.path).toEqual(["identity", "group"]);
    expect(issue.message).toMatch(/^unknown key "group"; did you mean "groups"\? Allowed keys: instanceArn, identityStoreId, delegatedAdministrator, groups/);
  });
});
