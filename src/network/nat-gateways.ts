import type { Tier } from "./subnet-plan";

/** How private subnets reach the internet: a NAT gateway in every AZ, one shared NAT gateway, or none. */
export const NAT_GATEWAY_MODES = ["per-az", "single", "none"] as const;
export type NatGatewayMode = (typeof NAT_GATEWAY_MODES)[number];

/** What decides the NAT gateways of a VPC; config's network section is of this shape. */
export interface NatGatewayInput {
  /** @default per-az with a public tier, none without */
  readonly natGateways?: NatGatewayMode;
  readonly tiers: readonly Tier[];
}

/** The NAT gateway mode after defaults: per-az with a public tier, none without. */
export function natGatewayMode(network: NatGatewayInput): NatGatewayMode {
  return network.natGateways ?? (network.tiers.includes("public") ? "per-az" : "none");
}
