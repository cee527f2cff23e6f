import { OwnershipTag } from "../config";
import { roleBoundaryPolicyName } from "../config/naming";
import { asList, PolicyConditions, PolicyStatement, statementsOf } from "../lib/policy-document";
import managedPolicies from "./data/aws-managed-policies.json";
import { isLiteral, referencedInstance, ResourceInstance, StackModel } from "./model";
import { DeployedFacts } from "./types";
import { eksOidcProviderPattern, sessionOriginOf } from "./types/iam/shared";
import { IAM_QUOTAS, policyChars } from "./quotas";
import { regionalArn } from "../lib/arn";

/**
 * Permissions boundaries the provisioner generates, one per role: exactly the
 * permissions the code declares for that role (its inline policies and the
 * AWS-managed policies it attaches, as AWS publishes them in
 * `permissions/data/aws-managed-policies.json`). A deployer that rewrites a role's
 * policies (PutRolePolicy, AttachRolePolicy) therefore gets nothing the stack did
 * not already give that role: no other stack's state, keys, instances or clusters,
 * no admin role to pass. Why per role and not per stack: a boundary is one managed
 * policy of at most 6,144 characters, and a stack's roles together need more.
 */

interface ManagedPolicyData {
  readonly arn: string;
  readonly version: string;
  readonly document: { Statement: PolicyStatement[] };
}
const MANAGED: Record<string, ManagedPolicyData> = managedPolicies as unknown as Record<string, ManagedPolicyData>;

/** An AWS-managed policy the stacks attach, by ARN (any partition); undefined for a customer policy. */
export function awsManagedPolicyDocument(policyArn: string): ManagedPolicyData | undefined {
  const name = policyArn.split("/").pop()!;
  const data = MANAGED[name];
  return data && policyArn.replace(/^arn:[^:]+:/, "arn:aws:") === data.arn ? data : undefined;
}

export interface RoleBoundary {
  readonly stackId: string;
  readonly roleName: string;
  readonly policyName: string;
  readonly statements: PolicyStatement[];
}

export interface BoundaryContext {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** Ids the stack's first deploy produced (its VPC, its cluster's OIDC provider), as the provisioner reads them. */
  readonly deployed?: DeployedFacts;
  /** The tags the stack's keys carry: a reference to a key becomes "a key carrying them". */
  readonly ownershipTags: readonly OwnershipTag[];
  /** `provisioner.boundaryPolicyName`: prefix of the policy names. */
  readonly namePrefix?: string;
}

/** A role's own construct: policies and attachments are its siblings under the role construct's parent. */
function ownerOf(path: string): string {
  return path.replace(/\/Resource$/, "");
}
const parentOf = (path: string) => path.slice(0, path.lastIndexOf("/"));

/**
 * The boundary of every role of a stack. Fails when a role attaches a policy the
 * code cannot read (a customer-managed one): its boundary would silently cut it.
 */
export function roleBoundaries(model: StackModel, ctx: BoundaryContext): RoleBoundary[] {
  const boundaries: RoleBoundary[] = [];
  for (const role of model.instances.filter((i) => i.type === "aws_iam_role" && isLiteral(i.attributes.name))) {
    const roleName = role.attributes.name as string;
    const owner = ownerOf(role.path);
    const belongs = (i: ResourceInstance) => parentOf(i.path) === owner || i.attributes.role === roleName;
    const statements: PolicyStatement[] = [];
    for (const inline of model.instances.filter((i) => i.type === "aws_iam_role_policy" && belongs(i))) {
      const name = String(inline.attributes.name ?? inline.path.split("/").pop());
      statementsOf(inline.attributes.policy).forEach((s, i) => statements.push(...bounded(s as PolicyStatement, `${name}${i + 1}`, roleName, ctx)));
    }
    for (const attachment of model.instances.filter((i) => i.type === "aws_iam_role_policy_attachment" && belongs(i))) {
      const policyArn = String(attachment.attributes.policy_arn);
      const managed = awsManagedPolicyDocument(policyArn);
      if (!managed) {
        throw new Error(
          `Role ${roleName} attaches ${policyArn}, whose permissions the code cannot read, so its generated permissions boundary would cut them; ` +
            "set permissionsBoundaryArn to a boundary you own, or attach only AWS-managed policies listed in permissions/data/aws-managed-policies.json",
        );
      }
      // AWS publishes them for the aws partition; the same policies exist in every partition.
      const inPartition = JSON.parse(JSON.stringify(managed.document.Statement).replace(/arn:aws:/g, `arn:${ctx.partition}:`)) as PolicyStatement[];
      const name = policyArn.split("/").pop()!;
      const narrowing = NARROWED_TO_THE_STACK[name];
      const narrowed = narrowing ? inPartition.flatMap((s) => narrowing.narrow(s, ctx)) : inPartition;
      narrowed.forEach((s, i) => statements.push({ ...s, Sid: sidOf(`${name}${i + 1}`) }));
    }
    const fence = sessionFence(model, role, ctx);
    if (fence) statements.push(fence);
    const policyName = roleBoundaryPolicyName(roleName, ctx.namePrefix);
    const boundary = { stackId: model.stackId, roleName, policyName, statements: withinQuota(statements) };
    const size = policyChars({ Version: "2012-10-17", Statement: boundary.statements });
    if (size > IAM_QUOTAS.managedPolicyChars) {
      throw new Error(
        `The permissions boundary of role ${roleName} is ${size} characters, over IAM's ${IAM_QUOTAS.managedPolicyChars} for one managed policy; split the role's permissions across roles`,
      );
    }
    boundaries.push(boundary);
  }
  return boundaries;
}

const sidOf = (text: string) => text.replace(/[^A-Za-z0-9]/g, "");

/**
 * AWS managed policies whose calls on named resources the boundary narrows to what carries the
 * stack's ownership and scope tags, because the caller tags what it makes with them and the
 * stack's nodes carry them: the role then acts on this stack's volumes and nodes, not the
 * region's. Each with how its statements are narrowed, and why (for the report).
 */
export const NARROWED_TO_THE_STACK: Readonly<
  Record<string, { readonly reason: string; narrow(statement: PolicyStatement, ctx: BoundaryContext): PolicyStatement[] }>
> = {
  AmazonEBSCSIDriverPolicy: {
    reason:
      "the EBS CSI driver tags every volume and snapshot it makes with the stack's tags (its add-on's extraVolumeTags), and the nodes it " +
      "attaches them to carry them: attaching, snapshotting, changing and deleting volumes of other clusters is outside the boundary",
    narrow: (statement, ctx) => [narrowedToTheStack(statement, ctx.ownershipTags)],
  },
  AmazonEKS_CNI_Policy: {
    reason:
      "the VPC CNI attaches and detaches network interfaces only on the node it runs on, which carries the stack's tags: attaching an " +
      "interface to another cluster's instance is outside the boundary (the interfaces themselves carry no tag of the stack)",
    narrow: attachingOnlyToTheStacksNodes,
  },
};

/** The stack's tags as a condition's keys (`aws:ResourceTag/<key>` or `aws:RequestTag/<key>`) and values. */
function stackTags(prefix: "aws:ResourceTag/" | "aws:RequestTag/", tags: readonly OwnershipTag[]): Record<string, string> {
  return Object.fromEntries(tags.map((t) => [`${prefix}${t.key}`, t.value]));
}

/** The CNI's calls that act on an instance besides the interface: the node's own, in the CNI's use. */
const INSTANCE_SIDE_CNI_ACTIONS = ["ec2:AttachNetworkInterface", "ec2:DetachNetworkInterface"];

/**
 * A CNI statement on "*" with its attach and detach split out: those on any interface but only
 * on instances carrying the stack's tags (the nodes); the rest of the statement as it is.
 */
function attachingOnlyToTheStacksNodes(statement: PolicyStatement, ctx: BoundaryContext): PolicyStatement[] {
  const actions = asList(statement.Action);
  const instanceSide = actions.filter((a) => INSTANCE_SIDE_CNI_ACTIONS.includes(a));
  if (!instanceSide.length || !asList(statement.Resource).includes("*")) return [statement];
  const ec2 = (resource: string) => regionalArn(ctx, "ec2", resource);
  const rest = actions.filter((a) => !instanceSide.includes(a));
  return [
    { ...statement, Action: rest },
    { Effect: "Allow", Action: instanceSide, Resource: ec2("network-interface/*") },
    {
      Effect: "Allow",
      Action: instanceSide,
      Resource: ec2("instance/*"),
      Condition: { StringEquals: stackTags("aws:ResourceTag/", ctx.ownershipTags) },
    },
  ];
}

/**
 * A managed statement on named resources (not "*") with the stack's tags required: on what the
 * call creates (a statement conditioned on request tags or ec2:CreateAction) as request tags,
 * else on what it acts on as resource tags. Statements on "*" (reads) are kept as they are.
 */
function narrowedToTheStack(statement: PolicyStatement, tags: readonly OwnershipTag[]): PolicyStatement {
  if (asList(statement.Resource).every((r) => r === "*")) return statement;
  const conditionKeys = Object.values(statement.Condition ?? {}).flatMap((byKey) => Object.keys(byKey));
  const creates = conditionKeys.some((k) => k.startsWith("aws:RequestTag/") || k === "ec2:CreateAction");
  const prefix = creates ? "aws:RequestTag/" : "aws:ResourceTag/";
  const condition: PolicyConditions = { ...(statement.Condition ?? {}) };
  condition.StringEquals = { ...(condition.StringEquals ?? {}), ...stackTags(prefix, tags) };
  return { ...statement, Condition: condition };
}

/**
 * A boundary that fits one managed policy: when the declared statements with their Sids (which
 * say which declared policy each came from) are too long, they go without them. The fence keeps
 * its Sid: the report names it.
 */
function withinQuota(statements: PolicyStatement[]): PolicyStatement[] {
  if (policyChars({ Version: "2012-10-17", Statement: statements }) <= IAM_QUOTAS.managedPolicyChars) return statements;
  return statements.map(({ Sid, ...rest }) => (rest.Effect === "Deny" ? { Sid, ...rest } : rest));
}

/**
 * Denies the role's permissions to every session that did not come the way its trust says:
 * what keeps a rewritten or replaced trust policy from handing the role to anyone else. AWS
 * marks each session with where it came from, in keys nobody can set: an IRSA session with
 * the OIDC provider that vouched for it (aws:FederatedProvider), an instance profile's with
 * the VPC of the instance (aws:Ec2InstanceSourceVpc); EKS Pod Identity tags its sessions with
 * the cluster (aws:PrincipalTag/eks-cluster-name, which only a trust allowing sts:TagSession
 * lets another caller forge: the resource control policy closes that). Calls an AWS service
 * makes for the session (aws:ViaAWSService) carry none of these, and stay allowed. A service
 * role (EKS's control plane, Bedrock) has no such mark: see residual-risks.ts.
 */
function sessionFence(model: StackModel, role: ResourceInstance, ctx: BoundaryContext): PolicyStatement | undefined {
  const deny = (sid: string, condition: PolicyConditions): PolicyStatement => ({
    Sid: sid,
    Effect: "Deny",
    Action: "*",
    Resource: "*",
    Condition: { ...condition, Bool: { "aws:ViaAWSService": "false" } },
  });
  switch (sessionOriginOf(role)) {
    case "web-identity": {
      // The cluster's provider: a literal the config names (an existing cluster), else the one the provisioner read.
      const named = statementsOf(role.attributes.assume_role_policy).flatMap((s) =>
        asList((s.Principal as { Federated?: unknown } | undefined)?.Federated),
      );
      const providers = named.filter(isLiteral);
      const provider = providers.length ? providers : [ctx.deployed?.oidcProviderArn ?? eksOidcProviderPattern(ctx)];
      return deny("OnlyThroughTheClustersOidcProvider", {
        StringNotLike: { "aws:FederatedProvider": provider.length === 1 ? provider[0] : provider },
      });
    }
    case "ec2":
      return deny("OnlyOnInstancesOfTheStacksVpc", { StringNotLike: { "aws:Ec2InstanceSourceVpc": stackVpcId(model, ctx.deployed) ?? "vpc-*" } });
    case "pod-identity": {
      const clusters = [
        ...new Set(
          model.instances
            .filter((i) => i.type === "aws_eks_pod_identity_association" && referencedInstance(model, i.attributes.role_arn, "aws_iam_role") === role)
            .map((i) =>
              isLiteral(i.attributes.cluster_name)
                ? i.attributes.cluster_name
                : referencedInstance(model, i.attributes.cluster_name, "aws_eks_cluster")?.attributes.name,
            )
            .filter(isLiteral),
        ),
      ].sort();
      if (!clusters.length) return undefined;
      return deny("OnlyForPodsOfTheStacksCluster", {
        StringNotEquals: { "aws:PrincipalTag/eks-cluster-name": clusters.length === 1 ? clusters[0] : clusters },
      });
    }
    default:
      return undefined;
  }
}

/** The VPC the stack's instances run in: the one it created (as the provisioner read it), or the existing one it names. */
function stackVpcId(model: StackModel, deployed: DeployedFacts | undefined): string | undefined {
  if (deployed?.vpcId) return deployed.vpcId;
  return model.instances.map((i) => i.attributes.vpc_id).find(isLiteral);
}

/**
 * A declared statement as the boundary holds it. References to the stack's keys
 * (resolved only at apply) become "a key of this account carrying the stack's tags";
 * any other reference cannot be bounded honestly and fails.
 */
function bounded(statement: PolicyStatement, sid: string, roleName: string, ctx: BoundaryContext): PolicyStatement[] {
  const resources = asList(statement.Resource);
  const references = resources.filter((r) => !isLiteral(r));
  const base: PolicyStatement = { ...statement, Sid: sidOf(sid) };
  if (references.length === 0) return [base];
  const actions = asList(statement.Action);
  if (!actions.length || !actions.every((a) => a.startsWith("kms:"))) {
    throw new Error(`Role ${roleName}: statement ${sid} names a resource by reference (${references[0]}); only KMS keys can be bounded that way`);
  }
  const literals = resources.filter(isLiteral);
  const tagged: PolicyConditions = { ...(statement.Condition ?? {}) };
  tagged.StringEquals = {
    ...(tagged.StringEquals ?? {}),
    ...stackTags("aws:ResourceTag/", ctx.ownershipTags),
  };
  return [
    ...(literals.length ? [{ ...base, Resource: literals }] : []),
    { ...base, Sid: sidOf(`${sid}Keys`), Resource: regionalArn(ctx, "kms", "key/*"), Condition: tagged },
  ];
}
