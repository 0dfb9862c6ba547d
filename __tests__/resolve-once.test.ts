import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Aspects, TerraformStack } from "cdktf";
import { composeLandingZone } from "../src/landing-zone";
import { LandingZoneStack } from "../src/stacks/landing-zone-stack";
import { configFromData, exampleConfigData } from "./helpers";

/**
 * src/synth/resolve-once.ts lets cdktf's preparing pass hand each element's resolved JSON to the writing pass, and
 * LandingZoneStack returns its own backend instead of searching the stack for it. Both rest on how cdktf 0.21
 * resolves tokens, so the output is compared, file by file, with what cdktf's own two passes write for the same app:
 * the example (local backend, cross-stack references) and a Terraform Cloud config (the pipeline stacks, and every
 * stack prepared twice: once to find the run triggers, once by app.synth()).
 */
function synthesizedFiles(data: Record<string, unknown>, passes: "once" | "cdktf"): Map<string, string> {
  const prototype = LandingZoneStack.prototype;
  const own = { prepareStack: prototype.prepareStack, ensureBackendExists: prototype.ensureBackendExists, toTerraform: prototype.toTerraform };
  if (passes === "cdktf") {
    prototype.prepareStack = TerraformStack.prototype.prepareStack;
    prototype.ensureBackendExists = TerraformStack.prototype.ensureBackendExists;
    prototype.toTerraform = TerraformStack.prototype.toTerraform;
  }
  const outdir = mkdtempSync(join(tmpdir(), "lz-resolve-once-"));
  try {
    const app = new App({ outdir, stackTraces: false, skipValidation: true });
    composeLandingZone(app, configFromData(data));
    app.synth();
    // Aspects run after preparing, so one that changed an element would make the kept JSON stale.
    const withAspects = app.node.findAll().filter((construct) => Aspects.of(construct).all.length > 0);
    if (withAspects.length > 0) throw new Error(`constructs with Aspects: ${withAspects.map((c) => c.node.path).join(", ")}`);
    const stacks = readdirSync(join(outdir, "stacks"));
    return new Map([
      ["manifest.json", readFileSync(join(outdir, "manifest.json"), "utf8")],
      ...stacks.map((name): [string, string] => [name, readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8")]),
    ]);
  } finally {
    Object.assign(prototype, own);
    rmSync(outdir, { recursive: true, force: true });
  }
}

const cloudData = (): Record<string, any> => {
  const data = exampleConfigData();
  data.backend = { type: "cloud", organization: "kestrel", workspacePrefix: "lz-", pipelineShards: 2 };
  data.identity.assignmentShards = 2;
  return data;
};

describe.each([
  ["the example (local backend)", exampleConfigData],
  ["a Terraform Cloud config", cloudData],
])("resolving once writes what cdktf's two passes write: %s", (_name, data) => {
  let once: Map<string, string>;
  let twice: Map<string, string>;
  beforeAll(() => {
    once = synthesizedFiles(data(), "once");
    twice = synthesizedFiles(data(), "cdktf");
  });

  it("the same stacks", () => {
    expect([...once.keys()].sort()).toEqual([...twice.keys()].sort());
    expect(once.size).toBeGreaterThan(4);
  });

  it("every file byte for byte, cross-stack outputs and remote state reads included", () => {
    const differing = [...twice].filter(([name, text]) => once.get(name) !== text).map(([name]) => name);
    expect(differing).toEqual([]);
    expect([...once.values()].some((text) => text.includes("cross-stack-output-"))).toBe(true);
    expect([...once.values()].some((text) => text.includes("cross-stack-reference-input-"))).toBe(true);
  });
});
