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
  /**
   * Whether the stack has been deployed: "true", or the value Terraform reads from its state (its cluster's
   * name, empty before its first deploy). Staging's deployer loses its data-destroying updates once it is.
   */
  readonly deployed?: string;
}

/** A value read from a vendor stack's state at apply time: whose, which output, and what stands in before its first deploy. */
export interface DeployTimeValue {
  readonly stackId: string;
  readonly output: string;
  readonly firstDeploy: string;
}

/** Where a stack deploys, for building ARNs. */
export interface ArnContext {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly model: StackModel;
  readonly deployed?: DeployedFacts;
}

/**
 * What terraform-provider-aws 6.25.0 calls for one Terraform type, read from its Go
 * source (`internal/service/<service>/...`): the IAM actions behind each API call of
 * create, read (refresh), update (per updatable argument, `tags` included), delete and
 * import. Both roles are derived from it: the planner gets the read and import calls,
 * the deployer every call; a call no rule of the type confines fails the derivation.
 */
export interface ProviderCalls {
  /** Terraform type; data sources end in `_data` where a resource of the same name exists. */
  readonly type: string;
  /** Where it was read: the file(s) under hashicorp/terraform-provider-aws and the commit of the stored version. */
  readonly source: { readonly files: readonly string[]; readonly commit: string };
  readonly create: readonly Call[];
  readonly read: readonly Call[];
  /** Updatable argument (as in the Terraform schema, `tags` for tag changes) -> the actions its change calls. */
  readonly update: Readonly<Record<string, readonly Call[]>>;
  readonly delete: readonly Call[];
  readonly import: readonly Call[];
  /**
   * IAM actions AWS checks on the caller during those calls beyond the call's own action
   * (tags sent on create, a role handed to a service, a key used on the caller's behalf, a
   * service-linked role created on first use), from AWS's documentation; same shape.
   */
  readonly authorizedAlso?: {
    readonly create?: readonly Call[];
    readonly update?: Readonly<Record<string, readonly Call[]>>;
    readonly delete?: readonly Call[];
  };
  /** Anything a reader should know (SDK call names that differ from the IAM action, waits, fallbacks). */
  readonly notes?: string;
}

/**
 * An IAM action a call needs: always, or only when the instance sets an argument (the role an
 * add-on hands over, the pod identity association an add-on reads back).
 */
export type Call = string | { readonly action: string; readonly whenSet: string };

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
  /** The operations whose calls it confines: `read` for read and import, `create`, `update`, `delete` (see `gatesFor`). */
  readonly phase: Phase;
  readonly actions: string[];
  readonly gate: Gate;
  /** ARNs the actions apply to; left out, the entry's own resource ARNs. */
  readonly resources?: (instance: ResourceInstance, ctx: ArnContext) => string[];
  /** Conditions beyond the gate's (e.g. `iam:PermissionsBoundary`, `iam:PolicyARN`). */
  readonly conditions?: (instance: ResourceInstance, ctx: ArnContext) => PolicyConditions;
}

/** How the calls of one Terraform type are confined. */
export interface CatalogueEntry {
  /** What such a resource is for, in the security report. */
  readonly purpose: string;
  /** The ARNs of an instance (patterns where AWS picks the id). */
  readonly arns: (instance: ResourceInstance, ctx: ArnContext) => string[];
  /**
   * What AWS creates and names for the instance in the caller's name (RDS's master user secret): the
   * calls that make it are proven on these, and no rule takes them for its resources unless it names them.
   */
  readonly awsNamedArns?: (instance: ResourceInstance, ctx: ArnContext) => string[];
  readonly rules: ActionRule[];
}

/** A call the provider can make that neither role is given (or not in that operation), with the reason. */
export interface AcceptedCallGap {
  /** The operations it concerns (`create`, `update tags`, ...), or every one. */
  readonly operations: readonly string[] | "*";
  readonly action: string;
  /** Only for the instances it holds for (a role whose trust is fixed); left out, every instance. */
  readonly when?: (instance: ResourceInstance) => boolean;
  readonly reason: string;
}

/** One call Terraform makes for an instance, in one operation. */
export interface CallSite {
  readonly instance: ResourceInstance;
  readonly ctx: ArnContext;
  /** `create`, `read`, `import`, `delete` or `update <argument>`. */
  readonly operation: string;
  readonly action: string;
}

/** A value AWS puts in a request's context: a string, or a list for a multivalued key. */
export type ContextValue = string | string[];

/**
 * Everything about one Terraform type, in one file under `permissions/types/<service>/`:
 * what the provider calls for it, how each call is confined, what is deliberately not
 * granted, and what AWS sees of each call (what the proofs send).
 */
export interface TypePermissions extends CatalogueEntry {
  readonly calls: ProviderCalls;
  readonly acceptedGaps?: readonly AcceptedCallGap[];
  /**
   * The condition keys AWS sets for a call from the instance's arguments, beyond the tags of
   * the resources it acts on: the request a proof sends (`test/permissions/requests.ts`).
   */
  readonly requestContext?: (call: CallSite) => Record<string, ContextValue> | undefined;
  /**
   * Resources of the stack a call acts on that the instance's arguments do not name directly
   * (the role of the instance profile an instance launches with); an empty list when the call
   * is not made for this instance (a role in no profile is removed from none); undefined when
   * the arguments say it all.
   */
  readonly callTargets?: (call: CallSite) => readonly ResourceInstance[] | undefined;
}
