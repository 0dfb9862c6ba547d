import { closestEndpointService, endpointService, INTERFACE_ENDPOINT_SERVICES } from "../../network/endpoint-services";
import { addressSpan, cidrSyntaxProblem, overlappingPairs, vpcCidrProblem } from "../../network/subnet-plan";
import type { ConfigIssue } from "../errors";
import type { LandingZoneConfig } from "../schema";
import type { AccountConfig } from "../sections/accounts";
import type { NetworkConfig } from "../sections/network";
import type { ConfigRule } from "./rule";

interface AccountNetwork {
  readonly account: AccountConfig;
  readonly index: number;
  readonly network: NetworkConfig;
}

function accountNetworks(config: LandingZoneConfig): AccountNetwork[] {
  return config.accounts.flatMap((account, index) => (account.network === undefined ? [] : [{ account, index, network: account.network }]));
}

/** Networks whose CIDR is usable, so the overlap rules compare only what the CIDR rule has passed. */
function validAccountNetworks(config: LandingZoneConfig): AccountNetwork[] {
  return accountNetworks(config).filter((n) => vpcCidrProblem(n.network.cidr) === undefined);
}

export const networkOnlyOnWorkloads: ConfigRule = (config) =>
  accountNetworks(config)
    .filter((n) => n.account.purpose !== "workload")
    .map((n) => ({
      path: ["accounts", n.index, "network"],
      message: `account "${n.account.name}" has purpose ${n.account.purpose}; only workload accounts get a VPC from the landing zone, so remove network`,
    }));

export const vpcCidrValid: ConfigRule = (config) =>
  accountNetworks(config).flatMap((n): ConfigIssue[] => {
    const problem = vpcCidrProblem(n.network.cidr);
    return problem === undefined ? [] : [{ path: ["accounts", n.index, "network", "cidr"], message: problem }];
  });

export const reservedRangesValid: ConfigRule = (config) =>
  config.networking.reservedRanges.flatMap((range, index): ConfigIssue[] => {
    const problem = cidrSyntaxProblem(range.cidr);
    return problem === undefined ? [] : [{ path: ["networking", "reservedRanges", index, "cidr"], message: problem }];
  });

/** Every pair of overlapping VPC CIDRs, reported at the later account (sort and sweep: linear in accounts). */
export const vpcCidrsDisjoint: ConfigRule = (config) => {
  const networks = validAccountNetworks(config);
  return overlappingPairs(networks.map((n) => n.network.cidr)).map(([i, j]) => {
    const [earlier, later] = [networks[i] as AccountNetwork, networks[j] as AccountNetwork];
    return {
      path: ["accounts", later.index, "network", "cidr"],
      message: `the VPC CIDR ${later.network.cidr} of account "${later.account.name}" overlaps ${earlier.network.cidr} of account "${earlier.account.name}" (accounts[${earlier.index}].network.cidr); VPC CIDRs must not overlap anywhere in the organisation, so they can be connected later`,
    };
  });
};

export const vpcCidrsAvoidReservedRanges: ConfigRule = (config) => {
  const reserved = config.networking.reservedRanges
    .filter((range) => cidrSyntaxProblem(range.cidr) === undefined)
    .map((range) => ({ range, span: addressSpan(range.cidr) }));
  return validAccountNetworks(config).flatMap((n) => {
    const vpc = addressSpan(n.network.cidr);
    return reserved
      .filter(({ span }) => span.first <= vpc.last && vpc.first <= span.last)
      .map(({ range }) => range)
      .map((range) => ({
        path: ["accounts", n.index, "network", "cidr"],
        message: `the VPC CIDR ${n.network.cidr} of account "${n.account.name}" overlaps the reserved range "${range.name}" (${range.cidr}) in networking.reservedRanges; choose a CIDR outside every reserved range`,
      }));
  });
};

export const privateTierRequired: ConfigRule = (config) =>
  accountNetworks(config)
    .filter((n) => !n.network.tiers.includes("private"))
    .map((n) => ({
      path: ["accounts", n.index, "network", "tiers"],
      message: `tiers [${n.network.tiers.join(", ")}] lack private; every VPC has a private tier (interface endpoints live there and the isolated tier is reached only from it)`,
    }));

export const natGatewaysNeedPublicTier: ConfigRule = (config) =>
  accountNetworks(config)
    .filter((n) => n.network.natGateways !== undefined && n.network.natGateways !== "none" && !n.network.tiers.includes("public"))
    .map((n) => ({
      path: ["accounts", n.index, "network", "natGateways"],
      message: `natGateways ${n.network.natGateways} needs a public tier (NAT gateways sit in public subnets); add public to tiers for an internet-facing workload, or use none`,
    }));

export const isolatedPortsNeedIsolatedTier: ConfigRule = (config) =>
  accountNetworks(config)
    .filter((n) => n.network.isolatedPorts.length > 0 && !n.network.tiers.includes("isolated"))
    .map((n) => ({
      path: ["accounts", n.index, "network", "isolatedPorts"],
      message: "isolatedPorts opens ports of the isolated tier, but tiers lack isolated; add isolated to tiers or remove isolatedPorts",
    }));

/**
 * Every interface endpoint names a service of the catalogue (src/network/endpoint-services.ts, from AWS's list of
 * services that integrate with PrivateLink): an unknown name would only fail at apply, when AWS finds no such
 * endpoint service in the Region. The message suggests the closest known name.
 */
export const interfaceEndpointsKnown: ConfigRule = (config) =>
  accountNetworks(config).flatMap((n) =>
    n.network.interfaceEndpoints.flatMap((service, i): ConfigIssue[] => {
      if (endpointService(service) !== undefined) return [];
      const closest = closestEndpointService(service);
      return [{
        path: ["accounts", n.index, "network", "interfaceEndpoints", i],
        message: `"${service}" is not an interface endpoint service of com.amazonaws.${config.organization.homeRegion}${closest === undefined ? "" : `; did you mean "${closest}"?`} Known services: ${INTERFACE_ENDPOINT_SERVICES.map((s) => s.name).join(", ")} (add a missing one to src/network/endpoint-services.ts with its AWS documentation)`,
      }];
    }),
  );

/** Rules for accounts' network sections and the networking section. */
export const NETWORK_RULES: readonly ConfigRule[] = [
  networkOnlyOnWorkloads,
  vpcCidrValid,
  reservedRangesValid,
  vpcCidrsDisjoint,
  vpcCidrsAvoidReservedRanges,
  privateTierRequired,
  natGatewaysNeedPublicTier,
  isolatedPortsNeedIsolatedTier,
  interfaceEndpointsKnown,
];
