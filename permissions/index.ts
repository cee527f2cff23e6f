import { EnvironmentConfig, OwnershipTag } from "../config";
import { PolicyDocument, policyDocument } from "../lib/policy-document";
import { derivePermissions, DerivedPermissions, STAGING_PROTECTED_UPDATES, stagingProtection } from "./derive";
import { DeployedFacts, operationsOf, TYPE_PERMISSIONS, typeKeyOf } from "./types";
import { StackModel } from "./model";
import { IAM_QUOTAS, splitIntoManagedPolicies } from "./quotas";
import { policyCheckStatements } from "./policy-checks";

export { derivePermissions, shapeOf } from "./derive";
export type { DerivedPermissions, DeployerShape } from "./derive";
export { modelOfJson, modelOfStack } from "./model";
export type { StackModel } from "./model";

/** A vendor stack as the provisioner sees it. */
export interface VendorDeployment {
  readonly model: StackModel;
  readonly ownershipTag: OwnershipTag;
  /** The stack's own tag (IOMETE's cluster name, Poolside's deployment name), required next to the ownership tag. */
  readonly scopeTag?: OwnershipTag;
  /** Ownership tag keys of the environment's other vendors (their resources are never tagged by this deployer). */
  readonly otherOwnershipKeys?: readonly string[];
  /** Ids read back from the stack's state (see DeployedFacts). */
  readonly deployed?: DeployedFacts;
}

/** A stack's deployer permissions, split into managed policies that fit IAM's quotas. */
export interface DeployerPolicySet {
  readonly derived: DerivedPermissions;
  readonly documents: PolicyDocument[];
  /** Staging's: a policy attached once the stack is deployed (see STAGING_PROTECTED_UPDATES). */
  readonly onceDeployed?: PolicyDocument;
}

/**
 * Whether Terraform makes any of staging's protected updates for the stack (some of its types call
 * them): such a stack's staging deployer gets the once-deployed policy, and the provisioner watches
 * for its first deploy.
 */
export function makesProtectedUpdates(model: StackModel): boolean {
  return model.instances.some((i) => {
    const entry = TYPE_PERMISSIONS.get(typeKeyOf(i));
    return !!entry && operationsOf(entry.calls).some((o) => o.actions.some((a) => STAGING_PROTECTED_UPDATES.includes(a)));
  });
}

/** The read-only plan role's permissions of a stack (what `terraform plan` with the lock needs). */
export function planPolicySet(environment: EnvironmentConfig, vendor: VendorDeployment): DeployerPolicySet {
  const derived = derivePermissions(vendor.model, environment, vendor.ownershipTag, vendor.scopeTag, {
    otherOwnershipKeys: vendor.otherOwnershipKeys,
    deployed: vendor.deployed,
    readOnly: true,
  });
  // A pull request's plan job also runs the policy checks (npm run preflight -- --validate) as this role.
  const statements = [...derived.statements, ...policyCheckStatements(environment, vendor.model.stackId)];
  return { derived, documents: splitIntoManagedPolicies(`plan policies of ${vendor.model.stackId}`, statements, policyLimits(environment)) };
}

/** The sizes the role's policies are split to: IAM's per-policy size, and the account's quota of policies per role less those kept. */
function policyLimits(environment: EnvironmentConfig, kept = 0): { maxChars: number; maxPolicies: number } {
  return { maxChars: IAM_QUOTAS.managedPolicyChars, maxPolicies: environment.provisioner.managedPoliciesPerRole - kept };
}

export function deployerPolicySet(environment: EnvironmentConfig, vendor: VendorDeployment): DeployerPolicySet {
  const derived = derivePermissions(vendor.model, environment, vendor.ownershipTag, vendor.scopeTag, {
    otherOwnershipKeys: vendor.otherOwnershipKeys,
    deployed: vendor.deployed,
  });
  if (derived.shape !== "staging" || !makesProtectedUpdates(vendor.model)) {
    return {
      derived,
      documents: splitIntoManagedPolicies(`deployer policies of ${vendor.model.stackId}`, derived.statements, policyLimits(environment)),
    };
  }
  // One of the role's managed policies is kept for the one attached once the stack is deployed.
  const documents = splitIntoManagedPolicies(`deployer policies of ${vendor.model.stackId}`, derived.statements, policyLimits(environment, 1));
  return { derived, documents, onceDeployed: policyDocument(stagingProtection()) };
}
