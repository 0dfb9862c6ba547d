import * as z from "zod";
import { accountBaselineSchema } from "./sections/account-baseline";
import { accountsSchema } from "./sections/accounts";
import { backendSchema } from "./sections/backend";
import { strictObject } from "./sections/common";
import { guardrailsSchema } from "./sections/guardrails";
import { networkingSchema } from "./sections/network";
import { loggingSchema } from "./sections/logging";
import { organizationalUnitsSchema } from "./sections/organizational-units";
import { organizationSchema } from "./sections/organization";
import { identitySchema } from "./sections/identity";
import { securityServicesSchema } from "./sections/security-services";

/**
 * The whole landing-zone.yaml: the one source of truth for the TypeScript type and the published JSON Schema.
 * Each section lives in its own file under sections/; a new section is one more line here.
 */
export const landingZoneSchema = strictObject({
  $schema: z.string().optional().describe("Path of the JSON Schema, for editors"),
  organization: organizationSchema,
  organizationalUnits: organizationalUnitsSchema,
  accounts: accountsSchema,
  backend: backendSchema,
  guardrails: guardrailsSchema.prefault({}).describe("Organizations policies: region deny, protective SCPs, RCPs, tag, backup and AI opt-out policies"),
  networking: networkingSchema,
  logging: loggingSchema,
  identity: identitySchema
    .prefault({})
    .describe(
      "IAM Identity Center (the identity stack): groups, permission sets, assignments; default none. The instance must be " +
        "in organization.homeRegion (the stack's providers and alarms use that Region); MFA cannot be set by code " +
        "(docs/identity-center-mfa.md)",
    ),
  accountBaseline: accountBaselineSchema
    .prefault({})
    .describe("Every account's own settings: alternate contacts, IAM password policy, backup vault lock, restore testing"),
  securityServices: securityServicesSchema
    .prefault({})
    .describe("GuardDuty, Security Hub CSPM, IAM Access Analyzer, Macie and Inspector, administered from the audit account; every switch on by default"),
});

export type LandingZoneConfig = z.infer<typeof landingZoneSchema>;
