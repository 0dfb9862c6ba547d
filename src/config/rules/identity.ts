import {
  BUILT_IN_PERMISSION_SET_NAMES,
  customPermissionSetSpec,
  durationSeconds,
  MAX_PRIVILEGED_SESSION_SECONDS,
  MAX_SESSION_SECONDS,
  MIN_SESSION_SECONDS,
} from "../../identity/permission-sets";
import { INLINE_POLICY_MAX_CHARACTERS, policyCharacterCount } from "../../policies/identity-center";
import { MAX_ASSIGNMENT_SHARDS, MAX_ASSIGNMENTS_PER_SHARD, shardAssignments } from "../../identity/assignment-shards";
import { expandAssignments } from "../../identity/assignments";
import type { ConfigIssue } from "../errors";
import { flattenOrganizationalUnits } from "../../organization/ou-tree";
import { addressCollisions as collisions } from "./addresses";
import { duplicates } from "./foundation";
import type { ConfigRule } from "./rule";

/** IAM's default quota of managed policies attached to one role; AWS allows 20 per set only if raised everywhere. */
export const MAX_MANAGED_POLICIES = 10;

const list = (names: readonly string[]) => names.join(", ") || "(none)";

export const uniqueGroupNames: ConfigRule = (config) =>
  duplicates(config.identity.groups, (g) => g.name, (g, i, first) => ({
    path: ["identity", "groups", i, "name"],
    message: `group "${g.name}" is already defined at identity.groups[${first}]; group names must be unique`,
  }));

export const uniquePermissionSetNames: ConfigRule = (config) => [
  ...duplicates(config.identity.permissionSets, (p) => p.name, (p, i, first) => ({
    path: ["identity", "permissionSets", i, "name"],
    message: `permission set "${p.name}" is already defined at identity.permissionSets[${first}]; names must be unique`,
  })),
  ...config.identity.permissionSets.flatMap((p, i): ConfigIssue[] =>
    BUILT_IN_PERMISSION_SET_NAMES.includes(p.name)
      ? [{
          path: ["identity", "permissionSets", i, "name"],
          message: `"${p.name}" is a built-in permission set; use it by name in assignments, or give yours another name (built-in: ${list(BUILT_IN_PERMISSION_SET_NAMES)})`,
        }]
      : [],
  ),
];

export const instanceGivenTogether: ConfigRule = (config) => {
  const { instanceArn, identityStoreId } = config.identity;
  if ((instanceArn === undefined) === (identityStoreId === undefined)) return [];
  return [{
    path: ["identity", instanceArn === undefined ? "instanceArn" : "identityStoreId"],
    message: "give instanceArn and identityStoreId together, or neither (then the aws_ssoadmin_instances data source reads both)",
  }];
};

export const delegatedAdministratorIsMember: ConfigRule = (config) => {
  const name = config.identity.delegatedAdministrator;
  if (name === undefined) return [];
  const account = config.accounts.find((a) => a.name === name);
  const path = ["identity", "delegatedAdministrator"];
  if (account === undefined)
    return [{ path, message: `no account is named "${name}"; known accounts: ${list(config.accounts.map((a) => a.name))}` }];
  if (account.purpose === "management")
    return [{ path, message: "the delegated administrator must be a member account; omit delegatedAdministrator to administer Identity Center from the management account" }];
  return [];
};

export const userGroupsExist: ConfigRule = (config) => {
  const groups = config.identity.groups.map((g) => g.name);
  return config.identity.users.flatMap((user, i) =>
    user.groups.flatMap((group, j): ConfigIssue[] =>
      groups.includes(group)
        ? []
        : [{ path: ["identity", "users", i, "groups", j], message: `no group is named "${group}"; known groups: ${list(groups)}` }],
    ),
  );
};

export const uniqueUserNames: ConfigRule = (config) =>
  duplicates(config.identity.users, (u) => u.userName, (u, i, first) => ({
    path: ["identity", "users", i, "userName"],
    message: `user "${u.userName}" is already defined at identity.users[${first}]; user names must be unique`,
  }));

export const assignmentReferencesExist: ConfigRule = (config) => {
  const groups = config.identity.groups.map((g) => g.name);
  const permissionSets = [...BUILT_IN_PERMISSION_SET_NAMES, ...config.identity.permissionSets.map((p) => p.name)];
  const accounts = config.accounts.map((a) => a.name);
  const ous = flattenOrganizationalUnits(config.organizationalUnits).map((ou) => ou.path);
  return config.identity.assignments.flatMap((a, i): ConfigIssue[] => {
    const at = ["identity", "assignments", i];
    const issues: ConfigIssue[] = [];
    if (!groups.includes(a.group))
      issues.push({ path: [...at, "group"], message: `no group is named "${a.group}"; known groups: ${list(groups)}` });
    if (!permissionSets.includes(a.permissionSet))
      issues.push({ path: [...at, "permissionSet"], message: `no permission set is named "${a.permissionSet}"; known permission sets: ${list(permissionSets)}` });
    a.accounts.forEach((name, j) => {
      if (!accounts.includes(name))
        issues.push({ path: [...at, "accounts", j], message: `no account is named "${name}"; known accounts: ${list(accounts)}` });
    });
    a.organizationalUnits.forEach((path, j) => {
      if (!ous.includes(path))
        issues.push({ path: [...at, "organizationalUnits", j], message: `no OU has the path "${path}"; known OU paths: ${list(ous)}` });
    });
    if (a.accounts.length === 0 && a.organizationalUnits.length === 0)
      issues.push({ path: at, message: "an assignment needs at least one target: list accounts, organizationalUnits or both" });
    return issues;
  });
};

/**
 * The management account is outside every SCP and can change the whole organisation, so access to it is never a
 * side effect: it must be named, with allowManagementAccount: true. With a delegated administrator, Identity Center
 * cannot manage permission sets provisioned in the management account from there at all.
 */
export const managementAssignmentsExplicit: ConfigRule = (config) => {
  const management = config.accounts.find((a) => a.purpose === "management")?.name;
  if (management === undefined) return [];
  return config.identity.assignments.flatMap((a, i): ConfigIssue[] => {
    const j = a.accounts.indexOf(management);
    if (j === -1) return [];
    const path = ["identity", "assignments", i, "accounts", j];
    if (config.identity.delegatedAdministrator !== undefined)
      return [{
        path,
        message: `"${management}" is the management account; a delegated administrator cannot manage its permission sets. Assign access to it in the Identity Center console of the management account, or remove delegatedAdministrator`,
      }];
    if (!a.allowManagementAccount)
      return [{
        path,
        message: `"${management}" is the management account, which no SCP restricts; set allowManagementAccount: true on this assignment to grant access to it deliberately`,
      }];
    return [];
  });
};

export const sessionDurationsInRange: ConfigRule = (config) =>
  config.identity.permissionSets.flatMap((custom, i): ConfigIssue[] => {
    const spec = customPermissionSetSpec(custom);
    const seconds = durationSeconds(spec.sessionDuration);
    if (seconds === undefined) return []; // the schema already reported it
    const path = ["identity", "permissionSets", i, "sessionDuration"];
    if (seconds < MIN_SESSION_SECONDS || seconds > MAX_SESSION_SECONDS)
      return [{ path, message: `session duration ${spec.sessionDuration} is outside what AWS allows: from PT1H to PT12H` }];
    if (spec.privileged && seconds > MAX_PRIVILEGED_SESSION_SECONDS)
      return [{
        path,
        message: `session duration ${spec.sessionDuration} is too long for a privileged permission set (an administrator-level managed policy such as AdministratorAccess, PowerUserAccess or IAMFullAccess, an inline policy that allows * or a service's every action such as iam:*, or privileged: true); at most PT2H`,
      }];
    return [];
  });

export const inlinePolicySize: ConfigRule = (config) =>
  config.identity.permissionSets.flatMap((custom, i): ConfigIssue[] => {
    const policy = customPermissionSetSpec(custom).inlinePolicy;
    if (policy === undefined) return [];
    const size = policyCharacterCount(policy);
    return size <= INLINE_POLICY_MAX_CHARACTERS
      ? []
      : [{ path: ["identity", "permissionSets", i, "inlinePolicy"], message: `the inline policy has ${size} non-whitespace characters; AWS allows ${INLINE_POLICY_MAX_CHARACTERS}` }];
  });

export const managedPolicyCount: ConfigRule = (config) =>
  config.identity.permissionSets.flatMap((p, i): ConfigIssue[] => {
    const count = p.managedPolicies.length + p.customerManagedPolicies.length;
    return count <= MAX_MANAGED_POLICIES
      ? []
      : [{
          path: ["identity", "permissionSets", i],
          message: `${count} managed and customer managed policies; IAM allows ${MAX_MANAGED_POLICIES} per role unless the quota is raised in every account`,
        }];
  });

export const uniquePolicies: ConfigRule = (config) =>
  config.identity.permissionSets.flatMap((p, i) => [
    ...duplicates(p.managedPolicies, (arn) => arn, (arn, j) => ({
      path: ["identity", "permissionSets", i, "managedPolicies", j],
      message: `${arn} is listed twice; a policy is attached once`,
    })),
    ...duplicates(p.customerManagedPolicies, (ref) => ref.name, (ref, j) => ({
      path: ["identity", "permissionSets", i, "customerManagedPolicies", j],
      message: `customer managed policy "${ref.name}" is listed twice; a policy is attached once`,
    })),
    ...addressCollisions(
      p.customerManagedPolicies,
      (ref) => ref.name,
      (j) => ["identity", "permissionSets", i, "customerManagedPolicies", j, "name"],
      "customer managed policy",
    ),
  ]);

/** Names of an identity list that would collide as Terraform addresses (the shared rule, rules/addresses.ts). */
function addressCollisions<T>(items: readonly T[], name: (item: T) => string, path: (index: number) => ConfigIssue["path"], what: string): ConfigIssue[] {
  return collisions({ what, entries: items.map((item, index) => ({ name: name(item), path: path(index) })) });
}

export const uniqueAddresses: ConfigRule = (config) => [
  ...addressCollisions(config.identity.groups, (g) => g.name, (i) => ["identity", "groups", i, "name"], "group"),
  ...addressCollisions(config.identity.permissionSets, (p) => p.name, (i) => ["identity", "permissionSets", i, "name"], "permission set"),
  ...addressCollisions(config.identity.users, (u) => u.userName, (i) => ["identity", "users", i, "userName"], "user"),
];

export const uniqueAttributeKeys: ConfigRule = (config) =>
  duplicates(config.identity.accessControlAttributes, (a) => a.key, (a, i, first) => ({
    path: ["identity", "accessControlAttributes", i, "key"],
    message: `attribute "${a.key}" is already defined at identity.accessControlAttributes[${first}]; keys must be unique`,
  }));

/**
 * Every shard stack stays within MAX_ASSIGNMENTS_PER_SHARD (issue 12): a config that outgrows its shard count is
 * refused with the smallest count that fits, rather than left to grow one state without bound.
 */
export const assignmentShardsHoldTheAssignments: ConfigRule = (config) => {
  const { assignmentShards } = config.identity;
  const assignments = expandAssignments(config);
  const largest = (count: number) => Math.max(...shardAssignments(assignments, count).map((shard) => shard.length));
  const found = largest(assignmentShards);
  if (found <= MAX_ASSIGNMENTS_PER_SHARD) return [];
  let enough: number | undefined;
  for (let count = assignmentShards + 1; count <= MAX_ASSIGNMENT_SHARDS && enough === undefined; count++) {
    if (largest(count) <= MAX_ASSIGNMENTS_PER_SHARD) enough = count;
  }
  const advice =
    enough === undefined
      ? `no count up to ${MAX_ASSIGNMENT_SHARDS} is enough; docs/scale.md says what to do past that`
      : `set assignmentShards to ${enough} or more, with previousAssignmentShards: ${assignmentShards} for the migration (README: Identity Center assignment shards)`;
  return [{
    path: ["identity", "assignmentShards"],
    message: `the fullest of ${assignmentShards} assignment shards would hold ${found} account assignments, more than ${MAX_ASSIGNMENTS_PER_SHARD}; ${advice}`,
  }];
};

/** previousAssignmentShards names the count a migration starts from, so it must differ from the new one. */
export const previousAssignmentShardsDiffer: ConfigRule = (config) => {
  const { assignmentShards, previousAssignmentShards } = config.identity;
  if (previousAssignmentShards !== assignmentShards) return [];
  return [{
    path: ["identity", "previousAssignmentShards"],
    message: `equals assignmentShards (${assignmentShards}); it is only for changing the count: remove it once the migration is applied`,
  }];
};

/** Rules for the identity section. */
export const IDENTITY_RULES: readonly ConfigRule[] = [
  uniqueGroupNames,
  uniquePermissionSetNames,
  instanceGivenTogether,
  delegatedAdministratorIsMember,
  userGroupsExist,
  uniqueUserNames,
  assignmentReferencesExist,
  managementAssignmentsExplicit,
  sessionDurationsInRange,
  inlinePolicySize,
  managedPolicyCount,
  uniquePolicies,
  uniqueAddresses,
  uniqueAttributeKeys,
  assignmentShardsHoldTheAssignments,
  previousAssignmentShardsDiffer,
];
