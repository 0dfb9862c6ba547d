import { terraformName } from "../../terraform/name";
import { formatPath, type ConfigIssue, type ConfigPath } from "../errors";
import { flattenOrganizationalUnits } from "../../organization/ou-tree";
import type { ConfigRule } from "./rule";

/** A config list whose entries' names become part of Terraform addresses (construct ids). */
export interface AddressedList {
  /** What one entry is, for the message: `OU`, `security contact`. */
  readonly what: string;
  readonly entries: readonly { readonly name: string; readonly path: ConfigPath }[];
  /**
   * What the address is made of before terraformName, when it is not the name as written.
   * @default - the name itself
   */
  readonly addressOf?: (name: string) => string;
}

/**
 * The one uniqueness rule for names that become addresses: two entries of a list whose names differ but map to the
 * same terraformName would give two constructs the same id, and synth would crash with a construct-id stack trace.
 * Equal names are left to each list's own duplicate rule, which says so in its own words.
 */
export function addressCollisions(list: AddressedList): ConfigIssue[] {
  const seen = new Map<string, { readonly name: string; readonly path: ConfigPath }>();
  return list.entries.flatMap((entry): ConfigIssue[] => {
    const address = terraformName((list.addressOf ?? ((name: string) => name))(entry.name));
    const first = seen.get(address);
    if (first === undefined) {
      seen.set(address, entry);
      return [];
    }
    if (first.name === entry.name) return [];
    return [{
      path: entry.path,
      message: `${list.what} "${entry.name}" would get the same Terraform address as "${first.name}" (${formatPath(first.path)}); names must differ in more than punctuation`,
    }];
  });
}

/**
 * Every config list outside identity whose names become addresses (identity's are in rules/identity.ts): OU paths
 * (`ou_<path>` in the organization stack, its guardrail attachments and the pipeline's StackSet instances) and
 * security contacts (`security_contact_<email>`, lower-cased, in the org-trail and log-archive stacks).
 */
export const uniqueTerraformNames: ConfigRule = (config) => [
  ...addressCollisions({
    what: "OU",
    entries: flattenOrganizationalUnits(config.organizationalUnits).map((flat) => ({ name: flat.path, path: [...flat.configPath, "name"] })),
  }),
  ...addressCollisions({
    what: "security contact",
    entries: config.logging.securityContacts.map((email, index) => ({ name: email, path: ["logging", "securityContacts", index] })),
    addressOf: (email) => email.toLowerCase(),
  }),
];
