import type { PolicyDocument, PolicyStatement } from "./document";

/** Identity Center policies are ordinary IAM policy documents. */
export type IamPolicyDocument = PolicyDocument;

/**
 * One statement of a permission set's inline policy as config writes it: IAM's own shape, without a Principal (an
 * identity policy has none). Config's inline policy statements are of this shape.
 */
export type InlinePolicyStatement = Omit<PolicyStatement, "Principal">;

/** AWS managed policies the built-in permission levels use. */
export const AWS_MANAGED_POLICIES = {
  administratorAccess: "arn:aws:iam::aws:policy/AdministratorAccess",
  /** Everything but IAM, Organizations and Account management (a few IAM reads and service-linked roles excepted). */
  powerUserAccess: "arn:aws:iam::aws:policy/PowerUserAccess",
  /** Metadata only: lists and describes resources without reading data such as S3 objects or table items. */
  viewOnlyAccess: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
  /** Security configuration metadata, for auditors. */
  securityAudit: "arn:aws:iam::aws:policy/SecurityAudit",
  billing: "arn:aws:iam::aws:policy/job-function/Billing",
  networkAdministrator: "arn:aws:iam::aws:policy/job-function/NetworkAdministrator",
  iamFullAccess: "arn:aws:iam::aws:policy/IAMFullAccess",
  organizationsFullAccess: "arn:aws:iam::aws:policy/AWSOrganizationsFullAccess",
  /** Identity Center administration in the management account: assign anyone any permission set, anywhere. */
  ssoMasterAccountAdministrator: "arn:aws:iam::aws:policy/AWSSSOMasterAccountAdministrator",
  ssoMemberAccountAdministrator: "arn:aws:iam::aws:policy/AWSSSOMemberAccountAdministrator",
  ssoDirectoryAdministrator: "arn:aws:iam::aws:policy/AWSSSODirectoryAdministrator",
} as const;

/**
 * Managed policies whose holder can change anything, or grant themselves anything (IAM, Organizations, Identity
 * Center assignments, or the identity store's users, groups and MFA devices): the set is privileged.
 */
export const PRIVILEGED_MANAGED_POLICIES: readonly string[] = [
  AWS_MANAGED_POLICIES.administratorAccess,
  AWS_MANAGED_POLICIES.powerUserAccess,
  AWS_MANAGED_POLICIES.iamFullAccess,
  AWS_MANAGED_POLICIES.organizationsFullAccess,
  AWS_MANAGED_POLICIES.ssoMasterAccountAdministrator,
  AWS_MANAGED_POLICIES.ssoMemberAccountAdministrator,
  AWS_MANAGED_POLICIES.ssoDirectoryAdministrator,
];

/**
 * Actions that, allowed in an inline policy, make a set privileged: every action, or every action of a service
 * that grants access (IAM, STS, Organizations, Identity Center and its directory and identity store).
 */
export const PRIVILEGED_INLINE_ACTIONS: readonly string[] = [
  "*",
  "iam:*",
  "sts:*",
  "organizations:*",
  "sso:*",
  "sso-directory:*",
  "identitystore:*",
];

/**
 * Whether inline statements grant administrator-level access: an Allow with NotAction (everything but a list, as
 * PowerUserAccess does), or an Allow of an action in PRIVILEGED_INLINE_ACTIONS (compared without case, as IAM does).
 */
export function inlineStatementsArePrivileged(statements: readonly InlinePolicyStatement[]): boolean {
  const privileged = PRIVILEGED_INLINE_ACTIONS.map((a) => a.toLowerCase());
  return statements.some((s) => {
    if (s.Effect !== "Allow") return false;
    if (s.NotAction !== undefined) return true;
    const actions = s.Action === undefined ? [] : typeof s.Action === "string" ? [s.Action] : s.Action;
    return actions.some((action) => privileged.includes(action.toLowerCase()));
  });
}

/**
 * Identity Center and identity store changes. PowerUserAccess allows every action outside IAM, Organizations and
 * Account, which includes these: a power user assigned to the management account could otherwise give themselves
 * administrator access, add users, or switch off MFA (sso:PutMfaDeviceManagementForDirectory,
 * sso:UpdateSSOConfiguration).
 */
export const IDENTITY_CENTER_WRITE_ACTIONS = [
  "sso:Create*",
  "sso:Delete*",
  "sso:Put*",
  "sso:Update*",
  "sso:Attach*",
  "sso:Detach*",
  "sso:Associate*",
  "sso:Disassociate*",
  "sso:Provision*",
  "sso:Import*",
  "sso:AddRegion",
  "sso:RemoveRegion",
  "sso:TagResource",
  "sso:UntagResource",
  "sso:Start*",
  "sso-directory:*",
  "identitystore:Create*",
  "identitystore:Delete*",
  "identitystore:Update*",
  "identitystore:AddRegion",
  "identitystore:RemoveRegion",
  "identitystore:ReserveUser",
  "identitystore-auth:*",
] as const;

/**
 * The audit trail, which a developer never needs to change and an intruder would switch off first. The guardrails
 * repeat this as an SCP in member accounts; here it also holds in the management account, which SCPs never reach.
 */
export const AUDIT_TRAIL_WRITE_ACTIONS = [
  "cloudtrail:StopLogging",
  "cloudtrail:DeleteTrail",
  "cloudtrail:UpdateTrail",
  "cloudtrail:PutEventSelectors",
  "cloudtrail:PutInsightSelectors",
  "cloudtrail:DeleteEventDataStore",
  "cloudtrail:StopEventDataStoreIngestion",
] as const;

/** The inline policy of the PowerUser level: PowerUserAccess without the ways to raise or hide one's own access. */
export function powerUserGuardPolicy(): IamPolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "DenyIdentityCenterChanges", Effect: "Deny", Action: [...IDENTITY_CENTER_WRITE_ACTIONS], Resource: "*" },
      { Sid: "DenyAuditTrailChanges", Effect: "Deny", Action: [...AUDIT_TRAIL_WRITE_ACTIONS], Resource: "*" },
    ],
  };
}

/** The inline policy of a custom permission set, from the statements in config, in the order given. */
export function inlinePolicyFromConfig(statements: readonly InlinePolicyStatement[]): IamPolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: statements.map((s) => ({
      ...(s.Sid === undefined ? {} : { Sid: s.Sid }),
      Effect: s.Effect,
      ...(s.Action === undefined ? {} : { Action: s.Action }),
      ...(s.NotAction === undefined ? {} : { NotAction: s.NotAction }),
      ...(s.Resource === undefined ? {} : { Resource: s.Resource }),
      ...(s.NotResource === undefined ? {} : { NotResource: s.NotResource }),
      ...(s.Condition === undefined ? {} : { Condition: s.Condition }),
    })),
  };
}

/** AWS counts at most 10,240 non-whitespace characters of a permission set's inline policy. */
export const INLINE_POLICY_MAX_CHARACTERS = 10_240;

export function policyCharacterCount(document: IamPolicyDocument): number {
  return JSON.stringify(document).replace(/\s/g, "").length;
}
