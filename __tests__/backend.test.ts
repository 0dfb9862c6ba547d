import { configFromData, exampleConfigData } from "./helpers";
import { synthesizeStackAlone, type LoneStackName } from "./support/one-stack";

function backendOf(backend: unknown, stackName: LoneStackName) {
  const data = exampleConfigData();
  data.backend = backend;
  return synthesizeStackAlone(stackName, configFromData(data)).json;
}

describe("backends", () => {
  it("local: one state file per stack in the project root, outside cdktf.out, with a relative path", () => {
    const json = backendOf({ type: "local" }, "account-audit");
    expect(json.terraform.backend).toEqual({ local: { path: "../../../terraform.account-audit.tfstate" } });
  });

  it("s3: one key per stack, encrypted, with S3-native locking", () => {
    const json = backendOf({ type: "s3", bucket: "kestrel-tf-state", region: "eu-west-2", kmsKeyId: "arn:aws:kms:eu-west-2:111111111111:key/abc" }, "organization");
    expect(json.terraform.backend).toEqual({
      s3: { bucket: "kestrel-tf-state", key: "landing-zone/organization/terraform.tfstate", region: "eu-west-2", encrypt: true, kms_key_id: "arn:aws:kms:eu-west-2:111111111111:key/abc", use_lockfile: true },
    });
  });

  // s3: account stacks read the organization stack's state from its key: landing-zone-stack.test.ts (whole app).

  it("cloud: one workspace per stack, named with the prefix, in the configured project", () => {
    const json = backendOf({ type: "cloud", organization: "kestrel", project: "landing-zone", workspacePrefix: "lz-" }, "account-voting-prod");
    expect(json.terraform.cloud).toEqual({ hostname: "app.terraform.io", organization: "kestrel", workspaces: { name: "lz-account-voting-prod", project: "landing-zone" } });
  });
});
