import { shardBy, stableShardOf } from "../sharding";
import { terraformName } from "../terraform/name";
import type { ExpandedAssignment } from "./assignments";

/**
 * Account assignments live in a fixed number of shard stacks (`identity-assignments-<i>-of-<n>`), not in `identity`,
 * so no state but `organization` grows with the organisation as a whole (issue 12; docs/scale.md, "Sharding").
 *
 * An account's shard is a hash of its name modulo the shard count: a pure function of the account alone, so adding
 * or removing any other account never moves an assignment between states. All of one account's assignments share a
 * shard, so adding an account plans one shard. Only changing the shard count moves assignments; the stack names
 * carry the count, so that change makes new stacks and never a destroy in an old one (README: Identity Center
 * assignment shards).
 */

/** Shards when config sets none: about 250 assignments each at 1,000 accounts with four assignments per account. */
export const DEFAULT_ASSIGNMENT_SHARDS = 16;

/** The most shards config may ask for: each is a workspace that `organization` and `identity` trigger. */
export const MAX_ASSIGNMENT_SHARDS = 64;

/** The most assignments one shard may hold (issue 12: no state but `organization` above 500 resources). */
export const MAX_ASSIGNMENTS_PER_SHARD = 500;

/** The shard of an account: its name's stable shard (src/sharding.ts), shared with the pipeline shards. */
export function assignmentShardOf(accountName: string, shardCount: number): number {
  return stableShardOf(accountName, shardCount);
}

/** Assignments by shard: element i holds the assignments of shard i, in the order given (empty shards included). */
export function shardAssignments(assignments: readonly ExpandedAssignment[], shardCount: number): ExpandedAssignment[][] {
  return shardBy(assignments, (assignment) => assignment.account, shardCount);
}

/** The Terraform resource name of an assignment, the same in every shard and shard count (its state address). */
export function assignmentResourceName(assignment: ExpandedAssignment): string {
  return `assignment_${terraformName(assignment.group)}_${terraformName(assignment.permissionSet)}_${terraformName(assignment.account)}`;
}
