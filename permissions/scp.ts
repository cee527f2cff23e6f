import { OwnershipTag } from "../config";
import { PolicyStatement } from "../lib/policy-document";
import { denyTaggingOtherValues, DerivedPermissions, UNTAG_ACTIONS } from "./derive";

/**
 * The Organizations SCP IOMETE's page recommends, generated: in the OU's
 * accounts, the vendor deployers can create only resources carrying the
 * ownership tag whatever their IAM policies say, and nobody removes the tag.
 * The create rule is limited to the deployer principals so other teams and
 * in-cluster controllers (Karpenter, the load balancer controller) are untouched.
 */
export function scpStatements(tag: OwnershipTag, derived: readonly DerivedPermissions[], deployerPrincipals?: string[]): PolicyStatement[] {
  const creates = new Set<string>();
  for (const permissions of derived) {
    for (const s of permissions.statements) {
      if (s.Effect !== "Allow" || !s.Sid?.startsWith("CreateTagged")) continue;
      // Tagging actions stay free: later tags without the ownership key are legitimate.
      ([] as string[])
        .concat(s.Action ?? [])
        .filter((a) => !/Tag/.test(a))
        .forEach((a) => creates.add(a));
    }
  }
  return [
    {
      Sid: "DenyUntaggedCreates",
      Effect: "Deny",
      Action: [...creates].sort(),
      Resource: "*",
      Condition: {
        StringNotEquals: { [`aws:RequestTag/${tag.key}`]: tag.value },
        ...(deployerPrincipals?.length ? { ArnLike: { "aws:PrincipalArn": deployerPrincipals } } : {}),
      },
    },
    {
      Sid: "DenyRemovingOwnershipTag",
      Effect: "Deny",
      Action: UNTAG_ACTIONS,
      Resource: "*",
      Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": tag.key } },
    },
    // The deployers never tag or untag what carries this vendor's key with another value: the
    // identity policies say so too, and the SCP keeps it whatever those policies become.
    denyTaggingOtherValues(
      "DenyDeployersTaggingOthers",
      tag,
      deployerPrincipals?.length ? { ArnLike: { "aws:PrincipalArn": deployerPrincipals } } : {},
    ),
  ];
}

/**
 * The resource control policy (RCP) that closes the trust-rewrite residual: only
 * principals of the organization, and AWS services (EKS, EC2 assume the node and
 * cluster roles), may assume the stacks' roles with sts:AssumeRole, whatever a role's
 * trust policy says. Web identity (IRSA, GitHub) is another action and stays untouched.
 */
export function rcpStatements(organizationId: string, roleArnPatterns: string[]): PolicyStatement[] {
  return [
    {
      Sid: "DenyAssumingStackRolesFromOutsideTheOrganization",
      Effect: "Deny",
      Principal: "*",
      Action: "sts:AssumeRole",
      Resource: roleArnPatterns,
      Condition: {
        StringNotEqualsIfExists: { "aws:PrincipalOrgID": organizationId },
        BoolIfExists: { "aws:PrincipalIsAWSService": "false" },
      },
    },
  ];
}
