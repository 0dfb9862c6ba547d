import * as z from "zod";
import { MAX_AVAILABILITY_ZONES, MIN_AVAILABILITY_ZONES, TIERS } from "../../network/subnet-plan";
import { NAT_GATEWAY_MODES } from "../../network/nat-gateways";
import { strictObject } from "./common";
import { LOG_GROUP_RETENTION_DAYS } from "./logging";

const portSchema = z
  .number()
  .int({ error: "a port is a whole number" })
  .min(1, { error: "a port is 1-65535" })
  .max(65535, { error: "a port is 1-65535" });

const cidrStringSchema = z.string().describe("IPv4 CIDR block, such as 10.20.0.0/16");

export const networkSchema = strictObject({
  cidr: cidrStringSchema.describe(
    "IPv4 CIDR of the VPC: private (RFC 1918), /16 to /24, host bits clear, overlapping no other VPC or networking.reservedRanges entry",
  ),
  availabilityZones: z
    .number()
    .int({ error: "availabilityZones is a whole number" })
    .min(MIN_AVAILABILITY_ZONES, { error: `availabilityZones is ${MIN_AVAILABILITY_ZONES}-${MAX_AVAILABILITY_ZONES}` })
    .max(MAX_AVAILABILITY_ZONES, { error: `availabilityZones is ${MIN_AVAILABILITY_ZONES}-${MAX_AVAILABILITY_ZONES}` })
    .default(3)
    .describe(`Availability zones of the home Region used, ${MIN_AVAILABILITY_ZONES}-${MAX_AVAILABILITY_ZONES} (<homeRegion>a, b, c); default 3`),
  tiers: z
    .array(z.enum(TIERS))
    .min(1, { error: "list at least the private tier" })
    .refine((tiers) => new Set(tiers).size === tiers.length, { error: "tiers must not repeat" })
    .default(["private"])
    .describe(
      "Subnet tiers: public (only for an internet-facing workload: load balancers and NAT gateways), private (workloads; egress through NAT), isolated (data; no route out of the VPC). Must include private. Default [private]",
    ),
  isolatedPorts: z
    .array(portSchema)
    .max(10, { error: "at most 10 isolated ports: a network ACL has 20 inbound rules and the baseline uses 7" })
    .refine((ports) => new Set(ports).size === ports.length, { error: "ports must not repeat" })
    .default([])
    .describe("TCP ports of the isolated tier that the private tier may reach, such as 5432 for PostgreSQL; default none"),
  natGateways: z
    .enum(NAT_GATEWAY_MODES)
    .optional()
    .describe("NAT gateways for the private tier: per-az (resilient), single (one NAT gateway in the first zone: cheaper, not zone-resilient) or none. Needs a public tier. Default per-az with a public tier, none without"),
  interfaceEndpoints: z
    .array(
      z.string().regex(/^(?!com\.)[a-z0-9][a-z0-9.-]{0,62}$/, {
        error: "an interface endpoint is the service part of com.amazonaws.<region>.<service>, such as ssm, kms, logs, sts or ecr.api",
      }),
    )
    .refine((services) => new Set(services).size === services.length, { error: "interface endpoints must not repeat" })
    .default([])
    .describe("Interface endpoints (private DNS, in the private tier) by service, the part after com.amazonaws.<region>., such as [ssm, ssmmessages, ec2messages, kms, logs, sts]; each must be in the catalogue of src/network/endpoint-services.ts (an unknown name gets the closest one suggested; add a missing service there, with its AWS page); default none"),
  flowLogs: strictObject({
    cloudWatchLogs: strictObject({
      retentionDays: z
        .number()
        .refine((days) => (LOG_GROUP_RETENTION_DAYS as readonly number[]).includes(days), {
          error: `CloudWatch Logs retention in days is one of ${LOG_GROUP_RETENTION_DAYS.join(", ")}`,
        })
        .default(365)
        .describe("Days CloudWatch Logs keeps flow log records; default 365"),
    })
      .optional()
      .describe("Also deliver flow logs to a KMS-encrypted CloudWatch Logs group in the account, for metric filters and Logs Insights"),
  })
    .default({})
    .describe("Flow logs of all traffic always go to the central flow-log bucket in the log archive account; this adds optional CloudWatch Logs delivery"),
}).describe("A VPC for this workload account; only for accounts with purpose workload");

export type NetworkConfig = z.infer<typeof networkSchema>;

export const reservedRangeSchema = strictObject({
  name: z.string().min(1).max(64).describe("What the range is, such as on-premises or other-cloud; named in overlap errors"),
  cidr: cidrStringSchema.describe("IPv4 CIDR block, host bits clear"),
});

/** Organisation-wide network settings. */
export const networkingSchema = strictObject({
  reservedRanges: z
    .array(reservedRangeSchema)
    .default([])
    .describe("Address ranges used outside the landing zone's VPCs (on-premises, other clouds, partner links) that no VPC may overlap; any IPv4 network address, public or private; default none"),
})
  .default({ reservedRanges: [] })
  .describe("Organisation-wide network settings");

export type NetworkingConfig = z.infer<typeof networkingSchema>;
