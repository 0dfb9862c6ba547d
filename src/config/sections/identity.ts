import * as z from "zod";
import { DEFAULT_ASSIGNMENT_SHARDS, MAX_ASSIGNMENT_SHARDS, MAX_ASSIGNMENTS_PER_SHARD } from "../../identity/assignment-shards";
import { strictObject } from "./common";

/**
 * IAM Identity Center: who may sign in (groups, optional users), with which permission levels (permission sets),
 * to which accounts (assignments). MFA itself has no API; see docs/identity-center-mfa.md.
 */

/** Permission set names: 1-32 characters of letters, digits and +=,.@_- (the provider's and the API's rule). */
export const permissionSetNameSchema = z
  .string()
  .regex(/^[\w+=,.@-]{1,32}$/, { error: "a permission set name has 1-32 letters, digits or +=,.@_-" });

/** Group names double as Terraform addresses, so they are kept to a safe character set. */
const groupNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, {
    error: "a group name has 1-128 letters, digits or ._- and starts with a letter or digit",
  });

/**
 * An ISO-8601 duration such as PT1H or PT1H30M. Only the range rule (at least 1 hour, at most 12, shorter for
 * privileged levels) is checked in rules/identity.ts, so the message can name the permission set's level.
 */
export const sessionDurationSchema = z
  .string()
  .regex(/^PT(?=\d)(\d+H)?(\d+M)?(\d+S)?$/, {
    error: "a session duration is an ISO-8601 duration in hours, minutes or seconds, such as PT1H or PT1H30M",
  });

const managedPolicyArnSchema = z
  .string()
  .regex(/^arn:aws:iam::aws:policy\/[\w+=,.@/-]+$/, {
    error: "an AWS managed policy ARN looks like arn:aws:iam::aws:policy/ReadOnlyAccess or arn:aws:iam::aws:policy/job-function/Billing",
  });

const customerManagedPolicyReferenceSchema = strictObject({
  name: z.string().regex(/^[\w+=,.@-]{1,128}$/, { error: "an IAM policy name has 1-128 letters, digits or +=,.@_-" }),
  path: z
    .string()
    .regex(/^\/([\w+=,.@-]+\/)*$/, { error: "an IAM path starts and ends with /, such as / or /landing-zone/" })
    .default("/")
    .describe("IAM path of the policy; default /"),
});

const stringOrListSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** One statement of an inline policy, written in config the way IAM writes it. */
export const policyStatementSchema = strictObject({
  Sid: z.string().regex(/^[A-Za-z0-9]+$/, { error: "a Sid has letters and digits only" }).optional(),
  Effect: z.enum(["Allow", "Deny"]),
  Action: stringOrListSchema.optional(),
  NotAction: stringOrListSchema.optional(),
  Resource: stringOrListSchema.optional(),
  NotResource: stringOrListSchema.optional(),
  Condition: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean(), z.number()]))).optional(),
}).refine((s) => (s.Action === undefined) !== (s.NotAction === undefined) && (s.Resource === undefined) !== (s.NotResource === undefined), {
  error: "a statement has exactly one of Action and NotAction, and exactly one of Resource and NotResource",
});

export type PolicyStatementConfig = z.infer<typeof policyStatementSchema>;

export const customPermissionSetSchema = strictObject({
  name: permissionSetNameSchema.describe("Permission set name; also part of the role name AWSReservedSSO_<name>_<hash> in each account"),
  description: z.string().min(1).max(700).optional(),
  managedPolicies: z
    .array(managedPolicyArnSchema)
    .max(10, { error: "at most 10 managed policies (IAM's default quota of managed policies per role)" })
    .default([])
    .describe("AWS managed policy ARNs; default none"),
  customerManagedPolicies: z
    .array(customerManagedPolicyReferenceSchema)
    .default([])
    .describe("Customer managed policies by name and path; each must exist in every account the set is assigned to"),
  inlinePolicy: z
    .array(policyStatementSchema)
    .min(1)
    .optional()
    .describe("Statements of the inline policy (at most one per permission set; AWS allows 10,240 non-whitespace characters)"),
  permissionsBoundary: z
    .union([
      strictObject({ managedPolicyArn: managedPolicyArnSchema }),
      strictObject({ customerManagedPolicy: customerManagedPolicyReferenceSchema }),
    ])
    .optional()
    .describe("Permissions boundary: an AWS managed policy ARN or a customer managed policy reference"),
  sessionDuration: sessionDurationSchema
    .default("PT1H")
    .describe("ISO-8601, from PT1H to PT12H; at most PT2H for privileged sets; default PT1H"),
  relayState: z
    .string()
    .regex(/^https:\/\/([a-z0-9-]+\.)?console\.aws\.amazon\.com\/[\w&$@#/%?=~'|!:,.;*+[\]() {}-]{0,200}$/, {
      error: "a relay state is a URL of the AWS console, such as https://console.aws.amazon.com/billing/home",
    })
    .optional()
    .describe("Console URL users land on; default the console home"),
  privileged: z
    .boolean()
    .default(false)
    .describe("Treat as privileged (session at most PT2H) even without an administrator-level managed policy; default false"),
});

export type CustomPermissionSetConfig = z.infer<typeof customPermissionSetSchema>;

export const identityGroupSchema = strictObject({
  name: groupNameSchema.describe("Group display name in the identity store"),
  description: z.string().min(1).max(1024).optional(),
});

export const identityUserSchema = strictObject({
  userName: z.string().regex(/^[\w+=,.@-]{1,128}$/, { error: "a user name has 1-128 letters, digits or +=,.@_-" }),
  displayName: z.string().min(1).max(1024),
  givenName: z.string().min(1).max(1024),
  familyName: z.string().min(1).max(1024),
  email: z.email(),
  groups: z.array(z.string()).default([]).describe("Names of the groups the user belongs to"),
});

export const assignmentSchema = strictObject({
  group: z.string().describe("Name of a group in identity.groups"),
  permissionSet: z.string().describe("Name of a built-in permission set or of one in identity.permissionSets"),
  accounts: z.array(z.string()).default([]).describe("Account names"),
  organizationalUnits: z
    .array(z.string())
    .default([])
    .describe("OU paths; each expands to every account under the OU, nested OUs included"),
  allowManagementAccount: z
    .boolean()
    .default(false)
    .describe("Must be true to assign to the management account, which SCPs never restrict; default false"),
});

export type AssignmentConfig = z.infer<typeof assignmentSchema>;

export const accessControlAttributeSchema = strictObject({
  key: z.string().regex(/^[\w+=,.@:/-]{1,128}$/, { error: "an attribute key has 1-128 letters, digits or +=,.@:/_-" }),
  source: z
    .array(z.string().min(1))
    .length(1, { error: "an attribute has exactly one source, such as ${path:enterprise.costCenter}" })
    .describe("Identity store attribute path, such as ${path:enterprise.costCenter}"),
});

export const identitySchema = strictObject({
  instanceArn: z
    .string()
    .regex(/^arn:aws:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/, { error: "an Identity Center instance ARN looks like arn:aws:sso:::instance/ssoins-1234567890abcdef" })
    .optional()
    .describe("Identity Center instance ARN; default read with the aws_ssoadmin_instances data source. Give it with identityStoreId"),
  identityStoreId: z
    .string()
    .regex(/^d-[0-9a-f]{10}$|^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/, { error: "an identity store id looks like d-1234567890" })
    .optional()
    .describe("Identity store id; default read with the aws_ssoadmin_instances data source. Give it with instanceArn"),
  delegatedAdministrator: z
    .string()
    .optional()
    .describe("Name of the member account to register as Identity Center delegated administrator for sso.amazonaws.com (from the management account, by a second provider in the same stack); the identity stack then assumes memberAccountRole there, and assignments to the management account are rejected (a delegated administrator cannot manage them). Default none: the management account"),
  groups: z.array(identityGroupSchema).default([]).describe("Identity store groups"),
  users: z
    .array(identityUserSchema)
    .default([])
    .describe("Identity store users; most organisations sync users from an identity provider (SCIM) instead. Default none"),
  permissionSets: z
    .array(customPermissionSetSchema)
    .default([])
    .describe("Custom permission sets, in addition to the built-in ones (Administrator, PowerUser, ReadOnly, SecurityAudit, Billing, NetworkAdministrator, BreakGlass)"),
  assignments: z.array(assignmentSchema).default([]).describe("Group x permission set x accounts and OUs"),
  assignmentShards: z
    .int()
    .min(1)
    .max(MAX_ASSIGNMENT_SHARDS)
    .default(DEFAULT_ASSIGNMENT_SHARDS)
    .describe(
      `Number of stacks the account assignments are spread over (identity-assignments-<i>-of-<n>), each account's by a hash of its name; at most ${MAX_ASSIGNMENTS_PER_SHARD} assignments per stack. Changing it is a migration: set previousAssignmentShards too (README). Default ${DEFAULT_ASSIGNMENT_SHARDS}`,
    ),
  previousAssignmentShards: z
    .int()
    .min(1)
    .max(MAX_ASSIGNMENT_SHARDS)
    .optional()
    .describe(
      "Only while changing assignmentShards: the count before. The new stacks import the existing assignments and the old ones forget theirs without deleting them; remove it once both are applied. Default none",
    ),
  accessControlAttributes: z
    .array(accessControlAttributeSchema)
    .default([])
    .describe("Attributes for attribute-based access control (aws:PrincipalTag/<key>); default none"),
});

export type IdentityConfig = z.infer<typeof identitySchema>;
