import * as z from "zod";
import { AWS_REGION_CODES } from "../../regions/aws-regions";

/**
 * A strict object: unknown keys are errors (a typo such as `alowedRegions` must not pass silently). The loader words
 * the error (src/config/load.ts): the closest allowed key as a "did you mean", and every key allowed at that place.
 */
export function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape);
}

export const accountIdSchema = z
  .string({ error: "an AWS account id must be a quoted string of 12 digits (YAML would drop leading zeros from a number)" })
  .regex(/^\d{12}$/, { error: (issue) => `"${String(issue.input)}" is not an AWS account id; expected exactly 12 digits` })
  .describe("AWS account id: 12 digits, quoted");

export const regionSchema = z
  .enum(AWS_REGION_CODES, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not an AWS Region code of the commercial partition; allowed: ${AWS_REGION_CODES.join(", ")}`,
  })
  .describe("AWS Region code, for example eu-west-2 (London)");

export const regionListSchema = z
  .array(regionSchema)
  .min(1, { error: "list at least one Region" })
  .refine((regions) => new Set(regions).size === regions.length, { error: "Regions must not repeat" });

/** Tags are applied by every provider as default_tags; AWS limits keys to 128 and values to 256 characters. */
export const tagsSchema = z
  .record(
    z.string().regex(/^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u, {
      error: "a tag key has 1-128 letters, digits, spaces or _.:/=+-@ and must not start with aws:",
    }),
    z.string().max(256, { error: "a tag value has at most 256 characters" }),
  )
  .describe("Tags as key: value pairs");

/** IAM role names: 1-64 characters of letters, digits and +=,.@_- */
export const iamRoleNameSchema = z
  .string()
  .regex(/^[\w+=,.@-]{1,64}$/, { error: "an IAM role name has 1-64 letters, digits or +=,.@_-" });
