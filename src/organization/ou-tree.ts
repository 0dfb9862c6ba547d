import type { OrganizationalUnitConfig } from "../config/sections/organizational-units";
import type { ConfigPath } from "../config/errors";

/** One OU with where it sits: its path (`Workloads/Prod`), its depth under the root (1 = top level) and its config path. */
export interface FlatOrganizationalUnit {
  readonly path: string;
  readonly parentPath: string | undefined;
  readonly depth: number;
  readonly configPath: ConfigPath;
  readonly ou: OrganizationalUnitConfig;
}

/** The OU tree flattened parents-first, so a parent is always created before its children. */
export function flattenOrganizationalUnits(units: readonly OrganizationalUnitConfig[]): FlatOrganizationalUnit[] {
  const flat: FlatOrganizationalUnit[] = [];
  const visit = (list: readonly OrganizationalUnitConfig[], parentPath: string | undefined, depth: number, at: ConfigPath) => {
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
