import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { exampleConfigText } from "./helpers";

const ROOT = join(__dirname, "..");

/**
 * Runs the app as `npm run synth` does, with its own config and output directory, and only Node on the PATH:
 * synthesizing must not need Terraform (cdktf's validation would run `terraform version` for import blocks).
 */
function synth(configText: string, outdir: string) {
  const configFile = join(mkdtempSync(join(tmpdir(), "lz-synth-config-")), "landing-zone.yaml");
  writeFileSync(configFile, configText);
  const result = spawnSync(process.execPath, ["--import", "tsx", "main.ts"], {
    cwd: ROOT,
    env: { ...process.env, PATH: dirname(process.execPath), LANDING_ZONE_CONFIG: configFile, CDKTF_OUTDIR: outdir },
    encoding: "utf8",
  });
  return { status: result.status, stderr: result.stderr };
}

const newOutdir = () => join(mkdtempSync(join(tmpdir(), "lz-synth-out-")), "cdktf.out");

describe("npm run synth", () => {
  it("writes every stack in cdktf's layout, keeping `terraform init`'s files and dropping stacks that are gone", () => {
    const outdir = newOutdir();
    mkdirSync(join(outdir, "stacks", "organization", ".terraform"), { recursive: true });
    writeFileSync(join(outdir, "stacks", "organization", ".terraform.lock.hcl"), "# lock");
    mkdirSync(join(outdir, "stacks", "account-removed"), { recursive: true });

    const { status, stderr } = synth(exampleConfigText(), outdir);

    expect({ status, stderr }).toEqual({ status: 0, stderr: "" });
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks)).toEqual(expect.arrayContaining(["organization", "account-voting-prod"]));
    expect(existsSync(join(outdir, "stacks", "organization", "cdk.tf.json"))).toBe(true);
    expect(existsSync(join(outdir, "stacks", "organization", ".terraform"))).toBe(true);
    expect(readFileSync(join(outdir, "stacks", "organization", ".terraform.lock.hcl"), "utf8")).toBe("# lock");
    expect(existsSync(join(outdir, "stacks", "account-removed"))).toBe(false);
  });

  it("on a bad config exits non-zero, prints every problem with its location, and leaves the previous output intact", () => {
    // A previous output of its own (this test does not depend on another's): the bad run must leave it as it is.
    const outdir = newOutdir();
    const marker = join(outdir, "stacks", "organization", "cdk.tf.json");
    mkdirSync(dirname(marker), { recursive: true });
    const before = JSON.stringify({ previous: "output" });
    writeFileSync(marker, before);
    writeFileSync(join(outdir, "manifest.json"), "{}");
    const bad = exampleConfigText().replace('managementAccountId: "111111111111"', 'managementAccountId: "1111"').replace("prefix: kestrel", "prefix: Kestrel");

    const { status, stderr } = synth(bad, outdir);

    expect(status).toBe(1);
    expect(stderr).toMatch(/landing-zone\.yaml: 2 problems in the landing zone config/);
    expect(stderr).toMatch(/landing-zone\.yaml:\d+:\d+ organization\.prefix: /);
    expect(stderr).toMatch(/landing-zone\.yaml:\d+:\d+ organization\.managementAccountId: "1111" is not an AWS account id/);
    expect(stderr).toMatch(/Nothing was written; .* is unchanged\./);
    expect(readFileSync(marker, "utf8")).toBe(before);
  });
});
