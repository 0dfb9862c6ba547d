import { App, TerraformElement, TerraformOutput, TerraformStack, Token, Tokenization } from "cdktf";
import { resolve } from "cdktf/lib/_tokens";
import { containsMapToken, containsNumberListTokenElement, containsStringListTokenElement, TokenString } from "cdktf/lib/tokens/private/encoding";
import { deepMerge } from "cdktf/lib/util";
import type { IConstruct } from "constructs";

/**
 * Resolving each Terraform element of a stack once per synth instead of three times.
 *
 * cdktf 0.21's `app.synth()` first prepares every stack: it builds each element's JSON and resolves its tokens, only
 * to register the references that cross stacks (each adds an output to the stack read and a remote state read to
 * the reader), and throws the result away. Writing a stack then builds and resolves every element again, merges
 * them, and resolves the merged stack once more. Each resolution walks every value with a new context object; at
 * 1000 accounts these walks were three quarters of a synth's CPU.
 *
 * Here the preparing pass keeps each element's resolved JSON (as JSON text: kept parsed, at 1000 accounts, it took
 * a quarter more memory and a third more CPU, most of it in garbage collection), and writing the stack merges the kept JSON without resolving it again. The kept JSON
 * is what the writing pass would produce, because the only token that resolves differently while preparing is a
 * reference (`cdktf/lib/tfExpression.js`), and a cross-stack reference resolves to the same remote state expression
 * in both passes: the preparing pass records it, the writing pass reads the record. What the landing zone does
 * between the passes only adds elements (another stack's preparing adds outputs and remote state reads), and added
 * elements, having nothing kept, are resolved when written, as cdktf does. The pipeline finds its run triggers before
 * it adds and changes elements, with registerCrossStackReferences, which keeps nothing. `__tests__/landing-zone-stack.test.ts` compares the
 * output with cdktf's own passes, byte for byte, for a Terraform Cloud config (every kind of stack), and checks that no
 * construct has an Aspect (Aspects run between the passes and could change an element); `resolve-once.test.ts` does
 * the same for small stacks with tokens of every kind and stack overrides. One assumption no comparison can cover: a
 * token cdktf resolves late (a Lazy value, a hand-made IResolvable) whose value depends on what preparing a later
 * stack registers would be written as it was when its own stack was prepared. The landing zone has none, and a test
 * fails when one appears.
 */
export function prepareElementsOnce(stack: TerraformStack): void {
  // HCL output (SYNTH_HCL_OUTPUT) writes through cdktf's toHclTerraform, which would never use the kept JSON.
  if (App.of(stack).hclOutput) {
    TerraformStack.prototype.prepareStack.call(stack);
    return;
  }
  // As cdktf's preparing pass: a stack without a backend gets cdktf's local one (LandingZoneStack returns its own).
  stack.ensureBackendExists();
  for (const element of terraformElementsOf(stack)) {
    keptJson.set(element, JSON.stringify(resolvePreparing(stack, element.toTerraform(), 0)));
  }
}

/**
 * cdktf's preparing pass without keeping anything: registers every cross-stack reference of the stack (the stacks'
 * `dependencies`, outputs and remote state reads), for code that needs the stack graph before the app is written and
 * may change elements afterwards.
 */
export function registerCrossStackReferences(stack: TerraformStack): void {
  stack.ensureBackendExists();
  for (const element of terraformElementsOf(stack)) resolvePreparing(stack, element.toTerraform(), 0);
}

/**
 * cdktf's preparing resolution (`resolve(stack, value, true)`), with a shortcut for the plain part of the value.
 * cdktf's resolver makes two context objects with closures for every key and value it walks, tokens or not, and
 * most of an element's JSON is plain strings and objects: that was half of a 1000-account synth's CPU. Here the walk
 * copies plain values as cdktf's would (an undefined value drops its key or array item) and hands cdktf's resolver
 * every value that is or may hold a token, at the same place in the walk, so each token resolves, and registers its
 * cross-stack reference, as it would have: a string or key with a token marker or an encoded number in it (tested
 * with cdktf's own pattern, which also matches some plain strings: those go to cdktf too), every number (an encoded
 * token is a number), an array with a list token, an object that resolves itself or has a map token key, and anything
 * that is not a plain object, array or primitive.
 */
function resolvePreparing(stack: TerraformStack, value: unknown, depth: number): unknown {
  if (value === undefined || value === null || typeof value === "boolean") return value;
  // cdktf stops a circular value at 200 levels with an error of its own: past that, its resolver takes over.
  if (depth > MAX_PLAIN_DEPTH) return resolve(stack, value, true);
  if (typeof value === "string") return mayHoldToken(value) ? resolve(stack, value, true) : value;
  if (typeof value !== "object") return resolve(stack, value, true);
  if (Array.isArray(value)) {
    if (containsStringListTokenElement(value) || containsNumberListTokenElement(value)) return resolve(stack, value, true);
    const items: unknown[] = [];
    for (const item of value) {
      const resolved = resolvePreparing(stack, item, depth + 1);
      if (resolved !== undefined) items.push(resolved);
    }
    return items;
  }
  const keys = Object.keys(value);
  if (Object.getPrototypeOf(value) !== Object.prototype || Tokenization.isResolvable(value) || containsMapToken(value) || keys.some(mayHoldToken)) {
    return resolve(stack, value, true);
  }
  const plain: Record<string, unknown> = {};
  for (const key of keys) {
    const resolved = resolvePreparing(stack, (value as Record<string, unknown>)[key], depth + 1);
    if (resolved !== undefined) plain[key] = resolved;
  }
  return plain;
}

const MAX_PLAIN_DEPTH = 200;

/** Whether cdktf's resolver could change a string: a token marker, a map token's value, or an encoded number. */
function mayHoldToken(text: string): boolean {
  return text.includes("TfToken[") || text === Token.STRING_MAP_TOKEN_VALUE || text === Token.ANY_MAP_TOKEN_VALUE || TokenString.forNumbers(text).test();
}

/**
 * The stack's Terraform JSON, as cdktf's `TerraformStack.toTerraform()` builds it (the `//` metadata and outputs
 * block, each element's JSON, the stack's overrides), from the JSON kept while preparing. An element's kept JSON is
 * used once: a later call (cdktf's `Testing.synth`, a test) builds and resolves it afresh. So call prepareStack only
 * as `app.synth()` does, right before the stacks are written: code that prepares stacks for another purpose and then
 * changes elements (src/pipeline/stack-graph.ts) uses registerCrossStackReferences, which keeps nothing.
 */
export function stackJsonFromPreparedElements(stack: TerraformStack): Record<string, unknown> {
  // Two of TerraformStack's private fields; cdktf is pinned (package-lock.json), and the byte-for-byte test fails on
  // a version that lays them out differently.
  const internals = stack as unknown as { readonly rawOverrides: Record<string, unknown>; readonly cdktfVersion: unknown };
  const elements = terraformElementsOf(stack);

  const metadata: Record<string, unknown> = {
    version: internals.cdktfVersion,
    stackName: stack.node.id,
    backend: "local", // a backend's own metadata replaces it
    cloud: undefined, // as cdktf declares it (a cloud backend's metadata sets it), so the keys come in cdktf's order
    ...(Object.keys(internals.rawOverrides).length > 0 ? { overrides: { stack: Object.keys(internals.rawOverrides) } } : {}),
  };
  for (const element of elements) deepMerge(metadata, resolve(stack, element.toMetadata()));

  // The outputs by construct path, for cdktf's CLI: { <stack>: { <construct>: { ... : <output name> } } }.
  const outputs: Record<string, unknown> = {};
  for (const element of elements) {
    if (!TerraformOutput.isTerraformOutput(element)) continue;
    deepMerge(outputs, element.node.path.split("/").reduceRight<unknown>((inner, part) => ({ [part]: inner }), element.friendlyUniqueId));
  }

  const tf: Record<string, unknown> = { "//": { metadata, outputs } };
  for (const element of elements) {
    const kept = keptJson.get(element);
    keptJson.delete(element);
    deepMerge(tf, kept === undefined ? resolve(stack, element.toTerraform()) : JSON.parse(kept));
  }
  // The stack's overrides as cdktf merges them, unresolved (an undefined value deletes a key, an object that resolves
  // itself replaces what is there), then resolved where they landed, as cdktf's final resolution of the whole stack
  // would: every other top-level block is resolved already.
  deepMerge(tf, internals.rawOverrides);
  for (const key of Object.keys(internals.rawOverrides)) {
    if (!(key in tf)) continue;
    const resolved: unknown = resolve(stack, tf[key]);
    if (resolved === undefined) delete tf[key];
    else tf[key] = resolved;
  }
  return tf;
}

/** Each prepared element's resolved JSON, until its stack is written. */
const keptJson = new WeakMap<TerraformElement, string>();

/** The stack's elements in cdktf's order (depth first, in the order they were added), not those of nested stacks. */
function terraformElementsOf(stack: TerraformStack): TerraformElement[] {
  const elements: TerraformElement[] = [];
  const visit = (node: IConstruct): void => {
    if (TerraformElement.isTerraformElement(node)) elements.push(node);
    for (const child of node.node.children) if (!TerraformStack.isStack(child)) visit(child);
  };
  visit(stack);
  return elements;
}
