import { Construct } from "constructs";
import { DataTerraformRemoteStateS3, ITerraformDependable } from "cdktf";
import { EnvironmentConfig, PoolsideConfig, PoolsideKubernetesConfig } from "../config";
import { POOLSIDE_KUBERNETES_PLANNER_GROUP, poolsideStackId, stateKey } from "../config/naming";
import { PlannerRbac } from "../modules/planner-rbac";
import { ClusterSideStack } from "./cluster-side-stack";
import { useRemoteState } from "./support/remote-state";
import { requireTerraformVersion } from "./support/terraform-versions";
import { EXTERNAL_SECRETS_SERVICE_ACCOUNTS } from "./poolside-stack";

/** The Poolside stack's outputs this stack reads from its state; renaming one there breaks a test here. */
export const POOLSIDE_OUTPUTS_READ = [
  "cluster_name",
  "cluster_endpoint",
  "cluster_certificate_authority_data",
  "vpc_id",
  "load_balancer_controller_role_arn",
  "external_secrets_role_arn",
  "database_endpoint",
  "database_secret_arn",
  "bucket_name",
  "parameter_path",
  "repository_urls",
] as const;
type PoolsideOutput = (typeof POOLSIDE_OUTPUTS_READ)[number];

export const POOLSIDE_NAMESPACE = "poolside";
export const EXTERNAL_SECRETS_NAMESPACE = EXTERNAL_SECRETS_SERVICE_ACCOUNTS[0].namespace;
export const GPU_OPERATOR_NAMESPACE = "gpu-operator";
/** The stores the External Secrets Operator reads AWS through, on its role: Secrets Manager and the deployment's parameters. */
export const SECRET_STORES = { secretsManager: "poolside-secrets-manager", parameterStore: "poolside-parameter-store" } as const;
/** What the application mounts: the database's credentials, synced from Secrets Manager by the operator (never in Terraform's state). */
export const DATABASE_SECRET = "poolside-database";
/** How often the operator syncs the database secret (RDS rotates the password every 7 days). */
const REFRESH_INTERVAL = "1h";

export interface PoolsideKubernetesStackProps {
  readonly environment: EnvironmentConfig;
}

/**
 * What Poolside's reference architecture runs inside its cluster, deployed after the Poolside stack
 * and reading its outputs from that stack's state: the AWS Load Balancer Controller on its role (the
 * Poolside stack creates it, nothing installed it), the External Secrets Operator on its role with a
 * ClusterSecretStore for Secrets Manager and one for the deployment's parameters, the database's
 * credentials synced into the `poolside` namespace, NVIDIA's GPU Operator when a GPU group runs, and
 * Poolside's own chart from the repository and version the config names.
 */
export class PoolsideKubernetesStack extends ClusterSideStack {
  private readonly environment: EnvironmentConfig;
  private readonly poolside: PoolsideConfig;
  private readonly kubernetes: PoolsideKubernetesConfig;
  private readonly source: DataTerraformRemoteStateS3;

  constructor(scope: Construct, id: string, props: PoolsideKubernetesStackProps) {
    super(scope, id);
    requireTerraformVersion(this);
    const env = props.environment;
    if (!env.poolside?.kubernetes?.enabled) {
      throw new Error(`PoolsideKubernetesStack ${id}: environment ${env.name} has no enabled poolside.kubernetes section`);
    }
    this.environment = env;
    this.poolside = env.poolside;
    this.kubernetes = env.poolside.kubernetes;

    useRemoteState(this, env.stateBackend, id, env.account.id);
    this.source = new DataTerraformRemoteStateS3(this, "poolside_state", {
      bucket: env.stateBackend.bucket,
      key: stateKey(env.stateBackend, poolsideStackId(env.name)),
      region: env.stateBackend.region,
    });
    this.useClusterProviders({
      name: this.output("cluster_name"),
      endpoint: this.output("cluster_endpoint"),
      certificateAuthorityData: this.output("cluster_certificate_authority_data"),
      region: env.account.region,
    });
    this.createPoolsideNamespaces();
    const controller = this.installController();
    const stores = this.installExternalSecrets();
    if (this.poolside.gpuNodeGroup) this.installGpuOperator();
    this.installApplication([controller, stores]);
    if (env.provisioner.github) this.grantPlannerReads();
    this.releasesOutput();
  }

  /** An output of the Poolside stack, read from its state (it must be deployed first). */
  private output(name: PoolsideOutput): string {
    return this.source.getString(name);
  }

  /** Poolside's namespaces, labelled with the ownership tag. */
  private createPoolsideNamespaces(): void {
    const names = [POOLSIDE_NAMESPACE, EXTERNAL_SECRETS_NAMESPACE, ...(this.poolside.gpuNodeGroup ? [GPU_OPERATOR_NAMESPACE] : [])];
    this.createNamespaces(names, this.poolside.ownershipTag);
  }

  /** With IRSA the chart's service account names the role; with Pod Identity the Poolside stack's association binds it. */
  private roleAnnotation(roleOutput: PoolsideOutput): Record<string, unknown> {
    return this.poolside.workloadIdentity === "irsa" ? { annotations: { "eks.amazonaws.com/role-arn": this.output(roleOutput) } } : {};
  }

  /** The AWS Load Balancer Controller, on the role the Poolside stack made for it (nothing installed it before). */
  private installController(): ITerraformDependable {
    return this.installLoadBalancerController({
      repository: this.kubernetes.repositories.awsLoadBalancerController,
      version: this.kubernetes.charts.awsLoadBalancerController,
      clusterName: this.output("cluster_name"),
      region: this.environment.account.region,
      vpcId: this.output("vpc_id"),
      serviceAccount: this.roleAnnotation("load_balancer_controller_role_arn"),
    });
  }

  /**
   * The External Secrets Operator on its role, then (the operator's CRDs installed) its two
   * ClusterSecretStores and the database's credentials as a Secret of `poolside`: applied by the
   * local manifests chart at apply time, as Terraform could not plan objects of CRDs not yet there.
   */
  private installExternalSecrets(): ITerraformDependable {
    const [account] = EXTERNAL_SECRETS_SERVICE_ACCOUNTS;
    const operator = this.release(
      "external_secrets",
      {
        name: "external-secrets",
        chart: "external-secrets",
        repository: this.kubernetes.repositories.externalSecrets,
        version: this.kubernetes.charts.externalSecrets,
        namespace: EXTERNAL_SECRETS_NAMESPACE,
        values: { installCRDs: true, serviceAccount: { create: true, name: account.name, ...this.roleAnnotation("external_secrets_role_arn") } },
      },
      [this.namespaces.get(EXTERNAL_SECRETS_NAMESPACE)!],
    );
    const region = this.environment.account.region;
    const store = (name: string, service: "SecretsManager" | "ParameterStore") => ({
      apiVersion: "external-secrets.io/v1",
      kind: "ClusterSecretStore",
      metadata: { name },
      // No auth block: the operator's own credentials, its role's (IRSA or Pod Identity).
      spec: { provider: { aws: { service, region } } },
    });
    const manifests: Record<string, unknown>[] = [
      store(SECRET_STORES.secretsManager, "SecretsManager"),
      store(SECRET_STORES.parameterStore, "ParameterStore"),
    ];
    if (this.poolside.database.mode !== "none") {
      manifests.push({
        apiVersion: "external-secrets.io/v1",
        kind: "ExternalSecret",
        metadata: { name: DATABASE_SECRET, namespace: POOLSIDE_NAMESPACE },
        spec: {
          refreshInterval: REFRESH_INTERVAL,
          secretStoreRef: { kind: "ClusterSecretStore", name: SECRET_STORES.secretsManager },
          target: { name: DATABASE_SECRET, creationPolicy: "Owner" },
          dataFrom: [{ extract: { key: this.output("database_secret_arn") } }],
        },
      });
    }
    return this.release(
      "secret_stores",
      { name: "poolside-secret-stores", chart: this.manifestsChart(), namespace: EXTERNAL_SECRETS_NAMESPACE, values: { manifests } },
      [operator, this.namespaces.get(POOLSIDE_NAMESPACE)!],
    );
  }

  /** NVIDIA's GPU Operator for the GPU group: EKS's NVIDIA images carry the driver and toolkit, so it installs neither. */
  private installGpuOperator(): void {
    this.release(
      "gpu_operator",
      {
        name: "gpu-operator",
        chart: "gpu-operator",
        repository: this.kubernetes.repositories.nvidia,
        version: this.kubernetes.charts.gpuOperator,
        namespace: GPU_OPERATOR_NAMESPACE,
        values: { driver: { enabled: false }, toolkit: { enabled: false } },
      },
      [this.namespaces.get(GPU_OPERATOR_NAMESPACE)!],
    );
  }

  /**
   * Poolside's chart, with what the platform made under `platform` (the database's Secret and
   * endpoint, the bucket, the parameter path, the repositories) and the config's values over it.
   */
  private installApplication(after: ITerraformDependable[]): void {
    const { application } = this.kubernetes;
    const platform = {
      region: this.environment.account.region,
      bucket: this.output("bucket_name"),
      parameterPath: this.output("parameter_path"),
      repositories: this.source.get("repository_urls"),
      ...(this.poolside.database.mode !== "none" ? { database: { endpoint: this.output("database_endpoint"), secretName: DATABASE_SECRET } } : {}),
      secretStores: SECRET_STORES,
    };
    this.release(
      "poolside",
      {
        name: "poolside",
        chart: application.chart,
        repository: application.repository,
        version: application.version,
        namespace: POOLSIDE_NAMESPACE,
        values: { platform, ...application.values },
      },
      after,
    );
  }

  /** The plan role's reads inside the cluster: what this stack manages and Helm's releases; no Secret at all. */
  private grantPlannerReads(): void {
    new PlannerRbac(this, "planner_rbac", {
      group: POOLSIDE_KUBERNETES_PLANNER_GROUP,
      clusterReads: [{ apiGroups: [""], resources: ["namespaces"] }],
      secretsByNamespace: {},
      helmNamespaces: [...this.helmNamespaces].sort(),
      dependsOn: [...this.namespaces.values()],
    });
  }
}
