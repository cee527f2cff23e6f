/**
 * The configuration reference (docs/configuration.md), generated as terraform-docs generates
 * a module's: every field of an environment file with its type, default and the comment the
 * schema gives it. Structure, types and defaults come from the schema itself (zod, at run
 * time); the prose from config/schema.ts's doc comments, found by following the schema's
 * source along the same path. `npm run docs` writes it; a test fails when it is stale.
 */
import * as fs from "fs";
import * as path from "path";
import type * as TypeScript from "typescript";
import { z, ZodTypeAny } from "zod";
import { environmentSchema } from "../config/schema";

const SCHEMA_FILE = path.join(__dirname, "..", "config", "schema.ts");

/** Loaded when a reference is generated, not when the other commands load this module (it takes a fifth of a second). */
let ts: typeof TypeScript;

/** One field of an environment file. */
export interface ConfigField {
  /** Dotted path: `iomete.network.vpcCidr`; `[]` marks a list's entries. */
  readonly path: string;
  readonly type: string;
  /** Neither optional nor defaulted, where its section is given. */
  readonly required: boolean;
  readonly defaultValue?: string;
  readonly doc: string;
}

/** Every field of the environment schema, in the schema's order. */
export function configurationFields(): ConfigField[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ts ??= require("typescript");
  const source = ts.createSourceFile(SCHEMA_FILE, fs.readFileSync(SCHEMA_FILE, "utf8"), ts.ScriptTarget.Latest, true);
  const constants = new Map<string, TypeScript.Expression>();
  source.forEachChild((statement) => {
    if (!ts.isVariableStatement(statement)) return;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.initializer) constants.set(declaration.name.text, declaration.initializer);
    }
  });
  const fields: ConfigField[] = [];
  walkObject(environmentSchema, constants.get("environmentSchema"), "", "", fields, new SourceReader(constants));
  return fields;
}

/** Follows an expression of the schema's source to the parts of it the walk needs. */
class SourceReader {
  constructor(private readonly constants: ReadonlyMap<string, TypeScript.Expression>) {}

  /** The object literal of the `z.object({...})` an expression builds on. */
  objectLiteral(expression: TypeScript.Expression | undefined): TypeScript.ObjectLiteralExpression | undefined {
    return this.find(expression, (call, method) =>
      method === "object" && call.arguments[0] && ts.isObjectLiteralExpression(call.arguments[0]) ? call.arguments[0] : undefined,
    );
  }

  /** The element expression of the `z.array(x)` or `x.array()` an expression builds on. */
  arrayElement(expression: TypeScript.Expression | undefined): TypeScript.Expression | undefined {
    return this.find(expression, (call, method, receiver) => {
      if (method !== "array") return undefined;
      return call.arguments[0] ?? receiver;
    });
  }

  /** The options of the `z.discriminatedUnion(key, [a, b])` an expression builds on. */
  unionOptions(expression: TypeScript.Expression | undefined): readonly TypeScript.Expression[] {
    const list = this.find(expression, (call, method) =>
      method === "discriminatedUnion" && call.arguments[1] && ts.isArrayLiteralExpression(call.arguments[1]) ? call.arguments[1] : undefined,
    );
    return list?.elements ?? [];
  }

  /**
   * Walks down an expression (a constant's name to its value; `x.optional()`, `x.default(...)`
   * and the like to `x`; a helper's call, `checked(f, x)` or `noRepeats(x)`, to its arguments)
   * until `match` recognizes a call.
   */
  private find<T>(
    expression: TypeScript.Expression | undefined,
    match: (call: TypeScript.CallExpression, method: string, receiver: TypeScript.Expression | undefined) => T | undefined,
    depth = 0,
  ): T | undefined {
    if (!expression || depth > 40) return undefined;
    if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression)) return this.find(expression.expression, match, depth + 1);
    if (ts.isIdentifier(expression)) return this.find(this.constants.get(expression.text), match, depth + 1);
    if (!ts.isCallExpression(expression)) return undefined;
    const callee = expression.expression;
    if (ts.isPropertyAccessExpression(callee)) {
      const receiver = ts.isIdentifier(callee.expression) && callee.expression.text === "z" ? undefined : callee.expression;
      return match(expression, callee.name.text, receiver) ?? this.find(receiver, match, depth + 1);
    }
    for (const argument of expression.arguments) {
      const found = this.find(argument, match, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
}

/** A schema with its wrappers taken off: whether it may be left out, and its default. */
function unwrap(schema: ZodTypeAny): { inner: ZodTypeAny; optional: boolean; defaultValue?: unknown } {
  let inner = schema;
  let optional = false;
  let defaultValue: unknown;
  for (;;) {
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) {
      optional = true;
      inner = inner.unwrap();
    } else if (inner instanceof z.ZodDefault) {
      defaultValue ??= inner._def.defaultValue();
      inner = inner._def.innerType;
    } else if (inner instanceof z.ZodEffects) inner = inner.innerType();
    else return { inner, optional, defaultValue };
  }
}

function typeName(schema: ZodTypeAny): string {
  const { inner } = unwrap(schema);
  if (inner instanceof z.ZodString) return "string";
  if (inner instanceof z.ZodNumber) return inner.isInt ? "integer" : "number";
  if (inner instanceof z.ZodBoolean) return "boolean";
  if (inner instanceof z.ZodLiteral) return JSON.stringify(inner.value);
  if (inner instanceof z.ZodEnum) {
    const options = inner.options as string[];
    return options.length > 8
      ? `one of ${options.length} values (${options.slice(0, 3).join(", ")}, ...)`
      : options.map((o) => JSON.stringify(o)).join(" or ");
  }
  if (inner instanceof z.ZodArray) return `list of ${typeName(inner.element)}`;
  if (inner instanceof z.ZodRecord) return `map of string to ${typeName(inner.valueSchema)}`;
  if (inner instanceof z.ZodDiscriminatedUnion) return `object, by ${inner.discriminator}`;
  if (inner instanceof z.ZodObject) return "object";
  return inner.constructor.name.replace(/^Zod/, "").toLowerCase();
}

function walkObject(
  schema: ZodTypeAny,
  expression: TypeScript.Expression | undefined,
  prefix: string,
  qualifier: string,
  out: ConfigField[],
  source: SourceReader,
): void {
  const { inner } = unwrap(schema);
  if (inner instanceof z.ZodDiscriminatedUnion) {
    const expressions = source.unionOptions(expression);
    (inner.options as z.ZodObject<z.ZodRawShape>[]).forEach((option, i) => {
      const value = unwrap(option.shape[inner.discriminator]).inner;
      const when = `${inner.discriminator}: ${value instanceof z.ZodLiteral ? String(value.value) : "?"}`;
      walkObject(option, expressions[i], prefix, when, out, source);
    });
    return;
  }
  if (!(inner instanceof z.ZodObject)) return;
  const literal = source.objectLiteral(expression);
  for (const [key, child] of Object.entries(inner.shape as Record<string, ZodTypeAny>)) {
    // `key: schema` or, shorthand, `key` (a constant of that name).
    const property = literal?.properties.find(
      (p): p is TypeScript.PropertyAssignment | TypeScript.ShorthandPropertyAssignment =>
        (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name.getText() === key,
    );
    const initializer = property && (ts.isPropertyAssignment(property) ? property.initializer : property.name);
    const fieldPath = `${prefix}${key}`;
    const { inner: childInner, optional, defaultValue } = unwrap(child);
    out.push({
      path: fieldPath,
      type: typeName(child),
      required: !optional && defaultValue === undefined,
      ...(defaultValue !== undefined ? { defaultValue: shown(defaultValue) } : {}),
      doc: [qualifier && `(${qualifier})`, property ? docOf(property) : ""].filter(Boolean).join(" "),
    });
    if (childInner instanceof z.ZodObject || childInner instanceof z.ZodDiscriminatedUnion) {
      walkObject(childInner, initializer, `${fieldPath}.`, "", out, source);
    } else if (childInner instanceof z.ZodArray && unwrap(childInner.element).inner instanceof z.ZodObject) {
      walkObject(childInner.element, source.arrayElement(initializer), `${fieldPath}[].`, "", out, source);
    }
  }
}

/** A property's doc comment as one paragraph. */
function docOf(node: TypeScript.Node): string {
  return ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? "")
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
}

function shown(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** A Markdown table as Prettier lays it out (columns padded to their widest cell), so what is generated passes the lint as written. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** The first line every generated reference starts with. */
export const REFERENCE_MARKER = "<!-- Generated by `npm run docs` from config/schema.ts: edit the schema's comments, not this file. -->";

/** docs/configuration.md: a table per section of the environment file. */
export function configurationReference(fields: readonly ConfigField[] = configurationFields()): string {
  const sections = new Map<string, ConfigField[]>();
  for (const field of fields) {
    const top = field.path.split(/[.[]/)[0];
    const section = fields.some((f) => f.path.startsWith(`${top}.`)) ? top : "";
    sections.set(section, [...(sections.get(section) ?? []), field]);
  }
  const lines = [
    REFERENCE_MARKER,
    "",
    "# Configuration reference",
    "",
    "Every field of an environment file (`environments/<name>.json` or `.yaml`), with its type, its default and what it does.",
    "Objects are strict: a misspelt field is an error. Checks across fields and environments are in `config/validate.ts`;",
    "`examples/environments/` has two complete files. **required** means: required when its section is given.",
    "",
  ];
  for (const [section, members] of sections) {
    const rows = members.map((f) => {
      const fallback = f.required ? "**required**" : f.defaultValue !== undefined ? `\`${cell(f.defaultValue)}\`` : "(none)";
      return [`\`${f.path}\``, cell(f.type), fallback, cell(f.doc)];
    });
    lines.push(`## ${section ? `\`${section}\`` : "The environment"}`, "", markdownTable(["field", "type", "default", "what it does"], rows), "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
