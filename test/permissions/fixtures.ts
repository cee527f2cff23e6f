import { Testing } from "cdktf";
import * as path from "path";
import { EnvironmentConfig, readEnvironmentFiles, validateEnvironments } from "../../config";
import { statementsOf } from "../../lib/policy-document";
import { modelOfStack, StackModel } from "../../permissions/model";
import { sessionOriginOf } from "../../permissions/types/iam/shared";
import { deployedFactsOf, sampleDeployedFacts } from "../../permissions/sample-world";
import { defineStacks } from "../../stacks/app";
import { ProvisionerStack } from "../../stacks/provisioner-stack";
import { builtIn, validate } from "../support/helpers";

export interface DeployedEnvironment {
  readonly env: EnvironmentConfig;
  readonly provisioner: ProvisionerStack;
  readonly models: Map<string, StackModel>;
}

const cache = new Map<string, DeployedEnvironment[]>();

/**
 * The stacks as the provisioner sees them once the vendor stacks have been deployed
 * (the steady state the proof is about); the first deploy is proven on its own.
 */
export function deploymentsOf(environments: EnvironmentConfig[]): DeployedEnvironment[] {
  const stacks = defineStacks(Testing.app(), environments, { deployedFacts: sampleDeployedFacts(environments) });
  return environments.map((env) => {
    const provisioner = stacks.find((s) => s.node.id === `provisioner-${env.name}`) as ProvisionerStack;
    const models = new Map(
      stacks
        .filter((s) => s.node.id === `iomete-data-plane-${env.name}` || s.node.id === `poolside-${env.name}`)
        .map((s) => [s.node.id, modelOfStack(s)]),
    );
    return { env, provisioner, models };
  });
}

/** The example environment files users copy (`examples/environments/`): `staging` is the existing-VPC one. */
export function exampleDeployments(): DeployedEnvironment[] {
  const cached = cache.get("examples");
  if (cached) return cached;
  const result = deploymentsOf(validateEnvironments(readEnvironmentFiles(path.resolve(__dirname, "../../examples/environments"))));
  cache.set("examples", result);
  return result;
}

/**
 * The built-in environments (or the named ones) with their stacks, models and
 * generated deployer policies. Each environment is defined on its own: an
 * environment's stacks do not depend on the others'.
 */
export function builtInDeployments(...names: Array<"dev" | "staging" | "prod">): DeployedEnvironment[] {
  const wanted = names.length ? names : (["dev", "staging", "prod"] as const);
  const key = wanted.join(",");
  const cached = cache.get(key);
  if (cached) return cached;
  const result = deploymentsOf(validate(...wanted.map((n) => builtIn(n))));
  cache.set(key, result);
  return result;
}

/**
 * What AWS puts in the context of a request a role's real session makes (the way its trust says it
 * is assumed): an IRSA session names the cluster's OIDC provider, an instance profile's the VPC of its
 * instance, an EKS Pod Identity session carries the cluster's name as a session tag.
 */
export function sessionOf(env: EnvironmentConfig, model: StackModel, roleName: string): Record<string, string> {
  const role = model.instances.find((i) => i.type === "aws_iam_role" && i.attributes.name === roleName);
  if (!role) throw new Error(`${model.stackId} has no role ${roleName}`);
  const facts = deployedFactsOf(env, model.stackId);
  const direct = { "aws:ViaAWSService": "false" };
  switch (sessionOriginOf(role)) {
    case "web-identity": {
      const literal = statementsOf(role.attributes.assume_role_policy)
        .flatMap((s) => ([] as unknown[]).concat((s.Principal as { Federated?: unknown } | undefined)?.Federated ?? []))
        .find((p): p is string => typeof p === "string" && !p.includes("${"));
      return { ...direct, "aws:FederatedProvider": literal ?? facts.oidcProviderArn! };
    }
    case "ec2": {
      const existing = model.instances.map((i) => i.attributes.vpc_id).find((v): v is string => typeof v === "string" && !v.includes("${"));
      return { ...direct, "aws:Ec2InstanceSourceVpc": existing ?? facts.vpcId! };
    }
    case "pod-identity": {
      const cluster = model.instances.find((i) => i.type === "aws_eks_cluster")?.attributes.name;
      return { ...direct, "aws:PrincipalTag/eks-cluster-name": String(cluster) };
    }
    default:
      return direct;
  }
}
