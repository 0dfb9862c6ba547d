/**
 * A small evaluator of CloudWatch Logs JSON filter patterns, for the subset the landing zone writes: `$.a.b = "v"`
 * and `!=` comparisons of strings (quoted or bare, `*` as a wildcard at the end), `&&`, `||` and parentheses, as
 * "Using filter patterns to match terms in JSON log events" describes them
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/matching-terms-json-log-events.html). Anything else
 * throws, so a pattern outside the subset fails its test instead of passing silently.
 */
type Token = { kind: "(" | ")" | "&&" | "||" | "=" | "!=" } | { kind: "selector"; path: string[] } | { kind: "value"; text: string };

function tokenize(pattern: string): Token[] {
  const body = pattern.trim();
  if (!body.startsWith("{") || !body.endsWith("}")) throw new Error(`not a JSON filter pattern: ${pattern}`);
  const text = body.slice(1, -1);
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const ch = text[i] ?? "";
    if (/\s/.test(ch)) { i++; continue; }
    const op = ["&&", "||", "!=", "=", "(", ")"].find((o) => rest.startsWith(o));
    if (op !== undefined) { tokens.push({ kind: op as "(" }); i += op.length; continue; }
    const selector = /^\$((?:\.[A-Za-z0-9_]+)+)/.exec(rest);
    if (selector?.[1] !== undefined) { tokens.push({ kind: "selector", path: selector[1].slice(1).split(".") }); i += selector[0].length; continue; }
    const quoted = /^"([^"]*)"/.exec(rest);
    if (quoted?.[1] !== undefined) { tokens.push({ kind: "value", text: quoted[1] }); i += quoted[0].length; continue; }
    const bare = /^[A-Za-z0-9_.*:\-/]+/.exec(rest);
    if (bare !== null) { tokens.push({ kind: "value", text: bare[0] }); i += bare[0].length; continue; }
    throw new Error(`unsupported filter pattern syntax at "${rest}"`);
  }
  return tokens;
}

function lookup(event: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((value, key) => (value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), event);
}

function equals(actual: unknown, expected: string): boolean {
  if (typeof actual !== "string" && typeof actual !== "number") return false;
  const text = String(actual);
  return expected.endsWith("*") ? text.startsWith(expected.slice(0, -1)) : text === expected;
}

/** Whether a JSON log event (a CloudTrail record) matches the pattern. */
export function matchesFilterPattern(pattern: string, event: unknown): boolean {
  const tokens = tokenize(pattern);
  let position = 0;
  const peek = () => tokens[position];
  const next = () => tokens[position++];
  const or = (): boolean => {
    let value = and();
    while (peek()?.kind === "||") { next(); const right = and(); value = value || right; }
    return value;
  };
  const and = (): boolean => {
    let value = term();
    while (peek()?.kind === "&&") { next(); const right = term(); value = value && right; }
    return value;
  };
  const term = (): boolean => {
    const token = next();
    if (token?.kind === "(") {
      const value = or();
      if (next()?.kind !== ")") throw new Error("unbalanced parentheses");
      return value;
    }
    if (token?.kind !== "selector") throw new Error(`expected a selector, found ${JSON.stringify(token)}`);
    const op = next();
    const value = next();
    if ((op?.kind !== "=" && op?.kind !== "!=") || value?.kind !== "value") throw new Error("expected = or != and a value");
    const actual = lookup(event, token.path);
    return op.kind === "=" ? equals(actual, value.text) : !equals(actual, value.text);
  };
  const result = or();
  if (position !== tokens.length) throw new Error(`trailing tokens in ${pattern}`);
  return result;
}
