/**
 * Text safe to print on a terminal: control, format (bidirectional overrides, zero-width) and line
 * separator characters become `\uXXXX`, as JSON writes control characters; a file name or value
 * with U+202E can then not reverse the rest of the line. Newlines, which the messages use, stay.
 */
export function terminalSafe(text: string): string {
  return text.replace(/(?!\n)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, "0")}`);
}

/** Raised when configuration is invalid; carries every problem found, not just the first. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    const safe = problems.map(terminalSafe);
    super(`Invalid configuration (${safe.length} problem${safe.length === 1 ? "" : "s"}):\n` + safe.map((p) => `  - ${p}`).join("\n"));
    this.problems = safe;
    this.name = "ConfigError";
  }
}

/** Renders a config value for an error message: JSON, shortened; `undefined` reads "missing". */
export function showValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  const text = shallowJson(value, 4) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * JSON of a value down to a depth, deeper levels as "…": a message never recurses
 * through a value nested thousands deep (which would overflow the stack and lose the
 * field and file the message must name).
 */
function shallowJson(value: unknown, depth: number): string | undefined {
  // JSON has no infinities or NaN (YAML's .inf and .nan, JSON's 1e400): name them rather than print null.
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (depth === 0) return Array.isArray(value) ? "[…]" : "{…}";
  if (Array.isArray(value)) {
    const items = value.slice(0, 20).map((v) => shallowJson(v, depth - 1) ?? "null");
    return `[${items.join(",")}${value.length > 20 ? ",…" : ""}]`;
  }
  const entries = Object.entries(value).slice(0, 20);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${shallowJson(v, depth - 1) ?? "null"}`).join(",")}${Object.keys(value).length > 20 ? ",…" : ""}}`;
}
