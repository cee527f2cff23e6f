import { StackRule } from "./types";

/** `type.name` (a resource), `data.type.name`, `var.name`, `local.name`, `module.name`. */
const ADDRESS = /(?<![\w.\]-])(data\.[a-z][a-z0-9]*_[\w-]*\.[\w-]+|(?:var|local|module)\.[\w-]+|[a-z][a-z0-9]*_[\w-]*\.[\w-]+)/g;

/**
 * The addresses the `${...}` expressions of a string refer to: `type.name` (a
 * resource), `data.type.name`, `var.name`, `local.name` and `module.name`. A resource
 * type is a provider's prefix and a name (`aws_vpc`), which tells it from `each.key`,
 * `count.index`, `self.names` or `path.module`. Quoted strings inside an expression are
 * text (a tag value "a_b.c" is no reference), but the `${...}` inside them are
 * expressions again (cdktf writes `${lower("${aws_s3_bucket.b.arn}/x")}`); `$${` is a
 * literal.
 */
export function referencedAddresses(text: string): string[] {
  const found: string[] = [];
  // What is open at each point: the string itself, expressions, quoted strings inside them.
  const open: Array<"text" | "expression" | "quoted"> = ["text"];
  // Each open expression's code outside its quoted strings, and its depth of { }.
  const codes: string[] = [];
  const depths: number[] = [];
  for (let i = text.indexOf("${"); i >= 0 && i < text.length; i++) {
    const innermost = open[open.length - 1];
    // Outside every expression only the next `${` matters (most strings have none, policies are long).
    if (innermost === "text") {
      i = text.indexOf("${", i);
      if (i < 0) break;
      if (text[i - 1] === "$") continue; // `$${`: a literal
    }
    const c = text[i];
    if (innermost === "expression") {
      if (c === '"') {
        open.push("quoted");
        codes[codes.length - 1] += '""';
        continue;
      }
      if (c === "}" && depths[depths.length - 1] === 0) {
        open.pop();
        depths.pop();
        for (const match of codes.pop()!.matchAll(ADDRESS)) found.push(match[1]);
        continue;
      }
      if (c === "{") depths[depths.length - 1]++;
      if (c === "}") depths[depths.length - 1]--;
      codes[codes.length - 1] += c;
      continue;
    }
    if (innermost === "quoted" && c === "\\") i++;
    else if (innermost === "quoted" && c === '"') open.pop();
    else if (c === "$" && text.startsWith("$${", i)) i += 2;
    else if (c === "$" && text[i + 1] === "{") {
      open.push("expression");
      codes.push("");
      depths.push(0);
      i++;
    }
  }
  return found;
}

/** The names cdktf gives the two ends of a cross-stack reference it wires. */
const CROSS_STACK_OUTPUT = "cross-stack-output-";
const CROSS_STACK_INPUT = "cross-stack-reference-input-";

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

/** A path in a stack's JSON as it reads: `resource.aws_subnet.s.tags[0]`. */
const spelled = (at: ReadonlyArray<string | number>) => at.map((key, i) => (typeof key === "number" ? `[${key}]` : i ? `.${key}` : key)).join("");

/**
 * The first string of a JSON value (but cdktf's `//` metadata) that refers to an
 * address not declared, with where it is. Its path is only spelled out for the one
 * it reports: the stacks hold thousands of strings, this runs at every synth.
 */
function firstUndeclared(value: unknown, declared: ReadonlySet<string>, at: ReadonlyArray<string | number> = []): string | undefined {
  if (typeof value === "string") {
    if (!value.includes("${")) return undefined;
    const missing = referencedAddresses(value).find((address) => !declared.has(address));
    return missing && `${spelled(at)} refers to ${missing}`;
  }
  if (Array.isArray(value) && at[at.length - 1] === "depends_on") {
    // Addresses, not expressions: `aws_s3_bucket.logs`, `module.m`.
    const missing = value.map((entry) => String(entry).replace(/^\$\{(.*)\}$/, "$1")).find((address) => !declared.has(address));
    if (missing) return `${spelled(at)} refers to ${missing}`;
  } else if (Array.isArray(value)) {
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
 * reference to another stack's element makes cdktf wire the two stacks through each
 * other's state, behind those roles' backs: an output in the one, a remote state in the
 * other. This rule refuses both ends, naming the other stack and the element, and any
 * reference to an address the stack does not declare.
 */
export const StackSelfContained: StackRule = {
  id: "STACK-SELF-CONTAINED",
  level: "error",
  finding: "Stack refers to a resource, data source, variable or local it does not declare (another stack's, or none)",
  fix: "Read another stack's values from its outputs with a terraform_remote_state the stack declares (as iomete-kubernetes reads its data plane's), or move the element into this stack.",
  appliesTo: "stack",
  check(stack) {
    // What cdktf's own wiring of a cross-stack reference leaves: an output for it, or its remote state.
    const [exported] = Object.entries<{ value?: unknown }>(stack.document.output ?? {}).filter(([name]) => name.startsWith(CROSS_STACK_OUTPUT));
    if (exported) {
      const [element] = typeof exported[1].value === "string" ? referencedAddresses(exported[1].value) : [];
      return `gives ${element ?? "an element"} to another stack: cdktf wired it to another stack through ${exported[0]}`;
    }
    const [imported] = Object.keys(stack.document.data?.terraform_remote_state ?? {}).filter((name) => name.startsWith(CROSS_STACK_INPUT));
    if (imported)
      return `refers to an element of stack ${imported.slice(CROSS_STACK_INPUT.length)}: cdktf wired it to another stack through ${imported}`;
    return firstUndeclared(stack.document, declaredAddresses(stack.document));
  },
};
