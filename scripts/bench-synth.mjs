#!/usr/bin/env node
// Benchmark: wall time and peak memory of synthesizing the example config, as `npm run synth` does.
// Whole-process figures from GNU time (Debian package `time`), median of several runs after a warm-up.
// Usage: npm run bench [-- RUNS]
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const runs = Number(process.argv[2] ?? 7);
const GNU_TIME = "/usr/bin/time";
if (!existsSync(GNU_TIME)) {
  console.error(`${GNU_TIME} not found: install GNU time (apt-get install time)`);
  process.exit(2);
}

const outdir = join(mkdtempSync(join(tmpdir(), "lz-bench-")), "cdktf.out");
const samples = [];
for (let i = 0; i <= runs; i++) {
  const result = spawnSync(GNU_TIME, ["-f", "%e %M", process.execPath, "--import", "tsx", "main.ts"], {
    env: { ...process.env, CDKTF_OUTDIR: outdir },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    console.error(result.stderr);
    process.exit(1);
  }
  const [wall, maxRssKb] = result.stderr.trim().split("\n").at(-1).split(" ").map(Number);
  if (i > 0) samples.push({ wall, maxRssMb: maxRssKb / 1024 }); // run 0 is the warm-up
}

let resources = 0;
const stacks = readdirSync(join(outdir, "stacks"));
for (const stack of stacks) {
  const json = JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
  for (const byName of Object.values(json.resource ?? {})) resources += Object.keys(byName).length;
}
rmSync(join(outdir, ".."), { recursive: true, force: true });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (values, unit, digits) =>
  `median ${median(values).toFixed(digits)} ${unit} (min ${Math.min(...values).toFixed(digits)}, max ${Math.max(...values).toFixed(digits)})`;
console.log(`synth of the example config: ${stacks.length} stacks, ${resources} resources, ${runs} runs after a warm-up`);
console.log(`  wall time   ${fmt(samples.map((s) => s.wall), "s", 2)}`);
console.log(`  peak memory ${fmt(samples.map((s) => s.maxRssMb), "MB", 0)}`);
