import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Fn, TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable, Testing } from "cdktf";
import type { Construct } from "constructs";
import { prepareElementsOnce, registerCrossStackReferences, stackJsonFromPreparedElements } from "../src/synth/resolve-once";

/**
 * src/synth/resolve-once.ts against cdktf's own passes on small stacks built for the edge cases: the same content is
 * synthesized by plain TerraformStacks and by stacks with the replacements, and the written files compared.
 * (landing-zone-stack.test.ts compares a whole cloud landing zone.)
 */
class OnceStack extends TerraformStack {
  override prepareStack(): void {
    prepareElementsOnce(this);
  }
  override toTerraform(): Record<string, unknown> {
    return stackJsonFromPreparedElements(this);
  }
}

type StackClass = new (scope: Construct, id: string) => TerraformStack;

/** Two stacks, the second reading the first (a cross-stack reference), with tokens of every kind and overrides. */
function build(Stack: StackClass): { app: ReturnType<typeof Testing.app>; reader: TerraformStack } {
  const app = Testing.app({ stackTraces: false });
  const source = new Stack(app, "source");
  const name = new TerraformVariable(source, "name", { type: "string", default: "x" });
  const list = new TerraformVariable(source, "list", { type: "list(string)", default: [] });
  const count = new TerraformVariable(source, "count", { type: "number", default: 2 });
  const local = new TerraformLocal(source, "joined", {
    plain: { text: "2012-10-17 re-enable 1e5 ${literal} $${escaped}", list: ["a", undefined, "b"], nothing: undefined, yes: true, none: null },
    tokens: { name: name.stringValue, inText: `prefix-${name.stringValue}-suffix`, list: list.listValue, number: count.numberValue, inNumberText: `n=${count.numberValue}`, fn: Fn.join(",", list.listValue) },
  });
  new TerraformOutput(source, "out", { value: local.asString });
  source.addOverride("terraform.required_version", ">= 1.5");
  source.addOverride("locals.joined.plain.nothing", undefined);

  const reader = new Stack(app, "reader");
  new TerraformLocal(reader, "copy", { fromSource: local.asString, again: `${name.stringValue}/${local.asString}` });
  // cdktf merges a stack's overrides before resolving them: an undefined value deletes what an element wrote.
  new TerraformLocal(reader, "doomed", { value: name.stringValue });
  reader.addOverride("locals.doomed", undefined);
  return { app, reader };
}

function written(outdir: string): Map<string, string> {
  return new Map(readdirSync(join(outdir, "stacks")).sort().map((stack): [string, string] => [stack, readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")]));
}

describe("resolving each element once writes what cdktf's passes write", () => {
  it("for tokens of every kind, a cross-stack reference, undefined values and stack overrides", () => {
    const once = build(OnceStack);
    const cdktf = build(TerraformStack);
    once.app.synth();
    cdktf.app.synth();
    const ours = written(once.app.outdir);
    expect([...ours.keys()]).toEqual(["reader", "source"]);
    expect(ours).toEqual(written(cdktf.app.outdir));
    expect(ours.get("reader")).toContain("cross-stack-reference-input-source");
    expect(ours.get("reader")).not.toContain("doomed");
  });

  it("for a stack written without app.synth (Testing.synth) after its cross-stack references were registered and it changed", () => {
    const json = (Stack: StackClass, register: (stack: TerraformStack) => void): string => {
      const { reader } = build(Stack);
      register(reader);
      new TerraformLocal(reader, "added_after", { value: "late" });
      return Testing.synth(reader);
    };
    const ours = json(OnceStack, registerCrossStackReferences);
    expect(ours).toEqual(json(TerraformStack, (stack) => stack.prepareStack()));
    expect(ours).toContain("added_after");
  });

  it("an element's kept JSON is used once: a later write builds it afresh", () => {
    const { app, reader } = build(OnceStack);
    app.synth();
    new TerraformLocal(reader, "added_after_synth", { value: "late" });
    expect(Testing.synth(reader)).toContain("added_after_synth");
    expect(Testing.synth(reader)).toContain("cross-stack-reference-input-source");
  });
});

describe("what keeping the preparing pass's JSON assumes of the landing zone's code", () => {
  // A Lazy value (or a hand-made token) is resolved by cdktf when the stack is written, after every stack is
  // prepared; the kept JSON has its value from when its own stack was prepared, which could differ if the value
  // depends on what preparing later stacks registers. None is used; adding one needs a test like the first above.
  it("uses no Lazy value and implements no token of its own", () => {
    const sources = ["src", "stacks"].flatMap((folder) =>
      (readdirSync(join(__dirname, "..", folder), { recursive: true }) as string[]).filter((file) => file.endsWith(".ts")).map((file) => join(folder, file)),
    ).filter((file) => file !== join("src", "synth", "resolve-once.ts"));
    expect(sources.length).toBeGreaterThan(50);
    const offending = sources.filter((file) => /\bLazy\b|implements\s+[^{]*\bIResolvable\b/.test(readFileSync(join(__dirname, "..", file), "utf8")));
    expect(offending).toEqual([]);
  });
});
