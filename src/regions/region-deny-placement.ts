import type { PolicyTarget } from "../policies/organization-policy-document";

/**
 * Where region-deny policies go so that every account gets the Regions of its nearest OU with its own list. SCPs at
 * every level of the tree intersect, so an OU's list cannot simply be attached to the OU when its children differ;
 * this module works out the attachments. The policy document itself is src/policies/region-deny.ts.
 */

/** One region-deny policy: its Regions, where its list comes from, and where it is attached. */
export interface RegionDenyPlacement {
  /** `organization`, or the path of the OU whose override it enforces. */
  readonly source: string;
  readonly allowedRegions: readonly string[];
  readonly targets: readonly PolicyTarget[];
}

interface OuNode {
  readonly name: string;
  readonly allowedRegions?: readonly string[];
  readonly children: readonly OuNode[];
}

export interface RegionPlanInput {
  readonly organizationRegions: readonly string[];
  readonly organizationalUnits: readonly OuNode[];
  /** Member accounts (never the management account) with the path of their OU. */
  readonly accounts: readonly { readonly name: string; readonly ou: string }[];
}

const sameRegions = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((r) => b.includes(r));

/**
 * Where to attach region-deny policies so that every account's effective Regions are those of its nearest OU with
 * an override (itself included), or the organisation's list, even though SCPs at every level intersect.
 *
 * - The root gets the union of all lists: a floor for everything, OUs and accounts made outside Terraform included.
 * - An OU whose whole subtree has the same effective list as the OU gets that list, attached to the OU, unless it
 *   equals the union (the root already enforces it).
 * - An OU whose subtree mixes lists cannot carry a list (it would intersect with its children's): its own
 *   accounts get its list directly, and each child OU is placed the same way.
 *
 * So along any root → OU → account path at most one list besides the union is attached, and it is the right one.
 */
export function planRegionDeny(input: RegionPlanInput): RegionDenyPlacement[] {
  const union = [...input.organizationRegions];
  const visitLists = (nodes: readonly OuNode[]) => {
    for (const ou of nodes) {
      for (const region of ou.allowedRegions ?? []) if (!union.includes(region)) union.push(region);
      visitLists(ou.children);
    }
  };
  visitLists(input.organizationalUnits);

  const placements = new Map<string, { source: string; allowedRegions: readonly string[]; targets: PolicyTarget[] }>();
  const attach = (source: string, regions: readonly string[], target: PolicyTarget) => {
    if (sameRegions(regions, union)) return;
    let placement = placements.get(source);
    if (placement === undefined) {
      placement = { source, allowedRegions: regions, targets: [] };
      placements.set(source, placement);
    }
    placement.targets.push(target);
  };
  const uniform = (ou: OuNode, regions: readonly string[]): boolean =>
    ou.children.every((child) => (child.allowedRegions === undefined || sameRegions(child.allowedRegions, regions)) && uniform(child, regions));
  const place = (ou: OuNode, path: string, inherited: { source: string; regions: readonly string[] }) => {
    const own = ou.allowedRegions === undefined ? inherited : { source: path, regions: ou.allowedRegions };
    if (uniform(ou, own.regions)) {
      attach(own.source, own.regions, { kind: "ou", path });
      return;
    }
    for (const account of input.accounts) if (account.ou === path) attach(own.source, own.regions, { kind: "account", name: account.name });
    for (const child of ou.children) place(child, `${path}/${child.name}`, own);
  };
  for (const ou of input.organizationalUnits) place(ou, ou.name, { source: "organization", regions: input.organizationRegions });

  const organizationHasItsOwn = placements.has("organization");
  return [
    {
      source: organizationHasItsOwn ? "union" : "organization",
      allowedRegions: union,
      targets: [{ kind: "root" }],
    },
    ...placements.values(),
  ];
}
