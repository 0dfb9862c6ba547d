/**
 * Which OUs a service-managed StackSet that belongs in every member account targets, and how one OU is left out.
 *
 * The Suspended OU's deny-all SCP reaches the StackSets execution role (`stacksets-exec-*`, an ordinary IAM role), so
 * any stack operation in a suspended account fails; targeting the root would include them. A StackSet targets OUs
 * and their whole subtrees (DeploymentTargets, https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeploymentTargets.html),
 * so the subtree of every OU except the excluded one is covered by the siblings of the excluded OU and of each of its
 * ancestors. What this cannot cover is an account placed directly in an ancestor of the excluded OU: targeting that
 * ancestor would include the excluded OU, and an account filter would be a list of accounts that grows.
 */
export interface StackSetOuTargets {
  /**
   * OU paths to target, each with its subtree. Never the root, even when nothing is excluded: then every top-level
   * OU, so that setting a suspended OU later removes or splits instances instead of replacing a root instance by OU
   * instances (which would detach every account's stack and meet the retained ones).
   */
  readonly ous: readonly string[];
  /** OU paths whose own accounts (not their children's) these targets miss: the ancestors of the excluded OU. */
  readonly uncovered: readonly string[];
}

/** @param ouPaths every OU of the organisation by path (`Workloads/Prod`); @param excluded the OU to leave out, by path. */
export function stackSetOuTargets(ouPaths: readonly string[], excluded: string | undefined): StackSetOuTargets {
  if (excluded === undefined) return { ous: ouPaths.filter((path) => !path.includes("/")).sort(), uncovered: [] };
  if (!ouPaths.includes(excluded)) throw new Error(`internal error: OU ${excluded} is not in the OU tree`);
  const parts = excluded.split("/");
  const ancestors = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("/"));
  const parentOf = (path: string): string | undefined => (path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : undefined);
  const onPath = new Set([...ancestors, excluded]);
  const parents = new Set<string | undefined>([undefined, ...ancestors]);
  const ous = ouPaths.filter((path) => parents.has(parentOf(path)) && !onPath.has(path)).sort();
  return { ous, uncovered: ancestors };
}
