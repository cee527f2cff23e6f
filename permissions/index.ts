import { EnvironmentConfig, OwnershipTag } from "../config";
import { PolicyDocument } from "../lib/policy-document";
import { derivePermissions, DerivedPermissions } from "./derive";
import { DeployedFacts } from "./types";
import { StackModel } from "./model";
import { splitIntoManagedPolicies } from "./quotas";

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
}

/** The read-only plan role's permissions of a stack (what `terraform plan` with the lock needs). */
export function planPolicySet(environment: EnvironmentConfig, vendor: VendorDeployment): DeployerPolicySet {
  const derived = derivePermissions(vendor.model, environment, vendor.ownershipTag, vendor.scopeTag, {
    otherOwnershipKeys: vendor.otherOwnershipKeys,
    deployed: vendor.deployed,
    readOnly: true,
  });
  return { derived, documents: splitIntoManagedPolicies(`plan policies of ${vendor.model.stackId}`, derived.statements) };
}

export function deployerPolicySet(environment: EnvironmentConfig, vendor: VendorDeployment): DeployerPolicySet {
  const derived = derivePermissions(vendor.model, environment, vendor.ownershipTag, vendor.scopeTag, {
    otherOwnershipKeys: vendor.otherOwnershipKeys,
    deployed: vendor.deployed,
  });
  return { derived, documents: splitIntoManagedPolicies(`deployer policies of ${vendor.model.stackId}`, derived.statements) };
}
