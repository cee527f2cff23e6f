/** Raised when configuration is invalid; carries every problem found, not just the first. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` + problems.map((p) => `  - ${p}`).join("\n"));
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
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (depth === 0) return Array.isArray(value) ? "[…]" : "{…}";
  if (Array.isArray(value)) {
    const items = value.slice(0, 20).map((v) => shallowJson(v, depth - 1) ?? "null");
    return `[${items.join(",")}${value.length > 20 ? ",…" : ""}]`;
  }
  const entries = Object.entries(value).slice(0, 20);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${shallowJson(v, depth - 1) ?? "null"}`).join(",")}${Object.keys(value).length > 20 ? ",…" : ""}}`;
}
