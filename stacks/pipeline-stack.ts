import { CloudformationStackSet } from "@cdktf/provider-aws/lib/cloudformation-stack-set";
import { CloudformationStackSetInstance } from "@cdktf/provider-aws/lib/cloudformation-stack-set-instance";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { DataTfeOrganizationMembership } from "@cdktf/provider-tfe/lib/data-tfe-organization-membership";
import { DataTfeProject } from "@cdktf/provider-tfe/lib/data-tfe-project";
import { DataTfeVariableSet } from "@cdktf/provider-tfe/lib/data-tfe-variable-set";
import { DataTfeWorkspace } from "@cdktf/provider-tfe/lib/data-tfe-workspace";
import { DataTfeWorkspaceIds } from "@cdktf/provider-tfe/lib/data-tfe-workspace-ids";
import { TfeProvider } from "@cdktf/provider-tfe/lib/provider";
import { RunTrigger } from "@cdktf/provider-tfe/lib/run-trigger";
import { WorkspaceSettings } from "@cdktf/provider-tfe/lib/workspace-settings";
import { WorkspaceVariableSet } from "@cdktf/provider-tfe/lib/workspace-variable-set";
import { Fn, Token, type TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { LandingZoneConfig } from "../src/config/schema";
import type { CloudBackendConfig } from "../src/config/sections/backend";
import { accountStackName, assignmentShardStackPattern, Naming, pipelineShardStackNames, pipelineShardStackPattern, RUN_PHASES, STACK_NAMES, workspaceName, type RunPhase } from "../src/naming";
import { credentialTargets, type CredentialTarget } from "../src/pipeline/dynamic-credentials";
import { shardedWorkspaces } from "../src/pipeline/pipeline-shards";
import type { StackEdge } from "../src/pipeline/stack-graph";
import { stackSetOuTargets } from "../src/pipeline/stack-set-targets";
import { credentialVariables, failureNotification, landingZoneWorkspace, landingZoneWorkspaceSettings, memberAccountRoles } from "../src/pipeline/workspace-resources";
import { flattenOrganizationalUnits } from "../src/organization/ou-tree";
import { policyJson } from "../src/policies/document";
import {
  APPLY_ROLE_MANAGED_POLICY,
  assignmentShardRolePolicy,
  assignmentShardRolesTemplate,
  assignmentShardRoleTrustPolicy,
  oidcProviderArn,
  oidcProviderTemplate,
  PLAN_ROLE_MANAGED_POLICY,
  pipelineShardApplyRolePolicy,
  pipelineShardRoleTrustPolicy,
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

export { NOTIFICATION_TRIGGERS, workspaceResourceName } from "../src/pipeline/workspace-resources";

/** The name the shared roles of the identity assignment shards take where a stack name would go (role and StackSet names). */
export const ASSIGNMENT_SHARD_ROLE_STACK = "identity-assignments";

/** The name the shared roles of the pipeline shards take where a stack name would go (role names). */
export const PIPELINE_SHARD_ROLE_STACK = "pipeline-shards";

/** The default project of an HCP Terraform organisation, where the cloud block puts workspaces without a project. */
export const DEFAULT_PROJECT_NAME = "Default Project";

/**
 * The variable set holding the HCP Terraform team token (`TFE_TOKEN`) that `pipeline` and its shards run with. Made by
 * hand at bootstrap (docs/terraform-cloud.md), never from config or state; `pipeline` attaches it to itself and to
 * each shard, so the token is entered once however many shards there are.
 */
export function pipelineTokenVariableSetName(workspacePrefix: string): string {
  return `${workspacePrefix}pipeline-token`;
}

/**
 * The token variable set must reach only the workspaces `pipeline` attaches it to: a global set goes to every
 * workspace of the organisation, and a set attached to a project to every workspace in it, and the plans of any such
 * workspace (speculative plans of pull requests included) could read the token. The tfe provider's data source reports
 * both (`global`, `project_ids`: https://registry.terraform.io/providers/hashicorp/tfe/latest/docs/data-sources/variable_set),
 * so the pipeline's plan fails before anything is attached while the set is shared wider. Terraform checks a data
 * source's postcondition right after reading it (https://developer.hashicorp.com/terraform/language/expressions/custom-conditions).
 */
export const TOKEN_VARIABLE_SET_POSTCONDITION = {
  condition: "${!self.global && length(self.project_ids) == 0}",
  errorMessage: "The pipeline token variable set must be neither global nor attached to a project: it holds TFE_TOKEN, and every workspace it reaches could read it (docs/terraform-cloud.md, Bootstrap). Make it a workspace-scoped set; `pipeline` attaches it to itself and its shards.",
} as const;

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

/** The workspace of a stack, the pipeline stack (`pipeline` or a shard) that manages it, and its settings. */
export interface PipelineWorkspace {
  readonly stackName: string;
  readonly owner: TerraformStack;
  readonly workspaceId: string;
  readonly settings: WorkspaceSettings;
}

/** A set of dynamic credentials and the role names it points at. */
export interface SharedCredentials {
  readonly target: CredentialTarget;
  readonly roleNames: Readonly<Record<RunPhase, string>>;
}

/**
 * Terraform Cloud for the landing zone (cloud backend only), the part that does not grow with the accounts: the
 * workspaces of the stacks that exist once (organization, log-archive, org-trail, identity, security, this stack's
 * own) and of the pipeline shards, their run triggers and state sharing, drift detection and notifications, and the
 * AWS side of dynamic provider credentials that every workspace shares (README: Terraform Cloud;
 * docs/terraform-cloud.md). The workspaces of the account stacks and identity assignment shards live in the pipeline
 * shards (stacks/pipeline-shard-stack.ts), which read this stack's project, recipients and workspace ids.
 *
 * Where the workspace roles live: in the account each provider changes, so no credential ever chains into another
 * account. In the management account this stack creates the OIDC provider and the roles directly. In member
 * accounts service-managed CloudFormation StackSets, administered from the management account, create them: one
 * gives every account under the root the OIDC provider (auto-deployment: a new account gets it with no change here),
 * the others create one workspace's plan and apply roles per stack set instance (here for log-archive, security and a
 * delegated identity administrator; the account stacks' in their shards).
 *
 * The project, this stack's own workspace and the token variable set exist before its first apply (bootstrap,
 * docs/terraform-cloud.md): it reads them, and manages the workspace's settings and variables like any other.
 */
export class PipelineStack extends LandingZoneStack {
  /** The project of every workspace (read by the shards through a cross-stack reference). */
  readonly projectId: string;
  /** HCP Terraform user ids of the notification recipients. */
  readonly recipients: readonly string[];
  /** The identity assignment shards' shared roles, for their workspaces' variables; `undefined` without shards. */
  readonly assignmentShardCredentials?: SharedCredentials;
  private readonly backend: CloudBackendConfig;
  private readonly workspaces = new Map<string, PipelineWorkspace>();

  constructor(scope: Construct, props: PipelineStackProps) {
    super(scope, STACK_NAMES.pipeline, { config: props.config, target: AccountDirectory.managementAccount(props.config) });
    const { config, backend } = props;
    this.backend = backend;
    const naming = this.naming;
    const managementAccountId = this.target.id;
    const projectName = backend.project ?? DEFAULT_PROJECT_NAME;

    // The API token comes from the TFE_TOKEN environment variable (the token variable set after bootstrap), never
    // from config or state.
    new TfeProvider(this, "tfe", { hostname: backend.hostname, organization: backend.organization });

    const project = new DataTfeProject(this, "project", { name: projectName, organization: backend.organization });
    this.projectId = project.id;
    this.recipients = (backend.notificationEmails ?? config.logging.securityContacts).map(
      (email, index) => new DataTfeOrganizationMembership(this, `notify_${index}`, { organization: backend.organization, email }).userId,
    );

    // Workspaces of the stacks that exist once, then the pipeline shards', then this stack's own (read, not created:
    // it exists before bootstrap). The account stacks' and assignment shards' are in the pipeline shards.
    const sharded = new Set(shardedWorkspaces(config).map((workspace) => workspace.stackName));
    const targetsByStack = new Map<string, CredentialTarget[]>();
    for (const stack of props.stacks.filter((s) => !sharded.has(s.node.id))) {
      const stackName = stack.node.id;
      targetsByStack.set(stackName, credentialTargets(stack));
      this.ownWorkspace(stackName, landingZoneWorkspace(this, stackName, backend, this.projectId).id);
    }
    const shardNames = pipelineShardStackNames(backend.pipelineShards);
    for (const stackName of shardNames) this.ownWorkspace(stackName, landingZoneWorkspace(this, stackName, backend, this.projectId).id);
    const self = new DataTfeWorkspace(this, "workspace_pipeline", { name: workspaceName(backend.workspacePrefix, STACK_NAMES.pipeline), organization: backend.organization });
    this.ownWorkspace(STACK_NAMES.pipeline, self.id);
    targetsByStack.set(STACK_NAMES.pipeline, credentialTargets(this));
    this.attachTokenVariableSet([STACK_NAMES.pipeline, ...shardNames]);

    // AWS: the OIDC provider and roles of the management account here; member accounts' through StackSets.
    const identity = { hostname: backend.hostname, organization: backend.organization, project: projectName };
    const managementProvider = new IamOpenidConnectProvider(this, "tfc_oidc_provider", {
      url: `https://${backend.hostname}`,
      clientIdList: [TFC_AWS_AUDIENCE],
    });
    const oidcInstances = this.oidcStackSet(config, backend.hostname, naming, props);
    const shardStacks = props.stacks.filter((stack) => stack instanceof IdentityAssignmentsStack);
    const assignmentShardCredentials = this.assignmentShardRoles(config, backend, identity, props, shardStacks.map(credentialTargets), oidcInstances);
    if (assignmentShardCredentials !== undefined) this.assignmentShardCredentials = assignmentShardCredentials;
    const pipelineShardCredentials = this.pipelineShardRoles(backend, identity, managementProvider);
    for (const stackName of shardNames) credentialVariables(this, stackName, this.workspace(stackName).workspaceId, pipelineShardCredentials.target, pipelineShardCredentials.roleNames);

    for (const [stackName, targets] of targetsByStack) {
      const entry = this.workspace(stackName);
      const workspace = workspaceName(backend.workspacePrefix, stackName);
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
            this.managedPolicies(`role_${stackName}${suffix}_${phase}`, role, phase);
          }
        } else {
          memberAccountRoles(this, `${stackName}${suffix}`, target.accountId, {
            stackSetName: naming.pipelineRolesStackSetName(`${stackName}${suffix.replaceAll("_", "-").toLowerCase()}`),
            description: `Terraform Cloud plan and apply roles of workspace ${workspace} (landing zone pipeline stack)`,
            templateBody: JSON.stringify(workspaceRolesTemplate({ ...identity, tags: defaultTags(config) })),
            parameters: { [ROLES_TEMPLATE_PARAMETER]: workspace, [ROLE_NAME_PARAMETERS.plan]: roleNames.plan, [ROLE_NAME_PARAMETERS.apply]: roleNames.apply },
            rootId: props.rootId,
            dependsOn: oidcInstances,
          });
        }
        credentialVariables(this, stackName, entry.workspaceId, target, roleNames);
      }
    }
  }

  /** A workspace that a pipeline shard manages: connect() gives it run triggers there and shares upstream state with it. */
  registerShardWorkspace(entry: PipelineWorkspace): void {
    if (entry.owner === this || this.workspaces.has(entry.stackName)) throw new Error(`internal error: workspace of ${entry.stackName} registered twice`);
    this.workspaces.set(entry.stackName, entry);
  }

  /**
   * Run triggers and state sharing along the stack graph: each edge queues the reader and lets it read the state.
   * The run trigger belongs to the reader's workspace, so it lives where that workspace does (here or in a shard,
   * where the upstream workspace's id is a cross-stack reference to this stack). State sharing is a setting of the
   * upstream workspace, always one of this stack's (a sharded workspace is read by no other stack): readers here are
   * listed by id, readers in the shards by name through `tfe_workspace_ids`, so this stack's resources do not grow
   * with them. The tfe provider's data source lists the organisation's workspaces and keeps those named, silently
   * leaving out a name with no workspace yet (terraform-provider-tfe, internal/provider/data_source_workspace_ids.go):
   * a new account's workspace joins its upstreams' consumers on the first pipeline run after its shard created it
   * (docs/terraform-cloud.md, Adding an account).
   */
  connect(edges: readonly StackEdge[]): void {
    const readerIds = new Map<string, string[]>();
    const readerNames = new Map<string, string[]>();
    for (const edge of edges) {
      const upstream = this.workspace(edge.upstream);
      const downstream = this.workspace(edge.downstream);
      if (upstream.owner !== this) throw new Error(`internal error: ${edge.downstream} reads ${edge.upstream}, whose workspace is in a pipeline shard`);
      new RunTrigger(downstream.owner, `run_trigger_${edge.upstream}_to_${edge.downstream}`, { workspaceId: downstream.workspaceId, sourceableId: upstream.workspaceId });
      if (downstream.owner === this) readerIds.set(edge.upstream, [...(readerIds.get(edge.upstream) ?? []), downstream.workspaceId]);
      else readerNames.set(edge.upstream, [...(readerNames.get(edge.upstream) ?? []), workspaceName(this.backend.workspacePrefix, edge.downstream)]);
    }
    for (const [stackName, entry] of this.workspaces) {
      if (entry.owner !== this) continue;
      const ids = readerIds.get(stackName) ?? [];
      const names = readerNames.get(stackName);
      if (names === undefined) {
        entry.settings.remoteStateConsumerIds = ids;
        continue;
      }
      const sharded = new DataTfeWorkspaceIds(this, `readers_${stackName}`, { organization: this.backend.organization, names: names.sort() });
      entry.settings.remoteStateConsumerIds = Token.asList(Fn.concat([ids, Fn.values(sharded.ids)]));
    }
  }

  private ownWorkspace(stackName: string, workspaceId: string): void {
    const settings = landingZoneWorkspaceSettings(this, stackName, workspaceId, this.backend);
    failureNotification(this, stackName, workspaceId, this.recipients);
    this.workspaces.set(stackName, { stackName, owner: this, workspaceId, settings });
  }

  /** The workspace of a stack, wherever it lives. */
  workspace(stackName: string): PipelineWorkspace {
    const entry = this.workspaces.get(stackName);
    if (entry === undefined) throw new Error(`internal error: no workspace for stack ${stackName}`);
    return entry;
  }

  /**
   * `TFE_TOKEN` for this stack and every shard, from the variable set made at bootstrap: one attachment per
   * workspace, a constant number.
   */
  private attachTokenVariableSet(stackNames: readonly string[]): void {
    const tokenSet = new DataTfeVariableSet(this, "pipeline_token", {
      name: pipelineTokenVariableSetName(this.backend.workspacePrefix),
      organization: this.backend.organization,
      lifecycle: { postcondition: [TOKEN_VARIABLE_SET_POSTCONDITION] },
    });
    for (const stackName of stackNames) {
      new WorkspaceVariableSet(this, `pipeline_token_${stackName}`, { variableSetId: tokenSet.id, workspaceId: this.workspace(stackName).workspaceId });
    }
  }

  /** AWS's read-only or administrator policy, and no role chaining, for a workspace role in the management account. */
  private managedPolicies(id: string, role: IamRole, phase: RunPhase): void {
    new IamRolePolicyAttachment(this, `${id}_managed`, { role: role.name, policyArn: phase === "plan" ? PLAN_ROLE_MANAGED_POLICY : APPLY_ROLE_MANAGED_POLICY });
    new IamRolePolicy(this, `${id}_boundary`, { role: role.name, name: "no-role-chaining", policy: policyJson(workspaceRoleBoundaryPolicy()) });
  }

  /**
   * One plan role and one apply role for every pipeline shard workspace, in the management account; their number stays
   * two whatever `backend.pipelineShards` says. Trusted for `<workspacePrefix>pipeline-??-of-<n>` in the run phase, n
   * the configured count (pipelineShardRoleTrustPolicy). The plan role reads like `pipeline`'s (ReadOnlyAccess); the
   * apply role may only manage the account workspaces' roles StackSets (pipelineShardApplyRolePolicy), not administer
   * the management account. Both are denied role chaining.
   */
  private pipelineShardRoles(backend: CloudBackendConfig, identity: { hostname: string; organization: string; project: string }, managementProvider: IamOpenidConnectProvider): SharedCredentials {
    const naming = this.naming;
    const roleNames = { plan: naming.pipelineRoleName(PIPELINE_SHARD_ROLE_STACK, "plan"), apply: naming.pipelineRoleName(PIPELINE_SHARD_ROLE_STACK, "apply") };
    const workspacePattern = workspaceName(backend.workspacePrefix, pipelineShardStackPattern(backend.pipelineShards));
    // The shards name each account's StackSet after its stack (stacks/pipeline-shard-stack.ts): `account-<name>`.
    const stackSetNamePattern = naming.pipelineRolesStackSetName(accountStackName("*"));
    for (const phase of RUN_PHASES) {
      const id = `role_pipeline_shards_${phase}`;
      const role = new IamRole(this, id, {
        name: roleNames[phase],
        description: `Terraform Cloud ${phase} phase of the pipeline shard workspaces`,
        assumeRolePolicy: policyJson(pipelineShardRoleTrustPolicy(identity, workspacePattern, phase, oidcProviderArn(this.target.id, backend.hostname))),
        maxSessionDuration: 3600,
        dependsOn: [managementProvider],
      });
      if (phase === "plan") this.managedPolicies(id, role, phase);
      else new IamRolePolicy(this, `${id}_policy`, { role: role.name, name: "account-roles-stack-sets", policy: policyJson(pipelineShardApplyRolePolicy(this.target.id, stackSetNamePattern)) });
    }
    return { target: { accountId: this.target.id }, roleNames };
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
  ): SharedCredentials | undefined {
    const accountIds = new Set(shardTargets.flatMap((targets) => targets.map((t) => t.accountId)));
    const [accountId] = accountIds;
    if (accountId === undefined) return undefined;
    // Every shard has one provider, in the Identity Center administrator account; anything else is a bug.
    if (accountIds.size > 1 || shardTargets.some((targets) => targets.length !== 1)) throw new Error("internal error: assignment shards must each reach exactly the Identity Center administrator account");
    const naming = this.naming;
    const roleNames = { plan: naming.pipelineRoleName(ASSIGNMENT_SHARD_ROLE_STACK, "plan"), apply: naming.pipelineRoleName(ASSIGNMENT_SHARD_ROLE_STACK, "apply") };
    // The current count's shards and, during a migration, the previous count's (src/naming.ts, assignmentShardStackNames).
    const shardCounts = [config.identity.assignmentShards, ...(config.identity.previousAssignmentShards === undefined ? [] : [config.identity.previousAssignmentShards])];
    const workspacePatterns = shardCounts.map((count) => workspaceName(backend.workspacePrefix, assignmentShardStackPattern(count)));
    const managementAccountId = this.target.id;
    const inManagement = accountId === managementAccountId;
    const scope = { instanceArn: config.identity.instanceArn, managementAccountId: inManagement ? managementAccountId : undefined };
    if (inManagement) {
      for (const phase of RUN_PHASES) {
        const role = new IamRole(this, `role_assignment_shards_${phase}`, {
          name: roleNames[phase],
          description: `Terraform Cloud ${phase} phase of the identity assignment shard workspaces`,
          assumeRolePolicy: policyJson(assignmentShardRoleTrustPolicy(identity, workspacePatterns, phase, oidcProviderArn(managementAccountId, backend.hostname))),
          maxSessionDuration: 3600,
        });
        new IamRolePolicy(this, `role_assignment_shards_${phase}_policy`, { role: role.name, name: "account-assignments", policy: policyJson(assignmentShardRolePolicy(phase, scope)) });
      }
    } else {
      memberAccountRoles(this, ASSIGNMENT_SHARD_ROLE_STACK, accountId, {
        stackSetName: naming.pipelineRolesStackSetName(ASSIGNMENT_SHARD_ROLE_STACK),
        description: "Terraform Cloud plan and apply roles of the identity assignment shard workspaces (landing zone pipeline stack)",
        templateBody: JSON.stringify(assignmentShardRolesTemplate({ identity, workspacePatterns, roleNames, scope, tags: defaultTags(config) })),
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

}
