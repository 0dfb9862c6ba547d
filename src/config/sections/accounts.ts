import * as z from "zod";
import { accountIdSchema, strictObject, tagsSchema } from "./common";
import { networkSchema } from "./network";

/**
 * What an account is for. The landing zone needs exactly one management, one log-archive and one audit account;
 * the others are as many as the organisation wants.
 */
export const ACCOUNT_PURPOSES = ["management", "log-archive", "audit", "shared-services", "workload", "sandbox"] as const;
export type AccountPurpose = (typeof ACCOUNT_PURPOSES)[number];

export const accountSchema = strictObject({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,28}[a-z0-9]$/, {
      error: "an account name has 2-30 lowercase letters, digits or hyphens (it names the stack account-<name>)",
    })
    .describe("Short name, unique: the stack is account-<name> and the AWS account is named <prefix>-<name>"),
  displayName: z
    .string()
    .regex(/^[\x20-\x7e]{1,50}$/, { error: "an AWS account name has 1-50 printable ASCII characters" })
    .optional()
    .describe("AWS account name; default <prefix>-<name>. Give an adopted account's current name to keep it"),
  email: z.email().describe("Root user email; unique across AWS, and unique in this config (case-insensitive)"),
  purpose: z
    .enum(ACCOUNT_PURPOSES)
    .describe("What the account is for; exactly one each of management, log-archive and audit"),
  ou: z
    .string()
    .min(1)
    .optional()
    .describe("Path of the OU the account sits in, such as Workloads/Prod. Required for every account but management"),
  id: accountIdSchema
    .optional()
    .describe("Id of an existing account to adopt with an import block (never re-created); omit to create a new account. For the management account it must equal organization.managementAccountId"),
  tags: tagsSchema.default({}).describe("Extra tags for this account and everything deployed in it"),
  network: networkSchema.optional(),
}).describe("One account: created, or adopted with its id");

export type AccountConfig = z.infer<typeof accountSchema>;

export const accountsSchema = z.array(accountSchema).min(1).describe("Every account of the organisation, the management account included");
