import * as z from "zod";
import { accountIdSchema, iamRoleNameSchema, regionListSchema, regionSchema, strictObject, tagsSchema } from "./common";

/**
 * Organizations policy types AWS offers (API reference, PolicyTypeSummary:
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_PolicyTypeSummary.html). The provider reconciles
 * `enabled_policy_types` to exactly its list and disables every other type on the root, which detaches every policy
 * of that type, so an adopted organisation lists the types it already uses.
 */
export const ORGANIZATIONS_POLICY_TYPES = [
  "SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY", "TAG_POLICY", "BACKUP_POLICY", "AISERVICES_OPT_OUT_POLICY",
  "CHATBOT_POLICY", "DECLARATIVE_POLICY_EC2", "SECURITYHUB_POLICY", "INSPECTOR_POLICY", "UPGRADE_ROLLOUT_POLICY",
  "BEDROCK_POLICY", "S3_POLICY", "NETWORK_SECURITY_DIRECTOR_POLICY",
] as const;

const servicePrincipalSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]*\.amazonaws\.com$/, {
    error: (issue) => `${JSON.stringify(issue.input)} is not an AWS service principal; expected a name such as ssm.amazonaws.com`,
  });

export const organizationSchema = strictObject({
  name: z.string().min(1).max(100).describe("Display name of the organisation, used in descriptions and tags"),
  prefix: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/, {
      error: "the prefix has 2-12 lowercase letters, digits or hyphens, starts with a letter and ends with a letter or digit (it begins every S3 bucket, role and key name)",
    })
    .describe(
      "Short lowercase prefix of every physical name (buckets, roles, keys, workspaces). It must not make the log bucket " +
        "names (<prefix>-lz-…) begin with what S3 reserves: xn--, sthree-, amzn-s3-demo- (so sthree and amzn-s3-demo are refused too)",
    ),
  id: z
    .string()
    .regex(/^o-[a-z0-9]{10,32}$/, { error: "an organization id looks like o-abc123def4" })
    .optional()
    .describe(
      "Id of an existing AWS Organization to adopt with an import block; omit to create one. Required when any account " +
        "(but management) or OU gives an id. Written literally into the data perimeter RCP",
    ),
  managementAccountId: accountIdSchema.describe("Id of the management account, where the organization stack runs; 12 digits, quoted"),
  homeRegion: regionSchema.default("eu-west-2").describe("Region where the landing zone deploys; default eu-west-2 (London)"),
  allowedRegions: regionListSchema
    .default(["eu-west-2"])
    .describe("Regions where anything may run: the region deny denies regional services everywhere else. Must include homeRegion. Default [eu-west-2]"),
  memberAccountRole: iamRoleNameSchema
    .default("OrganizationAccountAccessRole")
    .describe("Role that Terraform assumes in member accounts; default OrganizationAccountAccessRole, which Organizations creates in new accounts"),
  additionalTrustedServices: z
    .array(servicePrincipalSchema)
    .refine((list) => new Set(list).size === list.length, { error: "service principals must not repeat" })
    .default([])
    .describe(
      "Service principals whose trusted access stays enabled besides the landing zone's own, such as controltower.amazonaws.com " +
        "or ssm.amazonaws.com. The organization stack disables trusted access for every service it does not list, so an " +
        "adopted organisation lists what it already uses. With a cloud backend, StackSets " +
        "(member.org.stacksets.cloudformation.amazonaws.com) is kept without being listed. Default []",
    ),
  additionalPolicyTypes: z
    .array(z.enum(ORGANIZATIONS_POLICY_TYPES, { error: (issue) => `${JSON.stringify(issue.input)} is not an Organizations policy type; allowed: ${ORGANIZATIONS_POLICY_TYPES.join(", ")}` }))
    .refine((list) => new Set(list).size === list.length, { error: "policy types must not repeat" })
    .default([])
    .describe(
      "Organizations policy types that stay enabled besides the landing zone's own, such as DECLARATIVE_POLICY_EC2. The " +
        "organization stack disables every type it does not list, which detaches all policies of that type. Default []",
    ),
  owner: z.string().min(1).max(256).describe("Team that owns the landing zone; written to the Owner tag"),
  tags: tagsSchema
    .default({})
    .describe(
      "Extra default tags for every resource the landing zone creates. Every resource also gets ManagedBy=landing-zone, " +
        "LandingZone=<prefix> and Owner=<owner>, which these cannot override, and in account stacks Account=<name> plus the account's tags",
    ),
}).describe("The organisation: its name, the prefix of every physical name, its Regions and the management account");

export type OrganizationConfig = z.infer<typeof organizationSchema>;
