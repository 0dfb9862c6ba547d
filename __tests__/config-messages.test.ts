import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { closestName } from "../src/closest-name";
import { ConfigError, type LocatedConfigIssue } from "../src/config/errors";
import { parseConfig } from "../src/config/load";

// Only the config loader: no stack is built here.
const EXAMPLE = readFileSync(join(__dirname, "..", "landing-zone.yaml"), "utf8");

function issuesOfText(text: string): LocatedConfigIssue[] {
  try {
    parseConfig(text, "lz.yaml");
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  throw new Error("expected a ConfigError, but the config is valid");
}

/** The example changed by `mutate`, its issues by dotted path. */
function messagesOf(mutate: (data: Record<string, any>) => void): Record<string, string> {
  const data = parse(EXAMPLE);
  mutate(data);
  return Object.fromEntries(issuesOfText(stringify(data)).map((issue) => [issue.path.join("."), issue.message]));
}

const named = (list: { name: string }[], name: string) => {
  const found = list.find((item) => item.name === name);
  if (found === undefined) throw new Error(`no ${name} in the example`);
  return found as Record<string, any>;
};

describe("type errors show the value given and what is allowed", () => {
  it("says a whole number was expected and echoes the text given", () => {
    expect(messagesOf((d) => (d.guardrails.backup.retentionDays = "thirty"))).toEqual({
      "guardrails.backup.retentionDays": 'expected a whole number, got "thirty"',
    });
  });

  it("names true or false for a boolean, and a list for an array", () => {
    expect(messagesOf((d) => {
      d.guardrails.aiServicesOptOut = "yes";
      d.organization.allowedRegions = "eu-west-2";
    })).toEqual({
      "guardrails.aiServicesOptOut": 'expected true or false, got "yes"',
      "organization.allowedRegions": 'expected a list, got "eu-west-2"',
    });
  });

  it("lists the allowed values of an enum with the value given", () => {
    const messages = messagesOf((d) => (named(d.accounts, "voting-prod").network.natGateways = "double"));
    expect(Object.values(messages)).toEqual(['"double" is not one of the allowed values: per-az, single, none']);
  });

  it("says what each form of a union expects", () => {
    const messages = messagesOf((d) => d.identity.permissionSets.push({ name: "Custom", inlinePolicy: [{ Effect: "Allow", Action: 5, Resource: "*" }] }));
    expect(messages).toEqual({ "identity.permissionSets.1.inlinePolicy.0.Action": "expected text or a list, got 5" });
  });

  it("gives the length of text that is too short", () => {
    expect(messagesOf((d) => (d.organization.owner = ""))).toEqual({ "organization.owner": '"" has 0 characters; expected at least 1' });
  });

  it("is an email address error with the address given", () => {
    expect(messagesOf((d) => (named(d.accounts, "audit").email = "bob"))).toEqual({ [`accounts.${2}.email`]: '"bob" is not an email address' });
  });

  it("appends the value to a hand-written message that does not show it", () => {
    expect(messagesOf((d) => (d.organization.prefix = "Kestrel"))).toEqual({
      "organization.prefix": expect.stringMatching(/^the prefix has 2-12 lowercase letters.*; got "Kestrel"$/),
    });
  });

  it("does not repeat a value a hand-written message already shows", () => {
    expect(messagesOf((d) => (d.organization.homeRegion = "eu-london-1"))).toEqual({
      "organization.homeRegion": expect.stringMatching(/^"eu-london-1" is not an AWS Region code of the commercial partition; allowed: [^"]*$/),
    });
  });
});

describe("unknown keys", () => {
  it("suggest the closest allowed key, at the key's own line and column", () => {
    const text = EXAMPLE.replace(/^organization:\n/m, "organisation:\n  name: x\norganization:\n").replace(/^ {2}homeRegion:/m, "  homeRegoin:");
    const issues = issuesOfText(text);
    const organisation = issues.find((i) => i.path.join(".") === "organisation");
    const homeRegoin = issues.find((i) => i.path.join(".") === "organization.homeRegoin");
    expect(organisation?.message).toMatch(/^unknown key "organisation"; did you mean "organization"\? Allowed keys: \$schema, organization, /);
    expect(homeRegoin?.message).toMatch(/^unknown key "homeRegoin"; did you mean "homeRegion"\? Allowed keys: name, prefix, /);
    expect(homeRegoin?.column).toBe(3);
    expect(text.split("\n")[(homeRegoin?.line ?? 0) - 1]).toMatch(/^ {2}homeRegoin:/);
  });

  it("suggest nothing when no allowed key is close", () => {
    expect(messagesOf((d) => (d.guardrails.quantumShield = true))).toEqual({
      "guardrails.quantumShield": "unknown key \"quantumShield\"; allowed keys: breakGlassRoleArns, suspendedOu, tagPolicy, backup, aiServicesOptOut",
    });
  });
});

describe("closestName", () => {
  it("finds a misspelt, transposed or differently cased name and nothing for an unrelated one", () => {
    const keys = ["name", "prefix", "homeRegion", "allowedRegions", "organization", "id"];
    expect(closestName("organisation", keys)).toBe("organization");
    expect(closestName("homeRegoin", keys)).toBe("homeRegion");
    expect(closestName("AllowedRegions", keys)).toBe("allowedRegions");
    expect(closestName("nmae", keys)).toBe("name");
    expect(closestName("xy", keys)).toBeUndefined();
    expect(closestName("billing", keys)).toBeUndefined();
  });
});

describe("the order of problems", () => {
  it("lists every problem at once, by line and then column, schema and cross-field problems mixed", () => {
    const data = parse(EXAMPLE);
    data.logging.securityContacts = ["a.b@example.org", "a_b@example.org"]; // cross-field rule, near the end
    data.guardrails.backup.retentionDays = "thirty"; // schema, between them
    named(data.accounts, "voting-nonprod").network.cidr = named(data.accounts, "voting-prod").network.cidr; // cross-field, earlier
    data.$schema = 5; // schema, added last so written at the end of the file
    const issues = issuesOfText(stringify(data));
    expect(issues.map((i) => i.path.join("."))).toEqual([
      expect.stringMatching(/^accounts\.\d+\.network\.cidr$/),
      "guardrails.backup.retentionDays",
      "logging.securityContacts.1",
      "$schema",
    ]);
    const positions = issues.map((i) => [i.line, i.column] as const);
    expect(positions).toEqual([...positions].sort(([l1, c1], [l2, c2]) => l1 - l2 || c1 - c2));
  });
});
