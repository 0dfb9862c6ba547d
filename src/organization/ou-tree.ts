/**
 * The organisation's OU tree: what an OU path is, which accounts sit under an OU, and which accounts get a stack.
 * Config validation and the stacks both use it, so it takes the shapes it needs rather than config's types (the
 * config's OU and account types satisfy them).
 */

/** An OU as the tree needs it: a name and its children. Config's OrganizationalUnitConfig is one. */
export interface OrganizationalUnitNode<Node extends OrganizationalUnitNode<Node>> {
  readonly name: string;
  readonly children: readonly Node[];
}

/** A place in the config file, as a list of keys and indexes (`["organizationalUnits", 0, "children", 1]`). */
export type TreePath = readonly (string | number)[];

/** One OU with where it sits: its path (`Workloads/Prod`), its depth under the root (1 = top level) and its config path. */
export interface FlatOrganizationalUnit<Node> {
  readonly path: string;
  readonly parentPath: string | undefined;
  readonly depth: number;
  readonly configPath: TreePath;
  readonly ou: Node;
}

/** The OU tree flattened parents-first, so a parent is always created before its children. */
export function flattenOrganizationalUnits<Node extends OrganizationalUnitNode<Node>>(units: readonly Node[]): FlatOrganizationalUnit<Node>[] {
  const flat: FlatOrganizationalUnit<Node>[] = [];
  const visit = (list: readonly Node[], parentPath: string | undefined, depth: number, at: TreePath) => {
    list.forEach((ou, index) => {
      const path = parentPath === undefined ? ou.name : `${parentPath}/${ou.name}`;
      const configPath = [...at, index];
      flat.push({ path, parentPath, depth, configPath, ou });
      visit(ou.children, path, depth + 1, [...configPath, "children"]);
    });
  };
  visit(units, undefined, 1, ["organizationalUnits"]);
  return flat;
}

/** Whether an account placed at `accountOu` sits in the OU `ouPath` or anywhere below it (SCPs reach the subtree). */
export function isWithinOu(accountOu: string | undefined, ouPath: string): boolean {
  return accountOu !== undefined && (accountOu === ouPath || accountOu.startsWith(`${ouPath}/`));
}

/**
 * The member accounts that get an account stack: every one but the management account and those in the suspended
 * OU, whose deny-all SCP stops the deployment role too (their last applied state is left as it was).
 */
export function accountsWithStacks<A extends { readonly purpose: string; readonly ou?: string }>(
  accounts: readonly A[],
  suspendedOu: string | undefined,
): A[] {
  return accounts
    .filter((account) => account.purpose !== "management")
    .filter((account) => suspendedOu === undefined || !isWithinOu(account.ou, suspendedOu));
}

/**
 * The Regions an account may use: those of its nearest OU with `allowedRegions` (itself included, walking up the
 * tree), else the organisation's. The same lists the region deny enforces (policies/region-deny.ts planRegionDeny).
 * The management account sits at the root: the organisation's list.
 */
export function accountAllowedRegions<Node extends OrganizationalUnitNode<Node> & { readonly allowedRegions?: readonly string[] }>(
  organizationRegions: readonly string[],
  units: readonly Node[],
  accountOu: string | undefined,
): readonly string[] {
  if (accountOu === undefined) return organizationRegions;
  const byPath = new Map(flattenOrganizationalUnits(units).map((flat) => [flat.path, flat.ou]));
  const parts = accountOu.split("/");
  for (let depth = parts.length; depth > 0; depth--) {
    const regions = byPath.get(parts.slice(0, depth).join("/"))?.allowedRegions;
    if (regions !== undefined) return regions;
  }
  return organizationRegions;
}
