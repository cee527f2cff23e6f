/**
 * IAM policy documents as typed data, rendered with JSON.stringify so the
 * synthesized JSON holds literal, reviewable policies (Terraform references
 * such as a key ARN appear as `${...}` inside the string and are filled in at
 * plan time). Keep expressions with quotes out of them: use a TerraformLocal.
 */
export type PolicyPrincipal = "*" | { AWS?: string | string[]; Service?: string | string[]; Federated?: string | string[] };

export type PolicyConditions = Record<string, Record<string, string | string[] | boolean>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: PolicyPrincipal;
  /** Exactly one of Action and NotAction. */
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: PolicyConditions;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: PolicyStatement[];
}

export function policyDocument(statements: PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** Renders a document for a `policy` / `assume_role_policy` argument. */
export function renderPolicy(statements: PolicyStatement[]): string {
  return JSON.stringify(policyDocument(statements));
}

/** The statement every resource policy here carries: refuse requests that are not over TLS. */
export function denyInsecureTransport(action: string, resources: string[]): PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: action,
    Resource: resources,
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/** A statement as read back from a policy string: looser than what this project writes. */
export interface ParsedStatement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

/** The statements of a policy string (a synthesized `policy` argument); none when it is not JSON. */
export function statementsOf(policy: unknown): ParsedStatement[] {
  if (typeof policy !== "string") return [];
  try {
    const document = JSON.parse(policy) as { Statement?: ParsedStatement | ParsedStatement[] };
    return ([] as ParsedStatement[]).concat(document.Statement ?? []);
  } catch {
    return [];
  }
}

/** A policy field that may be one string or a list, as a list. */
export const asList = (value: unknown): string[] => ([] as string[]).concat((value as string | string[] | undefined) ?? []);

/** IAM's action wildcards as a case-insensitive regular expression: `*` any run, `?` one character. */
export function actionPatternRegExp(actionPattern: string): RegExp {
  const body = actionPattern
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[\\^$.|+()[\]{}]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`, "i");
}
