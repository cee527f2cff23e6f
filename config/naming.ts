import { awsTargetOf, IAM_ROLE_NAME_MAX } from "./aws";
import { AwsTarget, iamArn } from "../lib/arn";

/**
 * Every name the stacks derive from configured names, in one place, so that
 * validation can check their lengths before anything is synthesized and the
 * stacks and their tests use exactly the same names.
 */

/** A name AWS limits in length, for validation. */
export interface NameLimit {
  readonly what: string;
  readonly name: string;
  readonly max: number;
}

/** IAM role, policy and instance-profile names: 64 characters (config/aws.ts's limit). */
const ROLE_NAME_MAX = IAM_ROLE_NAME_MAX;

/** Names of what the EKS module creates for a cluster. */
export interface EksNames {
  readonly clusterRole: string;
  readonly nodeRole: string;
  readonly nodeGroup: string;
  readonly nodeSecurityGroup: string;
  readonly launchTemplate: string;
  readonly ebsCsiRole: string;
  readonly vpcCniRole: string;
  readonly clusterKeyAlias: string;
  readonly clusterLogGroup: string;
}

export function eksNames(clusterName: string): EksNames {
  return {
    clusterRole: `${clusterName}-cluster-role`,
    nodeRole: `${clusterName}-node-role`,
    nodeGroup: `${clusterName}-ng`,
    nodeSecurityGroup: `${clusterName}-node`,
    launchTemplate: `${clusterName}-ng`,
    // IOMETE's module names it this way; operators who know the module look for it.
    ebsCsiRole: `AmazonEKS_EBS_CSI_DriverRole-${clusterName}`,
    vpcCniRole: `${clusterName}-vpc-cni-role`,
    clusterKeyAlias: `alias/eks/${clusterName}`,
    clusterLogGroup: `/aws/eks/${clusterName}/cluster`,
  };
}

function eksNameLimits(names: EksNames): NameLimit[] {
  return [
    { what: "cluster role", name: names.clusterRole, max: ROLE_NAME_MAX },
    { what: "node role", name: names.nodeRole, max: ROLE_NAME_MAX },
    { what: "EBS CSI role", name: names.ebsCsiRole, max: ROLE_NAME_MAX },
    { what: "VPC CNI role", name: names.vpcCniRole, max: ROLE_NAME_MAX },
    { what: "node group", name: names.nodeGroup, max: 63 },
  ];
}

export interface IometeNames extends EksNames {
  readonly lakehouseRole: string;
  readonly karpenterNodeRole: string;
  readonly karpenterControllerRole: string;
  readonly karpenterQueue: string;
  readonly karpenterRulePrefix: string;
  readonly storageKeyAlias: string;
  /** Role of the AWS Load Balancer Controller, which serves the Istio gateway. */
  readonly loadBalancerControllerRole: string;
}

export function iometeNames(clusterName: string): IometeNames {
  return {
    ...eksNames(clusterName),
    lakehouseRole: `${clusterName}-lakehouse-role`,
    karpenterNodeRole: `${clusterName}-karpenter-node`,
    karpenterControllerRole: `${clusterName}-karpenter-controller`,
    karpenterQueue: `Karpenter-${clusterName}`,
    karpenterRulePrefix: `${clusterName}-karpenter`,
    storageKeyAlias: `alias/${clusterName}-storage`,
    loadBalancerControllerRole: `${clusterName}-aws-load-balancer-controller`,
  };
}

export function iometeNameLimits(names: IometeNames): NameLimit[] {
  return [
    ...eksNameLimits(names),
    { what: "lakehouse role", name: names.lakehouseRole, max: ROLE_NAME_MAX },
    { what: "Karpenter node role", name: names.karpenterNodeRole, max: ROLE_NAME_MAX },
    { what: "Karpenter controller role", name: names.karpenterControllerRole, max: ROLE_NAME_MAX },
    { what: "load balancer controller role", name: names.loadBalancerControllerRole, max: ROLE_NAME_MAX },
    // EventBridge rule names: 64 characters; the longest suffix is "-capacity-interruption".
    { what: "Karpenter EventBridge rule", name: `${names.karpenterRulePrefix}-capacity-interruption`, max: 64 },
    { what: "Karpenter queue", name: names.karpenterQueue, max: 80 },
  ];
}

export interface PoolsideNames extends EksNames {
  /** `poolside-<deployment>`: prefix of repositories, bastion and key alias. */
  readonly resourcePrefix: string;
  readonly podRole: string;
  /** Role of Poolside's inference pods (`poolside-models/inference`). */
  readonly inferenceRole: string;
  readonly bastionRole: string;
  readonly bastion: string;
  readonly customizationRole: string;
  readonly loadBalancerControllerRole: string;
  /** Role of the External Secrets Operator: reads the database's secret and the deployment's parameters. */
  readonly externalSecretsRole: string;
  /** The RDS instance, its subnet group and (`-db`) its security group. */
  readonly database: string;
  readonly keyAlias: string;
}

/** Poolside's names: roles are `<role prefix>-...` ([deployment-prefix] in Poolside's docs). */
export function poolsideNames(deploymentName: string, rolePrefix: string, clusterName: string): PoolsideNames {
  const resourcePrefix = `poolside-${deploymentName}`;
  return {
    ...eksNames(clusterName),
    resourcePrefix,
    podRole: `${rolePrefix}-eks-pod-role`,
    inferenceRole: `${rolePrefix}-inference`,
    bastionRole: `${rolePrefix}-bastion`,
    bastion: `${resourcePrefix}-bastion`,
    customizationRole: `${rolePrefix}-bedrock-customization`,
    loadBalancerControllerRole: `${rolePrefix}-aws-load-balancer-controller`,
    externalSecretsRole: `${rolePrefix}-external-secrets`,
    database: resourcePrefix,
    keyAlias: `alias/${resourcePrefix}`,
  };
}

export function poolsideNameLimits(names: PoolsideNames): NameLimit[] {
  return [
    ...eksNameLimits(names),
    { what: "EKS pod role", name: names.podRole, max: ROLE_NAME_MAX },
    { what: "inference role", name: names.inferenceRole, max: ROLE_NAME_MAX },
    { what: "bastion role", name: names.bastionRole, max: ROLE_NAME_MAX },
    { what: "Bedrock customization role", name: names.customizationRole, max: ROLE_NAME_MAX },
    { what: "load balancer controller role", name: names.loadBalancerControllerRole, max: ROLE_NAME_MAX },
    { what: "External Secrets role", name: names.externalSecretsRole, max: ROLE_NAME_MAX },
  ];
}

/** The first derived name that is too long, as a message, or undefined. */
export function nameLimitProblem(limits: NameLimit[], shorten: string): string | undefined {
  const limit = limits.find((l) => l.name.length > l.max);
  if (!limit) return undefined;
  return (
    `is too long: the derived ${limit.what} name "${limit.name}" has ${limit.name.length} characters, ` +
    `AWS allows ${limit.max}; shorten the ${shorten} by ${limit.name.length - limit.max}`
  );
}

/** Name of the permissions boundary the provisioner generates for one role (`provisioner.boundaryPolicyName` is its prefix). */
export function roleBoundaryPolicyName(roleName: string, prefix?: string): string {
  return prefix ? `${prefix}-${roleName}` : `${roleName}-boundary`;
}

/** Whether a policy name is one roleBoundaryPolicyName gives the role, under any prefix: the role's own boundary. */
export function isRoleBoundaryPolicyName(policyName: string, roleName: string): boolean {
  return policyName === roleBoundaryPolicyName(roleName) || policyName.endsWith(`-${roleName}`);
}

/** What a role's boundary is named from: the environment's account, and the boundary it names or the prefix of those it generates. */
export interface BoundaryNaming {
  readonly account: { readonly id: string; readonly region: string };
  readonly permissionsBoundaryArn?: string;
  readonly provisioner: { readonly boundaryPolicyName?: string };
}

/** What state keys, plan prefixes and the state key's alias are named from (config's StateBackendConfig has them). */
export interface StateBackendNaming {
  readonly bucket: string;
  readonly keyPrefix: string;
}

/**
 * The permissions boundary a role of the environment carries: the configured one, or
 * the one the provisioner generates for that role (its own declared permissions).
 */
export function roleBoundaryArn(env: BoundaryNaming, roleName: string): string {
  if (env.permissionsBoundaryArn) return env.permissionsBoundaryArn;
  return iamArn(awsTargetOf(env.account), `policy/${roleBoundaryPolicyName(roleName, env.provisioner.boundaryPolicyName)}`);
}

/** The per-stack tags the deployer policies require next to the ownership tag. */
export const IOMETE_STACK_TAG_KEY = "iomete.com/cluster_name";
export const POOLSIDE_STACK_TAG_KEY = "poolside.ai/deployment";

/**
 * The tag keys a vendor stack puts on a resource besides the environment's `tags`:
 * its default tags and the most a single resource adds (a subnet's Name, Karpenter's
 * discovery tag and the load balancer role). For the checks IAM and EC2 would make.
 */
export function stackTagKeys(vendor: "iomete" | "poolside", ownershipKey: string): string[] {
  return vendor === "iomete"
    ? [
        ownershipKey,
        IOMETE_STACK_TAG_KEY,
        "iomete.com/terraform",
        "iomete.com/terraform_module_version",
        "Name",
        "karpenter.sh/discovery",
        "kubernetes.io/role/elb",
      ]
    : [ownershipKey, POOLSIDE_STACK_TAG_KEY, "Name", "kubernetes.io/role/elb"];
}

/** AWS's limit of tags on one resource. */
export const MAX_TAGS_PER_RESOURCE = 50;

/** The state object key of a stack: `[<keyPrefix>/]<stack id>/terraform.tfstate`. */
export function stateKey(backend: StateBackendNaming, stackId: string): string {
  return `${backend.keyPrefix ? `${backend.keyPrefix}/` : ""}${stackId}/terraform.tfstate`;
}

/** Where the deploy workflow keeps reviewed plans, beside the state: `[<keyPrefix>/]plans/`, expired by the bucket's lifecycle. */
export function plansPrefix(backend: StateBackendNaming): string {
  return `${backend.keyPrefix ? `${backend.keyPrefix}/` : ""}plans/`;
}

/** A stack's reviewed plans: `<plansPrefix><stack id>/<run>.tfplan`, written by its planner, read by its deployer. */
export function planObjectPrefix(backend: StateBackendNaming, stackId: string): string {
  return `${plansPrefix(backend)}${stackId}/`;
}

/** Alias of the key the state bucket encrypts with; KMS aliases allow no dots, bucket names may have them. */
export function stateKeyAlias(backend: StateBackendNaming): string {
  return `alias/terraform-state-${backend.bucket.replace(/\./g, "-")}`;
}

/** The Kubernetes group of the Kubernetes side's plan role: its access entry names it, its RBAC binds it. */
export const KUBERNETES_SIDE_PLANNER_GROUP = "iomete-kubernetes-planner";

/** Name of the deployer role of a vendor stack. */
export function deployerRoleName(stackId: string): string {
  return `${stackId}-deployer`;
}

/** Name of the read-only plan role of a vendor stack (created when the config has GitHub Actions). */
export function plannerRoleName(stackId: string): string {
  return `${stackId}-planner`;
}

/** ARN of a vendor stack's deployer role in its account. */
export function deployerRoleArn(target: Pick<AwsTarget, "partition" | "account">, stackId: string): string {
  return iamArn(target, `role/${deployerRoleName(stackId)}`);
}

/** ARN of a vendor stack's plan role in its account. */
export function plannerRoleArn(target: Pick<AwsTarget, "partition" | "account">, stackId: string): string {
  return iamArn(target, `role/${plannerRoleName(stackId)}`);
}

/** Stack id of an environment's IOMETE data plane. */
export function iometeStackId(environmentName: string): string {
  return `iomete-data-plane-${environmentName}`;
}

/** Stack id of what IOMETE installs inside an environment's cluster, deployed after its data plane. */
export function iometeKubernetesStackId(environmentName: string): string {
  return `iomete-kubernetes-${environmentName}`;
}

/** Stack id of an environment's Poolside deployment. */
export function poolsideStackId(environmentName: string): string {
  return `poolside-${environmentName}`;
}

/** Stack id of what Poolside runs inside its cluster. */
export function poolsideKubernetesStackId(environmentName: string): string {
  return `poolside-kubernetes-${environmentName}`;
}

/** The Kubernetes group of the Poolside Kubernetes side's plan role: its access entry names it, its RBAC binds it. */
export const POOLSIDE_KUBERNETES_PLANNER_GROUP = "poolside-kubernetes-planner";

/** Role of an optional EKS addon's service account (`<cluster>-efs-csi-role`). */
export function addonRoleName(clusterName: string, suffix: string): string {
  return `${clusterName}-${suffix}`;
}
