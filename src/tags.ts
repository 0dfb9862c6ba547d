/** Value of the ManagedBy tag: lets people and guardrails tell landing zone resources from the rest. */
export const MANAGED_BY = "landing-zone";

/** What the default tags come from; the landing zone config satisfies it. */
export interface TagsInput {
  readonly organization: {
    /** Extra tags for every resource. */
    readonly tags: Readonly<Record<string, string>>;
    readonly prefix: string;
    readonly owner: string;
  };
}

/** The account whose resources are tagged; config's accounts satisfy it. */
export interface TaggedAccount {
  readonly name: string;
  /** Extra tags for everything in the account. */
  readonly tags: Readonly<Record<string, string>>;
}

/** Tags every provider applies as default_tags. Config tags come first so they cannot override the fixed ones. */
export function defaultTags(config: TagsInput, account?: TaggedAccount): Record<string, string> {
  return {
    ...config.organization.tags,
    ...account?.tags,
    ManagedBy: MANAGED_BY,
    LandingZone: config.organization.prefix,
    Owner: config.organization.owner,
    ...(account === undefined ? {} : { Account: account.name }),
  };
}
