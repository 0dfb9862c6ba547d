import { Testing, TerraformStack } from "cdktf";
import { LandingZoneKey } from "../src/constructs/landing-zone-key";
import { LogArchiveBucket, type LogArchiveBucketProps } from "../src/constructs/log-archive-bucket";

const BASE: LogArchiveBucketProps = {
  bucketName: "test-bucket",
  policy: "{}",
  kmsKeyArn: "arn:aws:kms:eu-west-2:111111111111:key/abc",
  objectLock: { mode: "COMPLIANCE", days: 365 },
  transitionToGlacierDays: 90,
  expirationDays: 400,
};

const bucketWith = (props: Partial<LogArchiveBucketProps>) => () =>
  new LogArchiveBucket(new TerraformStack(Testing.app(), "test"), "bucket", { ...BASE, ...props });

describe("LogArchiveBucket", () => {
  it("refuses an expiry shorter than the object lock, naming the props and values", () => {
    expect(bucketWith({ expirationDays: 300 })).toThrow("LogArchiveBucket test-bucket: expirationDays (300) must be at least objectLock.days (365)");
  });

  it("refuses a Glacier transition at or after expiry", () => {
    expect(bucketWith({ transitionToGlacierDays: 400 })).toThrow("transitionToGlacierDays (400) must be less than expirationDays (400)");
  });

  it("refuses a locked bucket without SSE-KMS", () => {
    expect(bucketWith({ kmsKeyArn: undefined })).toThrow("must use SSE-KMS: give kmsKeyArn");
  });

  it("reports every problem at once", () => {
    expect(bucketWith({ kmsKeyArn: undefined, expirationDays: 90 })).toThrow(/transitionToGlacierDays .*; expirationDays .*; a bucket with Object Lock/);
  });
});

describe("LandingZoneKey", () => {
  it("always rotates, keeps the 30-day deletion window and prevent_destroy, whatever the caller's policy", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new LandingZoneKey(stack, "key", { alias: "alias/x-lz-test", description: "test", policy: '{"Version":"2012-10-17","Statement":[]}' });
    const json = JSON.parse(Testing.synth(stack));
    const [key] = Object.values(json.resource.aws_kms_key) as Record<string, any>[];
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true }, policy: '{"Version":"2012-10-17","Statement":[]}' });
    expect(Object.values(json.resource.aws_kms_alias)).toEqual([expect.objectContaining({ name: "alias/x-lz-test" })]);
  });
});
