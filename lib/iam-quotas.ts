import { PolicyDocument } from "./policy-document";

/** IAM quotas the generated policies must respect (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). */
export const IAM_QUOTAS = {
  /** A managed policy document, whitespace not counted. */
  managedPolicyChars: 6144,
  /** Managed policies attached to one role (the default; adjustable to 25). */
  managedPoliciesPerRole: 10,
  /** A role's trust policy (default). */
  trustPolicyChars: 2048,
  /** All inline policies of one role together, whitespace not counted. */
  roleInlinePolicyChars: 10240,
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
export function chars(text: string): number {
  return replaceTokens(text.replace(/\s/g, ""), "x".repeat(DEPLOYED_VALUE_CHARS)).length;
}

/** A document's size as IAM counts it: without whitespace (see DEPLOYED_VALUE_CHARS for tokens). */
export function policyChars(document: PolicyDocument): number {
  return chars(JSON.stringify(document));
}
