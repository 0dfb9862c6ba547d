import { expandIamActions } from "@cloud-copilot/iam-expand";
import { AUDIT_TRAIL_WRITE_ACTIONS, IDENTITY_CENTER_WRITE_ACTIONS, inlinePolicyFromConfig, powerUserGuardPolicy } from "../src/policies/identity-center";

const deniedBy = async (patterns: readonly string[]) => new Set(await expandIamActions([...patterns]));

describe("the PowerUser guard policy", () => {
  it("denies switching off MFA, changing authentication settings and re-assigning access in Identity Center", async () => {
    const denied = await deniedBy(IDENTITY_CENTER_WRITE_ACTIONS);
    for (const action of [
      "sso:PutMfaDeviceManagementForDirectory",
      "sso:UpdateSSOConfiguration",
      "sso:CreateAccountAssignment",
      "sso:AttachManagedPolicyToPermissionSet",
      "sso:PutInlinePolicyToPermissionSet",
      "sso:ProvisionPermissionSet",
      "sso-directory:DeleteMfaDeviceForUser",
      "identitystore:CreateGroupMembership",
      "identitystore:CreateUser",
    ]) {
      expect([action, denied.has(action)]).toEqual([action, true]);
    }
  });

  it("still lets a power user read Identity Center", async () => {
    const denied = await deniedBy(IDENTITY_CENTER_WRITE_ACTIONS);
    expect(denied.has("sso:ListPermissionSets")).toBe(false);
    expect(denied.has("sso:DescribePermissionSet")).toBe(false);
    expect(denied.has("identitystore:ListGroups")).toBe(false);
  });

  it("names only real actions: every pattern matches at least one", async () => {
    for (const pattern of [...IDENTITY_CENTER_WRITE_ACTIONS, ...AUDIT_TRAIL_WRITE_ACTIONS]) {
      expect([pattern, (await expandIamActions(pattern)).length > 0]).toEqual([pattern, true]);
    }
  });

  it("denies stopping or changing the audit trail", () => {
    const statement = powerUserGuardPolicy().Statement.find((s) => s.Sid === "DenyAuditTrailChanges");
    expect(statement).toMatchObject({ Effect: "Deny", Resource: "*" });
    expect(statement?.Action).toEqual(expect.arrayContaining(["cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:PutEventSelectors"]));
  });
});

describe("inline policies from config", () => {
  it("keeps the statements as written, leaving out keys config did not give", () => {
    expect(inlinePolicyFromConfig([{ Effect: "Deny", NotAction: ["s3:GetObject"], Resource: "*", Condition: { Bool: { "aws:SecureTransport": false } } }])).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Deny", NotAction: ["s3:GetObject"], Resource: "*", Condition: { Bool: { "aws:SecureTransport": false } } }],
    });
  });
});

describe("the Identity Center write actions", () => {
  it("cover every Identity Center and identity store action that is not a read", async () => {
    const denied = await deniedBy(IDENTITY_CENTER_WRITE_ACTIONS);
    const writes = (await expandIamActions(["sso:*", "identitystore:*"])).filter((a) => !/:(List|Describe|Get|Search|IsMember)/.test(a));
    expect(writes.filter((a) => !denied.has(a))).toEqual([]);
  });
});
