#!/usr/bin/env node
// Benchmark: wall time and peak memory of synthesizing a config, as `npm run synth` does. Whole-process figures from
// GNU time (Debian package `time`), median of several runs after a warm-up.
//
//   npm run bench [-- RUNS]                      the example config (landing-zone.yaml), 7 runs by default
//   npm run bench -- --accounts N [--regions r1,r2] [--runs RUNS]
//                                                a config of N member accounts generated from the example
//                                                (scripts/generate-scale-config.mjs), 1 run by default
//
// With --accounts it also reports the stacks, the resources of the largest states and the fullest policy against its
// AWS limit. A measurement, never a test: run it on a quiet machine and compare with the example's time.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { scaleConfig } from "./generate-scale-config.mjs";

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? undefined : args[i + 1];
};
const accounts = option("accounts") === undefined ? undefined : Number(option("accounts"));
const regions = option("regions")?.split(",");
const runs = Number(option("runs") ?? (accounts === undefined ? (args[0] ?? 7) : 1));
if (!Number.isInteger(runs) || runs < 1 || (accounts !== undefined && !Number.isInteger(accounts))) {
  console.error("usage: npm run bench [-- RUNS] | npm run bench -- --accounts N [--regions r1,r2] [--runs RUNS]");
  process.exit(2);
}
const GNU_TIME = "/usr/bin/time";
if (!existsSync(GNU_TIME)) {
  console.error(`${GNU_TIME} not found: install GNU time (apt-get install time)`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), "lz-bench-"));
const outdir = join(work, "cdktf.out");
const env = { ...process.env, CDKTF_OUTDIR: outdir };
if (accounts !== undefined) {
  const example = parse(readFileSync(new URL("../landing-zone.yaml", import.meta.url), "utf8"));
  env.LANDING_ZONE_CONFIG = join(work, "landing-zone.yaml");
  writeFileSync(env.LANDING_ZONE_CONFIG, stringify(scaleConfig(example, accounts, regions)));
}

const samples = [];
for (let i = 0; i <= runs; i++) {
  const result = spawnSync(GNU_TIME, ["-f", "%e %U %S %M", process.execPath, "--import", "tsx", "main.ts"], { env, encoding: "utf8" });
  if (result.status !== 0) {
    console.error(result.stderr);
    process.exit(1);
  }
  const [wall, user, system, maxRssKb] = result.stderr.trim().split("\n").at(-1).split(" ").map(Number);
  if (i > 0) samples.push({ wall, cpu: user + system, maxRssMb: maxRssKb / 1024 }); // run 0 is the warm-up
}

const stacks = readdirSync(join(outdir, "stacks")).map((name) => ({ name, json: JSON.parse(readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8")) }));
const resourcesOf = (json) => Object.values(json.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
const resources = stacks.reduce((sum, stack) => sum + resourcesOf(stack.json), 0);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (values, unit, digits) =>
  `median ${median(values).toFixed(digits)} ${unit} (min ${Math.min(...values).toFixed(digits)}, max ${Math.max(...values).toFixed(digits)})`;
const what = accounts === undefined ? "the example config" : `${accounts} member accounts${regions ? ` in ${regions.length} Regions` : ""}`;
console.log(`synth of ${what}: ${stacks.length} stacks, ${resources} resources, ${runs} run${runs > 1 ? "s" : ""} after a warm-up`);
console.log(`  wall time   ${fmt(samples.map((s) => s.wall), "s", 2)}`);
// CPU time (user + system) varies less than wall time on a machine that other work shares.
console.log(`  CPU time    ${fmt(samples.map((s) => s.cpu), "s", 2)}`);
console.log(`  peak memory ${fmt(samples.map((s) => s.maxRssMb), "MB", 0)}`);

if (accounts !== undefined) {
  const bySize = stacks.map((s) => ({ name: s.name, resources: resourcesOf(s.json) })).sort((a, b) => b.resources - a.resources);
  const accountStacks = bySize.filter((s) => s.name.startsWith("account-"));
  console.log(`  resources   ${bySize.filter((s) => !s.name.startsWith("account-")).map((s) => `${s.name} ${s.resources}`).join(", ")}`);
  console.log(`              account stacks: ${accountStacks.length}, largest ${accountStacks[0]?.resources ?? 0}, median ${median(accountStacks.map((s) => s.resources)) ?? 0}`);
  console.log(`  largest state but organization: ${bySize.filter((s) => s.name !== "organization").slice(0, 1).map((s) => `${s.name} (${s.resources} resources)`)}`);
  const fullest = policyFill(stacks).sort((a, b) => b.fill - a.fill);
  console.log("  fullest policies against their AWS limits (as synthesized; a reference is measured as written):");
  const show = (p) => console.log(`    ${(p.fill * 100).toFixed(1)}%  ${p.size} of ${p.limit} ${p.unit}  ${p.what}`);
  fullest.slice(0, 3).forEach(show);
  console.log("  fullest bucket and key policy (the log archive's grew with the accounts before issue 12):");
  for (const kind of ["bucket policy", "key policy"]) fullest.filter((p) => p.what.includes(`: ${kind} `)).slice(0, 1).forEach(show);
}
rmSync(work, { recursive: true, force: true });

/**
 * Every policy document in the synthesized stacks with its size against AWS's limit: bucket policies 20 KB (S3 UG,
 * bucket policies), key policies 32 KB (KMS quotas), Organizations policies by type (Organizations quotas, as in
 * src/policies/quotas.ts), IAM customer managed policies 6,144 characters without whitespace and role trust policies
 * 2,048 (IAM quotas, defaults), Identity Center inline policies 10,240 (src/policies/identity-center.ts).
 */
function policyFill(stacks) {
  const ORGANIZATIONS = { SERVICE_CONTROL_POLICY: 10_240, RESOURCE_CONTROL_POLICY: 5_120, TAG_POLICY: 10_000, BACKUP_POLICY: 10_000, AISERVICES_OPT_OUT_POLICY: 2_500 };
  const found = [];
  const add = (what, text, limit, unit, measure) => {
    if (typeof text !== "string") return;
    const size = measure(text);
    found.push({ what, size, limit, unit, fill: size / limit });
  };
  const bytes = (text) => Buffer.byteLength(text, "utf8");
  const chars = (text) => text.length;
  const nonWhitespace = (text) => text.replace(/\s/g, "").length;
  for (const { name, json } of stacks) {
    const resources = json.resource ?? {};
    for (const [id, r] of Object.entries(resources.aws_s3_bucket_policy ?? {})) add(`${name}: bucket policy ${id}`, r.policy, 20 * 1024, "bytes", bytes);
    for (const [id, r] of Object.entries(resources.aws_kms_key ?? {})) add(`${name}: key policy ${id}`, r.policy, 32 * 1024, "bytes", bytes);
    for (const [id, r] of Object.entries(resources.aws_organizations_policy ?? {})) add(`${name}: ${r.type} ${id}`, r.content, ORGANIZATIONS[r.type] ?? Infinity, "characters", chars);
    for (const [id, r] of Object.entries(resources.aws_iam_policy ?? {})) add(`${name}: IAM policy ${id}`, r.policy, 6_144, "characters", nonWhitespace);
    for (const [id, r] of Object.entries(resources.aws_iam_role ?? {})) add(`${name}: trust policy of ${id}`, r.assume_role_policy, 2_048, "characters", nonWhitespace);
    for (const [id, r] of Object.entries(resources.aws_ssoadmin_permission_set_inline_policy ?? {})) add(`${name}: inline policy ${id}`, r.inline_policy, 10_240, "characters", chars);
  }
  return found;
}
