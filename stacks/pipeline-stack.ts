import { CloudformationStackSet } from "@cdktf/provider-aws/lib/cloudformation-stack-set";
import { CloudformationStackSetInstance } from "@cdktf/provider-aws/lib/cloudformation-stack-set-instance";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { DataTfeOrganizationMembership } from "@cdktf/provider-tfe/lib/data-tfe-organization-membership";
import { DataTfeProject } from "@cdktf/provider-tfe/lib/data-tfe-project";
import { DataTfeWorkspace } from "@cdktf/provider-tfe/lib/data-tfe-workspace";
import { NotificationConfiguration } from "@cdktf/provider-tfe/lib/notification-configuration";
import { TfeProvider } from "@cdktf/provider-tfe/lib/provider";
import { RunTrigger } from "@cdktf/provider-tfe/lib/run-trigger";
import { Variable } from "@cdktf/provider-tfe/lib/variable";
import { Workspace } from "@cdktf/provider-tfe/lib/workspace";
import { WorkspaceSettings } from "@cdktf/provider-tfe/lib/workspace-settings";
import type { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { LandingZoneConfig } from "../src/config/schema";
import type { CloudBackendConfig } from "../src/config/sections/backend";
import { accountStackName, ASSIGNMENT_SHARD_STACK_PREFIX, Naming, RUN_PHASES, STACK_NAMES, workspaceName, type RunPhase } from "../src/naming";
import { credentialTargets, type CredentialTarget } from "../src/pipeline/dynamic-credentials";
import type { StackEdge } from "../src/pipeline/stack-graph";
import { stackSetOuTargets } from "../src/pipeline/stack-set-targets";
import { flattenOrganizationalUnits, isWithinOu } from "../src/organization/ou-tree";
import { policyJson } from "../src/policies/document";
import {
  APPLY_ROLE_MANAGED_POLICY,
  assignmentShardRolePolicy,
  assignmentShardRolesTemplate,
  assignmentShardRoleTrustPolicy,
  oidcProviderArn,
  oidcProviderTemplate,
  PLAN_ROLE_MANAGED_POLICY,
  ROLE_NAME_PARAMETERS,
  ROLES_TEMPLATE_PARAMETER,
  TFC_AWS_AUDIENCE,
  workspaceRoleBoundaryPolicy,
  workspaceRoleTrustPolicy,
  workspaceRolesTemplate,
} from "../src/policies/pipeline";
import { LandingZoneError } from "../src/errors";
import { AccountDirectory } from "../src/stacks/account-directory";
import { LandingZoneStack } from "../src/stacks/landing-zone-stack";
import { defaultTags } from "../src/tags";
import { terraformName } from "../src/terraform/name";
import { IdentityAssignmentsStack } from "./identity-assignments-stack";

/** The name the shared roles of the identity assignment shards take where a stack name would go (role and StackSet names). */
export const ASSIGNMENT_SHARD_ROLE_STACK = "identity-assignments";

/**
 * What notifies people: a run that fails, and a health assessment that finds drift or cannot run
 * (https://registry.terraform.io/providers/hashicorp/tfe/0.71.0/docs/resources/notification_configuration).
 */
export const NOTIFICATION_TRIGGERS = ["run:errored", "assessment:drifted", "assessment:failed"] as const;

/** The default project of an HCP Terraform organisation, where the cloud block puts workspaces without a project. */
export const DEFAULT_PROJECT_NAME = "Default Project";

/**
 * The OIDC StackSet's operations go on when accounts fail (see PipelineStack.oidcStackSet): every account at once,
 * and no share of failed accounts stops the operation
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackSetOperationPreferences.html).
 */
export const OIDC_OPERATION_PREFERENCES = { failureTolerancePercentage: 100, maxConcurrentPercentage: 100 } as const;

/**
 * The OIDC instances send their operation preferences when they are created, and never update for them: the
 * provider stores no operation_preferences on read, so any change is a diff, and its update path sends the
 * instance's OU or root id as UpdateStackInstances' Accounts, which CloudFormation rejects
 * (terraform-provider-aws internal/service/cloudformation/stack_set_instance.go; hashicorp/terraform-provider-aws#40675,
 * #39393). With 100% tolerance an operation ends SUCCEEDED even when accounts failed (StackSetOperation status), so
 * docs/terraform-cloud.md has the check that lists failed instances after each pipeline apply.
 */
const OIDC_INSTANCE_LIFECYCLE = { ignoreChanges: ["operation_preferences"] };

/** The Terraform resource name of a stack's `tfe_workspace` in the pipeline stack (its construct id). */
export function workspaceResourceName(stackName: string): string {
  return `workspace_${stackName}`;
}

export interface PipelineStackProps {
  readonly config: LandingZoneConfig;
  readonly backend: CloudBackendConfig;
  /** The landing zone's stacks, each with its AWS providers already set up for dynamic credentials. */
  readonly stacks: readonly TerraformStack[];
  /** Id of the organization root (from the organization stack): the OIDC provider StackSet deploys under it. */
  readonly rootId: string;
  /** Id of every OU by path (from the organization stack): with a suspended OU, the OIDC StackSet targets the others. */
  readonly organizationalUnitIds: ReadonlyMap<string, string>;
}

/** The workspace of a stack and what it needs. */
interface WorkspaceEntry {
  readonly stackName: string;
  readonly workspaceId: string;
  readonly settings: WorkspaceSettings;
}

/**
 * Terraform Cloud for the landing zone (cloud backend only): one workspace per stack, named as the stacks' cloud
 * blocks name them, run triggers and state sharing along the stack graph, drift detection and notifications, and the
 * AWS side of dynamic provider credentials (README: Terraform Cloud; docs/terraform-cloud.md).
 *
 * Where the workspace roles live: in the account each provider changes, so no credential ever chains into another
 * account. In the management account this stack creates the OIDC provider and the roles directly. In member
 * accounts two service-managed CloudFormation StackSets, administered from the management account, create them:
 * one gives every account under the root the OIDC provider (auto-deployment: a new account gets it with no change
 * here), the other creates one workspace's plan and apply roles per stack set instance. So this stack needs no
 * provider and no role in any member account, its plan phase stays read-only, and an account adds a constant number
 * of resources here (a workspace, its settings, variables, notification, run triggers and one stack set instance).
 *
 * The project and this stack's own workspace exist before its first apply (bootstrap, docs/terraform-cloud.md): it
 * reads them, and manages the workspace's settings and variables like any other.
 */
export class PipelineStack extends LandingZoneStack {
  private readonly workspaces = new Map<string, WorkspaceEntry>();

  constructor(scope: Construct, props: PipelineStackProps) {
    super(scope, STACK_NAMES.pipeline, { config: props.config, target: AccountDirectory.managementAccount(props.config) });
    const { config, backend } = props;
    const naming = this.naming;
    const managementAccountId = this.target.id;
    const projectName = backend.project ?? DEFAULT_PROJECT_NAME;

    // The API token comes from the TFE_TOKEN environment variable (a sensitive workspace variable after bootstrap),
    // never from config or state.
    new TfeProvider(this, "tfe", { hostname: backend.hostname, organization: backend.organization });

    const project = new DataTfeProject(this, "project", { name: projectName, organization: backend.organization });
    const recipients = (backend.notificationEmails ?? config.logging.securityContacts).map(
      (email, index) => new DataTfeOrganizationMembership(this, `notify_${index}`, { organization: backend.organization, email }).userId,
    );

    // Workspaces of the landing zone's stacks, then this stack's own (read, not created: it exists before bootstrap).
    const targetsByStack = new Map<string, CredentialTarget[]>();
    for (const stack of props.stacks) {
      const stackName = stack.node.id;
      targetsByStack.set(stackName, credentialTargets(stack));
      const workspace = new Workspace(this, workspaceResourceName(stackName), {
        name: workspaceName(backend.workspacePrefix, stackName),
        organization: backend.organization,
        projectId: project.id,
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
        // suspended OU get `removed` blocks instead (forgetWorkspacesOfSuspendedAccounts); for accounts removed from
        // config, safe delete (force_delete false) refuses a workspace that still manages resources
        // (docs/terraform-cloud.md: Removing or suspending an account).
        forceDelete: false,
        lifecycle: { preventDestroy: true },
      });
      this.addWorkspace(stackName, workspace.id, backend, backend.workspaces[stackName]?.autoApply ?? false);
    }
    this.forgetWorkspacesOfSuspendedAccounts(config);
    const self = new DataTfeWorkspace(this, "workspace_pipeline", { name: workspaceName(backend.workspacePrefix, STACK_NAMES.pipeline), organization: backend.organization });
    this.addWorkspace(STACK_NAMES.pipeline, self.id, backend, backend.workspaces[STACK_NAMES.pipeline]?.autoApply ?? false);
    targetsByStack.set(STACK_NAMES.pipeline, credentialTargets(this));

    for (const [stackName, entry] of this.workspaces) {
      new NotificationConfiguration(this, `notify_${stackName}`, {
        name: "landing-zone-failures-and-drift",
        workspaceId: entry.workspaceId,
        destinationType: "email",
        emailUserIds: recipients,
        triggers: [...NOTIFICATION_TRIGGERS],
        enabled: true,
      });
    }

    // AWS: the OIDC provider and roles of the management account here; member accounts' through StackSets.
    const identity = { hostname: backend.hostname, organization: backend.organization, project: projectName };
    const managementProvider = new IamOpenidConnectProvider(this, "tfc_oidc_provider", {
      url: `https://${backend.hostname}`,
      clientIdList: [TFC_AWS_AUDIENCE],
    });
    const oidcInstances = this.oidcStackSet(config, backend.hostname, naming, props);
    const shardStacks = new Set(props.stacks.filter((stack) => stack instanceof IdentityAssignmentsStack).map((stack) => stack.node.id));
    const shardRoles = this.assignmentShardRoles(config, backend, identity, props, [...shardStacks].map((name) => targetsByStack.get(name) ?? []), oidcInstances);
    for (const [stackName, targets] of targetsByStack) {
      const entry = this.workspace(stackName);
      const workspace = workspaceName(backend.workspacePrefix, stackName);
      if (shardStacks.has(stackName) && shardRoles !== undefined) {
        this.credentialVariables(stackName, entry.workspaceId, shardRoles.target, shardRoles.roleNames);
        continue;
      }
      for (const target of targets) {
        const suffix = target.tag === undefined ? "" : `_${target.tag}`;
        const roleNames = { plan: naming.pipelineRoleName(stackName, "plan"), apply: naming.pipelineRoleName(stackName, "apply") };
        if (target.accountId === managementAccountId) {
          for (const phase of RUN_PHASES) {
            const role = new IamRole(this, `role_${stackName}${suffix}_${phase}`, {
              name: roleNames[phase],
              description: `Terraform Cloud ${phase} phase of workspace ${workspace}`,
              assumeRolePolicy: policyJson(workspaceRoleTrustPolicy({ ...identity, workspace }, phase, oidcProviderArn(managementAccountId, backend.hostname))),
              maxSessionDuration: 3600,
              dependsOn: [managementProvider],
            });
            new IamRolePolicyAttachment(this, `role_${stackName}${suffix}_${phase}_managed`, {
              role: role.name,
              policyArn: phase === "plan" ? PLAN_ROLE_MANAGED_POLICY : APPLY_ROLE_MANAGED_POLICY,
            });
            new IamRolePolicy(this, `role_${stackName}${suffix}_${phase}_boundary`, {
              role: role.name,
              name: "no-role-chaining",
              policy: policyJson(workspaceRoleBoundaryPolicy()),
            });
          }
        } else {
          this.memberAccountRoles(`${stackName}${suffix}`, target.accountId, {
            stackSetName: naming.pipelineRolesStackSetName(`${stackName}${suffix.replaceAll("_", "-").toLowerCase()}`),
            description: `Terraform Cloud plan and apply roles of workspace ${workspace} (landing zone pipeline stack)`,
            templateBody: JSON.stringify(workspaceRolesTemplate({ ...identity, tags: defaultTags(config) })),
            parameters: { [ROLES_TEMPLATE_PARAMETER]: workspace, [ROLE_NAME_PARAMETERS.plan]: roleNames.plan, [ROLE_NAME_PARAMETERS.apply]: roleNames.apply },
            rootId: props.rootId,
            dependsOn: oidcInstances,
          });
        }
        this.credentialVariables(stackName, entry.workspaceId, target, roleNames);
      }
    }
  }

  /**
   * One plan role and one apply role for every identity assignment shard workspace, in the Identity Center
   * administrator account (src/policies/pipeline.ts, assignmentShardRolePolicy): directly in the management account,
   * or through one StackSet for a delegated administrator. Two roles and at most one StackSet, whatever the number of
   * shards. `undefined` when there are no shards.
   */
  private assignmentShardRoles(
    config: LandingZoneConfig,
    backend: CloudBackendConfig,
    identity: { hostname: string; organization: string; project: string },
    props: PipelineStackProps,
    shardTargets: readonly (readonly CredentialTarget[])[],
    oidcInstances: CloudformationStackSetInstance[],
  ): { target: CredentialTarget; roleNames: Record<RunPhase, string> } | undefined {
    const accountIds = new Set(shardTargets.flatMap((targets) => targets.map((t) => t.accountId)));
    const [accountId] = accountIds;
    if (accountId === undefined) return undefined;
    // Every shard has one provider, in the Identity Center administrator account; anything else is a bug.
    if (accountIds.size > 1 || shardTargets.some((targets) => targets.length !== 1)) throw new Error("internal error: assignment shards must each reach exactly the Identity Center administrator account");
    const naming = this.naming;
    const roleNames = { plan: naming.pipelineRoleName(ASSIGNMENT_SHARD_ROLE_STACK, "plan"), apply: naming.pipelineRoleName(ASSIGNMENT_SHARD_ROLE_STACK, "apply") };
    const workspacePattern = workspaceName(backend.workspacePrefix, `${ASSIGNMENT_SHARD_STACK_PREFIX}*`);
    const managementAccountId = this.target.id;
    const inManagement = accountId === managementAccountId;
    const scope = { instanceArn: config.identity.instanceArn, managementAccountId: inManagement ? managementAccountId : undefined };
    if (inManagement) {
      for (const phase of RUN_PHASES) {
        const role = new IamRole(this, `role_assignment_shards_${phase}`, {
          name: roleNames[phase],
          description: `Terraform Cloud ${phase} phase of the identity assignment shard workspaces`,
          assumeRolePolicy: policyJson(assignmentShardRoleTrustPolicy(identity, workspacePattern, phase, oidcProviderArn(managementAccountId, backend.hostname))),
          maxSessionDuration: 3600,
        });
        new IamRolePolicy(this, `role_assignment_shards_${phase}_policy`, { role: role.name, name: "account-assignments", policy: policyJson(assignmentShardRolePolicy(phase, scope)) });
      }
    } else {
      this.memberAccountRoles(ASSIGNMENT_SHARD_ROLE_STACK, accountId, {
        stackSetName: naming.pipelineRolesStackSetName(ASSIGNMENT_SHARD_ROLE_STACK),
        description: "Terraform Cloud plan and apply roles of the identity assignment shard workspaces (landing zone pipeline stack)",
        templateBody: JSON.stringify(assignmentShardRolesTemplate({ identity, workspacePattern, roleNames, scope, tags: defaultTags(config) })),
        parameters: {},
        rootId: props.rootId,
        dependsOn: oidcInstances,
      });
    }
    return { target: { accountId }, roleNames };
  }

  /**
   * The OIDC provider in every member account outside the suspended OU: one StackSet with automatic deployment, and
   * one stack set instance per target OU (every top-level OU, or with a suspended OU the OUs that cover everything
   * else, see stackSetOuTargets; never the root), so each instance's provider id (`<stack set>,<OU ids>,<region>`) is
   * its own.
   *
   * - Retain stacks on account removal: an account moved into the suspended OU leaves the targets, and deleting its
   *   stack would run as `stacksets-exec-*` there, which the deny-all SCP refuses; the provider stays behind, inert.
   * - Managed execution: StackSets queues conflicting operations (automatic deployments, template updates and the
   *   instances' creates) instead of failing them with OperationInProgressException
   *   (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ManagedExecution.html).
   * - Failure tolerance 100%: one account where the stack cannot be created (it already has an IAM OIDC provider for
   *   this URL, EntityAlreadyExists: an adopted account, or one back from the suspended OU with its retained stack)
   *   must not fail the operation for every other account. That account's stack instance stays failed (visible in
   *   the StackSet) and docs/terraform-cloud.md says how to repair it; its existing provider still serves its roles
   *   if it lists the audience aws.workload.identity.
   */
  private oidcStackSet(config: LandingZoneConfig, hostname: string, naming: Naming, props: PipelineStackProps): CloudformationStackSetInstance[] {
    const suspendedOu = config.guardrails.suspendedOu;
    const ouPaths = flattenOrganizationalUnits(config.organizationalUnits).map((flat) => flat.path);
    const targets = stackSetOuTargets(ouPaths, suspendedOu);
    const missed = config.accounts.filter((account) => account.ou !== undefined && targets.uncovered.includes(account.ou));
    if (missed.length > 0) {
      throw new LandingZoneError(
        `guardrails.suspendedOu: ${suspendedOu ?? ""} sits in an OU that holds accounts itself (${missed.map((a) => `${a.name} in ${a.ou ?? ""}`).join(", ")}); ` +
          "with a cloud backend the Terraform Cloud OIDC StackSet could not reach them without reaching the suspended OU: move them into a child OU, or make the suspended OU top-level",
      );
    }
    const stackSet = new CloudformationStackSet(this, "tfc_oidc_stack_set", {
      name: naming.pipelineOidcStackSetName,
      description: "Terraform Cloud OIDC provider in every member account (landing zone pipeline stack)",
      permissionModel: "SERVICE_MANAGED",
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: true },
      managedExecution: { active: true },
      operationPreferences: OIDC_OPERATION_PREFERENCES,
      templateBody: JSON.stringify(oidcProviderTemplate(hostname, defaultTags(config))),
      lifecycle: { ignoreChanges: ["administration_role_arn"] },
    });
    return targets.ous.map((path) => {
      const ouId = props.organizationalUnitIds.get(path);
      if (ouId === undefined) throw new Error(`internal error: no OU id for ${path}`);
      return new CloudformationStackSetInstance(this, `tfc_oidc_stack_set_instance_${terraformName(path)}`, {
        stackSetName: stackSet.name,
        deploymentTargets: { organizationalUnitIds: [ouId] },
        operationPreferences: OIDC_OPERATION_PREFERENCES,
        retainStack: true,
        lifecycle: OIDC_INSTANCE_LIFECYCLE,
      });
    });
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
   * whatever does conflict. An account still adds a constant number of resources (one StackSet, one instance).
   *
   * Retain the stack on delete: an account leaves the workspaces when it moves into the suspended OU, and deleting
   * its stack would run as `stacksets-exec-*` there, which the deny-all SCP refuses. The roles stay, inert under that
   * SCP (docs/terraform-cloud.md: Suspended accounts).
   */
  private memberAccountRoles(key: string, accountId: string, props: { stackSetName: string; description: string; templateBody: string; parameters: Record<string, string>; rootId: string; dependsOn: CloudformationStackSetInstance[] }): void {
    const stackSet = new CloudformationStackSet(this, `tfc_roles_stack_set_${key}`, {
      name: props.stackSetName,
      description: props.description,
      permissionModel: "SERVICE_MANAGED",
      capabilities: ["CAPABILITY_NAMED_IAM"],
      autoDeployment: { enabled: false },
      managedExecution: { active: true },
      templateBody: props.templateBody,
      parameters: props.parameters,
      lifecycle: { ignoreChanges: ["administration_role_arn"] },
    });
    new CloudformationStackSetInstance(this, `roles_${key}`, {
      stackSetName: stackSet.name,
      // Service-managed stack sets target OUs; the account filter narrows the root to this one account.
      deploymentTargets: { organizationalUnitIds: [props.rootId], accounts: [accountId], accountFilterType: "INTERSECTION" },
      retainStack: true,
      dependsOn: props.dependsOn,
    });
  }

  /**
   * Accounts in the suspended OU have no stack, so their workspaces leave this stack's configuration; without more,
   * Terraform would plan to destroy them (prevent_destroy no longer applies once the resource is gone from the
   * configuration). A `removed` block with `destroy = false` per such account makes Terraform forget the workspace
   * instead: it stays in HCP Terraform with its state and run history, and this stack no longer manages it
   * (https://developer.hashicorp.com/terraform/language/block/removed; Terraform 1.7 or later). A block whose
   * resource is not in the state (an account that was suspended before it ever had a workspace) changes nothing.
   * The workspace's variables, notification, run triggers, settings and roles StackSet still leave the state the
   * ordinary way: none of them holds anything that cannot be recreated, and the roles stack in the account is
   * retained (retain_stack).
   */
  private forgetWorkspacesOfSuspendedAccounts(config: LandingZoneConfig): void {
    const suspendedOu = config.guardrails.suspendedOu;
    if (suspendedOu === undefined) return;
    const removed = config.accounts
      .filter((account) => account.purpose !== "management" && isWithinOu(account.ou, suspendedOu))
      .map((account) => ({ from: `tfe_workspace.${workspaceResourceName(accountStackName(account.name))}`, lifecycle: [{ destroy: false }] }));
    if (removed.length > 0) this.addOverride("removed", removed);
  }

  /** Run triggers and state sharing along the stack graph: each edge queues the reader and lets it read the state. */
  connect(edges: readonly StackEdge[]): void {
    const readers = new Map<string, string[]>();
    for (const edge of edges) {
      const upstream = this.workspace(edge.upstream);
      const downstream = this.workspace(edge.downstream);
      new RunTrigger(this, `run_trigger_${edge.upstream}_to_${edge.downstream}`, { workspaceId: downstream.workspaceId, sourceableId: upstream.workspaceId });
      readers.set(edge.upstream, [...(readers.get(edge.upstream) ?? []), downstream.workspaceId]);
    }
    for (const [stackName, entry] of this.workspaces) entry.settings.remoteStateConsumerIds = readers.get(stackName) ?? [];
  }

  private addWorkspace(stackName: string, workspaceId: string, backend: CloudBackendConfig, autoApply: boolean): void {
    const settings = new WorkspaceSettings(this, `settings_${stackName}`, {
      workspaceId,
      executionMode: "remote",
      autoApply,
      // Drift detection and continuous validation (health assessments): HCP Terraform Standard and Premium only
      // (https://developer.hashicorp.com/terraform/cloud-docs/workspaces/health), so config can turn them off.
      assessmentsEnabled: backend.healthAssessments,
      // Only the workspaces that read this state may: connect() lists them.
      globalRemoteState: false,
      remoteStateConsumerIds: [],
    });
    this.workspaces.set(stackName, { stackName, workspaceId, settings });
  }

  private workspace(stackName: string): WorkspaceEntry {
    const entry = this.workspaces.get(stackName);
    if (entry === undefined) throw new Error(`internal error: no workspace for stack ${stackName}`);
    return entry;
  }

  /** TFC_AWS_PROVIDER_AUTH and the plan and apply role ARNs of one credentials configuration of a workspace. */
  private credentialVariables(stackName: string, workspaceId: string, target: CredentialTarget, roleNames: Readonly<Record<RunPhase, string>>): void {
    const suffix = target.tag === undefined ? "" : `_${target.tag}`;
    const values: Record<string, string> = {
      [`TFC_AWS_PROVIDER_AUTH${suffix}`]: "true",
      [`TFC_AWS_PLAN_ROLE_ARN${suffix}`]: `arn:aws:iam::${target.accountId}:role/${roleNames.plan}`,
      [`TFC_AWS_APPLY_ROLE_ARN${suffix}`]: `arn:aws:iam::${target.accountId}:role/${roleNames.apply}`,
    };
    for (const [key, value] of Object.entries(values)) {
      new Variable(this, `variable_${stackName}_${key}`, { workspaceId, key, value, category: "env", description: "Dynamic provider credentials (landing zone pipeline stack)" });
    }
  }
}
