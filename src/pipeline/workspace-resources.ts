import { CloudformationStackSet } from "@cdktf/provider-aws/lib/cloudformation-stack-set";
import { CloudformationStackSetInstance } from "@cdktf/provider-aws/lib/cloudformation-stack-set-instance";
import { NotificationConfiguration } from "@cdktf/provider-tfe/lib/notification-configuration";
import { Variable } from "@cdktf/provider-tfe/lib/variable";
import { Workspace } from "@cdktf/provider-tfe/lib/workspace";
import { WorkspaceSettings } from "@cdktf/provider-tfe/lib/workspace-settings";
import type { TerraformStack } from "cdktf";
import { workspaceName, type RunPhase } from "../naming";
import type { CredentialTarget } from "./dynamic-credentials";

/**
 * The per-workspace resources of the Terraform Cloud pipeline, made the same way whether a workspace lives in
 * `pipeline` or in a pipeline shard (src/pipeline/pipeline-shards.ts). Each takes the stack itself as its scope and
 * keeps the construct ids the single pipeline stack had, so a workspace's resources have the same addresses in
 * whichever state holds them (README: Pipeline shards, moving state).
 */

/**
 * What notifies people: a run that fails, and a health assessment that finds drift or cannot run
 * (https://registry.terraform.io/providers/hashicorp/tfe/0.71.0/docs/resources/notification_configuration).
 */
export const NOTIFICATION_TRIGGERS = ["run:errored", "assessment:drifted", "assessment:failed"] as const;

/** The backend settings the workspaces take (the cloud backend config satisfies it). */
export interface WorkspaceBackend {
  readonly organization: string;
  readonly workspacePrefix: string;
  readonly terraformVersion: string;
  readonly workspaceTags: readonly string[];
  readonly healthAssessments: boolean;
  readonly workspaces: Readonly<Record<string, { readonly autoApply: boolean } | undefined>>;
}

/** The Terraform resource name of a stack's `tfe_workspace` (its construct id), in whichever pipeline stack holds it. */
export function workspaceResourceName(stackName: string): string {
  return `workspace_${stackName}`;
}

/** A landing zone stack's workspace, named as the stack's cloud block names it. */
export function landingZoneWorkspace(scope: TerraformStack, stackName: string, backend: WorkspaceBackend, projectId: string): Workspace {
  return new Workspace(scope, workspaceResourceName(stackName), {
    name: workspaceName(backend.workspacePrefix, stackName),
    organization: backend.organization,
    projectId,
    description: `Landing zone stack ${stackName} (cdktf.out/stacks/${stackName}, uploaded by CI)`,
    terraformVersion: backend.terraformVersion,
    tagNames: [...backend.workspaceTags, `stack:${stackName}`],
    // CLI/API-driven: CI uploads the synthesized stack directory, so the configuration is the directory's root.
    workingDirectory: "",
    fileTriggersEnabled: false,
    queueAllRuns: false,
    speculativeEnabled: true,
    // A destroy plan of a landing zone stack is never routine.
    allowDestroyPlan: false,
    // A workspace holds its stack's state and run history. prevent_destroy guards it only while it is in the
    // configuration: a resource removed from the configuration is destroyed whatever its lifecycle said
    // (https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle). Accounts that move into the
    // suspended OU get `removed` blocks instead (forgetWorkspaces); for accounts removed from config, safe delete
    // (force_delete false) refuses a workspace that still manages resources (docs/terraform-cloud.md: Removing or
    // suspending an account).
    forceDelete: false,
    lifecycle: { preventDestroy: true },
  });
}

/** A workspace's settings; its remote state consumers are set once the stack graph is known (connect). */
export function landingZoneWorkspaceSettings(scope: TerraformStack, stackName: string, workspaceId: string, backend: WorkspaceBackend): WorkspaceSettings {
  return new WorkspaceSettings(scope, `settings_${stackName}`, {
    workspaceId,
    executionMode: "remote",
    autoApply: backend.workspaces[stackName]?.autoApply ?? false,
    // Drift detection and continuous validation (health assessments): HCP Terraform Standard and Premium only
    // (https://developer.hashicorp.com/terraform/cloud-docs/workspaces/health), so config can turn them off.
    assessmentsEnabled: backend.healthAssessments,
    // Only the workspaces that read this state may: connect lists them.
    globalRemoteState: false,
    remoteStateConsumerIds: [],
  });
}

/** Failed runs and drift of a workspace, emailed to the recipients. */
export function failureNotification(scope: TerraformStack, stackName: string, workspaceId: string, recipients: readonly string[]): NotificationConfiguration {
  return new NotificationConfiguration(scope, `notify_${stackName}`, {
    name: "landing-zone-failures-and-drift",
    workspaceId,
    destinationType: "email",
    emailUserIds: [...recipients],
    triggers: [...NOTIFICATION_TRIGGERS],
    enabled: true,
  });
}

/** TFC_AWS_PROVIDER_AUTH and the plan and apply role ARNs of one credentials configuration of a workspace. */
export function credentialVariables(scope: TerraformStack, stackName: string, workspaceId: string, target: CredentialTarget, roleNames: Readonly<Record<RunPhase, string>>): void {
  const suffix = target.tag === undefined ? "" : `_${target.tag}`;
  const values: Record<string, string> = {
    [`TFC_AWS_PROVIDER_AUTH${suffix}`]: "true",
    [`TFC_AWS_PLAN_ROLE_ARN${suffix}`]: `arn:aws:iam::${target.accountId}:role/${roleNames.plan}`,
    [`TFC_AWS_APPLY_ROLE_ARN${suffix}`]: `arn:aws:iam::${target.accountId}:role/${roleNames.apply}`,
  };
  for (const [key, value] of Object.entries(values)) {
    new Variable(scope, `variable_${stackName}_${key}`, { workspaceId, key, value, category: "env", description: "Dynamic provider credentials (landing zone pipeline stack)" });
  }
}

export interface MemberAccountRolesProps {
  readonly stackSetName: string;
  readonly description: string;
  readonly templateBody: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly rootId: string;
  /**
   * What the instance must wait for in the same state (the OIDC provider's instances, in `pipeline`). A pipeline shard
   * has none: its instances come after `pipeline`'s apply by the stack order (a cross-stack reference and its run
   * trigger).
   * @default - none
   */
  readonly dependsOn?: readonly CloudformationStackSetInstance[];
}

/**
 * One workspace's plan and apply roles in one member account: a StackSet of its own with the workspace and role
 * names as StackSet parameters, and a single stack set instance that narrows the root to the account.
 *
 * Why not one StackSet per kind of workspace with an instance per account (terraform-provider-aws,
 * internal/service/cloudformation/stack_set_instance.go): with deployment_targets the resource id is
 * `<stack set>,<OU ids>,<region>`, the same for every account of one StackSet under the root; its update path sends
 * that OU id as UpdateStackInstances' Accounts, which CloudFormation rejects (hashicorp/terraform-provider-aws#40675),
 * so parameter_overrides could never change; and creates retry only IAM propagation errors, so parallel creates on
 * one StackSet meet OperationInProgressException (#28675, #41388). Here the id is unique, nothing ever updates the
 * instance (no overrides: parameter changes are UpdateStackSet on the StackSet), and managed execution queues
 * whatever does conflict. An account still adds a constant number of resources (one StackSet, one instance), in its
 * pipeline shard.
 *
 * Retain the stack on delete: an account leaves the workspaces when it moves into the suspended OU, and deleting its
 * stack would run as `stacksets-exec-*` there, which the deny-all SCP refuses. The roles stay, inert under that SCP
 * (docs/terraform-cloud.md: Suspended accounts).
 */
export function memberAccountRoles(scope: TerraformStack, key: string, accountId: string, props: MemberAccountRolesProps): void {
  const stackSet = new CloudformationStackSet(scope, `tfc_roles_stack_set_${key}`, {
    name: props.stackSetName,
    description: props.description,
    permissionModel: "SERVICE_MANAGED",
    capabilities: ["CAPABILITY_NAMED_IAM"],
    autoDeployment: { enabled: false },
    managedExecution: { active: true },
    templateBody: props.templateBody,
    parameters: { ...props.parameters },
    lifecycle: { ignoreChanges: ["administration_role_arn"] },
  });
  new CloudformationStackSetInstance(scope, `roles_${key}`, {
    stackSetName: stackSet.name,
    // Service-managed stack sets target OUs; the account filter narrows the root to this one account.
    deploymentTargets: { organizationalUnitIds: [props.rootId], accounts: [accountId], accountFilterType: "INTERSECTION" },
    retainStack: true,
    ...(props.dependsOn === undefined ? {} : { dependsOn: [...props.dependsOn] }),
  });
}

/**
 * Accounts in the suspended OU have no stack, so their workspaces leave the configuration; without more, Terraform
 * would plan to destroy them (prevent_destroy no longer applies once the resource is gone from the configuration). A
 * `removed` block with `destroy = false` per such workspace makes Terraform forget it instead: it stays in HCP
 * Terraform with its state and run history, and no stack manages it any more
 * (https://developer.hashicorp.com/terraform/language/block/removed; Terraform 1.7 or later). A block whose resource
 * is not in the state (an account that was suspended before it ever had a workspace) changes nothing. The workspace's
 * variables, notification, run triggers, settings and roles StackSet still leave the state the ordinary way: none of
 * them holds anything that cannot be recreated, and the roles stack in the account is retained (retain_stack).
 */
export function forgetWorkspaces(scope: TerraformStack, stackNames: readonly string[]): void {
  const removed = stackNames.map((stackName) => ({ from: `tfe_workspace.${workspaceResourceName(stackName)}`, lifecycle: [{ destroy: false }] }));
  if (removed.length > 0) scope.addOverride("removed", removed);
}
