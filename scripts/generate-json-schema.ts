import { writeFileSync } from "node:fs";
import * as z from "zod";
import { landingZoneSchema } from "../src/config/schema";

/** The published JSON Schema of landing-zone.yaml, for editor completion. Generated from the zod schema. */
export const JSON_SCHEMA_FILE = "landing-zone.schema.json";

export function renderJsonSchema(): string {
  const schema = z.toJSONSchema(landingZoneSchema, { io: "input", target: "draft-2020-12" });
  return `${JSON.stringify({ ...schema, title: "Landing zone config (landing-zone.yaml)" }, null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(JSON_SCHEMA_FILE, renderJsonSchema());
  console.log(`wrote ${JSON_SCHEMA_FILE}`);
}
