import { readFileSync } from "node:fs";
import { join } from "node:path";
import { JSON_SCHEMA_FILE, renderJsonSchema } from "../scripts/generate-json-schema";

describe("published JSON Schema", () => {
  it("is up to date with the zod schema (run `npm run schema` after changing the config schema)", () => {
    expect(readFileSync(join(__dirname, "..", JSON_SCHEMA_FILE), "utf8")).toBe(renderJsonSchema());
  });

  it("rejects unknown keys, as the loader does", () => {
    const schema = JSON.parse(renderJsonSchema());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.organization.additionalProperties).toBe(false);
  });
});
