import { readFileSync } from "node:fs";
import { ConfigError } from "../src/config/errors";
import { parseConfig } from "../src/config/load";
import { natGatewayMode } from "../src/network/nat-gateways";
import { closestEndpointService, INTERFACE_ENDPOINT_SERVICES, supportsEndpointPolicy } from "../src/network/endpoint-services";
import { configFromData, exampleConfig, exampleConfigData, issuesOf, issuesOfData } from "./helpers";


const PROD = 4;
const NONPROD = 5;

describe("network config", () => {
  it("applies the documented defaults", () => {
    const data = exampleConfigData();
    data.accounts[NONPROD].network = { cidr: "10.21.0.0/16" };
    const network = configFromData(data).accounts[NONPROD]?.network;
    expect(network).toEqual({ cidr: "10.21.0.0/16", availabilityZones: 3, tiers: ["private"], isolatedPorts: [], interfaceEndpoints: [], flowLogs: {} });
    expect(network && natGatewayMode(network)).toBe("none");
    expect(exampleConfig().networking.reservedRanges.map((r) => r.name)).toEqual(["on-premises", "partner-link"]);
  });

  it("defaults to a NAT gateway per AZ with a public tier", () => {
    const data = exampleConfigData();
    delete data.accounts[PROD].network.natGateways;
    const network = configFromData(data).accounts[PROD]?.network;
    expect(network && natGatewayMode(network)).toBe("per-az");
  });

  it("rejects an interface endpoint service that does not exist, located, naming the value and the closest valid one, all at once", () => {
    const yaml = readFileSync("landing-zone.yaml", "utf8")
      .replace("interfaceEndpoints: [ssm, ssmmessages, ec2messages, kms, logs, sts]", "interfaceEndpoints: [ssm, secretmanager, ec2messages, kms, logs, sts]")
      .replace("interfaceEndpoints: [ssm, ssmmessages, ec2messages, logs, sts]", "interfaceEndpoints: [ssm, ssmmessages, ec2messages, logs, sts, ecr-api]");
    const issues = issuesOf(() => parseConfig(yaml, "landing-zone.yaml"));
    const line = (text: string) => yaml.split("\n").findIndex((l) => l.includes(text)) + 1;
    expect(issues).toEqual([
      expect.objectContaining({
        path: ["accounts", PROD, "network", "interfaceEndpoints", 1], line: line("secretmanager"), column: (yaml.split("\n")[line("secretmanager") - 1]?.indexOf("secretmanager") ?? 0) + 1,
        message: expect.stringMatching(/^"secretmanager" is not an interface endpoint service of com\.amazonaws\.eu-west-2; did you mean "secretsmanager"\? Known services: s3, dynamodb, /),
      }),
      expect.objectContaining({
        path: ["accounts", NONPROD, "network", "interfaceEndpoints", 5], line: line("ecr-api"),
        message: expect.stringMatching(/^"ecr-api" is not an interface endpoint service .*; did you mean "ecr\.api"\?/),
      }),
    ]);
    try { parseConfig(yaml, "landing-zone.yaml"); } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/landing-zone\.yaml:\d+:\d+ accounts\[4\]\.network\.interfaceEndpoints\[1\]: "secretmanager" is not/);
    }
  });

  it("suggests nothing for a name far from every service, and accepts every catalogued one", () => {
    expect(closestEndpointService("quantum-ledger-xyz")).toBeUndefined();
    const all = INTERFACE_ENDPOINT_SERVICES.map((s) => s.name);
    const data = exampleConfigData();
    data.accounts[PROD].network.interfaceEndpoints = all;
    expect(configFromData(data).accounts[PROD]?.network?.interfaceEndpoints).toEqual(all);
  });

  it("attaches custom endpoint policies only where AWS documents them, never to ssmmessages or ec2messages (unconfirmed)", () => {
    expect(["s3", "dynamodb", "sts", "kms", "logs", "ssm", "ecr.api", "secretsmanager"].every(supportsEndpointPolicy)).toBe(true);
    expect(supportsEndpointPolicy("ssmmessages")).toBe(false);
    expect(supportsEndpointPolicy("ec2messages")).toBe(false);
    expect(supportsEndpointPolicy("not-a-service")).toBe(false);
  });

  it("rejects a network on an account that is not a workload", () => {
    expect(issuesOfData((d) => (d.accounts[3].network = { cidr: "10.30.0.0/16" }))).toEqual([expect.objectContaining({
      path: ["accounts", 3, "network"],
      message: 'account "shared-services" has purpose shared-services; only workload accounts get a VPC from the landing zone, so remove network',
    })]);
  });

  it("rejects a CIDR with host bits set", () => {
    expect(issuesOfData((d) => (d.accounts[PROD].network.cidr = "10.20.1.0/16"))).toEqual([expect.objectContaining({
      path: ["accounts", PROD, "network", "cidr"],
      message: '"10.20.1.0/16" has host bits set; the network address of that block is 10.20.0.0/16',
    })]);
  });

  it("rejects a string that is not a CIDR", () => {
    expect(issuesOfData((d) => (d.accounts[PROD].network.cidr = "10.20.0.0"))).toEqual([expect.objectContaining({
      path: ["accounts", PROD, "network", "cidr"],
      message: '"10.20.0.0" is not an IPv4 CIDR block such as 10.20.0.0/16',
    })]);
  });

  it("rejects a public (non-RFC 1918) CIDR", () => {
    expect(issuesOfData((d) => (d.accounts[PROD].network.cidr = "100.64.0.0/16"))).toEqual([expect.objectContaining({
      path: ["accounts", PROD, "network", "cidr"],
      message: '"100.64.0.0/16" is not a private range; a VPC CIDR must lie inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (RFC 1918)',
    })]);
  });

  it("rejects a CIDR larger than /16 or smaller than /24", () => {
    const issues = issuesOfData((d) => {
      d.accounts[PROD].network.cidr = "172.16.0.0/12";
      d.accounts[NONPROD].network.cidr = "10.21.0.0/26";
    });
    expect(issues).toEqual([
      expect.objectContaining({ path: ["accounts", PROD, "network", "cidr"], message: expect.stringContaining('"172.16.0.0/12" is a /12; a VPC CIDR must be /16 to /24') }),
      expect.objectContaining({ path: ["accounts", NONPROD, "network", "cidr"], message: expect.stringContaining('"10.21.0.0/26" is a /26; a VPC CIDR must be /16 to /24') }),
    ]);
  });

  it("rejects overlapping VPC CIDRs and names both accounts", () => {
    expect(issuesOfData((d) => (d.accounts[NONPROD].network.cidr = "10.20.128.0/17"))).toEqual([expect.objectContaining({
      path: ["accounts", NONPROD, "network", "cidr"],
      message: 'the VPC CIDR 10.20.128.0/17 of account "voting-nonprod" overlaps 10.20.0.0/16 of account "voting-prod" (accounts[4].network.cidr); VPC CIDRs must not overlap anywhere in the organisation, so they can be connected later',
    })]);
  });

  it("rejects a VPC CIDR that overlaps a reserved range and names the range", () => {
    expect(issuesOfData((d) => (d.accounts[NONPROD].network.cidr = "10.5.0.0/16"))).toEqual([expect.objectContaining({
      path: ["accounts", NONPROD, "network", "cidr"],
      message: 'the VPC CIDR 10.5.0.0/16 of account "voting-nonprod" overlaps the reserved range "on-premises" (10.0.0.0/12) in networking.reservedRanges; choose a CIDR outside every reserved range',
    })]);
  });

  it("rejects a reserved range that is not a valid CIDR", () => {
    expect(issuesOfData((d) => (d.networking.reservedRanges[0].cidr = "10.0.0.1/12"))).toEqual([expect.objectContaining({
      path: ["networking", "reservedRanges", 0, "cidr"],
      message: '"10.0.0.1/12" has host bits set; the network address of that block is 10.0.0.0/12',
    })]);
  });

  it("rejects an availability zone count outside 1-3", () => {
    expect(issuesOfData((d) => (d.accounts[PROD].network.availabilityZones = 4))).toEqual([expect.objectContaining({
      path: ["accounts", PROD, "network", "availabilityZones"],
      message: "availabilityZones is 1-3; got 4",
    })]);
  });

  it("rejects tiers without private", () => {
    expect(issuesOfData((d) => (d.accounts[NONPROD].network.tiers = ["isolated"]))).toEqual([expect.objectContaining({
      path: ["accounts", NONPROD, "network", "tiers"],
      message: "tiers [isolated] lack private; every VPC has a private tier (interface endpoints live there and the isolated tier is reached only from it)",
    })]);
  });

  it("rejects an unknown or repeated tier", () => {
    expect(issuesOfData((d) => (d.accounts[NONPROD].network.tiers = ["private", "dmz"]))).toEqual([expect.objectContaining({
      path: ["accounts", NONPROD, "network", "tiers", 1],
      message: '"dmz" is not one of the allowed values: public, private, isolated',
    })]);
    expect(issuesOfData((d) => (d.accounts[NONPROD].network.tiers = ["private", "private"]))).toEqual([expect.objectContaining({
      path: ["accounts", NONPROD, "network", "tiers"],
      message: "tiers must not repeat",
    })]);
  });

  it("rejects NAT gateways without a public tier", () => {
    expect(issuesOfData((d) => (d.accounts[NONPROD].network.natGateways = "single"))).toEqual([expect.objectContaining({
      path: ["accounts", NONPROD, "network", "natGateways"],
      message: "natGateways single needs a public tier (NAT gateways sit in public subnets); add public to tiers for an internet-facing workload, or use none",
    })]);
  });

  it("rejects isolated ports without an isolated tier", () => {
    expect(issuesOfData((d) => (d.accounts[NONPROD].network.isolatedPorts = [5432]))).toEqual([expect.objectContaining({
      path: ["accounts", NONPROD, "network", "isolatedPorts"],
      message: "isolatedPorts opens ports of the isolated tier, but tiers lack isolated; add isolated to tiers or remove isolatedPorts",
    })]);
  });

  it("rejects a port outside 1-65535 and more isolated ports than the network ACL has room for", () => {
    expect(issuesOfData((d) => (d.accounts[PROD].network.isolatedPorts = [0]))).toEqual([expect.objectContaining({
      path: ["accounts", PROD, "network", "isolatedPorts", 0],
      message: "a port is 1-65535; got 0",
    })]);
    expect(issuesOfData((d) => (d.accounts[PROD].network.isolatedPorts = Array.from({ length: 11 }, (_, i) => 5000 + i)))).toEqual([expect.objectContaining({
      path: ["accounts", PROD, "network", "isolatedPorts"],
      message: "at most 10 isolated ports: a network ACL has 20 inbound rules and the baseline uses 7",
    })]);
  });

  it("rejects an interface endpoint that is not a service name", () => {
    expect(issuesOfData((d) => (d.accounts[PROD].network.interfaceEndpoints = ["ssm", "com.amazonaws.eu-west-2.kms"]))).toEqual([expect.objectContaining({
      path: ["accounts", PROD, "network", "interfaceEndpoints", 1],
      message: "an interface endpoint is the service part of com.amazonaws.<region>.<service>, such as ssm, kms, logs, sts or ecr.api; got \"com.amazonaws.eu-west-2.kms\"",
    })]);
    expect(issuesOfData((d) => (d.accounts[PROD].network.interfaceEndpoints = ["SSM"]))).toEqual([expect.objectContaining({
      path: ["accounts", PROD, "network", "interfaceEndpoints", 0],
      message: 'an interface endpoint is the service part of com.amazonaws.<region>.<service>, such as ssm, kms, logs, sts or ecr.api; got "SSM"',
    })]);
  });

  it("rejects a CloudWatch Logs retention CloudWatch does not offer, and unknown keys", () => {
    expect(issuesOfData((d) => (d.accounts[PROD].network.flowLogs.cloudWatchLogs.retentionDays = 100))).toEqual([expect.objectContaining({
      path: ["accounts", PROD, "network", "flowLogs", "cloudWatchLogs", "retentionDays"],
      message: expect.stringContaining("CloudWatch Logs retention in days is one of 1, 3, 5"),
    })]);
    expect(issuesOfData((d) => (d.accounts[PROD].network.publicIps = true))).toEqual([expect.objectContaining({
      path: ["accounts", PROD, "network", "publicIps"],
      message: expect.stringContaining('unknown key "publicIps"; allowed keys: cidr, availabilityZones, tiers'),
    })]);
  });
});
