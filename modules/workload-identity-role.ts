import { Construct } from "constructs";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { Role } from "./iam-role";
import { PolicyConditions, PolicyStatement } from "../lib/policy-document";

/** How a Kubernetes service account gets its AWS role. */
export type WorkloadIdentityMode = "irsa" | "pod-identity";

/** A Kubernetes service account; `name: "*"` (IRSA only) stands for every account of the namespace. */
export interface ServiceAccountRef {
  readonly namespace: string;
  readonly name: string;
}

/** What a workload role needs of its cluster: `EksCluster` provides it. */
export interface WorkloadIdentityCluster {
  /** Pod Identity: the cluster the associations belong to. */
  readonly clusterName: string;
  /** IRSA: the cluster's IAM OIDC provider ARN. */
  readonly oidcProviderArn: string;
  /** IRSA: the issuer without `https://` (the prefix of the condition keys). */
  readonly oidcIssuerHost: string;
}

export interface WorkloadIdentityRoleProps {
  /** IMPORTANT: changing it replaces the role. */
  readonly roleName: string;
  readonly description: string;
  /** `irsa` (trust on the cluster's OIDC provider) or `pod-identity` (trust on EKS Pod Identity plus an association). */
  readonly mode: WorkloadIdentityMode;
  /**
   * The service accounts that may assume the role. A name of `"*"` (IRSA only)
   * trusts every service account of its namespace, as IOMETE's module does;
   * exact names are the hardened default.
   */
  readonly serviceAccounts: ServiceAccountRef[];
  /** The cluster whose service accounts assume the role (an `EksCluster`). */
  readonly cluster: WorkloadIdentityCluster;
  /** @default none */
  readonly managedPolicyArns?: string[];
  /** @default none */
  readonly inlinePolicies?: Record<string, PolicyStatement[]>;
  /** @default no boundary */
  readonly permissionsBoundaryArn?: string;
  /** The configuration field that makes the role's documents grow, for the size errors. @default none */
  readonly sizedBy?: string;
}

/**
 * An IAM role for Kubernetes service accounts, with IRSA or EKS Pod Identity.
 * IRSA pins both the audience and the subject; Pod Identity trusts the EKS
 * service principal and creates one association per service account.
 * https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html
 */
export class WorkloadIdentityRole extends Construct {
  readonly roleArn: string;
  readonly roleName: string;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: WorkloadIdentityRoleProps) {
    super(scope, id);
    const problems: string[] = [];
    if (props.serviceAccounts.length === 0) problems.push("serviceAccounts must name at least one service account");
    const wildcard = props.serviceAccounts.some((sa) => sa.name === "*");
    for (const sa of props.serviceAccounts) {
      if (sa.name !== "*" && props.serviceAccounts.some((other) => other.namespace === sa.namespace && other.name === "*")) {
        problems.push(`serviceAccounts: "${sa.namespace}:*" already covers "${sa.namespace}:${sa.name}"`);
      }
    }
    if (props.mode === "pod-identity" && wildcard) problems.push('mode pod-identity binds named service accounts only; "*" is an IRSA pattern');
    if (problems.length > 0) {
      throw new Error(`WorkloadIdentityRole ${this.node.path}: ${problems.join("; ")}`);
    }

    this.role = new Role(this, "Resource", {
      roleName: props.roleName,
      description: props.description,
      trustStatements: props.mode === "irsa" ? irsaTrust(props, wildcard) : podIdentityTrust(),
      managedPolicyArns: props.managedPolicyArns,
      inlinePolicies: props.inlinePolicies,
      permissionsBoundaryArn: props.permissionsBoundaryArn,
      sizedBy: props.sizedBy,
    });
    this.roleArn = this.role.roleArn;
    this.roleName = this.role.roleName;

    if (props.mode === "pod-identity") {
      for (const sa of props.serviceAccounts) {
        new EksPodIdentityAssociation(this, `association_${`${sa.namespace}_${sa.name}`.replace(/[^a-zA-Z0-9]/g, "_")}`, {
          clusterName: props.cluster.clusterName,
          namespace: sa.namespace,
          serviceAccount: sa.name,
          roleArn: this.role.roleArn,
        });
      }
    }
  }
}

function irsaTrust(props: WorkloadIdentityRoleProps, wildcard: boolean): PolicyStatement[] {
  const host = props.cluster.oidcIssuerHost;
  const subjects = props.serviceAccounts.map((sa) => `system:serviceaccount:${sa.namespace}:${sa.name}`);
  const subject = subjects.length === 1 ? subjects[0] : subjects;
  const sub = `${host}:sub`;
  const aud = `${host}:aud`;
  // StringLike only where a wildcard needs it; it matches the exact subjects beside it too.
  const condition: PolicyConditions = wildcard
    ? { StringLike: { [sub]: subject }, StringEquals: { [aud]: "sts.amazonaws.com" } }
    : { StringEquals: { [sub]: subject, [aud]: "sts.amazonaws.com" } };
  return [
    {
      Sid: "ServiceAccountWebIdentity",
      Effect: "Allow",
      Principal: { Federated: props.cluster.oidcProviderArn },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: condition,
    },
  ];
}

function podIdentityTrust(): PolicyStatement[] {
  return [
    {
      Sid: "EksPodIdentity",
      Effect: "Allow",
      Principal: { Service: "pods.eks.amazonaws.com" },
      Action: ["sts:AssumeRole", "sts:TagSession"],
    },
  ];
}
