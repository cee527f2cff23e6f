import { PolicyDocument, policyDocument, PolicyStatement } from "../lib/policy-document";

/** IAM quotas the generated policies must respect (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). */
export const IAM_QUOTAS = {
  /** A managed policy document, whitespace not counted. */
  managedPolicyChars: 6144,
  /** Managed policies attached to one role (the default; adjustable to 25). */
  managedPoliciesPerRole: 10,
  /** A role's trust policy (default). */
  trustPolicyChars: 2048,
  /** An Organizations service control policy, whitespace not counted (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html). */
  scpChars: 5120,
};

/** A text with each string token of cdktf (a value known only when Terraform applies the stack) replaced: by a text, or by what a function makes of the token. */
export function replaceTokens(text: string, replacement: string | ((token: string) => string)): string {
  return text.replace(/\$\{TfToken\[TOKEN\.\d+\]\}/g, (token) => (typeof replacement === "string" ? replacement : replacement(token)));
}

/**
 * What a value read from a vendor stack's state (its VPC id, its OIDC provider's ARN)
 * is counted as while it is still a token: more characters than the longest such value
 * (an OIDC provider ARN is about 110). So a size never falls short of what AWS counts,
 * and never depends on a token's number, which grows with every construct the app
 * made before (the same environment would otherwise pack differently beside others).
 */
export const DEPLOYED_VALUE_CHARS = 128;

/** A text's size as IAM counts it: without whitespace, each token at its deployed budget. */
function chars(text: string): number {
  return replaceTokens(text.replace(/\s/g, ""), "x".repeat(DEPLOYED_VALUE_CHARS)).length;
}

/** A document's size as IAM counts it: without whitespace (see DEPLOYED_VALUE_CHARS for tokens). */
export function policyChars(document: PolicyDocument): number {
  return chars(JSON.stringify(document));
}

export class QuotaError extends Error {}

/**
 * Packs statements into as few managed policies as the quotas allow (first fit,
 * largest first), splitting a statement's resource list when it alone is too
 * big; fails with a message saying by how much when it cannot fit.
 */
export function splitIntoManagedPolicies(
  what: string,
  statements: PolicyStatement[],
  limits: { maxChars: number; maxPolicies: number } = { maxChars: IAM_QUOTAS.managedPolicyChars, maxPolicies: IAM_QUOTAS.managedPoliciesPerRole },
): PolicyDocument[] {
  const pieces = statements.flatMap((s) => fitStatement(what, s, limits.maxChars));
  // A document's size is its envelope plus its statements and the commas between them.
  const envelope = policyChars(policyDocument([]));
  const sizeOf = (s: PolicyStatement) => chars(JSON.stringify(s));
  const bins: Array<{ statements: PolicyStatement[]; chars: number }> = [];
  const sized = pieces.map((statement) => ({ statement, chars: sizeOf(statement) })).sort((a, b) => b.chars - a.chars);
  for (const { statement, chars } of sized) {
    const bin = bins.find((candidate) => candidate.chars + 1 + chars <= limits.maxChars);
    if (bin) {
      bin.statements.push(statement);
      bin.chars += 1 + chars;
    } else bins.push({ statements: [statement], chars: envelope + chars });
  }
  if (bins.length > limits.maxPolicies) {
    throw new QuotaError(
      `${what}: the statements need ${bins.length} managed policies of at most ${limits.maxChars} characters, ` +
        `but IAM attaches at most ${limits.maxPolicies} to a role; split the stack, or raise the quota and the limit`,
    );
  }
  // Keep the original statement order inside each policy, so reviews read top to bottom.
  const order = new Map(pieces.map((s, i) => [s, i]));
  return bins.map((bin) => policyDocument(bin.statements.sort((a, b) => order.get(a)! - order.get(b)!)));
}

function fitStatement(what: string, statement: PolicyStatement, maxChars: number): PolicyStatement[] {
  if (policyChars(policyDocument([statement])) <= maxChars) return [statement];
  const resources = ([] as string[]).concat(statement.Resource ?? []);
  if (resources.length < 2) {
    throw new QuotaError(
      `${what}: statement ${statement.Sid ?? "(no Sid)"} alone is ${policyChars(policyDocument([statement]))} characters, over IAM's ${maxChars}`,
    );
  }
  const half = Math.ceil(resources.length / 2);
  return [resources.slice(0, half), resources.slice(half)].flatMap((part, i) =>
    fitStatement(what, { ...statement, Sid: `${statement.Sid ?? "Part"}${i + 1}`, Resource: part }, maxChars),
  );
}
