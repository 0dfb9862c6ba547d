import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Aspects, Testing, TerraformStack } from "cdktf";
import { composeLandingZone } from "../../src/landing-zone";
import type { LandingZoneConfig } from "../../src/config/schema";
import { LandingZoneStack } from "../../src/stacks/landing-zone-stack";

/** Every file a synthesis wrote (the manifest and each stack's JSON), by path under the output folder. */
export function filesWritten(outdir: string): Map<string, string> {
  const stacks = readdirSync(join(outdir, "stacks")).sort();
  return new Map([
    ["manifest.json", readFileSync(join(outdir, "manifest.json"), "utf8")],
    ...stacks.map((name): [string, string] => [`stacks/${name}/cdk.tf.json`, readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8")]),
  ]);
}

/**
 * The files cdktf's own passes write for a config, as the helpers' synthesizeLandingZone builds it: LandingZoneStack
 * without its replacements of cdktf's preparing pass, stack JSON and backend lookup (src/synth/resolve-once.ts),
 * restored afterwards. Fails if any construct has an Aspect: Aspects run between preparing and writing, so one that
 * changed an element would make the JSON kept while preparing stale.
 */
export function filesWrittenByCdktfPasses(config: LandingZoneConfig): Map<string, string> {
  const prototype = LandingZoneStack.prototype;
  const own = { prepareStack: prototype.prepareStack, toTerraform: prototype.toTerraform, ensureBackendExists: prototype.ensureBackendExists };
  prototype.prepareStack = TerraformStack.prototype.prepareStack;
  prototype.toTerraform = TerraformStack.prototype.toTerraform;
  prototype.ensureBackendExists = TerraformStack.prototype.ensureBackendExists;
  try {
    const app = Testing.app({ stackTraces: false });
    composeLandingZone(app, config);
    app.synth();
    const withAspects = app.node.findAll().filter((construct) => Aspects.of(construct).all.length > 0);
    if (withAspects.length > 0) throw new Error(`constructs with Aspects: ${withAspects.map((c) => c.node.path).join(", ")}`);
    return filesWritten(app.outdir);
  } finally {
    Object.assign(prototype, own);
  }
}
