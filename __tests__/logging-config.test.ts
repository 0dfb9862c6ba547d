import { ConfigError, type LocatedConfigIssue } from "../src/config/errors";
import { parseConfig } from "../src/config/load";
import { LOG_GROUP_RETENTION_DAYS } from "../src/config/sections/logging";
import { configFromData, exampleConfig, exampleConfigData, exampleConfigText, issuesOfData, MINIMAL_CONFIG_WITHOUT_LOGGING } from "./helpers";


const WITHOUT_LOGGING = MINIMAL_CONFIG_WITHOUT_LOGGING;

/** The issues the example config raises after `mutate` changes its logging section. */
const issuesOfLogging = (mutate: (logging: Record<string, any>) => void) => issuesOfData((data) => mutate(data.logging));

describe("logging config", () => {
  it("fills in the documented defaults: compliance lock for a year, Glacier at 90 days, 7-year expiry, 1-year log group", () => {
    const config = parseConfig(`${WITHOUT_LOGGING}logging:\n  securityContacts: [sec@example.org]\n`, "lz.yaml");
    expect(config.logging).toEqual({
      objectLock: { mode: "COMPLIANCE", days: 365 },
      transitionToGlacierDays: 90,
      expirationDays: 2557,
      cloudWatchLogsRetentionDays: 365,
      securityContacts: ["sec@example.org"],
      dataEvents: { s3: false, lambda: false },
      auditorRoleArns: [],
    });
  });

  it("fills in the object lock mode when only the days are given", () => {
    const config = parseConfig(`${WITHOUT_LOGGING}logging:\n  securityContacts: [sec@example.org]\n  objectLock:\n    days: 30\n`, "lz.yaml");
    expect(config.logging.objectLock).toEqual({ mode: "COMPLIANCE", days: 30 });
  });

  it("is required, because the alarms need someone to notify", () => {
    let issues: readonly LocatedConfigIssue[] = [];
    try {
      parseConfig(WITHOUT_LOGGING, "lz.yaml");
    } catch (error) {
      if (error instanceof ConfigError) issues = error.issues;
    }
    expect(issues).toEqual([expect.objectContaining({ path: ["logging"], message: 'missing required key "logging" (expected object)' })]);
  });

  it("keeps the example's retention: compliance mode, a year's lock, seven years' expiry", () => {
    const { logging } = exampleConfig();
    expect(logging.objectLock).toEqual({ mode: "COMPLIANCE", days: 365 });
    expect(logging.expirationDays).toBe(2557);
    expect(logging.securityContacts).toEqual(["security@kestrel.example.org"]);
  });
});

describe("logging schema errors", () => {
  it("rejects an empty list of security contacts", () => {
    expect(issuesOfLogging((l) => (l.securityContacts = []))).toEqual([expect.objectContaining({
      path: ["logging", "securityContacts"],
      message: "list at least one security contact: the CIS alarms must reach a person",
    })]);
  });

  it("rejects a security contact that is not an email address", () => {
    expect(issuesOfLogging((l) => (l.securityContacts = ["security team"]))).toEqual([
      expect.objectContaining({ path: ["logging", "securityContacts", 0], message: '"security team" is not an email address' }),
    ]);
  });

  it("rejects a repeated security contact, ignoring case", () => {
    expect(issuesOfLogging((l) => (l.securityContacts = ["a@example.org", "A@example.org"]))).toEqual([
      expect.objectContaining({ path: ["logging", "securityContacts"], message: "security contacts must not repeat" }),
    ]);
  });

  it("rejects an unknown object lock mode, listing the allowed ones", () => {
    expect(issuesOfLogging((l) => (l.objectLock.mode = "LEGAL_HOLD"))).toEqual([
      expect.objectContaining({ path: ["logging", "objectLock", "mode"], message: '"LEGAL_HOLD" is not one of the allowed values: COMPLIANCE, GOVERNANCE' }),
    ]);
  });

  it("rejects an object lock period beyond S3's 100 years", () => {
    const issues = issuesOfLogging((l) => {
      l.objectLock.days = 36501;
      l.expirationDays = 40000;
    });
    expect(issues).toEqual([
      expect.objectContaining({ path: ["logging", "objectLock", "days"], message: "the object lock period is at most 36500 days (S3's limit); got 36501" }),
    ]);
  });

  it("rejects a period of zero or a fraction of a day", () => {
    expect(issuesOfLogging((l) => (l.transitionToGlacierDays = 0))).toEqual([
      expect.objectContaining({ path: ["logging", "transitionToGlacierDays"], message: "transitionToGlacierDays is at least 1 day; got 0" }),
    ]);
    expect(issuesOfLogging((l) => (l.expirationDays = 400.5))).toEqual([
      expect.objectContaining({ path: ["logging", "expirationDays"], message: "expirationDays is a whole number of days; got 400.5" }),
    ]);
  });

  it("rejects a log group retention CloudWatch Logs does not accept, listing the accepted ones", () => {
    const [issue, ...rest] = issuesOfLogging((l) => (l.cloudWatchLogsRetentionDays = 366));
    expect(rest).toEqual([]);
    expect(issue?.path).toEqual(["logging", "cloudWatchLogsRetentionDays"]);
    expect(issue?.message).toBe(`366 is not a retention CloudWatch Logs accepts; allowed: ${LOG_GROUP_RETENTION_DAYS.join(", ")}`);
    expect(issue?.message).toMatch(/allowed: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653$/);
  });

  it("rejects an auditor that is not an IAM role ARN", () => {
    expect(issuesOfLogging((l) => (l.auditorRoleArns = ["arn:aws:iam::123456789012:user/alice"]))).toEqual([
      expect.objectContaining({
        path: ["logging", "auditorRoleArns", 0],
        message: '"arn:aws:iam::123456789012:user/alice" is not an IAM role ARN (arn:aws:iam::<12 digits>:role/<name>)',
      }),
    ]);
  });

  it("rejects an unknown key in dataEvents, listing the allowed ones", () => {
    const [issue] = issuesOfLogging((l) => (l.dataEvents.dynamodb = true));
    expect(issue).toMatchObject({ path: ["logging", "dataEvents", "dynamodb"], message: 'unknown key "dynamodb"; allowed keys: s3, lambda' });
  });
});

describe("logging cross-field errors", () => {
  it("rejects an expiry shorter than the object lock period", () => {
    expect(issuesOfLogging((l) => (l.expirationDays = 300))).toEqual([expect.objectContaining({
      path: ["logging", "expirationDays"],
      message: "expirationDays (300) must be at least the object lock period logging.objectLock.days (365); raise expirationDays or shorten the lock",
    })]);
  });

  it("accepts an expiry equal to the object lock period", () => {
    const data = exampleConfigData();
    data.logging.expirationDays = 365;
    expect(configFromData(data).logging.expirationDays).toBe(365);
  });

  it("rejects a Glacier transition at or after expiry", () => {
    expect(issuesOfLogging((l) => (l.transitionToGlacierDays = 2557))).toEqual([expect.objectContaining({
      path: ["logging", "transitionToGlacierDays"],
      message: "transitionToGlacierDays (2557) must be less than expirationDays (2557); objects move to Glacier before they expire",
    })]);
  });

  it("points at the line and column of the offending key in the file", () => {
    const text = exampleConfigText().replace("  expirationDays: 2557", "  expirationDays: 300");
    const line = text.split("\n").findIndex((l) => l.startsWith("  expirationDays: 300")) + 1;
    let issues: readonly LocatedConfigIssue[] = [];
    try {
      parseConfig(text, "landing-zone.yaml");
    } catch (error) {
      if (error instanceof ConfigError) issues = error.issues;
    }
    expect(issues).toEqual([expect.objectContaining({ path: ["logging", "expirationDays"], line, column: 19 })]);
  });
});
