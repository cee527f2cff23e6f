import { OwnershipTag } from "../config";
import { PolicyStatement } from "../lib/policy-document";
import { denyTaggingOtherValues, DerivedPermissions, UNTAG_ACTIONS } from "./derive";

/**
 * The Organizations SCP IOMETE's page recommends, generated: in the OU's
 * accounts, the vendor's deployers (`derived`, `deployerPrincipals`: that vendor's
 * stacks) can create only resources carrying its ownership tag whatever their IAM
 * policies say, and nobody removes the tag. The create rule is limited to the
 * vendor's deployers so other teams, the other vendor's deployers and in-cluster
 * controllers (Karpenter, the load balancer controller) are untouched; no deployer
 * (`allDeployerPrincipals`) tags what carries the key with another value.
 */
export function scpStatements(
  tag: OwnershipTag,
  derived: readonly DerivedPermissions[],
  deployerPrincipals?: string[],
  allDeployerPrincipals = deployerPrincipals,
): PolicyStatement[] {
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
  return compactTagActions([
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
      allDeployerPrincipals?.length ? { ArnLike: { "aws:PrincipalArn": allDeployerPrincipals } } : {},
    ),
  ]);
}

/**
 * An SCP has 5,120 characters: in its denies, a service's tag (or untag) actions become one
 * wildcard (`iam:Tag*` for TagRole, TagPolicy, ...). A deny over more actions of the same kind,
 * under the same conditions, takes nothing away from the deployers that the listed ones do not.
 */
function compactTagActions(statements: PolicyStatement[]): PolicyStatement[] {
  return statements.map((statement) => {
    if (statement.Effect !== "Deny" || !Array.isArray(statement.Action)) return statement;
    const actions = statement.Action as string[];
    const groupOf = (action: string) => {
      const [service, name] = action.split(":");
      const kind = /^Untag/.test(name) ? "Untag" : /^Tag/.test(name) ? "Tag" : undefined;
      return kind ? `${service}:${kind}*` : undefined;
    };
    const counts = new Map<string, number>();
    for (const action of actions) {
      const group = groupOf(action);
      if (group) counts.set(group, (counts.get(group) ?? 0) + 1);
    }
    const compacted = actions.map((a) => (groupOf(a) && counts.get(groupOf(a)!)! > 1 ? groupOf(a)! : a));
    return { ...statement, Action: [...new Set(compacted)] };
  });
}

/** The stack roles an RCP protects: those IRSA assumes through the cluster's OIDC provider, and the others. */
export interface StackRoles {
  readonly webIdentity: readonly string[];
  readonly others: readonly string[];
}

/**
 * The resource control policy (RCP) on the stacks' roles: whatever a role's trust policy comes to
 * say (a deployer may write it when it creates the role), only the organization's principals and
 * AWS services assume it or tag its sessions; only the roles IRSA uses take a web identity, and
 * never one from GitHub Actions; none takes a SAML one.
 */
export function rcpStatements(organizationId: string, roles: StackRoles): PolicyStatement[] {
  const all = [...roles.webIdentity, ...roles.others].sort();
  const list = (values: readonly string[]) => (values.length === 1 ? values[0] : [...values]);
  return [
    {
      Sid: "DenyAssumingStackRolesFromOutsideTheOrganization",
      Effect: "Deny",
      Principal: "*",
      Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
      Resource: list(all),
      Condition: {
        StringNotEqualsIfExists: { "aws:PrincipalOrgID": organizationId },
        BoolIfExists: { "aws:PrincipalIsAWSService": "false" },
      },
    },
    {
      Sid: "DenySamlOnStackRoles",
      Effect: "Deny",
      Principal: "*",
      Action: "sts:AssumeRoleWithSAML",
      Resource: list(all),
    },
    ...(roles.others.length
      ? [
          {
            Sid: "DenyWebIdentityOnRolesNotForIrsa",
            Effect: "Deny" as const,
            Principal: "*" as const,
            Action: "sts:AssumeRoleWithWebIdentity",
            Resource: list([...roles.others].sort()),
          },
        ]
      : []),
    // A GitHub Actions token carries both its subject (every OIDC token's) and the repository (a claim
    // AWS lists for GitHub alone): either one present refuses it, so neither claim is relied on alone.
    ...(roles.webIdentity.length
      ? (["sub", "repository"] as const).map((claim) => ({
          Sid: claim === "sub" ? "DenyGitHubActionsOnIrsaRoles" : "DenyGitHubRepositoriesOnIrsaRoles",
          Effect: "Deny" as const,
          Principal: "*" as const,
          Action: "sts:AssumeRoleWithWebIdentity",
          Resource: list([...roles.webIdentity].sort()),
          Condition: { Null: { [`${GITHUB_ACTIONS_ISSUER}:${claim}`]: "false" } },
        }))
      : []),
  ];
}

/** GitHub Actions' OIDC issuer: its tokens carry `<issuer>:sub` and friends as condition keys. */
export const GITHUB_ACTIONS_ISSUER = "token.actions.githubusercontent.com";

/** The services whose resources the data perimeter RCP covers (RCPs apply to them). */
export const DATA_PERIMETER_SERVICES = ["s3", "kms", "sqs", "secretsmanager", "sts"];

/**
 * The data perimeter's actions: every action of its services but STS's federated ones. A web
 * identity or SAML session has no organization (no aws:PrincipalOrgID): denying those would refuse
 * IRSA and the CI's own GitHub Actions role; the trust RCP decides them per role instead.
 */
const DATA_PERIMETER_ACTIONS = [
  ...DATA_PERIMETER_SERVICES.filter((s) => s !== "sts").map((s) => `${s}:*`),
  ...[
    "AssumeRole",
    "DecodeAuthorizationMessage",
    "GetAccessKeyInfo",
    "GetFederationToken",
    "GetServiceBearerToken",
    "GetSessionToken",
    "SetContext",
  ].map((a) => `sts:${a}`),
];

/**
 * The data perimeter RCP: the resources of the targeted accounts of these services answer only
 * principals of the organization and AWS services acting for it, and only over TLS. What IAM
 * cannot close on the deployer's side (a bucket policy, a key policy or a queue policy it
 * rewrote to grant another account) it closes on the resources' side.
 */
export function dataPerimeterStatements(organizationId: string): PolicyStatement[] {
  return [
    {
      Sid: "OnlyTheOrganizationsPrincipals",
      Effect: "Deny",
      Principal: "*",
      Action: DATA_PERIMETER_ACTIONS,
      Resource: "*",
      Condition: {
        StringNotEqualsIfExists: { "aws:PrincipalOrgID": organizationId },
        BoolIfExists: { "aws:PrincipalIsAWSService": "false" },
      },
    },
    {
      Sid: "OnlyOverTls",
      Effect: "Deny",
      Principal: "*",
      Action: DATA_PERIMETER_SERVICES.map((s) => `${s}:*`),
      Resource: "*",
      Condition: { BoolIfExists: { "aws:SecureTransport": "false" } },
    },
  ];
}
