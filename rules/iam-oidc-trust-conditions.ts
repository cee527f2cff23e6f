import { list, statementsOf } from "./policy-helpers";
import { ResourceRule } from "./types";

/**
 * A subject pattern names at least three segments before any wildcard
 * (`system:serviceaccount:<namespace>:*`); `*`, `system:serviceaccount:*` or
 * `repo:<owner>/<repo>:*` (any branch or pull request) let too much in.
 */
function tooLoose(subject: string): boolean {
  if (!subject.includes("*")) return false;
  return subject.split("*")[0].split(":").filter(Boolean).length < 3;
}

export const IamOidcTrustConditions: ResourceRule = {
  id: "IAM-OIDC-TRUST-CONDITIONS",
  level: "error",
  finding: "OIDC (web identity) trust does not pin both audience and subject",
  fix: "Condition the statement on <issuer>:aud and <issuer>:sub (WorkloadIdentityRole and the deployer roles do).",
  appliesTo: ["aws_iam_role"],
  check(role) {
    for (const s of statementsOf(role.attributes.assume_role_policy)) {
      if (s.Effect !== "Allow" || !list(s.Action).includes("sts:AssumeRoleWithWebIdentity")) continue;
      const entries = Object.entries(s.Condition ?? {}).flatMap(([operator, keys]) =>
        Object.entries(keys).map(([key, value]) => ({ operator, key, values: list(value) })),
      );
      const missing = [":aud", ":sub"].filter((suffix) => !entries.some((e) => e.key.endsWith(suffix)));
      if (missing.length) return `statement ${s.Sid ?? "(no Sid)"} has no ${missing.join(" or ")} condition`;
      // The audience exactly; the subject may end in a wildcard (a namespace's accounts) but not be one.
      if (!entries.some((e) => e.key.endsWith(":aud") && e.operator === "StringEquals"))
        return `statement ${s.Sid ?? "(no Sid)"} does not pin :aud with StringEquals`;
      const loose = entries.find((e) => e.key.endsWith(":sub") && e.values.some(tooLoose));
      if (loose) return `statement ${s.Sid ?? "(no Sid)"} lets any subject in (${loose.values.join(", ")})`;
    }
    return undefined;
  },
};
