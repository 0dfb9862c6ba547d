import * as z from "zod";
import { regionListSchema, strictObject } from "./common";

export interface OrganizationalUnitConfig {
  readonly name: string;
  readonly id?: string;
  readonly allowedRegions?: readonly string[];
  readonly children: readonly OrganizationalUnitConfig[];
}

/** An OU name is also a segment of an OU path such as `Workloads/Prod`, so it must not contain a slash. */
const ouNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/, {
    error: "an OU name has 1-64 letters, digits, spaces or _.- and starts with a letter or digit",
  });

export const organizationalUnitSchema: z.ZodType<OrganizationalUnitConfig, unknown> = strictObject({
  name: ouNameSchema.describe("OU name, unique among its siblings"),
  id: z
    .string()
    .regex(/^ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/, { error: "an OU id looks like ou-ab12-cd34ef56" })
    .optional()
    .describe("Id of an existing OU to adopt with an import block"),
  allowedRegions: regionListSchema
    .optional()
    .describe("Regions where accounts in this OU and its children may run, replacing organization.allowedRegions; must include organization.homeRegion"),
  get children() {
    return z.array(organizationalUnitSchema).default([]).describe("Nested OUs (AWS allows five levels under the root)");
  },
});

export const organizationalUnitsSchema = z
  .array(organizationalUnitSchema)
  .default([])
  .describe(
    "The OU tree under the organization root, nested up to five levels (AWS's limit); names are unique under their parent. " +
      "Accounts refer to an OU by its path, such as Workloads/Prod",
  );
