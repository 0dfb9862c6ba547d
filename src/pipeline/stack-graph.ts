import type { TerraformStack } from "cdktf";

/** A cross-stack reference: `downstream` reads `upstream`'s state when it plans, so `upstream` applies first. */
export interface StackEdge {
  readonly upstream: string;
  readonly downstream: string;
}

/**
 * The cross-stack dependencies of the app, as cdktf itself records them: resolving a stack's tokens registers every
 * reference to another stack (App.crossStackReference adds the dependency, the remote state data source and the
 * output). Preparing is what app.synth() does first, and doing it again there finds everything registered.
 * Backends must be configured before: preparing gives a stack without one a local backend.
 */
export function crossStackDependencies(stacks: readonly TerraformStack[]): StackEdge[] {
  for (const stack of stacks) stack.prepareStack();
  return stacks.flatMap((stack) => stack.dependencies.map((upstream) => ({ upstream: upstream.node.id, downstream: stack.node.id })));
}
