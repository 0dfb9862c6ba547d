import * as z from "zod";
import { accountIdSchema, iamRoleNameSchema, regionListSchema, regionSchema, strictObject, tagsSchema } from "./common";

export const organizationSchema = strictObject({
  name: z.string().min(1).max(100).describe("Display name of the organisation, used in descriptions and tags"),
  prefix: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/, {
      error: "the prefix has 2-12 lowercase letters, digits or hyphens, starts with a letter and ends with a letter or digit (it begins every S3 bucket, role and key name)",
    })
    .describe("Short lowercase prefix of every physical name (buckets, roles, keys, workspaces)"),
  id: z
    .string()
    .regex(/^o-[a-z0-9]{10,32}$/, { error: "an organization id looks like o-abc123def4" })
    .optional()
    .describe("Id of an existing AWS Organization to adopt with an import block; omit to create one"),
  managementAccountId: accountIdSchema.describe("Id of the management account, where the organization stack runs"),
  homeRegion: regionSchema.default("eu-west-2").describe("Region where the landing zone deploys; default eu-west-2 (London)"),
  allowedRegions: regionListSchema
    .default(["eu-west-2"])
    .describe("Regions where workloads may run; every other Region is denied. Must include homeRegion. Default [eu-west-2]"),
  memberAccountRole: iamRoleNameSchema
    .default("OrganizationAccountAccessRole")
    .describe("Role that Terraform assumes in member accounts; default OrganizationAccountAccessRole, which Organizations creates in new accounts"),
  owner: z.string().min(1).max(256).describe("Team that owns the landing zone; written to the Owner tag"),
  tags: tagsSchema.default({}).describe("Extra tags for every resource the landing zone creates"),
});

export type OrganizationConfig = z.infer<typeof organizationSchema>;
