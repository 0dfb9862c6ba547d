import { Testing } from "cdktf";
import type { Construct } from "constructs";
import { landingZoneStackNames } from "../src/naming";
import { MINIMUM_TERRAFORM_VERSION, atLeastMinimumTerraform } from "../src/terraform/version";
import { AccountDirectory } from "../src/stacks/account-directory";
import { LandingZoneStack, type LandingZoneStackProps } from "../src/stacks/landing-zone-stack";
import { configFromData, exampleConfig, exampleConfigData, synthesizeLandingZone, synthesized } from "./helpers";

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

describe("every stack of the app has exactly the configured backend", () => {
  for (const [type, { config: backend, expected }] of Object.entries(BACKENDS)) {
    describe(`backend: ${type}`, () => {
      const data = exampleConfigData();
      data.backend = backend;
      const config = configFromData(data);
      let stacks: ReturnType<typeof synthesizeLandingZone>;
      beforeAll(() => {
        stacks = synthesizeLandingZone(config);
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
    });
  }
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
