/**
 * Config fixtures looked up by name, not by position: a test that changes "the voting-prod account" keeps meaning
 * it when the example config gains, loses or reorders entries. For plain config data (exampleConfigData) and for
 * parsed configs alike.
 */

interface Named {
  readonly name: string;
}

/** The account with this name; fails the test, naming the accounts there are, if there is none. */
export function accountNamed<T extends Named>(config: { readonly accounts: readonly T[] }, name: string): T {
  const account = config.accounts.find((a) => a.name === name);
  if (account === undefined) throw new Error(`no account ${name}; accounts: ${config.accounts.map((a) => a.name).join(", ")}`);
  return account;
}

/** The organizational unit at this path ("Workloads/Prod"); fails the test if there is none. */
export function ouNamed<T extends Named & { readonly children?: readonly T[] }>(config: { readonly organizationalUnits: readonly T[] }, path: string): T {
  let level: readonly T[] = config.organizationalUnits;
  let found: T | undefined;
  for (const name of path.split("/")) {
    found = level.find((ou) => ou.name === name);
    if (found === undefined) throw new Error(`no OU ${path}: nothing named ${name} among ${level.map((ou) => ou.name).join(", ")}`);
    level = found.children ?? [];
  }
  if (found === undefined) throw new Error("empty OU path");
  return found;
}
