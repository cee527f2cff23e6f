import { Testing } from "cdktf";
import { EnvironmentConfig } from "../../config";
import { modelOfStack, StackModel } from "../../permissions/model";
import { defineStacks } from "../../stacks/app";
import { ProvisionerStack } from "../../stacks/provisioner-stack";
import { builtIn, validate } from "../helpers";

export interface DeployedEnvironment {
  readonly env: EnvironmentConfig;
  readonly provisioner: ProvisionerStack;
  readonly models: Map<string, StackModel>;
}

let cached: DeployedEnvironment[] | undefined;

/** The built-in environments with their stacks, models and generated deployer policies. */
export function builtInDeployments(): DeployedEnvironment[] {
  if (cached) return cached;
  const environments = validate(builtIn("dev"), builtIn("staging"), builtIn("prod"));
  const stacks = defineStacks(Testing.app(), environments);
  cached = environments.map((env) => {
    const provisioner = stacks.find((s) => s.node.id === `provisioner-${env.name}`) as ProvisionerStack;
    const models = new Map(
      stacks.filter((s) => s.node.id === `iomete-data-plane-${env.name}` || s.node.id === `poolside-${env.name}`).map((s) => [s.node.id, modelOfStack(s)]),
    );
    return { env, provisioner, models };
  });
  return cached;
}
