import { PolicyConditions } from "../../lib/policy-document";
import { ResourceInstance, StackModel } from "../model";

/**
 * Ids AWS picks at the stack's first deploy, read back from its state (its outputs)
 * by the provisioner when it is applied again. Each narrows a statement that must
 * otherwise name every such resource of the account.
 */
export interface DeployedFacts {
  /** The stack's VPC (`vpc_id` output): only its default security group may be adopted. */
  readonly vpcId?: string;
  /** The cluster's IAM OIDC provider (`oidc_provider_arn` output): the only one the deployer may tag or change. */
  readonly oidcProviderArn?: string;
}

/** Where a stack deploys, for building ARNs. */
export interface ArnContext {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly model: StackModel;
  readonly deployed?: DeployedFacts;
}

/** The part of the lifecycle an action serves; `staging` deployers get no `delete`. */
export type Phase = "create" | "read" | "update" | "delete";

/**
 * How an action is confined:
 * - `request-tag`: a create call; the request must carry the ownership tag (and only the stack's tag keys);
 * - `tag-on-create`: EC2's CreateTags, allowed only as part of the listed create calls, with the ownership tag;
 * - `resource-tag`: the resource must already carry the ownership tag;
 * - `name`: the ARN names the stack's own resources; the API offers no tag condition for it;
 * - `adopt`: tags a resource AWS created for the stack untagged (a VPC's default security group);
 *   the request must carry exactly the stack's tags;
 * - `unscoped`: `Resource: "*"` because the API has no resource-level permission; read-only, with the reason.
 */
export type Gate =
  | { readonly kind: "request-tag" }
  | { readonly kind: "tag-on-create"; readonly createActions: string[] }
  | { readonly kind: "resource-tag" }
  | { readonly kind: "name" }
  | { readonly kind: "adopt"; readonly reason: string }
  | { readonly kind: "unscoped"; readonly reason: string };

export interface ActionRule {
  readonly phase: Phase;
  readonly actions: string[];
  readonly gate: Gate;
  /** ARNs the actions apply to; left out, the entry's own resource ARNs. */
  readonly resources?: (instance: ResourceInstance, ctx: ArnContext) => string[];
  /** Conditions beyond the gate's (e.g. `iam:PermissionsBoundary`, `iam:PolicyARN`). */
  readonly conditions?: (instance: ResourceInstance, ctx: ArnContext) => PolicyConditions;
}

/** What the deployer needs for one Terraform resource type: create, read back, update, delete. */
export interface CatalogueEntry {
  /** What such a resource is for, in the security report. */
  readonly purpose: string;
  /** The ARNs of an instance (patterns where AWS picks the id). */
  readonly arns: (instance: ResourceInstance, ctx: ArnContext) => string[];
  readonly rules: ActionRule[];
}

export type Catalogue = Record<string, CatalogueEntry>;
