import { writeFileSync } from "node:fs";
import * as z from "zod";
import { landingZoneSchema } from "../src/config/schema";

/**
 * docs/config-reference.md: every key of landing-zone.yaml with its type, whether it is required, its default, what
 * is allowed and its description, generated from the zod schema (through its JSON Schema, as `npm run schema`
 * publishes it), so the reference cannot drift from what the loader accepts. Nested maps and lists of maps get
 * sections of their own, named by their dotted path (`accounts[].network`).
 */
export const CONFIG_REFERENCE_FILE = "docs/config-reference.md";

/** The part of JSON Schema that zod emits for this config. */
interface JsonSchema {
  readonly type?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly pattern?: string;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: JsonSchema | boolean;
  readonly propertyNames?: JsonSchema;
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
}

/** Enumerations longer than this are listed once, at the end, instead of in every row that uses them. */
const LONGEST_INLINE_ENUM = 12;

/** One section: a map (object) of the config, where it sits (its keys' dotted path) and its heading. */
interface Section {
  readonly path: string;
  readonly title: string;
  readonly schema: JsonSchema;
  readonly description?: string;
}

/** zod's bounds for a whole number (safe integers) say nothing a reader needs. */
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

export function renderConfigReference(): string {
  const root = z.toJSONSchema(landingZoneSchema, { io: "input", target: "draft-2020-12" }) as JsonSchema;
  const definitions = root.$defs ?? {};
  const resolve = (schema: JsonSchema): JsonSchema => {
    if (schema.$ref === undefined) return schema;
    const resolved = definitions[schema.$ref.replace("#/$defs/", "")];
    if (resolved === undefined) throw new Error(`no definition for ${schema.$ref}`);
    // What the reference carries besides $ref (its description, its default) belongs to this use of it.
    return { ...resolved, ...schema, $ref: undefined };
  };

  // Each map's section follows its parent's, so a nested map is read right after the key that holds it.
  const sections: Section[] = [];
  let insertAt = 0;
  const longLists = new Map<string, { readonly anchor: string; readonly firstUse: string; readonly values: readonly unknown[] }>();
  const sectionOfRef = new Map<string, string>();
  const anchor = (path: string) => `#${path.toLowerCase().replace(/[^a-z0-9 -]/g, "").replace(/ /g, "-")}`;
  const link = (path: string) => `[\`${path}\`](${anchor(`\`${path}\``)})`;

  /** A section for a map at `path`, unless one already exists (a recursive schema such as the OU tree); its title. */
  const addSection = (path: string, schema: JsonSchema, ref?: string, title = path): string => {
    if (ref !== undefined) {
      const existing = sectionOfRef.get(ref);
      if (existing !== undefined) return existing;
      sectionOfRef.set(ref, title);
    }
    sections.splice(insertAt++, 0, { path, title, schema: resolve(schema), description: schema.description });
    return title;
  };

  const enumText = (values: readonly unknown[], usedAt: string): string => {
    if (values.length <= LONGEST_INLINE_ENUM) return `one of ${values.map(code).join(", ")}`;
    const key = JSON.stringify(values);
    let list = longLists.get(key);
    if (list === undefined) {
      list = { anchor: `values-of-${usedAt.replace(/[^A-Za-z0-9]+/g, "-").replace(/-$/, "").toLowerCase()}`, firstUse: usedAt, values };
      longLists.set(key, list);
    }
    return `one of ${values.length} values ([list](#${list.anchor}))`;
  };

  /** The type of a value, in words; nested maps become sections of their own and are linked. */
  const typeOf = (raw: JsonSchema, path: string): string => {
    const schema = resolve(raw);
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives !== undefined) {
      if (alternatives.every((a) => a.const !== undefined)) return typeOf({ type: alternatives[0]?.type, enum: alternatives.map((a) => a.const) }, path);
      if (alternatives.every((a) => resolve(a).properties !== undefined)) {
        const forms = alternatives.map((a, i) => {
          const discriminator = Object.entries(resolve(a).properties ?? {}).find(([, p]) => p.const !== undefined);
          const title = discriminator === undefined ? `${path} (form ${i + 1})` : `${path} (${discriminator[0]}: ${String(discriminator[1].const)})`;
          return link(addSection(path, a, undefined, title));
        });
        return `map, one of: ${forms.join(", ")}`;
      }
      return alternatives.map((a) => typeOf(a, path)).join(" or ");
    }
    if (schema.const !== undefined) return `${code(schema.const)}`;
    switch (schema.type) {
      case "string":
        return schema.format === "email" ? "email address" : "text";
      case "integer":
        return "whole number";
      case "number":
        return "number";
      case "boolean":
        return "`true` or `false`";
      case "array": {
        const items = schema.items ?? {};
        const resolved = resolve(items);
        if (resolved.properties !== undefined) return `list of maps, see ${link(addSection(`${path}[]`, items, items.$ref))}`;
        return `list of ${plural(typeOf(items, `${path}[]`))}`;
      }
      case "object": {
        if (schema.properties !== undefined) return `map, see ${link(addSection(path, raw, raw.$ref))}`;
        const values = typeof schema.additionalProperties === "object" ? schema.additionalProperties : {};
        if (resolve(values).properties !== undefined) return `map of names to maps, see ${link(addSection(`${path}.<name>`, values, values.$ref))}`;
        return `map of names to ${plural(typeOf(values, `${path}.<name>`))}`;
      }
      default:
        return "any value";
    }
  };

  /** What is allowed beyond the type: enumerations, patterns, ranges and lengths, of a value and of its items. */
  const allowedOf = (raw: JsonSchema, path: string): string => {
    const schema = resolve(raw);
    const parts: string[] = [];
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives?.every((a) => a.const !== undefined) === true) parts.push(enumText(alternatives.map((a) => a.const), path));
    if (schema.enum !== undefined) parts.push(enumText(schema.enum, path));
    if (schema.pattern !== undefined && schema.format === undefined) parts.push(`matches ${code(schema.pattern)}`);
    const minimum = schema.minimum !== undefined && schema.minimum > -UNBOUNDED ? schema.minimum : undefined;
    const maximum = schema.maximum !== undefined && schema.maximum < UNBOUNDED ? schema.maximum : undefined;
    if (minimum !== undefined || maximum !== undefined) parts.push(range(minimum, maximum));
    if (schema.minLength !== undefined || schema.maxLength !== undefined) parts.push(counted(range(schema.minLength, schema.maxLength), "character"));
    if (schema.minItems !== undefined || schema.maxItems !== undefined) parts.push(counted(range(schema.minItems, schema.maxItems), "item"));
    if (schema.propertyNames?.pattern !== undefined) parts.push(`names match ${code(schema.propertyNames.pattern)}`);
    if (schema.type === "array" && schema.items !== undefined && resolve(schema.items).properties === undefined) {
      const items = allowedOf(schema.items, path);
      if (items !== "") parts.push(`each: ${items}`);
    }
    if (schema.type === "object" && typeof schema.additionalProperties === "object" && resolve(schema.additionalProperties).properties === undefined) {
      const values = allowedOf(schema.additionalProperties, path);
      if (values !== "") parts.push(`values: ${values}`);
    }
    return parts.join("; ");
  };

  const lines: string[] = [
    "# Config reference",
    "",
    `<!-- Generated from the zod schema (src/config/schema.ts, src/config/sections/) by \`npm run config-reference\`; do not edit. A test fails when it is stale. -->`,
    "",
    "Every key of `landing-zone.yaml` (or the file `LANDING_ZONE_CONFIG` names). Unknown keys are errors. A key that is",
    "not required and has no default is left out when not given. Rules that relate keys to each other (unique names, OU",
    "paths that exist, CIDRs that do not overlap, policies within AWS's size limits) are checked after the schema, in",
    "`src/config/rules/`; the README explains what each part builds.",
    "",
  ];
  addSection("", root, undefined, "Top level");
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i]!;
    insertAt = i + 1;
    const rows = Object.entries(section.schema.properties ?? {}).map(([key, property]) => {
      const path = section.path === "" ? key : `${section.path}.${key}`;
      const required = section.schema.required?.includes(key) === true ? "yes" : "no";
      const defaultValue = property.default === undefined ? "" : code(yamlValue(property.default));
      const description = property.description ?? resolve(property).description ?? "";
      return `| \`${key}\` | ${typeOf(property, path)} | ${required} | ${defaultValue} | ${cell(allowedOf(property, path))} | ${cell(prose(description))} |`;
    });
    lines.push(
      section.path === "" ? `## ${section.title}` : `## \`${section.title}\``,
      "",
      ...(section.description === undefined ? [] : [cell(prose(section.description)), ""]),
      "| key | type | required | default | allowed | description |",
      "| --- | --- | --- | --- | --- | --- |",
      ...rows,
      "",
    );
  }
  if (longLists.size > 0) {
    lines.push("## Long lists of allowed values", "");
    for (const list of longLists.values())
      lines.push(`<a id="${list.anchor}"></a>Values of \`${list.firstUse}\` (and every key that links here): ${list.values.map(code).join(", ")}`, "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function code(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** A default as it would be written in YAML flow style: `[eu-west-2]`, `{ type: local }`. */
function yamlValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(yamlValue).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    return entries.length === 0 ? "{}" : `{ ${entries.map(([k, v]) => `${k}: ${yamlValue(v)}`).join(", ")} }`;
  }
  return String(value);
}

/** Description text as Markdown shows it literally: `<name>` is not an HTML tag, `*` not emphasis. */
function prose(text: string): string {
  return text.replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\*/g, "\\*");
}

/** A table cell: no line breaks, and the pipe that would end the cell escaped. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
}

function range(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${min}` : `${min} to ${max}`;
  return min !== undefined ? `at least ${min}` : `at most ${max ?? 0}`;
}

/** `at least 1 item`, `1 to 100 characters`. */
function counted(range: string, unit: string): string {
  return `${range} ${unit}${/(^| )1$/.test(range) ? "" : "s"}`;
}

function plural(type: string): string {
  if (type === "text") return "text";
  if (type === "email address") return "email addresses";
  if (type.startsWith("map")) return type.replace(/^map/, "maps");
  return type.replace(/^(whole number|number)/, "$1s");
}

if (require.main === module) {
  writeFileSync(CONFIG_REFERENCE_FILE, renderConfigReference());
  console.log(`wrote ${CONFIG_REFERENCE_FILE}`);
}
