import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ConfigError } from "../src/config/errors";
import { loadConfig, parseConfig } from "../src/config/load";
import { configFromData, exampleConfigData, exampleConfigText, issuesOfData } from "./helpers";
import { accountNamed } from "./support/fixtures";

const ROOT = join(__dirname, "..");

/** Runs the CLI as `npm run synth` does, with only Node on the PATH and the given environment. */
function cli(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", ...(env.PRELOAD === undefined ? [] : ["--require", env.PRELOAD]), "main.ts"], {
    cwd: ROOT,
    env: { PATH: dirname(process.execPath), CDKTF_OUTDIR: join(tempDir(), "cdktf.out"), ...env },
    encoding: "utf8",
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

const tempDir = () => mkdtempSync(join(tmpdir(), "lz-cli-"));

function configFile(text: string, name = "landing-zone.yaml"): string {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

/** Printed when Node reports an uncaught error: a stack frame. */
const STACK_FRAME = /^\s+at /m;

/**
 * What the CLI prints for a config problem is the ConfigError's message, and the CLI's handling of any ConfigError
 * (that message on stderr, exit code 1, no stack trace, nothing written) is proven once, by a process, in
 * synth-process.test.ts. So the messages of particular config problems are checked here in-process, on that message;
 * the CLI runs below are for what only a process shows.
 */
const configErrorMessage = (parse: () => unknown): string => {
  try {
    parse();
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error("expected a ConfigError, but the config is valid");
};

describe("CLI error boundary", () => {
  describe("names clashing after punctuation is dropped, instead of crashing", () => {
    // One config with both clashes: every config problem is reported together.
    let message: string;
    beforeAll(() => {
      const data = exampleConfigData();
      data.organizationalUnits.push({ name: "Sand box" }, { name: "Sand.box" });
      data.logging.securityContacts = ["a.b@example.org", "a_b@example.org"];
      message = configErrorMessage(() => configFromData(data));
    });

    it("refuses sibling OUs whose names differ only in punctuation, naming both, instead of crashing", () => {
      expect(message).toMatch(/landing-zone\.yaml:\d+:\d+ organizationalUnits\[\d+\]\.name: OU "Sand\.box" would get the same Terraform address as "Sand box" \(organizationalUnits\[\d+\]\.name\)/);
      expect(message).not.toMatch(STACK_FRAME);
    });

    it("refuses security contacts that differ only in punctuation, naming both, instead of crashing", () => {
      expect(message).toMatch(/landing-zone\.yaml:\d+:\d+ logging\.securityContacts\[1\]: security contact "a_b@example\.org" would get the same Terraform address as "a\.b@example\.org" \(logging\.securityContacts\[0\]\)/);
      expect(message).not.toMatch(STACK_FRAME);
    });
  });

  it("says an empty file is empty and what it needs", () => {
    const message = configErrorMessage(() => parseConfig("# nothing yet\n", "landing-zone.yaml"));
    expect(message).toMatch(/landing-zone\.yaml:1:1 \(top level\): the config file is empty; it needs at least organization, accounts, logging$/m);
  });

  describe("a successful run", () => {
    // One run checks both: a relative config path, and an output folder whose parents do not exist yet.
    let run: ReturnType<typeof cli>;
    let outdir: string;
    beforeAll(() => {
      const file = configFile(exampleConfigText(), "mine.yaml");
      outdir = join(tempDir(), "not", "yet", "cdktf.out");
      run = cli({ LANDING_ZONE_CONFIG: "mine.yaml", INIT_CWD: dirname(file), CDKTF_OUTDIR: outdir });
    });

    it("resolves a relative LANDING_ZONE_CONFIG from the directory npm was run in (INIT_CWD)", () => {
      const { status, stderr } = run;
      expect({ status, stderr }).toEqual({ status: 0, stderr: "" });
      expect(existsSync(join(outdir, "manifest.json"))).toBe(true);
    });

    it("creates a missing parent of CDKTF_OUTDIR", () => {
      const { status, stderr } = run;
      expect({ status, stderr }).toEqual({ status: 0, stderr: "" });
      expect(existsSync(join(outdir, "stacks", "organization", "cdk.tf.json"))).toBe(true);
    });
  });

  it("names the path it tried for a missing config, and where a relative one was resolved from", () => {
    const initCwd = tempDir();
    const saved = { LANDING_ZONE_CONFIG: process.env.LANDING_ZONE_CONFIG, INIT_CWD: process.env.INIT_CWD };
    let message: string;
    try {
      Object.assign(process.env, { LANDING_ZONE_CONFIG: "nope.yaml", INIT_CWD: initCwd });
      message = configErrorMessage(() => loadConfig());
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    expect(message).toContain(`cannot read the config: file not found; tried ${join(initCwd, "nope.yaml")} (LANDING_ZONE_CONFIG=nope.yaml, resolved from ${initCwd}`);
  });

  it("refuses an output parent that cannot be a folder, naming CDKTF_OUTDIR, without a stack trace", () => {
    const blocker = join(tempDir(), "a-file");
    writeFileSync(blocker, "");
    const { status, stderr } = cli({ LANDING_ZONE_CONFIG: configFile(exampleConfigText()), CDKTF_OUTDIR: join(blocker, "sub", "cdktf.out") });
    expect(status).toBe(1);
    expect(stderr).toMatch(/^CDKTF_OUTDIR=.*a-file\/sub\/cdktf\.out: cannot create its parent folder .*\(ENOTDIR\)/);
    expect(stderr).not.toMatch(STACK_FRAME);
  });

  describe("a failure that is not the user's", () => {
    // Stands in for a bug: synthesis itself throws, with a multi-line message.
    const preload = join(tempDir(), "break-synth.cjs");
    writeFileSync(preload, `require(${JSON.stringify(join(ROOT, "node_modules", "cdktf"))}).App.prototype.synth = () => { throw new Error("boom\\nsecond line"); };\n`);
    const outdir = join(tempDir(), "cdktf.out");
    mkdirSync(outdir);

    it("prints one line that says it is a bug, exits non-zero and writes nothing", () => {
      const { status, stderr } = cli({ LANDING_ZONE_CONFIG: configFile(exampleConfigText()), CDKTF_OUTDIR: outdir, PRELOAD: preload });
      expect(status).toBe(1);
      expect(stderr).toBe("internal error (a bug): boom (nothing was written; run with LANDING_ZONE_DEBUG=1 for the stack trace)\n");
      expect(existsSync(join(outdir, "manifest.json"))).toBe(false);
    });

    it("prints the stack trace with LANDING_ZONE_DEBUG=1", () => {
      const { status, stderr } = cli({ LANDING_ZONE_CONFIG: configFile(exampleConfigText()), CDKTF_OUTDIR: outdir, PRELOAD: preload, LANDING_ZONE_DEBUG: "1" });
      expect(status).toBe(1);
      expect(stderr).toMatch(/boom/);
      expect(stderr).toMatch(STACK_FRAME);
    });
  });
});

describe("cross-field rules on a config whose schema failed elsewhere", () => {
  it("reports a typo in one section and a VPC overlap in another together", () => {
    const issues = issuesOfData((d) => {
      d.logging.securityContact = ["x@example.org"]; // typo: an unknown key
      d.accounts.find((a: { name: string }) => a.name === "voting-nonprod").network.cidr = "10.20.0.0/16"; // voting-prod's
    });
    expect(issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["logging.securityContact", expect.stringMatching(/^accounts\.\d+\.network\.cidr$/)]));
    expect(issues.find((i) => i.path[0] === "accounts")?.message).toMatch(/overlaps 10\.20\.0\.0\/16 of account "voting-prod"/);
  });

  it("skips the rules that read a section which failed its own schema", () => {
    const issues = issuesOfData((d) => {
      accountNamed(d, "log-archive").purpose = "logs"; // accounts fails its schema
      d.logging.securityContact = ["x@example.org"];
    });
    expect(issues.map((i) => i.path.join("."))).toEqual(["accounts.1.purpose", "logging.securityContact"]);
  });
});
