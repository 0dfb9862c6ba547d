import { Testing } from "cdktf";
import type { Construct } from "constructs";
import { assignmentShardOf, DEFAULT_ASSIGNMENT_SHARDS } from "../src/identity/assignment-shards";
import { assignmentShardStackName, landingZoneStackNames } from "../src/naming";
import { MINIMUM_TERRAFORM_VERSION, atLeastMinimumTerraform } from "../src/terraform/version";
import { AccountDirectory } from "../src/stacks/account-directory";
import { LandingZoneStack, type LandingZoneStackProps } from "../src/stacks/landing-zone-stack";
import type { App } from "cdktf";
import { ciTargets } from "../src/pipeline/ci-targets";
import { configFromData, exampleConfig, exampleConfigData, stackNamed, synthesizeLandingZone, synthesizeLandingZoneStacks, synthesized } from "./helpers";
import { LOG_ARCHIVE_ID, bucketName, loggingConfig } from "./logging-test-helpers";
import { filesWritten, filesWrittenByCdktfPasses } from "./support/cdktf-passes";

const BACKENDS = {
  local: { config: { type: "local" }, expected: (stack: string) => ({ backend: { local: { path: `../../../terraform.${stack}.tfstate` } } }) },
  s3: {
    config: { type: "s3", bucket: "kestrel-tf-state", region: "eu-west-2" },
    expected: (stack: string) => ({
      backend: { s3: { bucket: "kestrel-tf-state", key: `landing-zone/${stack}/terraform.tfstate`, region: "eu-west-2", encrypt: true, use_lockfile: true } },
    }),
  },
  cloud: {
    config: { type: "cloud", organization: "kestrel", project: "landing-zone", workspacePrefix: "lz-" },
    expected: (stack: string) => ({ cloud: { hostname: "app.terraform.io", organization: "kestrel", workspaces: { name: `lz-${stack}`, project: "landing-zone" } } }),
  },
} as const;

/**
 * The whole app, synthesized here and in few other places (snapshots, pipeline, CI targets, the CLI): what only the
 * whole app shows, the backend of every stack and the wiring between stacks. Tests of one stack's content build that
 * stack alone (support/one-stack.ts).
 */
describe("every stack of the app has exactly the configured backend", () => {
  for (const [type, { config: backend, expected }] of Object.entries(BACKENDS)) {
    describe(`backend: ${type}`, () => {
      const data = exampleConfigData();
      data.backend = backend;
      // The example's own backend is local: its shared synthesis serves (one whole-app synthesis fewer).
      const config = type === "local" ? exampleConfig() : configFromData(data);
      let stacks: ReturnType<typeof synthesizeLandingZone>;
      beforeAll(() => {
        expect(exampleConfig().backend).toEqual(BACKENDS.local.config);
        stacks = type === "local" ? synthesizeLandingZone() : synthesizeLandingZone(config);
      });

      it("synthesizes every stack the config names, and no other", () => {
        expect([...stacks.keys()].sort()).toEqual(landingZoneStackNames(config).sort());
      });

      it("gives each stack its own state and nothing else (no cdktf default local backend, no absolute path)", () => {
        for (const [name, stack] of stacks) {
          const { backend: backends, cloud } = synthesized(stack).json.terraform;
          const actual = { ...(backends === undefined ? {} : { backend: backends }), ...(cloud === undefined ? {} : { cloud }) };
          expect({ stack: name, ...actual }).toEqual({ stack: name, ...expected(name) });
          expect(synthesized(stack).text).not.toMatch(/"path": "\//);
        }
      });

      it("makes every stack refuse a Terraform older than the features it uses (S3 locking, import and removed blocks)", () => {
        for (const [name, stack] of stacks) {
          expect([name, synthesized(stack).json.terraform.required_version]).toEqual([name, `>= ${MINIMUM_TERRAFORM_VERSION}`]);
        }
      });

      if (type === "local")
        it("gives CI no targets when the stacks have no cloud block (the example config: backend local), so CI plans nothing", () => {
          const localOutdir = (stackNamed(stacks, "organization").node.scope as App).outdir;
          const localStacks = [...stacks.keys()];
          expect(localStacks.length).toBeGreaterThan(3);
          expect(ciTargets(localOutdir, "push", localStacks)).toEqual([]);
          expect(ciTargets(localOutdir, "pull_request", localStacks)).toEqual([]);
        });

      // A cloud config has every kind of stack (the pipeline stacks too, prepared twice: once for the run triggers)
      // and cross-stack references: the synth resolves each element once, and must write what cdktf's passes write.
      if (type === "cloud")
        it("writes, byte for byte, what cdktf's own two resolving passes write (src/synth/resolve-once.ts)", () => {
          const written = filesWritten((stackNamed(stacks, "organization").node.scope as App).outdir);
          const byCdktf = filesWrittenByCdktfPasses(config);
          expect([...written.keys()]).toEqual([...byCdktf.keys()]);
          expect([...byCdktf].filter(([file, text]) => written.get(file) !== text).map(([file]) => file)).toEqual([]);
          expect([...written.values()].some((text) => text.includes("cross-stack-reference-input-"))).toBe(true);
        });

      if (type === "s3")
        it("s3: account stacks read the organization stack's state from its key", () => {
          const json = synthesized(stackNamed(stacks, "account-audit")).json;
          expect(json.data.terraform_remote_state["cross-stack-reference-input-organization"]).toMatchObject({
            backend: "s3",
            config: { bucket: "kestrel-tf-state", key: "landing-zone/organization/terraform.tfstate", region: "eu-west-2" },
          });
        });
    });
  }
});

describe("cross-stack wiring: what a stack reads from another stack's state", () => {
  const ORGANIZATION_OUTPUT = "data.terraform_remote_state.cross-stack-reference-input-organization.outputs";
  const ACCOUNT_REF = (name: string) => `\${${ORGANIZATION_OUTPUT}.cross-stack-output-aws_organizations_accountaccount_${name}id}`;
  let example: ReturnType<typeof synthesizeLandingZone>;
  beforeAll(() => {
    example = synthesizeLandingZone();
  });

  it("account stacks assume the member role in a new account whose id comes from the applied organization stack, and may touch only it", () => {
    const stack = synthesized(stackNamed(example, "account-voting-prod"));
    const provider = stack.json.provider.aws[0];
    const accountId = ACCOUNT_REF("voting-prod");
    expect(provider.allowed_account_ids).toEqual([accountId]);
    expect(provider.assume_role).toEqual([{ role_arn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`, session_name: "kestrel-account-voting-prod" }]);
    // The id is read from the organization stack's state during plan, so it is known before any resource is planned.
    expect(stack.json.data.terraform_remote_state["cross-stack-reference-input-organization"]).toEqual({
      backend: "local",
      config: { path: "../../../terraform.organization.tfstate" },
      workspace: "${terraform.workspace}",
    });
  });

  it("log-archive takes a created log archive account's id from the organization stack at plan time", () => {
    const logArchive = synthesized(stackNamed(example, "log-archive"));
    expect(logArchive.json.provider.aws[0].allowed_account_ids).toEqual([ACCOUNT_REF("log-archive")]);
    expect(Object.values(logArchive.resources("aws_s3_bucket")).map((b) => b.bucket)).toContain(`kestrel-lz-cloudtrail-${ACCOUNT_REF("log-archive")}-eu-west-2`);
  });

  it("the assignment shard of a new account assigns groups to it by the id the organization stack outputs", () => {
    const shard = assignmentShardStackName(assignmentShardOf("voting-prod", DEFAULT_ASSIGNMENT_SHARDS), DEFAULT_ASSIGNMENT_SHARDS);
    const assignments = synthesized(stackNamed(example, shard)).resources("aws_ssoadmin_account_assignment");
    expect(assignments["assignment_developers_ReadOnly_voting-prod"]?.target_id).toBe(ACCOUNT_REF("voting-prod"));
  });

  it("org-trail reads the log-archive stack's state; log-archive reads only the organization stack's, and only for its own and the audit account's ids", () => {
    // The log archive and audit accounts adopted (literal ids), as in the logging tests.
    const adopted = synthesizeLandingZoneStacks(loggingConfig((d) => {
      d.accounts.find((a: { purpose: string }) => a.purpose === "audit").id = "444455556666";
    }), (name) => name === "org-trail" || name === "log-archive");
    const orgTrail = synthesized(stackNamed(adopted, "org-trail"));
    // The example adopts its organization: its id is a literal, so org-trail needs no organization state.
    expect(Object.keys(orgTrail.json.data.terraform_remote_state).sort()).toEqual(["cross-stack-reference-input-log-archive"]);
    expect(JSON.stringify(orgTrail.json.resource.aws_cloudtrail.org_trail)).toContain("${data.terraform_remote_state.cross-stack-reference-input-log-archive.outputs.");
    // A created log archive account: its id comes from the organization stack. No other account's id does.
    const created = synthesized(stackNamed(example, "log-archive"));
    expect(Object.keys(created.json.data.terraform_remote_state)).toEqual(["cross-stack-reference-input-organization"]);
    const read = [...JSON.stringify(created.json).matchAll(/terraform_remote_state\.[\w-]+\.outputs\.(cross-stack-output-[\w-]+)/g)].map((m) => m[1]);
    // The audit account's id: the GuardDuty findings export admits that account's detector (policies name no other).
    expect([...new Set(read)].sort()).toEqual(["cross-stack-output-aws_organizations_accountaccount_auditid", "cross-stack-output-aws_organizations_accountaccount_log-archiveid"]);
    // An adopted one: the log archive reads no other state at all (its policies name no member account).
    const adoptedLogArchive = synthesized(stackNamed(adopted, "log-archive"));
    expect(adoptedLogArchive.json.data?.terraform_remote_state).toBeUndefined();
    expect(bucketName("cloudtrail")).toBe(`kestrel-lz-cloudtrail-${LOG_ARCHIVE_ID}-eu-west-2`);
    expect(Object.values(adoptedLogArchive.resources("aws_s3_bucket")).map((b) => b.bucket)).toContain(bucketName("cloudtrail"));
  });
});

/** A stack written the way a future one would be: only what it adds, on the base. */
class ProbeStack extends LandingZoneStack {
  constructor(scope: Construct, props: LandingZoneStackProps) {
    super(scope, "probe", props);
  }
}

describe("LandingZoneStack", () => {
  const config = exampleConfig();
  const accounts = new AccountDirectory(config, new Map(config.accounts.map((a, i) => [a.name, a.id ?? String(200000000000 + i)])));
  const synth = (target = accounts.management) => JSON.parse(Testing.synth(new ProbeStack(Testing.app(), { config, target })));

  it("gives a new stack the configured backend without any composition code", () => {
    expect(synth().terraform.backend).toEqual({ local: { path: "../../../terraform.probe.tfstate" } });
  });

  it("pins the management account and uses Terraform's own credentials there", () => {
    const [provider] = synth().provider.aws;
    expect(provider.allowed_account_ids).toEqual([config.organization.managementAccountId]);
    expect(provider.assume_role).toBeUndefined();
    expect(provider.default_tags[0].tags).not.toHaveProperty("Account");
  });

  it("assumes the member account role in a member account, tagged with that account", () => {
    const audit = accounts.audit;
    const [provider] = synth(audit).provider.aws;
    expect(provider.allowed_account_ids).toEqual([audit.id]);
    expect(provider.assume_role).toEqual([{ role_arn: `arn:aws:iam::${audit.id}:role/${config.organization.memberAccountRole}`, session_name: expect.stringContaining("probe") }]);
    expect(provider.default_tags[0].tags).toMatchObject({ Account: audit.name, ManagedBy: "landing-zone" });
  });
});

describe("the minimum Terraform version", () => {
  it("compares exact versions part by part", () => {
    expect(["1.10.0", "1.10.5", "1.12.2", "2.0.0"].map(atLeastMinimumTerraform)).toEqual([true, true, true, true]);
    expect(["1.9.8", "1.5.7", "0.15.0"].map(atLeastMinimumTerraform)).toEqual([false, false, false]);
  });

  it("refuses a Terraform Cloud workspace version older than it, at its place in the file", () => {
    const data = exampleConfigData();
    data.backend = { type: "cloud", organization: "kestrel", terraformVersion: "1.5.7" };
    expect(() => configFromData(data)).toThrow(/backend\.terraformVersion: Terraform 1\.5\.7 is too old; the stacks need at least 1\.10\.0/);
  });
});
