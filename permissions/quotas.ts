import { chars, IAM_QUOTAS, policyChars } from "../lib/iam-quotas";
import { PolicyDocument, policyDocument, PolicyStatement } from "../lib/policy-document";

// The quotas and how IAM counts a document live in lib/iam-quotas.ts, where the modules that build roles reach them too.
export { DEPLOYED_VALUE_CHARS, IAM_QUOTAS, policyChars, replaceTokens } from "../lib/iam-quotas";

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
        `but the role may hold ${limits.maxPolicies}; split the stack, or raise the account's IAM quota "Managed policies per role" (up to 20) and provisioner.managedPoliciesPerRole with it`,
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
