import { list, statementsOf } from "./policy-helpers";
import { Rule } from "./types";

export const IamOidcTrustConditions: Rule = {
  id: "IAM-OIDC-TRUST-CONDITIONS",
  level: "error",
  finding: "OIDC (web identity) trust does not pin both audience and subject",
  fix: "Condition the statement on <issuer>:aud and <issuer>:sub (WorkloadIdentityRole and the deployer roles do).",
  appliesTo: ["aws_iam_role"],
  check(role) {
    for (const s of statementsOf(role!.attributes.assume_role_policy)) {
      if (s.Effect !== "Allow" || !list(s.Action).includes("sts:AssumeRoleWithWebIdentity")) continue;
      const keys = Object.values(s.Condition ?? {}).flatMap((k) => Object.keys(k));
      const missing = [":aud", ":sub"].filter((suffix) => !keys.some((k) => k.endsWith(suffix)));
      if (missing.length) return `statement ${s.Sid ?? "(no Sid)"} has no ${missing.join(" or ")} condition`;
    }
    return undefined;
  },
};
