import { AccountAlternateContact } from "@cdktf/provider-aws/lib/account-alternate-contact";
import { IamAccountPasswordPolicy } from "@cdktf/provider-aws/lib/iam-account-password-policy";
import { Construct } from "constructs";
import { ALTERNATE_CONTACT_TYPES, type AlternateContacts, type AlternateContactType, type PasswordPolicySettings } from "../baseline/account-settings";

export interface AccountSecuritySettingsProps {
  /** Who AWS notifies about the account; a type left out of config is not managed. */
  readonly alternateContacts: AlternateContacts;
  readonly passwordPolicy: PasswordPolicySettings;
}

/**
 * Settings of the account the stack's provider is in: its alternate contacts (CIS AWS Foundations 1.2) and its IAM
 * password policy (CIS 1.8, 1.9). Each account sets its own (no account_id), so no stack holds one resource per
 * account of the organisation; the management account's are set by a stack in the management account.
 */
export class AccountSecuritySettings extends Construct {
  readonly alternateContacts: ReadonlyMap<AlternateContactType, AccountAlternateContact>;
  readonly passwordPolicy: IamAccountPasswordPolicy;

  constructor(scope: Construct, id: string, props: AccountSecuritySettingsProps) {
    super(scope, id);

    const contacts = new Map<AlternateContactType, AccountAlternateContact>();
    for (const type of ALTERNATE_CONTACT_TYPES) {
      const contact = props.alternateContacts[type];
      if (contact === undefined) continue;
      contacts.set(type, new AccountAlternateContact(this, `alternate_contact_${type}`, {
        alternateContactType: type.toUpperCase(),
        name: contact.name,
        title: contact.title,
        emailAddress: contact.email,
        phoneNumber: contact.phone,
      }));
    }
    this.alternateContacts = contacts;

    // IAM users are denied by the workload-baseline SCP; the policy still holds the benchmark if a break-glass user
    // is ever made, and in the management account, which SCPs do not reach.
    const policy = props.passwordPolicy;
    this.passwordPolicy = new IamAccountPasswordPolicy(this, "password_policy", {
      minimumPasswordLength: policy.minimumLength,
      passwordReusePrevention: policy.reusePrevention,
      maxPasswordAge: policy.maxAgeDays,
      requireUppercaseCharacters: true,
      requireLowercaseCharacters: true,
      requireNumbers: true,
      requireSymbols: true,
      allowUsersToChangePassword: true,
    });
  }
}
