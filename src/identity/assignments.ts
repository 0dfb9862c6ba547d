import { isWithinOu } from "../organization/ou-tree";

/** One account assignment: a group gets a permission set in one account. */
export interface ExpandedAssignment {
  readonly group: string;
  readonly permissionSet: string;
  readonly account: string;
}

/** What assignments expand from: config's identity assignments and accounts are of this shape. */
export interface AssignmentsInput {
  readonly identity: {
    readonly assignments: readonly {
      readonly group: string;
      readonly permissionSet: string;
      /** Account names. */
      readonly accounts: readonly string[];
      /** OU paths: every account under each, nested OUs included. */
      readonly organizationalUnits: readonly string[];
    }[];
  };
  readonly accounts: readonly { readonly name: string; readonly ou?: string }[];
}

/**
 * Every (group, permission set, account) the config asks for: named accounts plus every account under each named OU,
 * nested OUs included. A pair reached twice (by an OU and by name, say) is assigned once. Order follows config.
 */
export function expandAssignments(config: AssignmentsInput): ExpandedAssignment[] {
  const seen = new Set<string>();
  const result: ExpandedAssignment[] = [];
  for (const assignment of config.identity.assignments) {
    const fromOus = config.accounts
      .filter((account) => assignment.organizationalUnits.some((ou) => isWithinOu(account.ou, ou)))
      .map((account) => account.name);
    for (const account of [...assignment.accounts, ...fromOus]) {
      const key = `${assignment.group}\u0000${assignment.permissionSet}\u0000${account}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.push({ group: assignment.group, permissionSet: assignment.permissionSet, account });
    }
  }
  return result;
}

/**
 * The id of a group or permission set a config section names. Config validation guarantees every reference exists, so
 * a missing one is a bug in the landing zone, not in config.
 */
export function requiredId(ids: ReadonlyMap<string, string>, key: string, kind: string): string {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`internal error: no ${kind} "${key}"`);
  return id;
}
