import { SsoadminAccountAssignment } from "@cdktf/provider-aws/lib/ssoadmin-account-assignment";
import type { Construct } from "constructs";
import type { LandingZoneConfig } from "../src/config/schema";
import { assignmentResourceName, shardAssignments } from "../src/identity/assignment-shards";
import { expandAssignments, requiredId, type ExpandedAssignment } from "../src/identity/assignments";
import { assignmentShardStackName } from "../src/naming";
import type { DirectoryAccount } from "../src/stacks/account-directory";
import { LandingZoneStack } from "../src/stacks/landing-zone-stack";

/** What a shard needs from the identity stack: cross-stack references (remote state), or literals from config. */
export interface IdentityCenterReferences {
  readonly instanceArn: string;
  /** Group id by group name (IdentityStack.groupIds). */
  readonly groupIds: ReadonlyMap<string, string>;
  /** Permission set ARN by name (IdentityStack.permissionSetArns). */
  readonly permissionSetArns: ReadonlyMap<string, string>;
}

export interface IdentityAssignmentsStackProps {
  readonly config: LandingZoneConfig;
  /** The Identity Center administrator: the delegated administrator if config names one, else the management account. */
  readonly administrator: DirectoryAccount;
  /** This shard's position (from 0) among `shardCount` shards. */
  readonly shardIndex: number;
  readonly shardCount: number;
  /** The assignments of this shard (assignmentShardOf), each managed here. */
  readonly assignments: readonly ExpandedAssignment[];
  /** Where each assignment's group, permission set and instance come from. */
  readonly identity: IdentityCenterReferences;
  /** Account id by account name (AccountDirectory): literal for adopted accounts, else the organization stack's output. */
  readonly accountId: (accountName: string) => string;
  /**
   * A migration of the shard count (identity.previousAssignmentShards) is under way and this stack belongs to the new
   * count: every assignment already exists in AWS and is imported (import blocks), never created.
   * @default false
   */
  readonly importExisting?: boolean;
  /**
   * A migration is under way and this stack belongs to the old count: it manages nothing any more, and forgets these
   * assignments (`removed` blocks with destroy = false) without deleting them in AWS.
   * @default - none
   */
  readonly forget?: readonly ExpandedAssignment[];
}

/**
 * One shard of the organisation's Identity Center account assignments (src/identity/assignment-shards.ts), in the
 * Identity Center administrator account like the identity stack whose groups and permission sets it assigns.
 *
 * Every account id is known at plan time: a literal for adopted accounts, else the organization stack's output, as in
 * the account stacks (README: Why account ids must be known at plan time).
 */
export class IdentityAssignmentsStack extends LandingZoneStack {
  constructor(scope: Construct, props: IdentityAssignmentsStackProps) {
    super(scope, assignmentShardStackName(props.shardIndex, props.shardCount), { config: props.config, target: props.administrator });
    const { identity, accountId } = props;
    for (const assignment of props.assignments) {
      const principalId = requiredId(identity.groupIds, assignment.group, "group");
      const permissionSetArn = requiredId(identity.permissionSetArns, assignment.permissionSet, "permission set");
      const targetId = accountId(assignment.account);
      const resource = new SsoadminAccountAssignment(this, assignmentResourceName(assignment), {
        instanceArn: identity.instanceArn,
        permissionSetArn,
        principalId,
        principalType: "GROUP",
        targetId,
        targetType: "AWS_ACCOUNT",
      });
      // The provider's import id (terraform-provider-aws internal/service/ssoadmin/account_assignment.go,
      // ParseAccountAssignmentID): PRINCIPAL_ID,PRINCIPAL_TYPE,TARGET_ID,TARGET_TYPE,PERMISSION_SET_ARN,INSTANCE_ARN.
      // An import block may stay after the import (https://developer.hashicorp.com/terraform/language/v1.8.x/import),
      // so later plans during the migration change nothing.
      if (props.importExisting === true) {
        resource.importFrom(`${principalId},GROUP,${targetId},AWS_ACCOUNT,${permissionSetArn},${identity.instanceArn}`);
      }
    }
    const forget = props.forget ?? [];
    if (forget.length > 0) {
      this.addOverride(
        "removed",
        forget.map((assignment) => ({ from: `aws_ssoadmin_account_assignment.${assignmentResourceName(assignment)}`, lifecycle: [{ destroy: false }] })),
      );
    }
  }
}

export interface AssignmentShardsProps {
  readonly config: LandingZoneConfig;
  readonly administrator: DirectoryAccount;
  readonly identity: IdentityCenterReferences;
  readonly accountId: (accountName: string) => string;
}

/**
 * Every shard stack of the config: `identity.assignmentShards` of them, each with the assignments of the accounts that
 * hash to it. While `identity.previousAssignmentShards` is set, also the previous count's stacks, which forget what
 * they held, and the new stacks import what already exists instead of creating it (README: Identity Center
 * assignment shards).
 */
export function assignmentShardStacks(scope: Construct, props: AssignmentShardsProps): IdentityAssignmentsStack[] {
  const { config } = props;
  const { assignmentShards, previousAssignmentShards } = config.identity;
  const assignments = expandAssignments(config);
  const migrating = previousAssignmentShards !== undefined;
  const current = shardAssignments(assignments, assignmentShards).map(
    (shard, shardIndex) => new IdentityAssignmentsStack(scope, { ...props, shardIndex, shardCount: assignmentShards, assignments: shard, importExisting: migrating }),
  );
  if (!migrating) return current;
  const previous = shardAssignments(assignments, previousAssignmentShards).map(
    (shard, shardIndex) => new IdentityAssignmentsStack(scope, { ...props, shardIndex, shardCount: previousAssignmentShards, assignments: [], forget: shard }),
  );
  return [...current, ...previous];
}
