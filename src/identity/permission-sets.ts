import {
  AWS_MANAGED_POLICIES,
  inlinePolicyFromConfig,
  inlineStatementsArePrivileged,
  powerUserGuardPolicy,
  PRIVILEGED_MANAGED_POLICIES,
  type IamPolicyDocument,
  type InlinePolicyStatement,
} from "../policies/identity-center";

/** A customer managed policy by name and IAM path; it must exist in every account the set is assigned to. */
export interface CustomerManagedPolicyReference {
  readonly name: string;
  readonly path: string;
}

/** A permission set's permissions boundary: an AWS managed policy or a customer managed one. */
export type PermissionsBoundary =
  | { readonly managedPolicyArn: string }
  | { readonly customerManagedPolicy: CustomerManagedPolicyReference };

/** A permission set the organisation defines itself (identity.permissionSets in config, whose entries are of this shape). */
export interface CustomPermissionSetInput {
  readonly name: string;
  /** @default `<name> (landing zone)` */
  readonly description?: string;
  readonly managedPolicies: readonly string[];
  readonly customerManagedPolicies: readonly CustomerManagedPolicyReference[];
  readonly inlinePolicy?: readonly InlinePolicyStatement[];
  readonly permissionsBoundary?: PermissionsBoundary;
  /** ISO-8601 duration such as PT1H. */
  readonly sessionDuration: string;
  /** @default the console home */
  readonly relayState?: string;
  /** Privileged even without an administrator-level policy. */
  readonly privileged: boolean;
}

/** What decides which permission sets exist: the custom ones and the built-in ones assignments use (config's identity section). */
export interface PermissionSetsInput {
  readonly assignments: readonly { readonly permissionSet: string }[];
  readonly permissionSets: readonly CustomPermissionSetInput[];
}

/** A permission set as the identity stack creates it, built-in or from config. */
export interface PermissionSetSpec {
  readonly name: string;
  readonly description: string;
  readonly managedPolicies: readonly string[];
  readonly customerManagedPolicies: readonly CustomerManagedPolicyReference[];
  readonly inlinePolicy?: IamPolicyDocument;
  readonly permissionsBoundary?: PermissionsBoundary;
  readonly sessionDuration: string;
  readonly relayState?: string;
  readonly privileged: boolean;
  readonly builtIn: boolean;
}

/** The longest session AWS allows for a permission set: 12 hours. */
export const MAX_SESSION_SECONDS = 12 * 3600;
/** The shortest: 1 hour. */
export const MIN_SESSION_SECONDS = 3600;
/**
 * Privileged sets (administrator-level managed policies, or marked privileged) get at most 2 hours: a stolen or
 * forgotten session of someone who can change anything should not outlive a working session by much.
 */
export const MAX_PRIVILEGED_SESSION_SECONDS = 2 * 3600;
/** Break-glass is for an emergency, alarmed on every use, and re-approved each hour. */
export const BREAK_GLASS_SESSION = "PT1H";

/** The break-glass permission set's name: the alarm on its use matches it, so it is fixed. */
export const BREAK_GLASS_PERMISSION_SET = "BreakGlass";

const CONSOLE_HOME = "https://console.aws.amazon.com/console/home";

/**
 * The permission levels every organisation gets, usable by name in assignments. Only those some assignment uses are
 * created. Read-only is view-only on purpose: it lists and describes resources without reading data, so seeing
 * data needs a permission set of its own (need-to-know).
 */
export const BUILT_IN_PERMISSION_SETS: readonly PermissionSetSpec[] = [
  {
    name: "Administrator",
    description: "Full administrator; for the platform team, short sessions",
    managedPolicies: [AWS_MANAGED_POLICIES.administratorAccess],
    customerManagedPolicies: [],
    sessionDuration: "PT1H",
    privileged: true,
    builtIn: true,
  },
  {
    name: "PowerUser",
    description: "Developer: everything but IAM, Organizations, Identity Center and the audit trail",
    managedPolicies: [AWS_MANAGED_POLICIES.powerUserAccess],
    customerManagedPolicies: [],
    inlinePolicy: powerUserGuardPolicy(),
    sessionDuration: "PT2H",
    privileged: true,
    builtIn: true,
  },
  {
    name: "ReadOnly",
    description: "View-only: lists and describes resources, reads no data",
    managedPolicies: [AWS_MANAGED_POLICIES.viewOnlyAccess],
    customerManagedPolicies: [],
    sessionDuration: "PT8H",
    privileged: false,
    builtIn: true,
  },
  {
    name: "SecurityAudit",
    description: "Security auditor: security configuration and metadata, no data",
    managedPolicies: [AWS_MANAGED_POLICIES.securityAudit, AWS_MANAGED_POLICIES.viewOnlyAccess],
    customerManagedPolicies: [],
    sessionDuration: "PT8H",
    privileged: false,
    builtIn: true,
  },
  {
    name: "Billing",
    description: "Billing and cost management only",
    managedPolicies: [AWS_MANAGED_POLICIES.billing],
    customerManagedPolicies: [],
    sessionDuration: "PT4H",
    relayState: "https://console.aws.amazon.com/billing/home",
    privileged: false,
    builtIn: true,
  },
  {
    name: "NetworkAdministrator",
    description: "Network administrator: VPC, Direct Connect, Route 53, load balancers",
    managedPolicies: [AWS_MANAGED_POLICIES.networkAdministrator],
    customerManagedPolicies: [],
    sessionDuration: "PT4H",
    privileged: false,
    builtIn: true,
  },
  {
    name: BREAK_GLASS_PERMISSION_SET,
    description: "Emergency administrator; every use raises a security alarm",
    managedPolicies: [AWS_MANAGED_POLICIES.administratorAccess],
    customerManagedPolicies: [],
    sessionDuration: BREAK_GLASS_SESSION,
    relayState: CONSOLE_HOME,
    privileged: true,
    builtIn: true,
  },
];

export const BUILT_IN_PERMISSION_SET_NAMES: readonly string[] = BUILT_IN_PERMISSION_SETS.map((p) => p.name);

/**
 * Whether a custom permission set counts as privileged for the session rule: marked so, an administrator-level
 * managed policy, or an inline policy that allows everything, or everything of a service that grants access.
 */
export function isPrivileged(custom: CustomPermissionSetInput): boolean {
  return (
    custom.privileged ||
    custom.managedPolicies.some((arn) => PRIVILEGED_MANAGED_POLICIES.includes(arn)) ||
    (custom.inlinePolicy !== undefined && inlineStatementsArePrivileged(custom.inlinePolicy))
  );
}

export function customPermissionSetSpec(custom: CustomPermissionSetInput): PermissionSetSpec {
  return {
    name: custom.name,
    description: custom.description ?? `${custom.name} (landing zone)`,
    managedPolicies: custom.managedPolicies,
    customerManagedPolicies: custom.customerManagedPolicies,
    ...(custom.inlinePolicy === undefined ? {} : { inlinePolicy: inlinePolicyFromConfig(custom.inlinePolicy) }),
    ...(custom.permissionsBoundary === undefined ? {} : { permissionsBoundary: custom.permissionsBoundary }),
    sessionDuration: custom.sessionDuration,
    ...(custom.relayState === undefined ? {} : { relayState: custom.relayState }),
    privileged: isPrivileged(custom),
    builtIn: false,
  };
}

/** The permission sets to create: every custom one, and every built-in one an assignment uses, in catalogue order. */
export function permissionSetsToCreate(identity: PermissionSetsInput): PermissionSetSpec[] {
  const used = new Set(identity.assignments.map((a) => a.permissionSet));
  return [
    ...BUILT_IN_PERMISSION_SETS.filter((p) => used.has(p.name)),
    ...identity.permissionSets.map(customPermissionSetSpec),
  ];
}

/** Seconds of an ISO-8601 duration PT#H#M#S, or undefined if it is not one. */
export function durationSeconds(duration: string): number | undefined {
  const match = /^PT(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(duration);
  if (match === null) return undefined;
  const [, h, m, s] = match;
  return Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0);
}
