import { StackRule } from "./types";

/**
 * The addresses a Terraform expression refers to: `type.name` (a resource),
 * `data.type.name`, `var.name`, `local.name` and `module.name`. Quoted strings inside
 * the expression are skipped (a tag value "a_b.c" is not a reference); a resource type
 * is a provider's prefix and a name (`aws_vpc`), which tells it from `each.key`,
 * `count.index`, `self.names` or `path.module`.
 */
export function referencedAddresses(text: string): string[] {
  const found: string[] = [];
  for (const expression of interpolations(text)) {
    const code = expression.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    for (const match of code.matchAll(
      /(?<![\w.\]-])(data\.[a-z][a-z0-9]*_[\w-]*\.[\w-]+|(?:var|local|module)\.[\w-]+|[a-z][a-z0-9]*_[\w-]*\.[\w-]+)/g,
    )) {
      found.push(match[1]);
    }
  }
  return found;
}

/** The `${...}` expressions of a string (`$${` is a literal), each up to its own closing brace. */
function interpolations(text: string): string[] {
  const expressions: string[] = [];
  for (let start = text.indexOf("${"); start >= 0; start = text.indexOf("${", start + 2)) {
    if (start > 0 && text[start - 1] === "$") continue;
    let depth = 0;
    let quoted = false;
    for (let i = start + 2; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === "\\") i++;
        else if (c === '"') quoted = false;
      } else if (c === '"') quoted = true;
      else if (c === "{") depth++;
      else if (c === "}" && depth-- === 0) {
        expressions.push(text.slice(start + 2, i));
        start = i - 1;
        break;
      }
    }
  }
  return expressions;
}

/** Every address a stack's JSON declares. */
function declaredAddresses(json: Record<string, any>): Set<string> {
  const declared = new Set<string>();
  for (const [type, byName] of Object.entries<Record<string, unknown>>(json.resource ?? {}))
    for (const name of Object.keys(byName)) declared.add(`${type}.${name}`);
  for (const [type, byName] of Object.entries<Record<string, unknown>>(json.data ?? {}))
    for (const name of Object.keys(byName)) declared.add(`data.${type}.${name}`);
  for (const name of Object.keys(json.variable ?? {})) declared.add(`var.${name}`);
  for (const name of Object.keys(json.locals ?? {})) declared.add(`local.${name}`);
  for (const name of Object.keys(json.module ?? {})) declared.add(`module.${name}`);
  return declared;
}

/**
 * The first string of a JSON value (but cdktf's `//` metadata) that refers to an
 * address not declared, with where it is. Its path is only spelled out for the one
 * it reports: the stacks hold thousands of strings, this runs at every synth.
 */
function firstUndeclared(value: unknown, declared: ReadonlySet<string>, at: ReadonlyArray<string | number> = []): string | undefined {
  if (typeof value === "string") {
    if (!value.includes("${")) return undefined;
    const missing = referencedAddresses(value).find((address) => !declared.has(address));
    return missing && `${at.map((key, i) => (typeof key === "number" ? `[${key}]` : i ? `.${key}` : key)).join("")} refers to ${missing}`;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstUndeclared(value[i], declared, [...at, i]);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const key of Object.keys(value)) {
      if (key === "//") continue;
      const found = firstUndeclared((value as Record<string, unknown>)[key], declared, [...at, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Each stack is planned and applied alone, by its own role that reads only its own
 * state (and the outputs it reads through terraform_remote_state it declares). A
 * reference to another stack's element would make cdktf wire the two stacks through
 * each other's state, behind those roles' backs; the app's synth does not do that
 * wiring (stacks/app.ts), and this rule refuses any stack that would need it.
 */
export const StackSelfContained: StackRule = {
  id: "STACK-SELF-CONTAINED",
  level: "error",
  finding: "Stack refers to a resource, data source, variable or local it does not declare (another stack's, or none)",
  fix: "Read another stack's values from its outputs with a terraform_remote_state the stack declares (as iomete-kubernetes reads its data plane's), or move the element into this stack.",
  appliesTo: "stack",
  check(stack) {
    // What cdktf's own wiring of a cross-stack reference leaves: an output for it, or its remote state.
    const wiring = [
      ...Object.keys(stack.document.output ?? {}).filter((name) => name.startsWith("cross-stack-output-")),
      ...Object.keys(stack.document.data?.terraform_remote_state ?? {}).filter((name) => name.startsWith("cross-stack-reference-input-")),
    ];
    if (wiring.length) return `cdktf wired it to another stack through ${wiring[0]}`;
    return firstUndeclared(stack.document, declaredAddresses(stack.document));
  },
};
