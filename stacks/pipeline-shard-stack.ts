import { TfeProvider } from "@cdktf/provider-tfe/lib/provider";
import type { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { LandingZoneConfig } from "../src/config/schema";
import type { CloudBackendConfig } from "../src/config/sections/backend";
import { accountStackName, pipelineShardStackName, workspaceName } from "../src/naming";
import { credentialTargets } from "../src/pipeline/dynamic-credentials";
import { shardedWorkspaces, shardWorkspaces } from "../src/pipeline/pipeline-shards";
import { credentialVariables, failureNotification, forgetWorkspaces, landingZoneWorkspace, landingZoneWorkspaceSettings, memberAccountRoles } from "../src/pipeline/workspace-resources";
import { isWithinOu } from "../src/organization/ou-tree";
import { ROLE_NAME_PARAMETERS, ROLES_TEMPLATE_PARAMETER, workspaceRolesTemplate } from "../src/policies/pipeline";
import { stableShardOf } from "../src/sharding";
import { AccountDirectory } from "../src/stacks/account-directory";
import { LandingZoneStack } from "../src/stacks/landing-zone-stack";
import { defaultTags } from "../src/tags";
import { IdentityAssignmentsStack } from "./identity-assignments-stack";
import { DEFAULT_PROJECT_NAME, type PipelineStack } from "./pipeline-stack";

export interface PipelineShardStackProps {
  readonly config: LandingZoneConfig;
  readonly backend: CloudBackendConfig;
  /** This shard's position (from 0) among `shardCount` shards. */
  readonly shardIndex: number;
  readonly shardCount: number;
  /** The pipeline stack: project, recipients and upstream workspaces come from it (cross-stack references). */
  readonly pipeline: PipelineStack;
  /** The stacks whose workspaces this shard manages (src/pipeline/pipeline-shards.ts), with dynamic credentials set up. */
  readonly stacks: readonly TerraformStack[];
  /** Id of the organization root (from the organization stack): each roles instance narrows it to its account. */
  readonly rootId: string;
  /** Stacks of suspended accounts hashing to this shard: their workspaces are forgotten, never destroyed. */
  readonly forget: readonly string[];
}

/**
 * One pipeline shard (cloud backend only): the workspaces of the account stacks and identity assignment shards that
 * hash to it (src/pipeline/pipeline-shards.ts), each with its settings, notification, dynamic credentials variables
 * and, for an account, its roles StackSet; its run triggers come from PipelineStack.connect. In the management account
 * and HCP Terraform like `pipeline`, which creates this shard's workspace and reads nothing of it.
 */
export class PipelineShardStack extends LandingZoneStack {
  constructor(scope: Construct, props: PipelineShardStackProps) {
    super(scope, pipelineShardStackName(props.shardIndex, props.shardCount), { config: props.config, target: AccountDirectory.managementAccount(props.config) });
    const { config, backend, pipeline } = props;
    const naming = this.naming;
    const managementAccountId = this.target.id;
    const identity = { hostname: backend.hostname, organization: backend.organization, project: backend.project ?? DEFAULT_PROJECT_NAME };

    // The API token comes from TFE_TOKEN, the token variable set `pipeline` attaches to this workspace.
    new TfeProvider(this, "tfe", { hostname: backend.hostname, organization: backend.organization });

    for (const stack of props.stacks) {
      const stackName = stack.node.id;
      const workspace = workspaceName(backend.workspacePrefix, stackName);
      const workspaceId = landingZoneWorkspace(this, stackName, backend, pipeline.projectId).id;
      const settings = landingZoneWorkspaceSettings(this, stackName, workspaceId, backend);
      failureNotification(this, stackName, workspaceId, pipeline.recipients);
      pipeline.registerShardWorkspace({ stackName, owner: this, workspaceId, settings });

      if (stack instanceof IdentityAssignmentsStack) {
        const shared = pipeline.assignmentShardCredentials;
        if (shared === undefined) throw new Error("internal error: assignment shards without their shared roles");
        credentialVariables(this, stackName, workspaceId, shared.target, shared.roleNames);
        continue;
      }
      for (const target of credentialTargets(stack)) {
        // Sharded stacks are account stacks: one provider, in their own member account.
        if (target.accountId === managementAccountId || target.tag !== undefined) throw new Error(`internal error: sharded stack ${stackName} must reach exactly one member account`);
        const roleNames = { plan: naming.pipelineRoleName(stackName, "plan"), apply: naming.pipelineRoleName(stackName, "apply") };
        memberAccountRoles(this, stackName, target.accountId, {
          stackSetName: naming.pipelineRolesStackSetName(stackName),
          description: `Terraform Cloud plan and apply roles of workspace ${workspace} (landing zone pipeline stack)`,
          templateBody: JSON.stringify(workspaceRolesTemplate({ ...identity, tags: defaultTags(config) })),
          parameters: { [ROLES_TEMPLATE_PARAMETER]: workspace, [ROLE_NAME_PARAMETERS.plan]: roleNames.plan, [ROLE_NAME_PARAMETERS.apply]: roleNames.apply },
          rootId: props.rootId,
        });
        credentialVariables(this, stackName, workspaceId, target, roleNames);
      }
    }
    forgetWorkspaces(this, props.forget);
  }
}

export interface PipelineShardsProps {
  readonly config: LandingZoneConfig;
  readonly backend: CloudBackendConfig;
  readonly pipeline: PipelineStack;
  /** Every landing zone stack; the shards take those whose workspaces are sharded. */
  readonly stacks: readonly TerraformStack[];
  readonly rootId: string;
}

/** Every pipeline shard of the config, `backend.pipelineShards` of them (empty ones included: see docs/scale.md). */
export function pipelineShardStacks(scope: Construct, props: PipelineShardsProps): PipelineShardStack[] {
  const { config, backend } = props;
  const count = backend.pipelineShards;
  const byName = new Map(props.stacks.map((stack) => [stack.node.id, stack]));
  const suspendedOu = config.guardrails.suspendedOu;
  const suspended = suspendedOu === undefined ? [] : config.accounts.filter((account) => account.purpose !== "management" && isWithinOu(account.ou, suspendedOu));
  return shardWorkspaces(shardedWorkspaces(config), count).map((workspaces, shardIndex) => {
    const stacks = workspaces.map((workspace) => {
      const stack = byName.get(workspace.stackName);
      if (stack === undefined) throw new Error(`internal error: no stack ${workspace.stackName} for pipeline shard ${shardIndex}`);
      return stack;
    });
    const forget = suspended.filter((account) => stableShardOf(account.name, count) === shardIndex).map((account) => accountStackName(account.name));
    return new PipelineShardStack(scope, { ...props, shardIndex, shardCount: count, stacks, forget });
  });
}
