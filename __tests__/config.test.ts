import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "../src/config/errors";
import { loadConfig, parseConfig } from "../src/config/load";
import { stringify } from "yaml";
import { configFromData, exampleConfig, exampleConfigData, issuesOf, issuesOfData, MINIMAL_CONFIG_WITHOUT_LOGGING } from "./helpers";



const MINIMAL = `${MINIMAL_CONFIG_WITHOUT_LOGGING}logging:
  securityContacts: [security@example.org]
`;

describe("the example config", () => {
  it("is valid and keeps London as home and only allowed Region", () => {
    const config = exampleConfig();
    expect(config.organization.homeRegion).toBe("eu-west-2");
    expect(config.organization.allowedRegions).toEqual(["eu-west-2"]);
    expect(config.organizationalUnits.map((ou) => ou.name)).toEqual(["Security", "Infrastructure", "Workloads", "Sandbox", "Suspended"]);
    expect(config.accounts.filter((a) => a.purpose === "workload").length).toBeGreaterThanOrEqual(2);
  });

  it("is frozen, so no stack can change what another stack sees", () => {
    const config = exampleConfig();
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.accounts[0])).toBe(true);
    expect(() => (config.organization as { prefix: string }).prefix = "x").toThrow(TypeError);
  });
});

describe("defaults", () => {
  it("fills in home Region, allowed Regions, member role and local backend", () => {
    const config = parseConfig(MINIMAL, "minimal.yaml");
    expect(config.organization.homeRegion).toBe("eu-west-2");
    expect(config.organization.allowedRegions).toEqual(["eu-west-2"]);
    expect(config.organization.memberAccountRole).toBe("OrganizationAccountAccessRole");
    expect(config.backend).toEqual({ type: "local" });
    expect(config.organizationalUnits[0]?.children).toEqual([]);
  });

  it("fills in the S3 key prefix and the Terraform Cloud hostname and workspace prefix", () => {
    const s3 = parseConfig(`${MINIMAL}backend:\n  type: s3\n  bucket: my-state\n  region: eu-west-2\n`, "s3.yaml");
    expect(s3.backend).toEqual({ type: "s3", bucket: "my-state", region: "eu-west-2", keyPrefix: "landing-zone" });
    const cloud = parseConfig(`${MINIMAL}backend:\n  type: cloud\n  organization: acme\n`, "cloud.yaml");
    expect(cloud.backend).toEqual({
      type: "cloud", organization: "acme", hostname: "app.terraform.io", workspacePrefix: "landing-zone-",
      terraformVersion: "1.12.2", workspaces: {}, workspaceTags: ["landing-zone"], healthAssessments: true, pipelineShards: 16,
    });
  });
});

describe("schema errors name the file, the path, the line and column, and what is allowed", () => {
  it("rejects an unknown key, listing the keys allowed there", () => {
    const text = MINIMAL.replace("  owner: platform\n", "  owner: platform\n  alowedRegions: [eu-west-2]\n");
    const [issue, ...rest] = issuesOf(() => parseConfig(text, "lz.yaml"));
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ file: "lz.yaml", path: ["organization", "alowedRegions"], line: 6, column: 3 });
    expect(issue?.message).toMatch(/unknown key "alowedRegions"; did you mean "allowedRegions"\? Allowed keys: name, prefix, id, managementAccountId, homeRegion, allowedRegions/);
  });

  it("rejects an unknown key at the top level", () => {
    const [issue] = issuesOf(() => parseConfig(`${MINIMAL}guardrail: {}\n`, "lz.yaml"));
    expect(issue).toMatchObject({ path: ["guardrail"], line: 22, column: 1 });
    expect(issue?.message).toMatch(/^unknown key "guardrail"; did you mean "guardrails"\? Allowed keys: \$schema, organization, organizationalUnits, accounts, backend/);
  });

  it("reports a missing required key at its parent", () => {
    const [issue] = issuesOf(() => parseConfig(MINIMAL.replace("  owner: platform\n", ""), "lz.yaml"));
    expect(issue).toMatchObject({ path: ["organization", "owner"], line: 2, column: 3 });
    expect(issue?.message).toBe('missing required key "owner" (expected string)');
  });

  it("rejects an account id that is not 12 digits", () => {
    const issues = issuesOfData((d) => (d.accounts[3].id = "12345"));
    expect(issues).toEqual([expect.objectContaining({ path: ["accounts", 3, "id"], message: '"12345" is not an AWS account id; expected exactly 12 digits' })]);
  });

  it("rejects an account id written as a number, which YAML would strip of leading zeros", () => {
    const issues = issuesOf(() => parseConfig(MINIMAL.replace('managementAccountId: "111111111111"', "managementAccountId: 011111111111"), "lz.yaml"));
    expect(issues[0]).toMatchObject({ path: ["organization", "managementAccountId"], line: 4 });
    expect(issues[0]?.message).toMatch(/quoted string of 12 digits/);
  });

  it("rejects a Region code that does not exist, listing the real ones", () => {
    const issues = issuesOfData((d) => (d.organization.allowedRegions = ["eu-west-2", "eu-london-1"]));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toEqual(["organization", "allowedRegions", 1]);
    expect(issues[0]?.message).toMatch(/^"eu-london-1" is not an AWS Region code of the commercial partition; allowed: af-south-1, .*eu-west-2, /);
  });

  it("rejects a Region code of another partition", () => {
    const issues = issuesOfData((d) => (d.organization.homeRegion = "us-gov-west-1"));
    expect(issues.map((i) => i.path)).toContainEqual(["organization", "homeRegion"]);
  });

  it("rejects a repeated Region", () => {
    const issues = issuesOfData((d) => (d.organization.allowedRegions = ["eu-west-2", "eu-west-2"]));
    expect(issues).toEqual([expect.objectContaining({ path: ["organization", "allowedRegions"], message: "Regions must not repeat" })]);
  });

  it("rejects an email that is not an email address", () => {
    const issues = issuesOfData((d) => (d.accounts[1].email = "log-archive"));
    expect(issues).toEqual([expect.objectContaining({ path: ["accounts", 1, "email"], message: '"log-archive" is not an email address' })]);
  });

  it("rejects an unknown account purpose, listing the allowed ones", () => {
    const issues = issuesOfData((d) => (d.accounts[4].purpose = "production"));
    expect(issues).toEqual([expect.objectContaining({
      path: ["accounts", 4, "purpose"],
      message: '"production" is not one of the allowed values: management, log-archive, audit, shared-services, workload, sandbox',
    })]);
  });

  it("rejects a prefix that cannot start an S3 bucket name", () => {
    const issues = issuesOfData((d) => (d.organization.prefix = "Kestrel_"));
    expect(issues[0]?.path).toEqual(["organization", "prefix"]);
    expect(issues[0]?.message).toMatch(/2-12 lowercase letters/);
  });

  it("rejects an unknown backend type", () => {
    const issues = issuesOfData((d) => (d.backend = { type: "consul" }));
    expect(issues).toEqual([expect.objectContaining({ path: ["backend", "type"], message: 'backend type must be one of "local", "s3", "cloud"' })]);
  });

  it("rejects an OU name with a slash, which would break OU paths", () => {
    const issues = issuesOfData((d) => (d.organizationalUnits[0].name = "Security/Audit"));
    expect(issues.map((i) => i.path)).toContainEqual(["organizationalUnits", 0, "name"]);
  });

  it("reports a YAML syntax error with its line", () => {
    const issues = issuesOf(() => parseConfig("organization:\n  name: [unclosed\n", "lz.yaml"));
    expect(issues[0]?.message).toMatch(/^YAML syntax: /);
    expect(issues[0]?.file).toBe("lz.yaml");
  });

  it("reports a duplicated YAML key instead of silently keeping the last one", () => {
    const issues = issuesOf(() => parseConfig(MINIMAL.replace("  owner: platform\n", "  owner: platform\n  owner: security\n"), "lz.yaml"));
    expect(issues[0]).toMatchObject({ line: 6 });
    expect(issues[0]?.message).toMatch(/YAML syntax: .*unique/i);
  });
});

describe("cross-field errors", () => {
  it("rejects a repeated account name", () => {
    const issues = issuesOfData((d) => d.accounts.push({ ...d.accounts[4], email: "other@kestrel.example.org", network: undefined }));
    expect(issues).toEqual([expect.objectContaining({
      path: ["accounts", 6, "name"],
      message: 'account name "voting-prod" is already used by accounts[4]; account names must be unique',
    })]);
  });

  it("rejects a repeated email, ignoring case", () => {
    const issues = issuesOfData((d) => (d.accounts[5].email = d.accounts[4].email.toUpperCase()));
    expect(issues).toEqual([expect.objectContaining({ path: ["accounts", 5, "email"], message: expect.stringMatching(/is already used by accounts\[4\]/) })]);
  });

  it("rejects a repeated account id", () => {
    const issues = issuesOfData((d) => (d.accounts[4].id = d.accounts[3].id));
    expect(issues).toEqual([expect.objectContaining({ path: ["accounts", 4, "id"], message: "account id 222222222222 is given to more than one account" })]);
  });

  it("rejects an OU reference that does not exist, listing the OU paths", () => {
    const issues = issuesOfData((d) => (d.accounts[4].ou = "Workloads/Production"));
    expect(issues).toEqual([expect.objectContaining({
      path: ["accounts", 4, "ou"],
      message: 'no OU has the path "Workloads/Production"; known OU paths: Security, Infrastructure, Workloads, Workloads/Prod, Workloads/NonProd, Sandbox, Suspended',
    })]);
  });

  it("rejects a member account without an OU", () => {
    const issues = issuesOfData((d) => delete d.accounts[4].ou);
    expect(issues).toEqual([expect.objectContaining({ path: ["accounts", 4], message: expect.stringMatching(/^missing ou: every member account sits in an OU/) })]);
  });

  it("rejects an OU on the management account", () => {
    const issues = issuesOfData((d) => (d.accounts[0].ou = "Security"));
    expect(issues).toEqual([expect.objectContaining({ path: ["accounts", 0, "ou"], message: expect.stringMatching(/management account stays at the organization root/) })]);
  });

  it("rejects a management account id that differs from organization.managementAccountId", () => {
    const issues = issuesOfData((d) => (d.accounts[0].id = "999999999999"));
    expect(issues).toEqual([expect.objectContaining({
      path: ["accounts", 0, "id"],
      message: "the management account's id 999999999999 differs from organization.managementAccountId 111111111111",
    })]);
  });

  it("requires a log archive account", () => {
    const issues = issuesOfData((d) => (d.accounts[1].purpose = "shared-services"));
    expect(issues).toEqual([expect.objectContaining({ path: ["accounts"], message: 'exactly one account must have purpose "log-archive"; found none' })]);
  });

  it("rejects a second audit account", () => {
    const issues = issuesOfData((d) => ((d.accounts[5].purpose = "audit"), delete d.accounts[5].network));
    expect(issues).toEqual([expect.objectContaining({
      path: ["accounts", 5, "purpose"],
      message: 'exactly one account may have purpose "audit"; accounts[2] already has it',
    })]);
  });

  it("rejects OUs nested more than five levels deep, once, at the first level too deep", () => {
    const issues = issuesOfData((d) => {
      d.organizationalUnits.push({ name: "L1", children: [{ name: "L2", children: [{ name: "L3", children: [{ name: "L4", children: [{ name: "L5", children: [{ name: "L6", children: [{ name: "L7" }] }] }] }] }] }] });
    });
    expect(issues).toEqual([expect.objectContaining({
      path: ["organizationalUnits", 5, "children", 0, "children", 0, "children", 0, "children", 0, "children", 0],
      message: 'OU "L1/L2/L3/L4/L5/L6" is 6 levels deep; AWS allows at most 5 levels under the root',
    })]);
  });

  it("accepts OUs exactly five levels deep", () => {
    const data = exampleConfigData();
    data.organizationalUnits.push({ name: "L1", children: [{ name: "L2", children: [{ name: "L3", children: [{ name: "L4", children: [{ name: "L5" }] }] }] }] });
    expect(() => configFromData(data)).not.toThrow();
  });

  it("rejects two OUs with the same name under one parent", () => {
    const issues = issuesOfData((d) => d.organizationalUnits[2].children.push({ name: "Prod" }));
    expect(issues).toEqual([expect.objectContaining({
      path: ["organizationalUnits", 2, "children", 2, "name"],
      message: 'OU path "Workloads/Prod" appears twice; OU names must be unique under the same parent',
    })]);
  });

  it("adopts the organization in the example, since it adopts an account", () => {
    const config = exampleConfig();
    expect(config.accounts.some((a) => a.purpose !== "management" && a.id !== undefined)).toBe(true);
    expect(config.organization.id).toMatch(/^o-/);
  });

  it("rejects adopting an account or an OU without adopting the organization, each at its line", () => {
    const data = exampleConfigData();
    delete data.organization.id;
    data.organizationalUnits[1].id = "ou-ab12-cdef3456";
    const text = stringify(data);
    const issues = issuesOf(() => parseConfig(text, "lz.yaml"));
    const lineOf = (needle: string) => text.split("\n").findIndex((line) => line.includes(needle)) + 1;
    expect(issues).toEqual([
      expect.objectContaining({
        path: ["organizationalUnits", 1, "id"], line: lineOf("ou-ab12-cdef3456"),
        message: 'OU "Infrastructure" is adopted (id ou-ab12-cdef3456), which requires adopting the organization too: give organization.id (o-…) of the organization it belongs to, or remove id to create it anew',
      }),
      expect.objectContaining({
        path: ["accounts", 3, "id"], line: lineOf('"222222222222"'),
        message: expect.stringMatching(/^account "shared-services" is adopted \(id 222222222222\), which requires adopting the organization too: give organization.id/),
      }),
    ]);
  });

  it("does not count the management account's id as an adoption", () => {
    const data = exampleConfigData();
    delete data.organization.id;
    delete data.accounts[3].id;
    expect(data.accounts[0].id).toBe("111111111111");
    expect(() => configFromData(data)).not.toThrow();
  });

  it.each(["xn--kestrel", "sthree", "sthree-lz", "amzn-s3-demo"])("rejects the prefix %s, which makes S3 bucket names begin with a reserved prefix", (prefix) => {
    const issues = issuesOfData((d) => (d.organization.prefix = prefix));
    expect(issues).toEqual([expect.objectContaining({
      path: ["organization", "prefix"],
      message: expect.stringMatching(/makes the log bucket names begin with "(xn--|sthree-|amzn-s3-demo-)" .*; choose a prefix that does not make bucket names begin with xn--, sthree-, amzn-s3-demo-$/),
    })]);
  });

  it.each(["xn-kestrel", "sthreex", "amzn-s3", "s3-demo"])("accepts the prefix %s, whose bucket names begin with nothing S3 reserves", (prefix) => {
    const data = exampleConfigData();
    data.organization.prefix = prefix;
    expect(() => configFromData(data)).not.toThrow();
  });

  it("requires the home Region among the allowed Regions", () => {
    const issues = issuesOfData((d) => (d.organization.allowedRegions = ["eu-west-1"]));
    expect(issues).toEqual([expect.objectContaining({
      path: ["organization", "allowedRegions"],
      message: "allowedRegions (eu-west-1) must include the homeRegion eu-west-2",
    })]);
  });
});

describe("reporting", () => {
  it("reports every problem at once, each with its location, in one message", () => {
    const text = MINIMAL.replace("prefix: test", "prefix: T").replace("logs@example.org", "not-an-email").replace("    ou: Security\n  - name: audit", "    ou: Nowhere\n  - name: audit");
    let error: ConfigError | undefined;
    try {
      parseConfig(text, "lz.yaml");
    } catch (e) {
      error = e as ConfigError;
    }
    // In the order of the file.
    expect(error?.issues.map((i) => i.path)).toEqual([["organization", "prefix"], ["accounts", 1, "email"]]);
    expect(error?.message).toMatch(/^lz\.yaml: 2 problems in the landing zone config\n/);
    expect(error?.message).toContain("  lz.yaml:3:11 organization.prefix: the prefix has 2-12 lowercase letters");
    expect(error?.message).toContain('(it begins every S3 bucket, role and key name); got "T"');
    expect(error?.message).toContain('  lz.yaml:13:12 accounts[1].email: "not-an-email" is not an email address');
  });

  it("reads the file named by LANDING_ZONE_CONFIG", () => {
    const dir = mkdtempSync(join(tmpdir(), "lz-config-"));
    const file = join(dir, "other.yaml");
    writeFileSync(file, MINIMAL.replace("Test Ltd", "Other Ltd"));
    const previous = process.env.LANDING_ZONE_CONFIG;
    process.env.LANDING_ZONE_CONFIG = file;
    try {
      expect(loadConfig().organization.name).toBe("Other Ltd");
    } finally {
      if (previous === undefined) delete process.env.LANDING_ZONE_CONFIG;
      else process.env.LANDING_ZONE_CONFIG = previous;
    }
  });

  it("says clearly when the config file does not exist", () => {
    const issues = issuesOf(() => loadConfig("/nonexistent/landing-zone.yaml"));
    expect(issues).toEqual([expect.objectContaining({ path: [], message: "cannot read the config: file not found; tried /nonexistent/landing-zone.yaml" })]);
  });
});

describe("every other field pattern has its own message at its own path", () => {
  const cases: ReadonlyArray<readonly [string, (d: Record<string, any>) => void, readonly (string | number)[], RegExp]> = [
    ["organization id", (d) => (d.organization.id = "org-123"), ["organization", "id"], /an organization id looks like o-abc123def4/],
    ["OU id", (d) => (d.organizationalUnits[0].id = "ou-1"), ["organizationalUnits", 0, "id"], /an OU id looks like ou-ab12-cd34ef56/],
    ["member role name", (d) => (d.organization.memberAccountRole = "role with spaces"), ["organization", "memberAccountRole"], /an IAM role name has 1-64 letters, digits or \+=,\.@_-/],
    ["tag key starting with aws:", (d) => (d.organization.tags = { "aws:owner": "x" }), ["organization", "tags", "aws:owner"], /^a tag key has 1-128 .* and must not start with aws:$/],
    ["tag value over 256 characters", (d) => (d.accounts[4].tags = { Environment: "x".repeat(257) }), ["accounts", 4, "tags", "Environment"], /a tag value has at most 256 characters/],
    ["account name", (d) => (d.accounts[4].name = "Voting_Prod"), ["accounts", 4, "name"], /an account name has 2-30 lowercase letters/],
    ["account display name", (d) => (d.accounts[4].displayName = "x".repeat(51)), ["accounts", 4, "displayName"], /an AWS account name has 1-50 printable ASCII characters/],
    ["S3 state bucket", (d) => (d.backend = { type: "s3", bucket: "Bad_Bucket", region: "eu-west-2" }), ["backend", "bucket"], /not a valid S3 bucket name/],
    ["S3 state key prefix", (d) => (d.backend = { type: "s3", bucket: "state", region: "eu-west-2", keyPrefix: "/lz/" }), ["backend", "keyPrefix"], /a key prefix is path segments/],
    ["S3 state role", (d) => (d.backend = { type: "s3", bucket: "state", region: "eu-west-2", roleArn: "admin" }), ["backend", "roleArn"], /expected an IAM role ARN/],
    ["workspace prefix", (d) => (d.backend = { type: "cloud", organization: "acme", workspacePrefix: "lz/" }), ["backend", "workspacePrefix"], /a workspace prefix has letters, digits, _ or -/],
    ["unknown backend key", (d) => (d.backend = { type: "local", path: "x" }), ["backend", "path"], /unknown key "path"; allowed keys: type/],
  ];

  it.each(cases)("%s", (_, mutate, path, message) => {
    const issues = issuesOfData(mutate);
    expect(issues).toEqual([expect.objectContaining({ path, message: expect.stringMatching(message) })]);
  });
});
