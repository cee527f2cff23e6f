/**
 * What an environment's name says about it, in one place: production gets
 * production-only strictness (MFA, no open API endpoint without acknowledgement,
 * deployed last), and the deployer is shaped by the kind (SEC provisioner's model).
 */

/** True for environments that get production-only strictness (`prod`, `production`, `prod-eu`, ...). */
export function isProduction(environmentName: string): boolean {
  return /^prod(uction)?($|-)/.test(environmentName);
}

/**
 * How an environment's deployer is shaped: `dev` has the whole lifecycle;
 * `staging` cannot delete; `prod` has the whole lifecycle but its human
 * principals must use MFA (enforced in the deployer role's trust policy).
 */
export type DeployerShape = "dev" | "staging" | "prod";

export function shapeOf(environmentName: string): DeployerShape {
  if (isProduction(environmentName)) return "prod";
  if (/^stag(e|ing)?($|-)/.test(environmentName)) return "staging";
  return "dev";
}
