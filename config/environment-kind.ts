/**
 * An environment's posture, in one place. Production gets production-only
 * strictness (people need MFA, no open API endpoint without acknowledgement,
 * deployed last) and the deployer is shaped by the kind (SEC provisioner's model).
 * The kind is a field (`kind`); only a name that says it may stand in for it.
 */

export const ENVIRONMENT_KINDS = ["production", "staging", "development"] as const;
export type EnvironmentKind = (typeof ENVIRONMENT_KINDS)[number];

/** Names that say their posture, each alone or followed by `-<anything>` (`prod`, `prod-eu`, `stage-2`, `dev-alice`). */
const KIND_NAMES: Readonly<Record<EnvironmentKind, readonly string[]>> = {
  production: ["prod", "production"],
  staging: ["staging", "stage"],
  development: ["dev", "development"],
};

/** The names that may stand in for `kind`, for messages and documentation. */
export const KIND_NAMES_TEXT = Object.values(KIND_NAMES).flat().join(", ");

/** The kind an environment's name says, or undefined when it says none (`prd`, `acme-prod`, `qa`). */
export function kindFromName(environmentName: string): EnvironmentKind | undefined {
  const word = environmentName.split("-")[0];
  return ENVIRONMENT_KINDS.find((kind) => KIND_NAMES[kind].includes(word));
}

/** True for environments that get production-only strictness. */
export function isProduction(environment: { readonly kind: EnvironmentKind }): boolean {
  return environment.kind === "production";
}

/**
 * How an environment's deployer is shaped: `dev` has the whole lifecycle;
 * `staging` cannot delete; `prod` has the whole lifecycle but its human
 * principals must use MFA (enforced in the deployer role's trust policy).
 */
export type DeployerShape = "dev" | "staging" | "prod";

const SHAPES: Readonly<Record<EnvironmentKind, DeployerShape>> = { production: "prod", staging: "staging", development: "dev" };

export function shapeOf(environment: { readonly kind: EnvironmentKind }): DeployerShape {
  return SHAPES[environment.kind];
}
