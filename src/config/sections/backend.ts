import * as z from "zod";
import { regionSchema, strictObject } from "./common";
import { DEFAULT_PIPELINE_SHARDS, MAX_PIPELINE_SHARDS, MAX_WORKSPACES_PER_PIPELINE_SHARD } from "../../pipeline/pipeline-shards";
import { MINIMUM_TERRAFORM_VERSION, atLeastMinimumTerraform } from "../../terraform/version";

const localBackendSchema = strictObject({
  type: z.literal("local").describe("State of stack X in terraform.X.tfstate in the project root (never inside cdktf.out)"),
});

const s3BackendSchema = strictObject({
  type: z.literal("s3").describe("State of stack X at s3://<bucket>/<keyPrefix>/X/terraform.tfstate, encrypted, with S3-native locking (use_lockfile, Terraform 1.10 or later)"),
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: "not a valid S3 bucket name" }),
  region: regionSchema.describe("Region of the state bucket"),
  keyPrefix: z
    .string()
    .regex(/^[\w.-]+(\/[\w.-]+)*$/, { error: "a key prefix is path segments of letters, digits and _.- joined by /" })
    .default("landing-zone")
    .describe("State of stack X is stored at <keyPrefix>/X/terraform.tfstate; default landing-zone"),
  kmsKeyId: z.string().optional().describe("ARN of a KMS key to encrypt state with; default the bucket's encryption"),
  roleArn: z
    .string()
    .regex(/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/, { error: "expected an IAM role ARN" })
    .optional()
    .describe("Role to assume for reading and writing state"),
});

/**
 * Terraform version of the workspaces unless config pins another: at least 1.10 (import blocks, S3-native locking),
 * exact, so that no run silently changes Terraform.
 */
export const DEFAULT_TERRAFORM_VERSION = "1.12.2";

const cloudBackendSchema = strictObject({
  type: z
    .literal("cloud")
    .describe("State of stack X in the HCP Terraform workspace <workspacePrefix>X; synth also writes the pipeline stack, which creates the workspaces (docs/terraform-cloud.md)"),
  organization: z.string().min(1).describe("Terraform Cloud / HCP Terraform organization"),
  hostname: z.string().default("app.terraform.io").describe("HCP Terraform or Terraform Enterprise host; default app.terraform.io"),
  project: z.string().min(1).optional().describe("Project the workspaces belong to; default the organization's default project"),
  workspacePrefix: z
    .string()
    .regex(/^[\w-]*$/, { error: "a workspace prefix has letters, digits, _ or -" })
    .default("landing-zone-")
    .describe("Workspace of stack X is <workspacePrefix>X; default landing-zone-"),
  terraformVersion: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, { error: "pin an exact Terraform version such as 1.12.2 (no ranges: every run of every workspace uses it)" })
    .refine((version) => !/^\d+\.\d+\.\d+$/.test(version) || atLeastMinimumTerraform(version), {
      error: (issue) =>
        `Terraform ${String(issue.input)} is too old; the stacks need at least ${MINIMUM_TERRAFORM_VERSION} (S3-native state locking, import and removed blocks)`,
    })
    .default(DEFAULT_TERRAFORM_VERSION)
    .describe(`Terraform version every workspace runs; an exact version, at least 1.10. Default ${DEFAULT_TERRAFORM_VERSION}`),
  workspaces: z
    .record(
      z.string(),
      strictObject({
        autoApply: z.boolean().default(false).describe("Apply that stack's plans without a person confirming them; default false"),
      }),
    )
    .default({})
    .describe("Settings of one stack's workspace, by stack name (such as account-sandbox), which must be a stack of this config; every other workspace has the defaults"),
  notificationEmails: z
    .array(z.email())
    .min(1, { error: "list at least one address, or leave the key out for logging.securityContacts" })
    .optional()
    .describe("Who is emailed about failed runs and drift; each must be a member of the HCP Terraform organisation. Default logging.securityContacts"),
  healthAssessments: z
    .boolean()
    .default(true)
    .describe("Health assessments (drift detection, continuous validation) on every workspace; they need the HCP Terraform Standard or Premium edition, so turn them off on a Free or Essentials organisation. Default true"),
  workspaceTags: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9:_-]{0,254}$/, { error: "a workspace tag has lowercase letters, digits, :, _ or -" }))
    .default(["landing-zone"])
    .describe("Tags of every workspace, besides stack:<stack name>; default [landing-zone]"),
  pipelineShards: z
    .int()
    .min(1)
    .max(MAX_PIPELINE_SHARDS)
    .default(DEFAULT_PIPELINE_SHARDS)
    .describe(
      `Number of pipeline shard stacks (pipeline-<i>-of-<n>) holding the workspaces of the account stacks (each by a hash of its account name, as its identity assignments) and of the assignment shards; at most ${MAX_WORKSPACES_PER_PIPELINE_SHARD} workspaces per shard. Changing it moves workspaces between states (README: Pipeline shards). Default ${DEFAULT_PIPELINE_SHARDS}`,
    ),
});


export const backendSchema = z
  .discriminatedUnion("type", [localBackendSchema, s3BackendSchema, cloudBackendSchema], {
    error: 'backend type must be one of "local", "s3", "cloud"',
  })
  .default({ type: "local" })
  .describe("Where Terraform keeps state; one state (and one Terraform Cloud workspace) per stack. Default local");

export type BackendConfig = z.infer<typeof backendSchema>;
export type CloudBackendConfig = Extract<BackendConfig, { type: "cloud" }>;
