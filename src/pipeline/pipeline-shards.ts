import { accountStackName, assignmentShardStackNames } from "../naming";
import { accountsWithStacks } from "../organization/ou-tree";
import { shardBy, smallestShardCountThatFits } from "../sharding";

/**
 * With a cloud backend the workspaces whose number grows with the organisation live in pipeline shard stacks
 * (`pipeline-<i>-of-<n>`), not in `pipeline`, so no state but `organization` grows with the accounts (issue 12;
 * docs/scale.md, "Pipeline shards"):
 *
 * - an account stack's workspace (with its settings, notification, variables, run triggers and roles StackSet) goes
 *   to the shard of the account's name, by the same stable hash as its identity assignments (src/sharding.ts);
 * - an identity assignment shard's workspace goes to the shard of its stack name (their number is bounded, but up to
 *   64 of them would not fit in `pipeline` beside everything else);
 * - every other workspace (organization, log-archive, org-trail, identity, security, pipeline, and the pipeline
 *   shards' own) stays in `pipeline`: a constant number, each an upstream of sharded workspaces or of nothing.
 */

/** Pipeline shards when config sets none (the same as the identity assignment shards). */
export const DEFAULT_PIPELINE_SHARDS = 16;

/**
 * The most pipeline shards config may ask for. Each shard's own workspace costs `pipeline` a fixed number of
 * resources (workspace, settings, notification, variables, variable set attachment, run triggers): about 9, so 40
 * shards keep `pipeline` below 500 resources with everything else it holds (a test measures it).
 */
export const MAX_PIPELINE_SHARDS = 40;

/**
 * The most workspaces one pipeline shard may hold: an account workspace costs at most 10 resources there (workspace,
 * settings, notification, three variables, two run triggers, a StackSet and its instance; a test checks the bound),
 * so 48 keep every shard at or below 480, within issue 12's 500.
 */
export const MAX_WORKSPACES_PER_PIPELINE_SHARD = 48;

/** The most resources one sharded workspace may add to its pipeline shard (what MAX_WORKSPACES_PER_PIPELINE_SHARD assumes). */
export const MAX_RESOURCES_PER_SHARDED_WORKSPACE = 10;

/** A workspace that lives in a pipeline shard: its stack and the key that picks the shard. */
export interface ShardedWorkspace {
  readonly stackName: string;
  /** The account name for an account stack, else the stack name. */
  readonly shardKey: string;
}

/** What decides the sharded workspaces; the landing zone config satisfies it. */
export interface PipelineShardsInput {
  readonly accounts: readonly { readonly name: string; readonly purpose: string; readonly ou?: string }[];
  readonly guardrails: { readonly suspendedOu?: string };
  readonly identity: { readonly assignmentShards: number; readonly previousAssignmentShards?: number };
}

/** Every workspace that lives in a pipeline shard, in the order of the stacks (src/naming.ts, landingZoneStackNames). */
export function shardedWorkspaces(config: PipelineShardsInput): ShardedWorkspace[] {
  return [
    ...accountsWithStacks(config.accounts, config.guardrails.suspendedOu).map((account) => ({ stackName: accountStackName(account.name), shardKey: account.name })),
    ...assignmentShardStackNames(config.identity).map((stackName) => ({ stackName, shardKey: stackName })),
  ];
}

/** Sharded workspaces by pipeline shard: element i holds shard i's (empty shards included). */
export function shardWorkspaces(workspaces: readonly ShardedWorkspace[], shardCount: number): ShardedWorkspace[][] {
  return shardBy(workspaces, (workspace) => workspace.shardKey, shardCount);
}

/** How full the fullest shard of a count is, and the smallest count that would fit (undefined: none up to the maximum). */
export function pipelineShardFit(config: PipelineShardsInput, shardCount: number): { readonly fullest: number; readonly enough?: number } {
  const workspaces = shardedWorkspaces(config);
  const fullest = Math.max(0, ...shardWorkspaces(workspaces, shardCount).map((shard) => shard.length));
  if (fullest <= MAX_WORKSPACES_PER_PIPELINE_SHARD) return { fullest, enough: shardCount };
  const enough = smallestShardCountThatFits(workspaces, (w) => w.shardKey, MAX_WORKSPACES_PER_PIPELINE_SHARD, shardCount + 1, MAX_PIPELINE_SHARDS);
  return enough === undefined ? { fullest } : { fullest, enough };
}
