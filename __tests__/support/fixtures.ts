/**
 * Config fixtures looked up by name, not by position: a test that changes "the voting-prod account" keeps meaning
 * it when the example config gains, loses or reorders entries. For plain config data (exampleConfigData), which
 * tests change, so the result is as loosely typed as that data.
 */

/** The account with this name; fails the test, naming the accounts there are, if there is none. */
export function accountNamed(data: Record<string, any>, name: string): Record<string, any> {
  const accounts: Record<string, any>[] = data.accounts;
  const account = accounts.find((a) => a.name === name);
  if (account === undefined) throw new Error(`no account ${name}; accounts: ${accounts.map((a) => a.name).join(", ")}`);
  return account;
}

/** The organizational unit at this path ("Workloads/Prod"); fails the test if there is none. */
export function ouNamed(data: Record<string, any>, path: string): Record<string, any> {
  let level: Record<string, any>[] = data.organizationalUnits;
  let found: Record<string, any> | undefined;
  for (const name of path.split("/")) {
    found = level.find((ou) => ou.name === name);
    if (found === undefined) throw new Error(`no OU ${path}: nothing named ${name} among ${level.map((ou) => ou.name).join(", ")}`);
    level = found.children ?? [];
  }
  if (found === undefined) throw new Error("empty OU path");
  return found;
}
