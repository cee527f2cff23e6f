import { Construct } from "constructs";
import { Fn, TerraformLocal } from "cdktf";
import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { AwsTarget, iamArn } from "../lib/arn";
import { WorkloadIdentityCluster } from "./workload-identity-role";

export interface ExistingEksClusterProps {
  /** The cluster's name, as EKS knows it. */
  readonly clusterName: string;
  readonly target: AwsTarget;
}

/**
 * A cluster this code does not create, read by name: enough for workload roles to
 * trust it (its OIDC issuer, and the IAM OIDC provider of that issuer, which must
 * exist for IRSA) or to associate with it (Pod Identity).
 */
export class ExistingEksCluster extends Construct implements WorkloadIdentityCluster {
  /** The configured name (a literal: nothing here creates the cluster to reference). */
  readonly clusterName: string;
  readonly clusterEndpoint: string;
  readonly oidcIssuerHost: string;
  readonly oidcProviderArn: string;

  constructor(scope: Construct, id: string, props: ExistingEksClusterProps) {
    super(scope, id);
    const cluster = new DataAwsEksCluster(this, "Resource", { name: props.clusterName });
    this.clusterName = props.clusterName;
    this.clusterEndpoint = cluster.endpoint;
    // A local keeps the quoted `replace(...)` expression out of policy JSON strings.
    this.oidcIssuerHost = new TerraformLocal(
      this,
      "oidc_issuer_host",
      Fn.replace(cluster.identity.get(0).oidc.get(0).issuer, "https://", ""),
    ).asString;
    this.oidcProviderArn = iamArn(props.target, `oidc-provider/${this.oidcIssuerHost}`);
  }
}
