import { EnvironmentConfig } from "../config";
import { iometeStackId, poolsideStackId } from "../config/naming";
import { StackModel } from "./model";
import { ArnContext, DeployedFacts } from "./types";

/**
 * The world the proofs and the preflight take a stack to live in once deployed: the ids AWS
 * gives at the first deploy (a VPC's, the cluster's OIDC provider's) as fixed samples, so that
 * every request names a concrete resource. IAM decides on the ARN's shape and the request's
 * context, not on whether the id exists.
 */

/** The VPC id the proof takes each vendor stack to have got at its first deploy (what the provisioner then reads back). */
export function sampleVpcId(stackId: string): string {
  return `vpc-0${[...stackId]
    .reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7)
    .toString(16)
    .padStart(16, "0")
    .slice(0, 16)}`;
}

/** The OIDC provider the proof takes each vendor stack's cluster to have got. */
export function sampleOidcProviderArn(env: EnvironmentConfig, stackId: string): string {
  const id = sampleVpcId(stackId).slice(4).toUpperCase().padEnd(32, "A");
  return `arn:aws:iam::${env.account.id}:oidc-provider/oidc.eks.${env.account.region}.amazonaws.com/id/${id}`;
}

/** What the provisioner reads back from a vendor stack's state once it is deployed, as the proof takes it. */
export function deployedFactsOf(env: EnvironmentConfig, stackId: string): DeployedFacts {
  return { vpcId: sampleVpcId(stackId), oidcProviderArn: sampleOidcProviderArn(env, stackId), deployed: "true" };
}

/** The facts of every vendor stack of the environments, as the proofs take their first deploy to produce them. */
export function sampleDeployedFacts(environments: readonly EnvironmentConfig[]): Map<string, DeployedFacts> {
  return new Map(environments.flatMap((e) => [iometeStackId(e.name), poolsideStackId(e.name)].map((id) => [id, deployedFactsOf(e, id)] as const)));
}

/** The ARN context of a stack as the world has it once deployed (the ids the proof takes its first deploy to produce). */
export function worldOf(env: EnvironmentConfig, model: StackModel, facts: DeployedFacts = deployedFactsOf(env, model.stackId)): ArnContext {
  return { partition: "aws", region: env.account.region, account: env.account.id, model, deployed: facts };
}
