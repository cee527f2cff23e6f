import { iamArn, regionalArn } from "../../../lib/arn";
import { isLiteral, literalsOf, referencedInstance, ResourceInstance } from "../../model";
import { ArnContext } from "../types";

export const eksArn = (ctx: ArnContext, resource: string) => regionalArn(ctx, "eks", resource);

/** The stack's clusters, by their literal names (an existing cluster it reads counts: its workload roles associate with it). */
export const clusters = (ctx: ArnContext) => literalsOf(ctx.model, "aws_eks_cluster", "name");
export const clusterArns = (_: ResourceInstance, ctx: ArnContext) => clusters(ctx).map((c) => eksArn(ctx, `cluster/${c}`));
/** ARNs of a cluster's sub-resources (`nodegroup`, `addon`, `access-entry`, `podidentityassociation`). */
export const clusterChildren = (kind: string) => (_: ResourceInstance, ctx: ArnContext) => clusters(ctx).map((c) => eksArn(ctx, `${kind}/${c}/*`));

/**
 * The ARN of the principal an access entry (or association) names: a literal ARN, or the
 * stack's own role it references.
 */
export function entryPrincipalArn(instance: ResourceInstance, ctx: ArnContext): string | undefined {
  const value = instance.attributes.principal_arn;
  if (isLiteral(value)) return value;
  const role = referencedInstance(ctx.model, value, "aws_iam_role")?.attributes.name;
  return isLiteral(role) ? iamArn(ctx, `role/${role}`) : undefined;
}

/**
 * The access entries of one principal on the stack's clusters: EKS names them
 * `access-entry/<cluster>/<role|user>/<account>/<name>/<id>`, so a statement on them reaches no
 * other principal's entry (the Kubernetes side's planner's, say).
 */
export const principalEntries = (instance: ResourceInstance, ctx: ArnContext): string[] => {
  const principal = /^arn:[^:]+:iam::(\d{12}):(role|user)\/(?:.*\/)?([^/]+)$/.exec(entryPrincipalArn(instance, ctx) ?? "");
  if (!principal) return [];
  const [, account, kind, name] = principal;
  const cluster = instance.attributes.cluster_name;
  const names = isLiteral(cluster) ? [cluster] : clusters(ctx);
  return names.map((c) => eksArn(ctx, `access-entry/${c}/${kind}/${account}/${name}/*`));
};
