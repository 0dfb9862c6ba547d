import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { TerraformStack, Testing, type App } from "cdktf";
import { ValidateBinaryVersion } from "cdktf/lib/validations/validate-binary-version";
import { parse, stringify } from "yaml";
import { composeLandingZone } from "../src/landing-zone";
import { ConfigError, type LocatedConfigIssue } from "../src/config/errors";
import { parseConfig } from "../src/config/load";
import type { LandingZoneConfig } from "../src/config/schema";

export const EXAMPLE_CONFIG_FILE = join(__dirname, "..", "landing-zone.yaml");

export function exampleConfigText(): string {
  return readFileSync(EXAMPLE_CONFIG_FILE, "utf8");
}

export function exampleConfig(): LandingZoneConfig {
  return parseConfig(exampleConfigText(), "landing-zone.yaml");
}

/** The example config as plain, mutable data, for tests that change one thing. */
export function exampleConfigData(): Record<string, any> {
  return parse(exampleConfigText());
}

/** Parses config data (changed by a test) as if it came from landing-zone.yaml. */
export function configFromData(data: unknown): LandingZoneConfig {
  return parseConfig(stringify(data), "landing-zone.yaml");
}

/** The issues a config raises; fails the test if it is valid. */
export function issuesOf(parse: () => unknown): LocatedConfigIssue[] {
  try {
    parse();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  throw new Error("expected a ConfigError, but the config is valid");
}

/** The issues the example config raises after `mutate` changes it. */
export function issuesOfData(mutate: (data: Record<string, any>) => void): LocatedConfigIssue[] {
  const data = exampleConfigData();
  mutate(data);
  return issuesOf(() => configFromData(data));
}

/** The smallest valid config but for the required `logging` section, for tests of defaults and line numbers. */
export const MINIMAL_CONFIG_WITHOUT_LOGGING = `organization:
  name: Test Ltd
  prefix: test
  managementAccountId: "111111111111"
  owner: platform
organizationalUnits:
  - name: Security
accounts:
  - name: management
    email: mgmt@example.org
    purpose: management
  - name: log-archive
    email: logs@example.org
    purpose: log-archive
    ou: Security
  - name: audit
    email: audit@example.org
    purpose: audit
    ou: Security
`;

/** A synthesized stack as parsed JSON, with helpers to reach its blocks. */
export interface SynthesizedStack {
  readonly json: Record<string, any>;
  readonly text: string;
  resources(type: string): Record<string, Record<string, any>>;
  resource(type: string, name: string): Record<string, any>;
}

/**
 * A stack as Terraform will see it. Reads the file `app.synth()` wrote, because cross-stack references are only
 * resolved when the whole app is synthesized.
 */
export function synthesized(stack: TerraformStack): SynthesizedStack {
  const cached = synthesizedStacks.get(stack);
  if (cached !== undefined) return cached;
  const app = stack.node.scope as App;
  const file = join(app.outdir, "stacks", stack.node.id, "cdk.tf.json");
  if (!existsSync(file)) throw new Error(`stack ${stack.node.id} was composed but not synthesized: add it to the stacks the test synthesizes`);
  const text = readFileSync(file, "utf8");
  const json = JSON.parse(text);
  const result: SynthesizedStack = {
    json,
    text,
    resources: (type) => json.resource?.[type] ?? {},
    resource: (type, name) => {
      const found = json.resource?.[type]?.[name];
      if (found === undefined) throw new Error(`no ${type}.${name} in stack; has: ${Object.keys(json.resource?.[type] ?? {}).join(", ")}`);
      return found;
    },
  };
  synthesizedStacks.set(stack, result);
  return result;
}

const synthesizedStacks = new WeakMap<TerraformStack, SynthesizedStack>();

/**
 * Composes and synthesizes the whole landing zone for a config and returns every stack by name. Each distinct config
 * is synthesized once per Vitest worker and shared by its test files (the example config's too): tests only read the
 * result, and each synthesis takes a good part of a second. For tests of cross-stack wiring that need every stack's
 * output (the snapshot, every stack's backend, run triggers against every stack's remote state reads); tests that
 * read a few stacks use synthesizeLandingZoneStacks.
 */
export function synthesizeLandingZone(config?: LandingZoneConfig): Map<string, TerraformStack> {
  if (config === undefined) return (exampleSynthesis ??= synthesizeLandingZone(exampleConfig()));
  const key = configKey(config);
  let stacks = syntheses.get(key);
  if (stacks === undefined) {
    stacks = synthesizeFresh(config, () => true);
    syntheses.set(key, stacks);
  }
  return stacks;
}

/**
 * Composes the whole landing zone for a config, as synthesizeLandingZone does, but synthesizes only the stacks
 * `wanted` picks by name: for tests that read a few stacks of the app, such as the pipeline stacks, which are built
 * from every other stack and its remote state reads. Every stack is composed and prepared first, as `app.synth()`
 * prepares them, so the picked stacks are exactly as in a whole synthesis: their remote state reads, and the outputs
 * other stacks read from them, whichever stack made the reference. Returns every composed stack by name; `synthesized`
 * refuses one that was not picked. Shared per file as synthesizeLandingZone's are (a whole synthesis of the same config
 * serves too).
 */
export function synthesizeLandingZoneStacks(config: LandingZoneConfig, wanted: (name: string) => boolean): Map<string, TerraformStack> {
  const key = configKey(config);
  const whole = syntheses.get(key);
  if (whole !== undefined) return whole;
  const earlier = partialSyntheses.get(key) ?? [];
  // The same config composes the same stacks, so an earlier synthesis that wrote every stack picked now serves.
  const names = earlier[0] === undefined ? undefined : [...earlier[0].stacks.keys()];
  const found = names === undefined ? undefined : earlier.find((entry) => names.filter(wanted).every((name) => entry.picked.includes(name)));
  if (found !== undefined) return found.stacks;
  const stacks = synthesizeFresh(config, wanted);
  partialSyntheses.set(key, [...earlier, { picked: [...stacks.keys()].filter(wanted), stacks }]);
  return stacks;
}

const syntheses = new Map<string, Map<string, TerraformStack>>();
let exampleSynthesis: Map<string, TerraformStack> | undefined;
const partialSyntheses = new Map<string, { picked: string[]; stacks: Map<string, TerraformStack> }[]>();

/**
 * A config's exact content as a string: two configs get the same key only if they are equal as plain data. Anything
 * that is not plain data (a Map, a class instance, a function) throws rather than risk two configs sharing a key.
 */
export function configKey(config: LandingZoneConfig): string {
  return JSON.stringify(config, (_key, value: unknown) => {
    if (value === undefined) return "\u0000undefined";
    if (typeof value === "function" || typeof value === "symbol" || typeof value === "bigint") throw new Error(`config holds a ${typeof value}`);
    if (typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
      throw new Error(`config holds a ${value.constructor?.name ?? "non-plain object"}`);
    }
    return value;
  });
}

/**
 * cdktf validates every synth (tests keep that; the CLI skips it): each import block, and each stack's cloud backend,
 * adds a check that runs `terraform version` in a new process, dozens per synth of the landing zone and most of a
 * cloud-backend synth's time. The installed Terraform does not change during a test run, so each distinct check runs
 * it once and its answer (the same list of problems, empty or not) is reused.
 */
const binaryVersionChecks = new Map<string, string[]>();
const checkBinaryVersion = ValidateBinaryVersion.prototype.validate;
ValidateBinaryVersion.prototype.validate = function (this: ValidateBinaryVersion): string[] {
  const self = this as unknown as { binary: string; versionConstraint: string; versionCommand: string; hint?: string };
  const key = JSON.stringify([self.binary, self.versionConstraint, self.versionCommand, self.hint]);
  let problems = binaryVersionChecks.get(key);
  if (problems === undefined) {
    problems = checkBinaryVersion.call(this);
    binaryVersionChecks.set(key, problems);
  }
  return [...problems];
};

/**
 * Composes the landing zone and synthesizes the stacks `wanted` picks. The others are prepared, as
 * `app.synth()` prepares every stack before it writes any (preparing registers each cross-stack reference: the
 * reader's remote state data source and the writer's output), then taken out of the app so that `app.synth()`
 * writes only the picked ones, with cdktf's validations on as in a whole synthesis.
 */
function synthesizeFresh(config: LandingZoneConfig, wanted: (name: string) => boolean): Map<string, TerraformStack> {
  const app = Testing.app({ stackTraces: false });
  composeLandingZone(app, config);
  const stacks = new Map(app.node.children.filter(TerraformStack.isStack).map((stack) => [stack.node.id, stack]));
  const skipped = [...stacks.keys()].filter((name) => !wanted(name));
  if (skipped.length > 0) {
    for (const stack of stacks.values()) stack.prepareStack();
    for (const name of skipped) app.node.tryRemoveChild(name);
  }
  app.synth();
  return stacks;
}

export function stackNamed(stacks: Map<string, TerraformStack>, name: string): TerraformStack {
  const stack = stacks.get(name);
  if (stack === undefined) throw new Error(`no stack ${name}; stacks: ${[...stacks.keys()].join(", ")}`);
  return stack;
}
