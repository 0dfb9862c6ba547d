import { Testing, TerraformStack } from "cdktf";
import { ConfigRecorder, type ConfigRecorderProps } from "../src/constructs/config-recorder";
import { Naming } from "../src/naming";
import { configBucketPolicy, type LogArchivePolicyContext } from "../src/policies/log-archive";
import { configFromData, exampleConfig, exampleConfigData, stackNamed, synthesizeLandingZoneStacks, synthesized } from "./helpers";
import { synthesizeStackAlone } from "./support/one-stack";
import { OrganizationSimulator, SIMULATED_ORG_ID } from "./support/organization-simulator";

const naming = new Naming({ prefix: "kestrel", homeRegion: "eu-west-2" });
const KEY = "arn:aws:kms:eu-west-2:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const BUCKET = "kestrel-lz-config-333333333333-eu-west-2";

/** The recorder construct alone, synthesized in a stack of its own. */
function recorderJson(props: Partial<ConfigRecorderProps> = {}): Record<string, any> {
  const stack = new TerraformStack(Testing.app(), "test");
  new ConfigRecorder(stack, "config", { naming, homeRegion: "eu-west-2", regions: ["eu-west-2"], bucketName: BUCKET, kmsKeyArn: KEY, ...props });
  return JSON.parse(Testing.synth(stack)).resource;
}

const byRegion = (resources: Record<string, any>, region: string) => Object.values(resources).find((r: any) => r.region === region) as any;

describe("AWS Config recorder construct", () => {
  it("records every supported resource type, continuously, with the service-linked role", () => {
    const json = recorderJson();
    const recorder = byRegion(json.aws_config_configuration_recorder, "eu-west-2");
    expect(recorder.recording_group).toEqual({ all_supported: true, include_global_resource_types: true });
    expect(recorder.recording_mode).toEqual({ recording_frequency: "CONTINUOUS" });
    const [roleAddress] = Object.keys(json.aws_iam_service_linked_role);
    expect(recorder.role_arn).toBe(`\${aws_iam_service_linked_role.${roleAddress}.arn}`);
    expect(Object.values(json.aws_iam_service_linked_role)).toEqual([expect.objectContaining({ aws_service_name: "config.amazonaws.com" })]);
  });

  it("records global IAM resource types in the home Region only, and every allowed Region gets a recorder", () => {
    const json = recorderJson({ regions: ["eu-west-2", "eu-west-1", "eu-central-1"] });
    const recorders = Object.values(json.aws_config_configuration_recorder) as any[];
    expect(recorders.map((r) => r.region).sort()).toEqual(["eu-central-1", "eu-west-1", "eu-west-2"]);
    for (const recorder of recorders) {
      expect([recorder.region, recorder.recording_group.all_supported]).toEqual([recorder.region, true]);
      expect([recorder.region, recorder.recording_group.include_global_resource_types]).toEqual([recorder.region, recorder.region === "eu-west-2"]);
    }
    // One service-linked role for the account (IAM is global), however many Regions.
    expect(Object.keys(json.aws_iam_service_linked_role)).toHaveLength(1);
    expect(Object.keys(json.aws_config_delivery_channel)).toHaveLength(3);
    expect(Object.keys(json.aws_config_configuration_recorder_status)).toHaveLength(3);
  });

  it("delivers to the log archive's Config bucket with its key and no key prefix, after the recorder exists", () => {
    const json = recorderJson({ regions: ["eu-west-2", "eu-west-1"] });
    for (const region of ["eu-west-2", "eu-west-1"]) {
      const channel = byRegion(json.aws_config_delivery_channel, region);
      expect(channel).toMatchObject({ s3_bucket_name: BUCKET, s3_kms_key_arn: KEY });
      expect(channel.s3_key_prefix).toBeUndefined();
      const recorderAddress = Object.keys(json.aws_config_configuration_recorder).find((k) => json.aws_config_configuration_recorder[k].region === region);
      expect(channel.depends_on).toEqual([`aws_config_configuration_recorder.${recorderAddress}`]);
    }
  });

  it("switches each Region's recorder on only after its delivery channel exists", () => {
    const json = recorderJson({ regions: ["eu-west-2", "eu-west-1"] });
    for (const region of ["eu-west-2", "eu-west-1"]) {
      const status = byRegion(json.aws_config_configuration_recorder_status, region);
      const channelAddress = Object.keys(json.aws_config_delivery_channel).find((k) => json.aws_config_delivery_channel[k].region === region);
      expect(status.is_enabled).toBe(true);
      expect(status.depends_on).toEqual([`aws_config_delivery_channel.${channelAddress}`]);
      expect(status.name).toMatch(/^\$\{aws_config_configuration_recorder\.config_recorder_eu_west_[12]_[0-9A-F]+\.name\}$/);
    }
  });

  it("refuses Regions without the home Region, where global resources would go unrecorded", () => {
    expect(() => recorderJson({ regions: ["eu-west-1"] })).toThrow(/leave out the home Region eu-west-2/);
  });
});

/** The stacks these tests read: every stack with a recorder or the Config bucket, and the organization stack. */
const configStacks = (name: string) => ["organization", "log-archive", "org-trail"].includes(name) || name.startsWith("account-");

describe("AWS Config in the landing zone's stacks", () => {
  let stacks: ReturnType<typeof synthesizeLandingZoneStacks>;
  beforeAll(() => {
    stacks = synthesizeLandingZoneStacks(exampleConfig(), configStacks);
  });
  const recorders = (name: string) => synthesized(stackNamed(stacks, name)).resources("aws_config_configuration_recorder");
  const channels = (name: string) => Object.values(synthesized(stackNamed(stacks, name)).resources("aws_config_delivery_channel")) as any[];

  it.each(["account-log-archive", "account-audit", "account-shared-services", "account-voting-prod", "account-voting-nonprod", "org-trail"])(
    "%s records in the home Region and delivers to the log archive's Config bucket with the log archive key",
    (name) => {
      expect(Object.values(recorders(name)).map((r: any) => r.region)).toEqual(["eu-west-2"]);
      const logArchive = synthesized(stackNamed(stacks, "log-archive"));
      const [configBucketAddress] = Object.entries(logArchive.resources("aws_s3_bucket")).find(([, b]: [string, any]) => /-lz-config-/.test(b.bucket)) ?? [];
      const [channel] = channels(name);
      // The log-archive stack's own bucket, read from its state: the bucket the log archive's Config policy guards.
      expect(channel.s3_bucket_name).toBe(`\${data.terraform_remote_state.cross-stack-reference-input-log-archive.outputs.cross-stack-output-aws_s3_bucket${configBucketAddress}bucket}`);
      expect(channel.s3_kms_key_arn).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-log-archive\.outputs\.cross-stack-output-aws_kms_keylog_archive_key[\w-]*arn\}$/);
    },
  );

  it("the management account's recorder is in the org-trail stack, which runs in the management account", () => {
    const orgTrail = synthesized(stackNamed(stacks, "org-trail"));
    expect(orgTrail.json.provider.aws[0].allowed_account_ids).toEqual(["111111111111"]);
    expect(Object.keys(orgTrail.resources("aws_config_configuration_recorder_status"))).toHaveLength(1);
  });

  it("gives an account in an OU with its own Regions a recorder in each of them, global types still only at home", () => {
    const data = exampleConfigData();
    data.organizationalUnits[2].children[0].allowedRegions = ["eu-west-2", "eu-west-1"]; // Workloads/Prod
    const multi = synthesizeLandingZoneStacks(configFromData(data), configStacks);
    const prod = Object.values(synthesized(stackNamed(multi, "account-voting-prod")).resources("aws_config_configuration_recorder")) as any[];
    expect(prod.map((r) => [r.region, r.recording_group.include_global_resource_types]).sort()).toEqual([["eu-west-1", false], ["eu-west-2", true]]);
    const nonprod = Object.values(synthesized(stackNamed(multi, "account-voting-nonprod")).resources("aws_config_configuration_recorder")) as any[];
    expect(nonprod.map((r) => r.region)).toEqual(["eu-west-2"]);
  });

  it("registers the audit account as Config's delegated administrator, with trusted access for Config", () => {
    const organization = synthesized(stackNamed(stacks, "organization"));
    const registrations = Object.values(organization.resources("aws_organizations_delegated_administrator")) as any[];
    const config = registrations.filter((r) => r.service_principal === "config.amazonaws.com");
    expect(config).toHaveLength(1);
    expect(config[0].account_id).toMatch(/aws_organizations_account\.account_audit/);
    expect(config[0].depends_on).toEqual(["aws_organizations_organization.organization"]);
    expect(organization.resource("aws_organizations_organization", "organization").aws_service_access_principals).toContain("config.amazonaws.com");
  });

  it("aggregates every account and Region of the organisation in the audit account only", () => {
    const audit = synthesized(stackNamed(stacks, "account-audit"));
    const aggregators = Object.values(audit.resources("aws_config_configuration_aggregator")) as any[];
    expect(aggregators).toHaveLength(1);
    expect(aggregators[0].organization_aggregation_source).toMatchObject({ all_regions: true });
    expect(aggregators[0].account_aggregation_source).toBeUndefined();
    const role = Object.values(audit.resources("aws_iam_role")).find((r: any) => r.name === "kestrel-lz-config-aggregator") as any;
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([expect.objectContaining({ Principal: { Service: "config.amazonaws.com" }, Action: "sts:AssumeRole" })]);
    const attachments = Object.values(audit.resources("aws_iam_role_policy_attachments_exclusive")) as any[];
    expect(attachments.map((a) => a.policy_arns)).toContainEqual(["arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations"]);
    for (const name of ["account-log-archive", "account-shared-services", "account-voting-prod", "org-trail", "organization"])
      expect([name, Object.keys(synthesized(stackNamed(stacks, name)).resources("aws_config_configuration_aggregator"))]).toEqual([name, []]);
  });
});

describe("the log archive's Config bucket admits what the delivery channel delivers", () => {
  let sim: OrganizationSimulator;
  let logArchive: string;
  let member: string;
  let context: LogArchivePolicyContext;
  beforeAll(() => {
    sim = new OrganizationSimulator(synthesizeStackAlone("organization", configFromData({ ...exampleConfigData(), organization: { ...exampleConfigData().organization, id: SIMULATED_ORG_ID } })));
    logArchive = sim.accountId("log-archive");
    member = sim.accountId("voting-prod");
    context = {
      logArchiveAccountId: logArchive, managementAccountId: "111111111111", organizationId: SIMULATED_ORG_ID, homeRegion: "eu-west-2",
      regions: ["eu-west-2"], trailArn: "arn:aws:cloudtrail:eu-west-2:111111111111:trail/kestrel-lz-org-trail", auditorRoleArns: [], auditAccountId: sim.accountId("audit"),
    };
  });

  it.each(["eu-west-2", "eu-west-1"])("an object Config writes from %s with the channel's prefix is allowed; a foreign organisation's is not", async (region) => {
    const json = recorderJson({ regions: ["eu-west-2", "eu-west-1"], bucketName: naming.logBucketName("config", logArchive) });
    const channel = byRegion(json.aws_config_delivery_channel, region);
    // Config's object key: [prefix/]AWSLogs/<account>/Config/<region>/… (AWS Config DG, delivery channel).
    const key = `${channel.s3_key_prefix === undefined ? "" : `${channel.s3_key_prefix}/`}AWSLogs/${member}/Config/${region}/2026/11/24/ConfigHistory/x.json.gz`;
    const request = {
      account: "log-archive", principal: "config.amazonaws.com", action: "s3:PutObject",
      resource: `arn:aws:s3:::${channel.s3_bucket_name}/${key}`,
      resourcePolicy: configBucketPolicy(naming.logBucketName("config", logArchive), context),
      context: { "aws:SourceAccount": member, "aws:SourceArn": `arn:aws:config:${region}:${member}:*`, "aws:SourceOrgID": SIMULATED_ORG_ID, "s3:x-amz-acl": "bucket-owner-full-control" },
    };
    expect((await sim.evaluate(request)).result).toBe("Allowed");
    expect((await sim.evaluate({ ...request, context: { ...request.context, "aws:SourceOrgID": "o-someoneelse" } })).result).toBe("ExplicitlyDenied");
    // With a key prefix the objects would fall outside the statement that admits Config.
    expect((await sim.evaluate({ ...request, resource: `arn:aws:s3:::${channel.s3_bucket_name}/config/${key}` })).result).not.toBe("Allowed");
  });
});
