import { regionalArn } from "../../../lib/arn";
import { literalsOf, ResourceInstance } from "../../model";
import { ArnContext } from "../types";

export const eksArn = (ctx: ArnContext, resource: string) => regionalArn(ctx, "eks", resource);

/** The stack's clusters, by their literal names (an existing cluster it reads counts: its workload roles associate with it). */
export const clusters = (ctx: ArnContext) => literalsOf(ctx.model, "aws_eks_cluster", "name");
export const clusterArns = (_: ResourceInstance, ctx: ArnContext) => clusters(ctx).map((c) => eksArn(ctx, `cluster/${c}`));
/** ARNs of a cluster's sub-resources (`nodegroup`, `addon`, `access-entry`, `podidentityassociation`). */
export const clusterChildren = (kind: string) => (_: ResourceInstance, ctx: ArnContext) => clusters(ctx).map((c) => eksArn(ctx, `${kind}/${c}/*`));
