import { AWS_REGION_CODES } from "../src/regions/aws-regions";
import { LOG_BUCKET_KINDS, Naming } from "../src/naming";

describe("naming", () => {
  const naming = new Naming({ prefix: "kestrel", homeRegion: "eu-west-2" });

  it("keeps every log bucket name within S3's 63 characters for the longest prefix, kind and Region", () => {
    const longestRegion = AWS_REGION_CODES.reduce((a, b) => (b.length > a.length ? b : a));
    const worst = new Naming({ prefix: "abcdefghijkl", homeRegion: longestRegion });
    for (const kind of LOG_BUCKET_KINDS) {
      const name = worst.logBucketName(kind, "123456789012");
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name).toMatch(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/);
    }
  });

  it("gives every protected resource the reserved <prefix>-lz prefix that guardrails match", () => {
    const bucket = naming.logBucketName("cloudtrail", "123456789012");
    expect(bucket).toBe("kestrel-lz-cloudtrail-123456789012-eu-west-2");
    expect(naming.logBucketArnPatterns).toEqual(["arn:aws:s3:::kestrel-lz-*", "arn:aws:s3:::kestrel-lz-*/*"]);
    expect(naming.kmsAlias("log-archive")).toBe("alias/kestrel-lz-log-archive");
    expect(naming.kmsAliasPattern).toBe("alias/kestrel-lz-*");
    expect(naming.roleName("backup")).toBe("kestrel-lz-backup");
    expect(naming.roleArnPattern).toBe("arn:aws:iam::*:role/kestrel-lz-*");
    expect(naming.securityAlarmTopicArn("111111111111")).toBe("arn:aws:sns:eu-west-2:111111111111:kestrel-lz-security-alarms");
  });

  it("caps assumed-role session names at IAM's 64 characters", () => {
    expect(naming.assumeRoleSessionName(`account-${"x".repeat(80)}`)).toHaveLength(64);
  });
});
