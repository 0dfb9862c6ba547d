import * as z from "zod";
import { regionSchema, strictObject } from "./common";

const localBackendSchema = strictObject({
  type: z.literal("local"),
});

const s3BackendSchema = strictObject({
  type: z.literal("s3"),
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: "not a valid S3 bucket name" }),
  region: regionSchema,
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

const cloudBackendSchema = strictObject({
  type: z.literal("cloud"),
  organization: z.string().min(1).describe("Terraform Cloud / HCP Terraform organization"),
  hostname: z.string().default("app.terraform.io"),
  project: z.string().min(1).optional().describe("Project the workspaces belong to; default the organization's default project"),
  workspacePrefix: z
    .string()
    .regex(/^[\w-]*$/, { error: "a workspace prefix has letters, digits, _ or -" })
    .default("landing-zone-")
    .describe("Workspace of stack X is <workspacePrefix>X; default landing-zone-"),
});

export const backendSchema = z
  .discriminatedUnion("type", [localBackendSchema, s3BackendSchema, cloudBackendSchema], {
    error: 'backend type must be one of "local", "s3", "cloud"',
  })
  .default({ type: "local" })
  .describe("Where Terraform keeps state; one state (and one Terraform Cloud workspace) per stack. Default local");

export type BackendConfig = z.infer<typeof backendSchema>;
