import type { TerraformStack } from "cdktf";
import { registerCrossStackReferences } from "../synth/resolve-once";

/** A cross-stack reference: `downstream` reads `upstream`'s state when it plans, so `upstream` applies first. */
export interface StackEdge {
  readonly upstream: string;
  readonly downstream: string;
}

/**
 * The cross-stack dependencies of the app, as cdktf itself records them: resolving a stack's tokens registers every
 * reference to another stack (App.crossStackReference adds the dependency, the remote state data source and the
 * output). Preparing is what app.synth() does first, and doing it again there finds everything registered.
 */
export function crossStackDependencies(stacks: readonly TerraformStack[]): StackEdge[] {
  // Preparing without keeping the elements' JSON (src/synth/resolve-once.ts): the pipeline stack changes elements
  // after this (run triggers, state sharing), so JSON kept now would be stale when a stack is written.
  for (const stack of stacks) registerCrossStackReferences(stack);
  return stacks.flatMap((stack) => stack.dependencies.map((upstream) => ({ upstream: upstream.node.id, downstream: stack.node.id })));
}
