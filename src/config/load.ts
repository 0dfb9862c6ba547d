import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type * as z from "zod";
import { ConfigError, type ConfigIssue, type ConfigPath, type LocatedConfigIssue } from "./errors";
import { landingZoneSchema, type LandingZoneConfig } from "./schema";
import { validateConfig } from "./validate";

/** The config file used when LANDING_ZONE_CONFIG is not set, relative to the working directory. */
export const DEFAULT_CONFIG_FILE = "landing-zone.yaml";

/** Reads, parses and validates a config file; throws a ConfigError that lists every problem at once. */
export function loadConfig(file: string = process.env.LANDING_ZONE_CONFIG ?? DEFAULT_CONFIG_FILE): LandingZoneConfig {
  const shownName = relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : String(error);
    throw new ConfigError(shownName, [{ file: shownName, line: 1, column: 1, path: [], message: `cannot read the config: ${reason}` }]);
  }
  return parseConfig(text, shownName);
}

/** Parses and validates config text; `file` is only used in messages. */
export function parseConfig(text: string, file: string): LandingZoneConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locate = (issue: ConfigIssue, offset: number): LocatedConfigIssue => {
    const { line, col } = lineCounter.linePos(offset);
    return { ...issue, file, line, column: col };
  };

  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => locate({ path: [], message: `YAML syntax: ${e.message.split("\n")[0]}` }, e.pos[0])),
    );
  }

  const parsed = landingZoneSchema.safeParse(doc.toJS(), { reportInput: true });
  const issues: PendingIssue[] = parsed.success ? validateConfig(parsed.data) : parsed.error.issues.flatMap(toConfigIssues);
  if (issues.length > 0) {
    throw new ConfigError(
      file,
      issues.map(({ pointAtKey, ...issue }) => locate(issue, offsetOf(doc, issue.path, pointAtKey === true))),
    );
  }
  return deepFreeze(parsed.data as LandingZoneConfig);
}

/** An issue before it is located: most point at the offending value, an unknown key at the key itself. */
interface PendingIssue extends ConfigIssue {
  readonly pointAtKey?: boolean;
}

function toConfigIssues(issue: z.core.$ZodIssue): PendingIssue[] {
  // One issue per unknown key, so each gets its own line:column.
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ path: [...issue.path, key].map(toSegment), message: issue.message, pointAtKey: true }));
  }
  const path = issue.path.map(toSegment);
  // A bad key of a record (such as a tag key) carries the key's own messages inside it.
  if (issue.code === "invalid_key") {
    return [{ path, message: issue.issues.map((inner) => inner.message).join("; "), pointAtKey: true }];
  }
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return [{ path, message: `missing required key "${String(path.at(-1))}" (expected ${issue.expected})` }];
  }
  return [{ path, message: issue.message }];
}

function toSegment(segment: PropertyKey): string | number {
  return typeof segment === "symbol" ? String(segment) : segment;
}

/**
 * Where a config path starts in the YAML text: the value of a map entry (or its key, with pointAtKey or when the
 * value is empty), the item of a list. A path that does not exist in the file (a missing key) points at its nearest
 * ancestor that does.
 */
function offsetOf(doc: Document, path: ConfigPath, pointAtKey: boolean): number {
  let node: Node | null = doc.contents;
  let offset = node?.range?.[0] ?? 0;
  for (const [index, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === segment);
      if (pair === undefined) break;
      const value = pair.value as Node | null;
      const atKey = (pointAtKey && index === path.length - 1) || value?.range === undefined;
      offset = atKey ? ((pair.key as Node).range?.[0] ?? offset) : (value?.range?.[0] ?? offset);
      node = value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (item === undefined) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
