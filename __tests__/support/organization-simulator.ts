import { createValidatedPolicy, validateIdentityPolicy, validateResourceControlPolicy, validateResourcePolicy, validateServiceControlPolicy, type ValidatedPolicy, type ValidationError } from "@cloud-copilot/iam-policy";
import { isWildcardOnlyAction, runSimulation, type EvaluationResult, type Simulation, type SimulationOrgPolicies } from "@cloud-copilot/iam-simulate";
import type { SynthesizedStack } from "../helpers";

/**
 * Evaluates requests with a real IAM policy engine (@cloud-copilot/iam-simulate) against the Organizations policies
 * of a synthesized organization stack: the policies and attachments are read from the stack's Terraform JSON, and
 * an account's SCP and RCP chains are built from its real place in the OU tree (root → OUs → account).
 */

/** The AWS-managed policies attached to every root, OU and account; Terraform never manages them. */
export const FULL_AWS_ACCESS = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
/** An administrator's identity policy: only the organisation's policies stand between it and any action. */
export const ADMINISTRATOR_ACCESS = FULL_AWS_ACCESS;

export const SIMULATED_ORG_ID = "o-simulated01";
export const ROOT_REF = "${aws_organizations_organization.organization.roots[0].id}";

export interface StackPolicy {
  readonly address: string;
  readonly name: string;
  readonly type: string;
  /** The content as AWS receives it: Terraform's `$${` escapes undone. */
  readonly content: string;
  readonly document: any;
}

/** Undo Terraform template escapes: what Terraform sends to AWS for a literal string. */
export function terraformLiteral(text: string): string {
  return text.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
}

/** The reference to the organization's id that a policy holds when the same plan creates the organization. */
export const ORGANIZATION_ID_REF = "${aws_organizations_organization.organization.id}";

/**
 * Every aws_organizations_policy of the stack, by Terraform address. A reference to the organization's id becomes
 * SIMULATED_ORG_ID, as Terraform would resolve it to the organization's id.
 */
export function stackPolicies(stack: SynthesizedStack): Map<string, StackPolicy> {
  const policies = new Map<string, StackPolicy>();
  for (const [address, resource] of Object.entries(stack.resources("aws_organizations_policy"))) {
    const content = terraformLiteral((resource.content as string).replace(/(^|[^$])\$\{aws_organizations_organization\.organization\.id\}/g, (_m, before: string) => `${before}${SIMULATED_ORG_ID}`));
    policies.set(address, { address, name: resource.name, type: resource.type, content, document: JSON.parse(content) });
  }
  return policies;
}

/** Policy addresses attached to each target reference (a root, OU or account id expression or literal id). */
export function stackAttachments(stack: SynthesizedStack): Map<string, string[]> {
  const byTarget = new Map<string, string[]>();
  for (const attachment of Object.values(stack.resources("aws_organizations_policy_attachment"))) {
    const match = /^\$\{aws_organizations_policy\.([\w-]+)\.id\}$/.exec(attachment.policy_id);
    if (match?.[1] === undefined) throw new Error(`attachment with unexpected policy_id ${attachment.policy_id}`);
    byTarget.set(attachment.target_id, [...(byTarget.get(attachment.target_id) ?? []), match[1]]);
  }
  return byTarget;
}

export interface SimulatedRequest {
  /** Name of the member account whose principal makes the request and owns the resource. */
  readonly account: string;
  readonly action: string;
  /** The resource ARN; `{account}` and `{region}` are replaced. Actions that only take "*" are evaluated on "*". */
  readonly resource: string;
  /**
   * `admin` (default), `deployment`, `root`, a role name in the account, a full ARN (a role, or an OIDC or SAML
   * provider for web identity and SAML federation), or an AWS service principal such as `cloudtrail.amazonaws.com`.
   */
  readonly principal?: string;
  /** aws:RequestedRegion; default eu-west-2. */
  readonly region?: string;
  /** More context keys; a key set to undefined is removed from the defaults. */
  readonly context?: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly resourcePolicy?: unknown;
  /**
   * The principal is in another organisation (by default arn:aws:iam::444455556666:role/Outsider, or the ARN given
   * as principal): only the resource account's RCPs apply, no SCPs of ours.
   */
  readonly principalOutsideOrganization?: boolean;
}

export interface SimulatedResult {
  readonly result: EvaluationResult;
  readonly scp: string | undefined;
  readonly rcp: string | undefined;
  readonly ignoredContextKeys: readonly string[];
}

export class OrganizationSimulator {
  readonly policies: Map<string, StackPolicy>;
  readonly attachments: Map<string, string[]>;
  private readonly accountIds = new Map<string, string>();

  constructor(
    private readonly stack: SynthesizedStack,
    private readonly deploymentRole = "OrganizationAccountAccessRole",
  ) {
    this.policies = stackPolicies(stack);
    this.attachments = stackAttachments(stack);
    const output: Record<string, string> = stack.json.output?.account_ids?.value ?? {};
    Object.entries(output).forEach(([name, id], index) =>
      this.accountIds.set(name, /^\d{12}$/.test(id) ? id : `9000000000${String(index).padStart(2, "0")}`),
    );
  }

  accountId(account: string): string {
    const id = this.accountIds.get(account);
    if (id === undefined) throw new Error(`no account ${account}`);
    return id;
  }

  /** The target references from the root down to the account: root, each OU, the account. */
  targetChain(account: string): string[] {
    const resource = this.stack.resources("aws_organizations_account")[`account_${account}`];
    if (resource === undefined) throw new Error(`no member account ${account} in the stack`);
    const ous: string[] = [];
    let parent: string = resource.parent_id;
    while (parent !== ROOT_REF) {
      ous.unshift(parent);
      const match = /^\$\{aws_organizations_organizational_unit\.([\w-]+)\.id\}$/.exec(parent);
      if (match?.[1] === undefined) throw new Error(`unexpected parent ${parent}`);
      parent = this.stack.resource("aws_organizations_organizational_unit", match[1]).parent_id;
    }
    const id = this.accountId(account);
    const accountRefs = [`\${aws_organizations_account.account_${account}.id}`, id];
    return [ROOT_REF, ...ous, accountRefs.join("|")];
  }

  /** Policies of one type attached to a target (account targets match by reference or literal id). */
  attached(targetRef: string, type: string): StackPolicy[] {
    return targetRef
      .split("|")
      .flatMap((ref) => this.attachments.get(ref) ?? [])
      .map((address) => {
        const policy = this.policies.get(address);
        if (policy === undefined) throw new Error(`attachment to unknown policy ${address}`);
        return policy;
      })
      .filter((policy) => policy.type === type);
  }

  /** The SCP (with FullAWSAccess at every level, as AWS attaches it) or RCP chain of an account, root first. */
  chain(account: string, type: "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY"): SimulationOrgPolicies[] {
    return this.targetChain(account).map((ref) => ({
      orgIdentifier: ref,
      policies: [
        // iam-simulate adds RCPFullAWSAccess itself.
        ...(type === "SERVICE_CONTROL_POLICY" ? [{ name: "FullAWSAccess", policy: validated(FULL_AWS_ACCESS, validateServiceControlPolicy) }] : []),
        ...this.attached(ref, type).map((p) => ({ name: p.name, policy: validated(p.document, type === "SERVICE_CONTROL_POLICY" ? validateServiceControlPolicy : validateResourceControlPolicy) })),
      ],
    }));
  }

  principalArn(account: string, principal = "admin"): string {
    const id = this.accountId(account);
    if (principal.startsWith("arn:") || isServicePrincipal(principal)) return principal;
    if (principal === "root") return `arn:aws:iam::${id}:root`;
    if (principal === "deployment") return `arn:aws:iam::${id}:role/${this.deploymentRole}`;
    if (principal === "admin") return `arn:aws:iam::${id}:role/Administrator`;
    return `arn:aws:iam::${id}:role/${principal}`;
  }

  async evaluate(request: SimulatedRequest): Promise<SimulatedResult> {
    const id = this.accountId(request.account);
    const region = request.region ?? "eu-west-2";
    const external = request.principalOutsideOrganization === true;
    const principal = external
      ? (request.principal?.startsWith("arn:") === true ? request.principal : "arn:aws:iam::444455556666:role/Outsider")
      : this.principalArn(request.account, request.principal);
    // Who the request comes from decides which principal keys AWS puts in the context: an AWS service principal has
    // no principal ARN, account or organisation; a federated identity (web identity or SAML) has none of them until it
    // becomes a role session. SCPs apply to neither.
    const kind = isServicePrincipal(principal) ? "service" : /:(oidc|saml)-provider\//.test(principal) ? "federated" : "iam";
    const context: Record<string, string | string[]> = {
      ...(kind === "iam" ? { "aws:PrincipalArn": principal, "aws:PrincipalAccount": principal.split(":")[4] ?? "" } : {}),
      // Present in every signed request; the unsigned federation calls get no principal keys at all (the worst case
      // for the perimeter's IfExists conditions).
      ...(kind === "federated" ? {} : { "aws:PrincipalIsAWSService": kind === "service" ? "true" : "false" }),
      "aws:RequestedRegion": region,
      "aws:SecureTransport": "true",
      "aws:ResourceOrgID": SIMULATED_ORG_ID,
      "aws:ResourceAccount": id,
      ...(kind !== "iam" ? {} : external ? { "aws:PrincipalOrgID": "o-someoneelse" } : { "aws:PrincipalOrgID": SIMULATED_ORG_ID }),
    };
    for (const [key, value] of Object.entries(request.context ?? {})) {
      if (value === undefined) delete context[key];
      else context[key] = typeof value === "string" ? value : [...value];
    }
    const [service = "", actionName = ""] = request.action.split(":");
    const resource = (await isWildcardOnlyAction(service, actionName)) ? "*" : request.resource.replaceAll("{account}", id).replaceAll("{region}", region);
    // A KMS key always has a key policy; this is AWS's default one, which delegates to IAM in the key's account.
    const resourcePolicy = request.resourcePolicy ?? (service === "kms"
      ? { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${id}:root` }, Action: "kms:*", Resource: "*" }] }
      : undefined);
    const simulation: Simulation = {
      request: {
        principal,
        action: request.action,
        resource: { resource, accountId: id },
        contextVariables: context,
      },
      // Service principals and federated identities have no identity policies: only the resource policy can allow.
      identityPolicies: kind === "iam" ? [{ name: "AdministratorAccess", policy: validated(ADMINISTRATOR_ACCESS, validateIdentityPolicy) }] : [],
      serviceControlPolicies: external || kind !== "iam"
        ? [{ orgIdentifier: "r-other", policies: [{ name: "FullAWSAccess", policy: validated(FULL_AWS_ACCESS, validateServiceControlPolicy) }] }]
        : this.chain(request.account, "SERVICE_CONTROL_POLICY"),
      resourceControlPolicies: this.chain(request.account, "RESOURCE_CONTROL_POLICY"),
      resourcePolicy: resourcePolicy === undefined ? undefined : validated(resourcePolicy, validateResourcePolicy),
    };
    const result = await runSimulation(simulation, {});
    if (result.resultType === "error") throw new Error(`simulation error: ${JSON.stringify(result.errors)}`);
    // A wildcard resource ("*") gives one result per resource type the action may touch; all must agree.
    const results = result.resultType === "single" ? [result.result] : result.results;
    return {
      result: result.overallResult,
      scp: agreed(results.map((r) => r.analysis.scpAnalysis?.result)),
      rcp: agreed(results.map((r) => r.analysis.rcpAnalysis?.result)),
      ignoredContextKeys: [...new Set(results.flatMap((r) => r.ignoredContextKeys ?? []))],
    };
  }
}

/**
 * A policy document validated once for its kind, as the engine would validate it on every call: the engine takes the
 * result (its errors, if any, still fail the simulation) instead of validating the same document again. The
 * organisation's policies are the same objects on every call; a request's own resource policy is validated anew.
 */
function validated(document: unknown, validate: (policy: unknown) => ValidationError[]): ValidatedPolicy {
  let byDocument = validations.get(validate);
  if (byDocument === undefined) validations.set(validate, (byDocument = new WeakMap()));
  if (typeof document !== "object" || document === null) return createValidatedPolicy(document, validate);
  let result = byDocument.get(document);
  if (result === undefined) byDocument.set(document, (result = createValidatedPolicy(document, validate)));
  return result;
}

const validations = new Map<(policy: unknown) => ValidationError[], WeakMap<object, ValidatedPolicy>>();

/** An AWS service principal, such as cloudtrail.amazonaws.com or delivery.logs.amazonaws.com. */
export function isServicePrincipal(principal: string): boolean {
  return /^[a-z0-9.-]+\.amazonaws\.com$/.test(principal);
}

function agreed(values: readonly (string | undefined)[]): string | undefined {
  return new Set(values).size === 1 ? values[0] : `mixed: ${values.join(", ")}`;
}
