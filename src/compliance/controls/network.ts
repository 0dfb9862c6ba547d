import type { Control } from "../control";

/** Controls of the workload VPC baseline (src/constructs/workload-vpc.ts) and its config rules. */
export const NETWORK_CONTROLS: readonly Control[] = [
  {
    id: "vpc-per-workload",
    title: "Each workload account gets its own VPC from a validated private CIDR that overlaps no other VPC or reserved range; subnets in public, private and isolated tiers",
    kind: "preventive",
    clauses: ["CV-S3.1", "BTB-5.3"],
    where: "src/constructs/workload-vpc.ts",
  },
  {
    id: "isolated-tier",
    title: "The isolated (data) tier has no route out of the VPC and accepts only the configured ports from the private tier",
    kind: "preventive",
    clauses: ["CV-S3.1", "CV-S3.2", "BTB-5.4"],
    where: "src/network/nacl-rules.ts",
  },
  {
    id: "baseline-network-acls",
    title: "Baseline network ACLs per tier: SSH and RDP denied from any address, HTTPS only into the public tier, return traffic on ephemeral ports",
    kind: "preventive",
    clauses: ["CV-S3.2", "BTB-5.4", "BTB-7.1"],
    where: "src/network/nacl-rules.ts",
  },
  {
    id: "default-security-groups-empty",
    title: "The default security group of every landing zone VPC and of the account's default VPC has no rules; the default network ACL and main route table are emptied",
    kind: "preventive",
    clauses: ["CV-S3.2", "BTB-5.4"],
    where: "src/constructs/workload-vpc.ts",
  },
  {
    id: "vpc-flow-logs",
    title: "Flow logs of all VPC traffic go to the central flow-log bucket in the log archive account (Parquet, hourly partitions), optionally also to an encrypted CloudWatch Logs group",
    kind: "detective",
    clauses: ["CV-S3.3", "CV-S4.1", "BTB-9.1", "BTB-9.2"],
    where: "src/constructs/workload-vpc.ts",
  },
  {
    id: "flow-log-delivery-alarm",
    title: "An alarm in the log archive account notifies the security contacts when no flow-log file has reached the central bucket for an hour (S3 request metrics on the flow-log prefix); it detects a total stop, not one VPC's",
    kind: "detective",
    clauses: ["CV-S3.3", "BTB-9.1"],
    where: "src/constructs/flow-log-delivery-alarm.ts",
  },
  {
    id: "no-public-ips-private-endpoints",
    title: "No subnet assigns public IPs on launch; AWS APIs are reached through gateway and interface endpoints that only the organisation's principals may use, with HTTPS from the VPC only",
    kind: "preventive",
    clauses: ["BTB-7.2", "BTB-7.1"],
    where: "src/constructs/workload-vpc.ts",
  },
  {
    id: "default-vpc-deletion",
    title: "Deleting each account's default VPC is a manual step; the landing zone only strips its default security group",
    kind: "out-of-band",
    clauses: ["CV-S3.1"],
    where: "README.md#what-is-not-automated",
  },
];
