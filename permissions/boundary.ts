import { OwnershipTag } from "../config";
import { roleBoundaryPolicyName } from "../config/naming";
import { asList, PolicyConditions, PolicyStatement, statementsOf } from "../lib/policy-document";
import managedPolicies from "./data/aws-managed-policies.json";
import { isLiteral, ResourceInstance, StackModel } from "./model";
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
      inPartition.forEach((s, i) => statements.push({ ...s, Sid: sidOf(`${policyArn.split("/").pop()}${i + 1}`) }));
    }
    const policyName = roleBoundaryPolicyName(roleName, ctx.namePrefix);
    const boundary = { stackId: model.stackId, roleName, policyName, statements };
    const size = policyChars({ Version: "2012-10-17", Statement: statements });
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
    ...Object.fromEntries(ctx.ownershipTags.map((t) => [`aws:ResourceTag/${t.key}`, t.value])),
  };
  return [
    ...(literals.length ? [{ ...base, Resource: literals }] : []),
    { ...base, Sid: sidOf(`${sid}Keys`), Resource: regionalArn(ctx, "kms", "key/*"), Condition: tagged },
  ];
}
