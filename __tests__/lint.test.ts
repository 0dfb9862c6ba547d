import { ESLint } from "eslint";
import { join } from "node:path";

describe("lint rule: deep imports of the AWS provider only", () => {
  const root = join(__dirname, "..");
  // The project's own config, passed in directly, so the test does not depend on how ESLint finds and loads it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the config is a CommonJS file without types
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: require("../eslint.config.js") });
  const rulesBrokenBy = async (code: string) =>
    (await eslint.lintText(code, { filePath: join(root, "src", "example.ts") }))[0]?.messages.map((m) => m.ruleId);

  // Built from parts, so a plain-text search for barrel imports in the repository does not flag these test inputs.
  const BARREL = ["@cdktf", "provider-aws"].join("/");

  it("rejects the barrel import", async () => {
    expect(await rulesBrokenBy(`import { S3Bucket } from "${BARREL}";\nexport const b = S3Bucket;\n`)).toContain("no-restricted-imports");
  });

  it("rejects a namespace import of the barrel", async () => {
    expect(await rulesBrokenBy(`import * as aws from "${BARREL}";\nexport const a = aws;\n`)).toContain("no-restricted-imports");
  });

  it("rejects a require of the barrel", async () => {
    expect(await rulesBrokenBy(`export const aws = require("${BARREL}");\n`)).toContain("no-restricted-syntax");
  });

  it("accepts a deep import", async () => {
    expect(await rulesBrokenBy('import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";\nexport const b = S3Bucket;\n')).toEqual([]);
  });
});

describe("lint rule: the layers import downwards only (README: Layout)", () => {
  const root = join(__dirname, "..");
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the config is a CommonJS file without types
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: require("../eslint.config.js") });
  /** The messages of no-restricted-imports for one import written in a file at `file` (relative to the root). */
  const layerViolations = async (file: string, specifier: string) =>
    (await eslint.lintText(`import type { X } from "${specifier}";\nexport type Y = X;\n`, { filePath: join(root, file) }))[0]?.messages
      .filter((m) => m.ruleId === "no-restricted-imports")
      .map((m) => m.message) ?? [];

  it.each([
    ["src/policies/example.ts", "../config/schema"],
    ["src/identity/example.ts", "../config/sections/identity"],
    ["src/network/example.ts", "../config/sections/network"],
    ["src/constructs/example.ts", "../config/schema"],
    ["src/pipeline/example.ts", "../config/schema"],
    ["src/compliance/controls/example.ts", "../../config/schema"],
    ["src/naming-example.ts", "./config/schema"],
  ])("refuses a domain module (%s) importing config (%s)", async (file, specifier) => {
    expect(await layerViolations(file, specifier)).toEqual([expect.stringContaining("Domain modules do not import src/config")]);
  });

  it.each([
    ["src/constructs/example.ts", "../../stacks/organization-stack"],
    ["src/policies/example.ts", "../stacks/account-directory"],
    ["src/config/rules/example.ts", "../../../stacks/log-archive-stack"],
  ])("refuses %s importing a stack (%s)", async (file, specifier) => {
    expect(await layerViolations(file, specifier)).toEqual([expect.stringContaining("Only stacks and their composition import stacks")]);
  });

  it.each([
    ["src/example.ts", "../main"],
    ["src/stacks/example.ts", "../../main"],
    ["stacks/example-stack.ts", "../main"],
    ["src/config/example.ts", "../../main.ts"],
  ])("refuses %s importing main.ts (%s)", async (file, specifier) => {
    expect(await layerViolations(file, specifier)).toEqual([expect.stringContaining("Nothing imports main.ts")]);
  });

  it("refuses a stack importing the composition that uses it", async () => {
    expect(await layerViolations("stacks/example-stack.ts", "../src/landing-zone")).toEqual([expect.stringContaining("src/landing-zone.ts")]);
  });

  it.each([
    ["src/config/rules/example.ts", "../../policies/log-archive"],
    ["src/config/sections/example.ts", "../../network/subnet-plan"],
    ["src/stacks/example.ts", "../config/schema"],
    ["stacks/example-stack.ts", "../src/config/schema"],
    ["src/landing-zone.ts", "./config/schema"],
    ["src/constructs/example.ts", "../policies/document"],
    ["src/policies/example.ts", "../network/subnet-plan"],
    ["__tests__/example.test.ts", "../src/config/schema"],
  ])("lets %s import %s", async (file, specifier) => {
    expect(await layerViolations(file, specifier)).toEqual([]);
  });
});
