import { principalsOf, statementsOf } from "./policy-helpers";
import { ResourceRule } from "./types";

export const S3NoPublicGrant: ResourceRule = {
  id: "S3-NO-PUBLIC-GRANT",
  level: "error",
  finding: 'S3 bucket is public: a public ACL or a policy allowing principal "*" without a condition',
  fix: 'Remove the public ACL; give policy statements for "*" a condition (aws:SourceArn, aws:PrincipalOrgID, ...) or name the principals.',
  appliesTo: ["aws_s3_bucket", "aws_s3_bucket_acl", "aws_s3_bucket_policy"],
  check(resource) {
    const acl = resource.attributes.acl;
    if (typeof acl === "string" && /public/.test(acl)) return `acl ${acl}`;
    const open = statementsOf(resource.attributes.policy).find((s) => s.Effect === "Allow" && principalsOf(s).includes("*") && !s.Condition);
    return open ? `statement ${open.Sid ?? "(no Sid)"} allows "*" without a condition` : undefined;
  },
};
