import type { Control } from "../control";

/** Controls of IAM Identity Center, MFA and root access. */
export const IDENTITY_CONTROLS: readonly Control[] = [
  {
    id: "identity-center-mfa",
    title:
      "Identity Center asks for MFA at every sign-in (authenticator apps and security keys) and blocks sign-in without a registered device: set by hand in the console, because no API or Terraform resource exists; verified by people",
    kind: "out-of-band",
    clauses: ["CV-S2.2", "BTB-7.3"],
    where: "docs/identity-center-mfa.md",
  },
  {
    id: "identity-center-mfa-settings-alarm",
    title: "A change to Identity Center's MFA or authentication settings (MFA settings, identity source) raises a security alarm",
    kind: "detective",
    clauses: ["CV-S2.2", "BTB-7.3", "CV-S4.3"],
    where: "src/constructs/identity-detective-controls.ts",
  },
  {
    id: "identity-center-sign-in-without-mfa-alarm",
    title: "An Identity Center sign-in verified by password alone raises a security alarm",
    kind: "detective",
    clauses: ["CV-S2.2", "BTB-7.3", "CV-S4.3"],
    where: "src/constructs/identity-detective-controls.ts",
  },
  {
    id: "centralized-root-access",
    title:
      "New member accounts get no root credentials (IAM RootCredentialsManagement; accounts older than the feature have theirs deleted once, by hand) and root tasks are short sessions started from the management account (RootSessions), so no member-account sign-in can skip Identity Center and its MFA",
    kind: "preventive",
    // Not listed under CV-S2.2: it closes one way around MFA but enforces none, and listing it would rate the MFA
    // clause preventive when its central setting is out-of-band.
    clauses: ["CV-S2.3"],
    where: "src/constructs/centralized-root-access.ts",
  },
  {
    id: "identity-center-roles",
    title: "People reach accounts only through Identity Center permission sets: short-lived IAM role sessions, never long-lived keys",
    kind: "preventive",
    clauses: ["CV-S2.3"],
    where: "stacks/identity-stack.ts",
  },
  {
    id: "permission-levels",
    title:
      "Permission levels (administrator, power user, view-only, security audit, billing, network administrator, break-glass, custom) are granted to groups per account or OU; read-only reads no data, data access needs its own set",
    kind: "preventive",
    clauses: ["CV-S2.1", "CV-D3.1", "CV-D3.2", "BTB-8.1"],
    where: "src/identity/permission-sets.ts",
  },
  {
    id: "privileged-session-limits",
    title: "Sessions last at most 12 hours, privileged ones at most 2 and break-glass 1; config with longer sessions is rejected",
    kind: "preventive",
    clauses: ["CV-S2.1"],
    where: "src/config/rules/identity.ts",
  },
  {
    id: "management-account-access-explicit",
    title: "Access to the management account, which no SCP restricts, is granted only by an explicit flag in config",
    kind: "preventive",
    clauses: ["CV-S2.1", "BTB-8.1"],
    where: "src/config/rules/identity.ts",
  },
  {
    id: "power-user-guard",
    title: "Power users cannot change Identity Center, its MFA settings or the audit trail, in the management account too",
    kind: "preventive",
    clauses: ["CV-S2.1", "CV-S4.1"],
    where: "src/policies/identity-center.ts",
  },
  {
    id: "break-glass-alarm",
    title: "Every issue of break-glass credentials raises a security alarm at once, and any use of the break-glass role in any account and Region raises one alarm per five-minute period (metric filter on the organisation trail)",
    kind: "detective",
    clauses: ["CV-S4.3", "CV-S2.1", "BTB-3.1"],
    where: "stacks/identity-stack.ts, stacks/org-trail-stack.ts",
  },
  {
    id: "access-reviews",
    title: "Who is in which group (and so who may use which permission level) is reviewed regularly by the organisation; group membership usually lives in the identity provider",
    kind: "organisational",
    clauses: ["CV-S2.1", "CV-D3.1"],
    where: "docs/identity-center-mfa.md",
  },
];
