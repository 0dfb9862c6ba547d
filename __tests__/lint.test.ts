import { ESLint } from "eslint";
import { join } from "node:path";

describe("lint rule: deep imports of the AWS provider only", () => {
  const root = join(__dirname, "..");
  // The project's own config, passed in directly: Jest cannot run the dynamic import() ESLint uses to find it.
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
