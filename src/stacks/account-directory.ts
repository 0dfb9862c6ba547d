import { accountsWithStacks, isWithinOu } from "../organization/ou-tree";
import type { LandingZoneConfig } from "../config/schema";
import type { AccountConfig } from "../config/sections/accounts";

/** One account of the landing zone, with the id its stacks use. */
export interface DirectoryAccount {
  readonly name: string;
  /**
   * A literal for the management account and adopted accounts (their stacks plan without the organization stack's
   * state), a reference to the organization stack's output for accounts it creates.
   */
  readonly id: string;
  readonly config: AccountConfig;
}

/**
 * Every account of the landing zone and its id, built once from config and the organization stack's account ids.
 *
 * Validation guarantees exactly one management, log-archive and audit account and that every account a config
 * section names exists (rules/foundation.ts, rules/identity.ts). The directory checks that once, when it is built,
 * and from then on hands out the three as plain fields, so no stack has to look them up and handle "not found".
 */
export class AccountDirectory {
  readonly management: DirectoryAccount;
  readonly logArchive: DirectoryAccount;
  readonly audit: DirectoryAccount;
  /** Every account, in config order. */
  readonly all: readonly DirectoryAccount[];
  private readonly byName: ReadonlyMap<string, DirectoryAccount>;

  /**
   * The management account alone, from config: its id is organization.managementAccountId, known before the
   * organization stack exists (that stack runs in it).
   */
  static managementAccount(config: Pick<LandingZoneConfig, "accounts" | "organization">): DirectoryAccount {
    const account = single(config.accounts, "management");
    return { name: account.name, id: config.organization.managementAccountId, config: account };
  }

  /** @param ids every account's id by name, as OrganizationStack computes them */
  constructor(config: Pick<LandingZoneConfig, "accounts">, ids: ReadonlyMap<string, string>) {
    this.all = config.accounts.map((account) => {
      const id = ids.get(account.name);
      if (id === undefined) throw new Error(`internal error (a bug): the organization stack has no id for account ${account.name}`);
      return { name: account.name, id, config: account };
    });
    this.byName = new Map(this.all.map((account) => [account.name, account]));
    this.management = this.account(single(config.accounts, "management").name);
    this.logArchive = this.account(single(config.accounts, "log-archive").name);
    this.audit = this.account(single(config.accounts, "audit").name);
  }

  /** The account a config section names (validation guarantees it exists). */
  account(name: string): DirectoryAccount {
    const account = this.byName.get(name);
    if (account === undefined) throw new Error(`internal error (a bug): config validation let through a reference to unknown account "${name}"`);
    return account;
  }

  /** The id of the account a config section names. */
  id(name: string): string {
    return this.account(name).id;
  }

  /** Account ids by name, for outputs and constructs that take a map. */
  get ids(): ReadonlyMap<string, string> {
    return new Map(this.all.map((account) => [account.name, account.id]));
  }

  /** The member accounts that get an account stack: all but the management account and the suspended OU's (accountsWithStacks). */
  withStacks(suspendedOu: string | undefined): DirectoryAccount[] {
    const names = new Set(accountsWithStacks(this.all.map((account) => account.config), suspendedOu).map((account) => account.name));
    return this.all.filter((account) => names.has(account.name));
  }

  /** The accounts in an OU or anywhere below it (the accounts its SCPs and assignments reach). */
  inOu(ouPath: string): DirectoryAccount[] {
    return this.all.filter((account) => isWithinOu(account.config.ou, ouPath));
  }
}

function single(accounts: readonly AccountConfig[], purpose: "management" | "log-archive" | "audit"): AccountConfig {
  const found = accounts.filter((account) => account.purpose === purpose);
  const [first] = found;
  // rules/foundation.ts reports a config without exactly one; reaching this means a rule let it through.
  if (first === undefined || found.length > 1) throw new Error(`internal error (a bug): config validation let through ${found.length} ${purpose} accounts`);
  return first;
}
