import type { RunPhase } from "../naming";
import type { PolicyDocument, PolicyStatement } from "./document";

/**
 * Policies of the Terraform Cloud pipeline: the trust of each workspace's roles and what those roles may do.
 *
 * Dynamic provider credentials: HCP Terraform signs a workload identity token for every plan and apply, whose `sub`
 * names the organisation, project, workspace and run phase, and whose `aud` is `aws.workload.identity` unless the
 * workspace sets another; AWS exchanges it with AssumeRoleWithWebIdentity
 * (https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/aws-configuration,
 * https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/workload-identity-tokens).
 * AWS evaluates the `<provider host>:aud` and `<provider host>:sub` condition keys of an OIDC provider
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif).
 */

/** The audience HCP Terraform puts in the token unless a workspace sets TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE. */
export const TFC_AWS_AUDIENCE = "aws.workload.identity";

/** AWS managed policies of the two phases. */
export const PLAN_ROLE_MANAGED_POLICY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
export const APPLY_ROLE_MANAGED_POLICY = "arn:aws:iam::aws:policy/AdministratorAccess";

/**
 * Actions no workspace role may take, whatever its managed policy allows: assuming another role is the only way
 * a workspace's credentials could reach an account other than its own (an administrator of the management account
 * may assume `memberAccountRole` in every member account), and in this mode no provider assumes a role.
 */
export const ROLE_CHAINING_ACTIONS = ["sts:AssumeRole"] as const;

/**
 * The execution role of service-managed StackSets in every member account: the role that creates the stack set
 * instances' resources, here the workspaces' `<prefix>-lz-tfc-*` roles. CloudFormation creates it beside the
 * StackSets member service-linked role (CloudFormation UG, "Activate trusted access for StackSets with AWS
 * Organizations": https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-activate-trusted-access.html);
 * only that service-linked role may create it or change its policies (AWS managed policy
 * CloudFormationStackSetsOrgMemberServiceRolePolicy:
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/CloudFormationStackSetsOrgMemberServiceRolePolicy.html),
 * and the management account's StackSets service-linked role assumes it (CloudFormationStackSetsOrgAdminServiceRolePolicy:
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/CloudFormationStackSetsOrgAdminServiceRolePolicy.html).
 * It is an ordinary IAM role, not a service-linked one, so SCPs apply to it (AWS Organizations UG, service control
 * policies: only service-linked roles are outside their reach:
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html).
 */
export const STACKSETS_EXECUTION_ROLE_ARN = "arn:aws:iam::*:role/stacksets-exec-*";

export interface WorkspaceIdentity {
  /** Host of HCP Terraform or Terraform Enterprise, such as `app.terraform.io` (no scheme, no trailing slash). */
  readonly hostname: string;
  readonly organization: string;
  readonly project: string;
  readonly workspace: string;
}

/** The token subject of one workspace in one run phase, exactly as HCP Terraform writes it. */
export function workloadIdentitySubject(identity: WorkspaceIdentity, phase: RunPhase): string {
  return `organization:${identity.organization}:project:${identity.project}:workspace:${identity.workspace}:run_phase:${phase}`;
}

/**
 * Trust of a workspace role: only tokens of this one workspace in this one run phase, with the HCP Terraform
 * audience, from the account's OIDC provider for the hostname. StringEquals, never StringLike: a plan token must not
 * match the apply role, and no other workspace (of this or any other organisation) may match at all.
 *
 * @param oidcProviderArn the provider in the role's account; a literal, or a CloudFormation `Fn::Sub` object where
 * the StackSet template fills in the account.
 */
export function workspaceRoleTrustPolicy(identity: WorkspaceIdentity, phase: RunPhase, oidcProviderArn: string | { readonly "Fn::Sub": string }): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: `TerraformCloud${phase === "plan" ? "Plan" : "Apply"}`,
        Effect: "Allow",
        // PolicyDocument's Federated is a string; the template's Fn::Sub resolves to one before IAM sees it.
        Principal: { Federated: oidcProviderArn as string },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${identity.hostname}:aud`]: TFC_AWS_AUDIENCE,
            [`${identity.hostname}:sub`]: workloadIdentitySubject(identity, phase),
          },
        },
      },
    ],
  };
}

/** The inline policy of every workspace role: no role chaining (see ROLE_CHAINING_ACTIONS). */
export function workspaceRoleBoundaryPolicy(): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [{ Sid: "NoRoleChaining", Effect: "Deny", Action: [...ROLE_CHAINING_ACTIONS], Resource: "*" }],
  };
}

/** The ARN of the IAM OIDC provider for a host in an account. */
export function oidcProviderArn(accountId: string, hostname: string): string {
  return `arn:aws:iam::${accountId}:oidc-provider/${hostname}`;
}

/** Template parameters of the roles StackSet: which workspace the roles in the account serve, and their names. */
export const ROLES_TEMPLATE_PARAMETER = "WorkspaceName";
export const ROLE_NAME_PARAMETERS: Readonly<Record<RunPhase, string>> = { plan: "PlanRoleName", apply: "ApplyRoleName" };

export interface RolesTemplateProps {
  readonly hostname: string;
  readonly organization: string;
  readonly project: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * A CloudFormation template (JSON, as a plain object) with the plan and apply roles of one workspace in the account
 * the stack set instance deploys to. The workspace name is a parameter: one template serves every account stack.
 * The trust policies are the ones `workspaceRoleTrustPolicy` builds, with the workspace and the account filled in
 * by CloudFormation.
 */
export function workspaceRolesTemplate(props: RolesTemplateProps): Record<string, unknown> {
  const identity: WorkspaceIdentity = { hostname: props.hostname, organization: props.organization, project: props.project, workspace: `\${${ROLES_TEMPLATE_PARAMETER}}` };
  const provider = { "Fn::Sub": `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/${props.hostname}` };
  const tags = Object.entries(props.tags).map(([Key, Value]) => ({ Key, Value }));
  const role = (phase: RunPhase) => {
    const trust = workspaceRoleTrustPolicy(identity, phase, provider);
    // The subject holds ${WorkspaceName}: Fn::Sub fills it in (the role names carry it too).
    const [statement] = trust.Statement;
    const condition = statement?.Condition?.StringEquals ?? {};
    const subKey = `${props.hostname}:sub`;
    return {
      Type: "AWS::IAM::Role",
      Properties: {
        RoleName: { Ref: ROLE_NAME_PARAMETERS[phase] },
        Description: `Terraform Cloud ${phase} phase of one landing zone workspace`,
        AssumeRolePolicyDocument: {
          ...trust,
          Statement: [{ ...statement, Condition: { StringEquals: { ...condition, [subKey]: { "Fn::Sub": condition[subKey] } } } }],
        },
        ManagedPolicyArns: [{ "Fn::Sub": (phase === "plan" ? PLAN_ROLE_MANAGED_POLICY : APPLY_ROLE_MANAGED_POLICY).replace("arn:aws:", "arn:${AWS::Partition}:") }],
        Policies: [{ PolicyName: "no-role-chaining", PolicyDocument: workspaceRoleBoundaryPolicy() }],
        MaxSessionDuration: 3600,
        Tags: tags,
      },
    };
  };
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: "Terraform Cloud plan and apply roles of one landing zone workspace (generated; do not edit)",
    Parameters: {
      [ROLES_TEMPLATE_PARAMETER]: { Type: "String", AllowedPattern: "^[A-Za-z0-9_-]{1,90}$" },
      [ROLE_NAME_PARAMETERS.plan]: { Type: "String", AllowedPattern: "^[\\w+=,.@-]{1,64}$" },
      [ROLE_NAME_PARAMETERS.apply]: { Type: "String", AllowedPattern: "^[\\w+=,.@-]{1,64}$" },
    },
    Resources: { PlanRole: role("plan"), ApplyRole: role("apply") },
    Outputs: {
      PlanRoleArn: { Value: { "Fn::GetAtt": ["PlanRole", "Arn"] } },
      ApplyRoleArn: { Value: { "Fn::GetAtt": ["ApplyRole", "Arn"] } },
    },
  };
}

/** A CloudFormation template with the account's IAM OIDC provider for HCP Terraform (one per URL and account). */
export function oidcProviderTemplate(hostname: string, tags: Readonly<Record<string, string>>): Record<string, unknown> {
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: "IAM OIDC provider for Terraform Cloud dynamic credentials (generated; do not edit)",
    Resources: {
      TerraformCloud: {
        Type: "AWS::IAM::OIDCProvider",
        Properties: {
          Url: `https://${hostname}`,
          ClientIdList: [TFC_AWS_AUDIENCE],
          Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
        },
      },
    },
  };
}

/**
 * The identity assignment shards' workspaces (stacks/identity-assignments-stack.ts) share one plan role and one apply
 * role in the Identity Center administrator account, instead of two roles per shard: their number stays two however
 * many shards config asks for, and each role can do exactly what a shard does, nothing else.
 *
 * What a shard's runs call (terraform-provider-aws internal/service/ssoadmin/account_assignment.go): a refresh or an
 * import reads each assignment with ListAccountAssignments; a create calls CreateAccountAssignment and polls
 * DescribeAccountAssignmentCreationStatus; a delete calls DeleteAccountAssignment and polls
 * DescribeAccountAssignmentDeletionStatus. Create, Delete and List authorize on three resources, the instance, the
 * permission set and the account (`arn:aws:sso:::account/<id>`); the status calls on the instance only (Service
 * Authorization Reference, IAM Identity Center:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsiamidentitycentersuccessortoawssinglesign-on.html).
 */
export const ASSIGNMENT_SHARD_READ_ACTIONS = ["sso:ListAccountAssignments"] as const;
export const ASSIGNMENT_SHARD_WRITE_ACTIONS = [
  "sso:CreateAccountAssignment",
  "sso:DeleteAccountAssignment",
  "sso:DescribeAccountAssignmentCreationStatus",
  "sso:DescribeAccountAssignmentDeletionStatus",
] as const;

/**
 * In the management account Identity Center creates and removes a permission set's role with the caller's own
 * permissions: its service-linked role provisions roles under `aws-reserved/sso.amazonaws.com/` only in accounts that
 * are not the management account (AWS managed policy AWSSSOServiceRolePolicy, statement IAMRoleProvisioningActions,
 * condition aws:PrincipalOrgMasterAccountId not equal to aws:PrincipalAccount:
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSSSOServiceRolePolicy.html), and AWS documents that
 * assigning access to the management account takes AWSSSOMasterAccountAdministrator plus IAMFullAccess
 * (https://docs.aws.amazon.com/singlesignon/latest/userguide/howtodelegatessoaccess.html). So when the shards run in the
 * management account (no delegated administrator) the apply role gets every IAM action, but only on Identity Center's
 * own roles and SAML providers there; that this narrower scope is enough is our reading, unverified until the first
 * apply of an assignment to the management account (docs/scale.md, Sharding).
 */
export const IDENTITY_CENTER_IAM_RESOURCES = (managementAccountId: string): readonly string[] => [
  `arn:aws:iam::${managementAccountId}:role/aws-reserved/sso.amazonaws.com/*`,
  `arn:aws:iam::${managementAccountId}:saml-provider/AWSSSO_*`,
];

export interface AssignmentShardRoleScope {
  /** The Identity Center instance ARN when config gives it; @default - any instance of the account */
  readonly instanceArn?: string;
  /** The management account id when the shards run there (no delegated administrator); @default - not the management account */
  readonly managementAccountId?: string;
}

/**
 * What the shared shard role may do in one run phase: read assignments (plan), or also create and delete them
 * (apply). Scoped to the instance (and its permission sets) when config names it; the accounts are any account,
 * because the account list grows with the organisation and a role policy naming them would too.
 */
export function assignmentShardRolePolicy(phase: RunPhase, scope: AssignmentShardRoleScope): PolicyDocument {
  const instanceId = scope.instanceArn?.split("/").at(-1);
  const ssoResources = [
    scope.instanceArn ?? "arn:aws:sso:::instance/*",
    instanceId === undefined ? "arn:aws:sso:::permissionSet/*" : `arn:aws:sso:::permissionSet/${instanceId}/*`,
    "arn:aws:sso:::account/*",
  ];
  const statements: PolicyStatement[] = [{ Sid: "ReadAccountAssignments", Effect: "Allow", Action: [...ASSIGNMENT_SHARD_READ_ACTIONS], Resource: ssoResources }];
  if (phase === "apply") {
    statements.push({ Sid: "ManageAccountAssignments", Effect: "Allow", Action: [...ASSIGNMENT_SHARD_WRITE_ACTIONS], Resource: ssoResources });
    if (scope.managementAccountId !== undefined) {
      statements.push({ Sid: "IdentityCenterRolesInManagement", Effect: "Allow", Action: "iam:*", Resource: [...IDENTITY_CENTER_IAM_RESOURCES(scope.managementAccountId)] });
    }
  }
  return { Version: "2012-10-17", Statement: statements };
}

/**
 * Trust of the shared shard roles: tokens of the identity assignment shard workspaces of this organisation and
 * project, in this run phase. One StringLike pattern per shard count (`<workspacePrefix>identity-assignments-??-of-<n>`:
 * the current count and, during a migration, the previous one; src/naming.ts, assignmentShardStackPattern), since one
 * role serves every shard and a list of subjects would grow with the count (IAM's role trust policy quota is 2,048
 * characters by default: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html); several values
 * of one condition key match if any matches
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html).
 * The audience stays StringEquals. A pattern still matches names no shard has (`…-99-of-<n>`), so only the pipeline
 * team may create or rename workspaces in the project (docs/terraform-cloud.md).
 */
export function assignmentShardRoleTrustPolicy(identity: Omit<WorkspaceIdentity, "workspace">, workspacePatterns: readonly string[], phase: RunPhase, oidcProviderArn: string | { readonly "Fn::Sub": string }): PolicyDocument {
  return workspacePatternTrustPolicy("TerraformCloudAssignmentShards", identity, workspacePatterns, phase, oidcProviderArn);
}

/**
 * Trust of the pipeline shards' shared roles in the management account: tokens of the workspaces
 * `<workspacePrefix>pipeline-??-of-<n>` of this organisation and project in this run phase, n the configured count
 * (src/naming.ts, pipelineShardStackPattern), for the same reason as the assignment shards' (one role pair whatever
 * the shard count). Neither `pipeline` itself nor any other name of the project matches.
 */
export function pipelineShardRoleTrustPolicy(identity: Omit<WorkspaceIdentity, "workspace">, workspacePattern: string, phase: RunPhase, oidcProviderArn: string): PolicyDocument {
  return workspacePatternTrustPolicy("TerraformCloudPipelineShards", identity, [workspacePattern], phase, oidcProviderArn);
}

function workspacePatternTrustPolicy(sid: string, identity: Omit<WorkspaceIdentity, "workspace">, workspacePatterns: readonly string[], phase: RunPhase, oidcProviderArn: string | { readonly "Fn::Sub": string }): PolicyDocument {
  if (workspacePatterns.length === 0) throw new Error("internal error: a shard role trusted by no workspace");
  const subjects = workspacePatterns.map((workspace) => workloadIdentitySubject({ ...identity, workspace }, phase));
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: `${sid}${phase === "plan" ? "Plan" : "Apply"}`,
        Effect: "Allow",
        Principal: { Federated: oidcProviderArn as string },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: { [`${identity.hostname}:aud`]: TFC_AWS_AUDIENCE },
          StringLike: { [`${identity.hostname}:sub`]: subjects.length === 1 ? subjects[0]! : subjects },
        },
      },
    ],
  };
}

/**
 * What a pipeline shard's Terraform does in AWS (stacks/pipeline-shard-stack.ts, memberAccountRoles): one
 * service-managed StackSet and one stack set instance per account workspace, and nothing else. The calls of
 * terraform-provider-aws for them (internal/service/cloudformation/stack_set.go: CreateStackSet, DescribeStackSet while
 * waiting and on read, UpdateStackSet, DeleteStackSet, DescribeStackSetOperation while waiting on an operation and
 * ListStackSetOperationResults when one failed; stack_set_instance.go: CreateStackInstances, UpdateStackInstances,
 * DeleteStackInstances, ListStackInstances to read an instance with OU targets, DescribeStackInstance for one with an
 * account). Resource scopes from the Service Authorization Reference for CloudFormation
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudformation.html): CreateStackSet
 * has no resource type, so it takes `*` (a StackSet made under another name could still deploy nothing: every instance
 * call needs the `stackset` resource, scoped here to the shards' names); the instance operations and UpdateStackSet
 * also name the optional `stackset-target` and `type` resources. Tags: the provider's default tags go on the
 * StackSet in CreateStackSet and UpdateStackSet, and TagResource/UntagResource take the `cloudformation:CreateAction`
 * key for tags set by such calls, so both are granted on the shards' StackSets.
 */
export const PIPELINE_SHARD_STACK_SET_ACTIONS = [
  "cloudformation:DescribeStackSet",
  "cloudformation:UpdateStackSet",
  "cloudformation:DeleteStackSet",
  "cloudformation:DescribeStackSetOperation",
  "cloudformation:ListStackSetOperationResults",
  "cloudformation:CreateStackInstances",
  "cloudformation:UpdateStackInstances",
  "cloudformation:DeleteStackInstances",
  "cloudformation:DescribeStackInstance",
  "cloudformation:ListStackInstances",
  "cloudformation:TagResource",
  "cloudformation:UntagResource",
] as const;

/**
 * Read-only AWS Organizations, as the StackSets service-linked role itself has (AWS managed policy
 * CloudFormationStackSetsOrgAdminServiceRolePolicy: organizations:List* and Describe*). The shards' Terraform calls
 * none of it; it is a margin for CloudFormation's checks of service-managed targets on the caller's behalf, which AWS
 * does not document, and reads nothing the plan role's ReadOnlyAccess does not.
 */
export const PIPELINE_SHARD_ORGANIZATIONS_READ_ACTIONS = ["organizations:Describe*", "organizations:List*"] as const;

/**
 * The pipeline shards' apply role in the management account: instead of AdministratorAccess, only the roles StackSets
 * of the account workspaces (`stackSetNamePattern`, such as `<prefix>-lz-tfc-roles-account-*`), in any region of the
 * management account.
 */
export function pipelineShardApplyRolePolicy(managementAccountId: string, stackSetNamePattern: string): PolicyDocument {
  const arn = (resource: string) => `arn:aws:cloudformation:*:${managementAccountId}:${resource}`;
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "CreateStackSets", Effect: "Allow", Action: "cloudformation:CreateStackSet", Resource: "*" },
      {
        Sid: "AccountRolesStackSets",
        Effect: "Allow",
        Action: [...PIPELINE_SHARD_STACK_SET_ACTIONS],
        // The StackSets themselves in the management account. The optional `stackset-target` and `type` resources
        // with any account: an AWS resource type's ARN has an empty account (arn:aws:cloudformation:eu-west-2::type/
        // resource/AWS-IAM-Role; terraform-provider-aws, type_data_source_test.go), which an account id never
        // matches and `*` does, as AWS's own AWSControlTowerServiceRolePolicy writes both.
        Resource: [arn(`stackset/${stackSetNamePattern}:*`), "arn:aws:cloudformation:*:*:stackset-target/*", "arn:aws:cloudformation:*:*:type/resource/*"],
      },
      { Sid: "ReadOrganization", Effect: "Allow", Action: [...PIPELINE_SHARD_ORGANIZATIONS_READ_ACTIONS], Resource: "*" },
      ...workspaceRoleBoundaryPolicy().Statement,
    ],
  };
}

/**
 * The shared shard roles as a CloudFormation template, for a delegated administrator (a member account, reached only
 * through StackSets like every member account's workspace roles).
 */
export function assignmentShardRolesTemplate(props: { readonly identity: Omit<WorkspaceIdentity, "workspace">; readonly workspacePatterns: readonly string[]; readonly roleNames: Readonly<Record<RunPhase, string>>; readonly scope: AssignmentShardRoleScope; readonly tags: Readonly<Record<string, string>> }): Record<string, unknown> {
  const provider = { "Fn::Sub": `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/${props.identity.hostname}` };
  const tags = Object.entries(props.tags).map(([Key, Value]) => ({ Key, Value }));
  const role = (phase: RunPhase) => ({
    Type: "AWS::IAM::Role",
    Properties: {
      RoleName: props.roleNames[phase],
      Description: `Terraform Cloud ${phase} phase of the identity assignment shard workspaces`,
      AssumeRolePolicyDocument: assignmentShardRoleTrustPolicy(props.identity, props.workspacePatterns, phase, provider),
      Policies: [{ PolicyName: "account-assignments", PolicyDocument: assignmentShardRolePolicy(phase, props.scope) }],
      MaxSessionDuration: 3600,
      Tags: tags,
    },
  });
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: "Terraform Cloud plan and apply roles of the landing zone's identity assignment shards (generated; do not edit)",
    Resources: { PlanRole: role("plan"), ApplyRole: role("apply") },
  };
}
