import { Construct } from "constructs";
import { DataTerraformRemoteStateS3, Fn, ITerraformDependable, TerraformOutput } from "cdktf";
import { Release } from "@cdktf/provider-helm/lib/release";
import { MutatingWebhookConfigurationV1 } from "@cdktf/provider-kubernetes/lib/mutating-webhook-configuration-v1";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { EnvironmentConfig, IometeConfig, IometeKubernetesConfig } from "../config";
import { awsTargetOf } from "../config/aws";
import { deployerRoleArn, iometeStackId, KUBERNETES_SIDE_PLANNER_GROUP, stateKey } from "../config/naming";
import { AwsTarget } from "../lib/arn";
import { hclStringsEscaped } from "../lib/hcl-strings";
import { secretCreationPolicy, WebhookCertificates } from "../modules/webhook-certificates";
import { writeOnlySecret } from "../modules/write-only-secret";
import { PlannerRbac } from "../modules/planner-rbac";
import { iometeResourceTags } from "./iomete-data-plane-stack";
import { useRemoteState } from "./support/remote-state";
import { requireTerraformVersion } from "./support/terraform-versions";
import { ClusterSideStack } from "./cluster-side-stack";

export { iometeKubernetesStackId } from "../config/naming";

/** The data-plane stack's outputs this stack reads from its state; renaming one there breaks a test here. */
export const DATA_PLANE_OUTPUTS_READ = [
  "cluster_name",
  "cluster_endpoint",
  "cluster_certificate_authority_data",
  "lakehouse_role_arn",
  "lakehouse_bucket_name",
  "karpenter_queue_name",
  "karpenter_node_instance_profile_name",
  "karpenter_node_class_tags",
  "vpc_id",
  "private_subnet_ids",
  "public_subnet_ids",
] as const;
type DataPlaneOutput = (typeof DATA_PLANE_OUTPUTS_READ)[number];

export const IOMETE_NAMESPACE = "iomete-system";
export const ISTIO_NAMESPACE = "istio-system";
/** Karpenter v1 runs in kube-system, where the data plane's Pod Identity association expects it. */
export const KARPENTER_NAMESPACE = "kube-system";
/** How long destroying the NodePool and EC2NodeClass may take: draining and terminating the nodes Karpenter launched. */
export const KARPENTER_NODE_POOL_UNINSTALL_SECONDS = 1200;

/** The webhook Service of IOMETE's Spark operator (data-plane-base), which its certificate names. */
export const SPARK_WEBHOOK_SERVICE = "spark-operator-webhook";
/** The Secret IOMETE's control plane reads: the only Secret the stack manages. */
const CLOUD_SETTINGS_SECRET = "iomete-cloud-settings";
/** The Spark webhook's certificates, which its Job makes in the cluster (the operator mounts them). */
const SPARK_WEBHOOK_SECRET = "spark-operator-webhook-certs";
/** Where the certificate Jobs run, apart from IOMETE's pods (Spark's drivers create pods in iomete-system). */
export const WEBHOOK_CERTIFICATES_NAMESPACE = "spark-webhook-certificates";
/** IOMETE's name for the Spark operator's MutatingWebhookConfiguration (`spark-operator-<namespace>`). */
const SPARK_WEBHOOK_CONFIGURATION = `spark-operator-${IOMETE_NAMESPACE}`;
/**
 * Where earlier versions kept the webhook's certificates, written by Terraform from keys in its
 * state. Forgotten, not destroyed: the Secret stays in the cluster and the Job keeps it (rotating
 * it: CHANGELOG). The TLS resources it was made from are destroyed, so their keys leave the state.
 */
const LEGACY_WEBHOOK_SECRET_ADDRESS = "kubernetes_secret_v1.spark_webhook_certificates_secret_6056E70C";

export interface IometeKubernetesStackProps {
  readonly environment: EnvironmentConfig;
}

/**
 * What IOMETE's module installs inside the cluster, deployed after the data plane
 * and reading its outputs from the data plane's state: the `iomete-system`
 * namespace, the `iomete-cloud-settings` secret IOMETE's control plane reads, the
 * Spark operator webhook's certificates (generated here, not IOMETE's published
 * ones), IOMETE's `data-plane-base` chart on the lakehouse role, Karpenter v1 in
 * kube-system with an EC2NodeClass and NodePool, Istio, and a default gp3
 * StorageClass. Helm and Kubernetes authenticate with `aws eks get-token`.
 */
export class IometeKubernetesStack extends ClusterSideStack {
  private readonly environment: EnvironmentConfig;
  private readonly iomete: IometeConfig;
  private readonly kubernetes: IometeKubernetesConfig;
  private readonly target: AwsTarget;
  private readonly dataPlane: DataTerraformRemoteStateS3;

  constructor(scope: Construct, id: string, props: IometeKubernetesStackProps) {
    super(scope, id);
    requireTerraformVersion(this);
    const env = props.environment;
    if (!env.iomete?.kubernetes?.enabled)
      throw new Error(`IometeKubernetesStack ${id}: environment ${env.name} has no enabled iomete.kubernetes section`);
    this.environment = env;
    this.iomete = env.iomete;
    this.kubernetes = env.iomete.kubernetes;
    this.target = awsTargetOf(env.account);

    useRemoteState(this, env.stateBackend, id, this.target.account);
    this.dataPlane = new DataTerraformRemoteStateS3(this, "data_plane", {
      bucket: env.stateBackend.bucket,
      key: stateKey(env.stateBackend, iometeStackId(env.name)),
      region: env.stateBackend.region,
    });
    this.configureProviders();
    this.createIometeNamespaces();
    const settings = this.createCloudSettings();
    const certificates = this.createWebhookCertificates();
    this.addOverride("removed", [{ from: LEGACY_WEBHOOK_SECRET_ADDRESS, lifecycle: { destroy: false } }]);
    if (this.kubernetes.defaultStorageClass) this.createDefaultStorageClass();
    if (this.kubernetes.istio.enabled) this.installIstio();
    this.installKarpenter();
    const base = this.installDataPlaneBase([settings, certificates.dependable]);
    certificates.applyCaBundle(this.sparkWebhookConfiguration(base));
    if (env.provisioner.github) this.grantPlannerReads(certificates);
    this.addOutputs();
  }

  /**
   * The plan role's reads inside the cluster (its access entry, made by the data plane, puts it in
   * the group): what this stack manages, Helm's releases where the Helm provider keeps them
   * (ConfigMaps), and the cloud settings Secret by name; no other Secret (not the webhook's keys).
   */
  private grantPlannerReads(certificates: WebhookCertificates): void {
    new PlannerRbac(this, "planner_rbac", {
      group: KUBERNETES_SIDE_PLANNER_GROUP,
      clusterReads: [
        { apiGroups: [""], resources: ["namespaces"] },
        ...(this.kubernetes.defaultStorageClass ? [{ apiGroups: ["storage.k8s.io"], resources: ["storageclasses"] }] : []),
        { apiGroups: ["admissionregistration.k8s.io"], resources: ["mutatingwebhookconfigurations"], resourceNames: [SPARK_WEBHOOK_CONFIGURATION] },
        ...certificates.plannerReads.cluster,
      ],
      namespacedReads: certificates.plannerReads.byNamespace,
      secretsByNamespace: { [IOMETE_NAMESPACE]: [CLOUD_SETTINGS_SECRET] },
      helmNamespaces: [...this.helmNamespaces].sort(),
      dependsOn: [...this.namespaces.values()],
    });
  }

  /** An output of the data plane, read from its state (it must be deployed first). */
  private dataPlaneOutput(name: DataPlaneOutput): string {
    return this.dataPlane.getString(name);
  }

  /** Helm and Kubernetes reach the API with a token from `aws eks get-token`, fetched at each run: never a token in state. */
  private configureProviders(): void {
    this.useClusterProviders({
      name: this.dataPlaneOutput("cluster_name"),
      endpoint: this.dataPlaneOutput("cluster_endpoint"),
      certificateAuthorityData: this.dataPlaneOutput("cluster_certificate_authority_data"),
      region: this.target.region,
    });
    // No TLS resource any more: the provider stays until every environment has applied this version,
    // so a state from before can destroy its TLS keys (LEGACY_WEBHOOK_SECRET_ADDRESS) with the pinned provider.
    new TlsProvider(this, "tls", {});
  }

  /** The Spark webhook's certificates, made in the cluster by Jobs whose Secret creates an admission policy limits first. */
  private createWebhookCertificates(): WebhookCertificates {
    const namespace = this.namespaces.get(IOMETE_NAMESPACE)!;
    const policy = this.release(
      "spark_webhook_certificates_policy",
      {
        name: "spark-webhook-certificates-policy",
        chart: this.manifestsChart(),
        namespace: IOMETE_NAMESPACE,
        values: {
          manifests: secretCreationPolicy({
            namespace: IOMETE_NAMESPACE,
            jobNamespace: WEBHOOK_CERTIFICATES_NAMESPACE,
            secretName: SPARK_WEBHOOK_SECRET,
          }),
        },
      },
      [namespace],
    );
    return new WebhookCertificates(this, "spark_webhook_certificates", {
      serviceName: SPARK_WEBHOOK_SERVICE,
      namespace: IOMETE_NAMESPACE,
      secretName: SPARK_WEBHOOK_SECRET,
      jobNamespace: WEBHOOK_CERTIFICATES_NAMESPACE,
      webhookConfigurationName: SPARK_WEBHOOK_CONFIGURATION,
      image: this.kubernetes.webhookCertificates.image,
      dependsOn: [namespace, this.namespaces.get(WEBHOOK_CERTIFICATES_NAMESPACE)!, policy],
    });
  }

  /** IOMETE's namespace, the certificate Jobs' own, and Istio's when it is on, labelled with the ownership tag. */
  private createIometeNamespaces(): void {
    this.createNamespaces(
      [IOMETE_NAMESPACE, WEBHOOK_CERTIFICATES_NAMESPACE, ...(this.kubernetes.istio.enabled ? [ISTIO_NAMESPACE] : [])],
      this.iomete.ownershipTag,
    );
  }

  /** The secret IOMETE's control plane reads to find the cluster, its storage and the module version (IOMETE's fields). */
  private createCloudSettings(): SecretV1 {
    return writeOnlySecret(this, "cloud_settings", {
      name: CLOUD_SETTINGS_SECRET,
      namespace: IOMETE_NAMESPACE,
      data: {
        settings: Fn.jsonencode(
          hclStringsEscaped({
            cloud: "aws",
            region: this.target.region,
            cluster_name: this.dataPlaneOutput("cluster_name"),
            storage_configuration: {
              lakehouse_bucket_name: this.dataPlaneOutput("lakehouse_bucket_name"),
              lakehouse_role_arn: this.dataPlaneOutput("lakehouse_role_arn"),
            },
            // IOMETE writes the caller's ARN; the principal that installs this is the stack's deployer.
            eks: {
              name: this.dataPlaneOutput("cluster_name"),
              endpoint: this.dataPlaneOutput("cluster_endpoint"),
              admin_arn: deployerRoleArn(this.target, this.node.id),
            },
            // The IOMETE release this data plane matches (module and chart share versions).
            terraform: { module_version: this.kubernetes.charts.dataPlaneBase },
          }),
        ),
      },
      dependsOn: [this.namespaces.get(IOMETE_NAMESPACE)!],
    });
  }

  /** New EKS clusters have no default StorageClass; IOMETE's dynamic volumes need one. */
  private createDefaultStorageClass(): void {
    new StorageClassV1(this, "gp3_storage_class", {
      metadata: { name: "gp3", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      storageProvisioner: "ebs.csi.aws.com",
      volumeBindingMode: "WaitForFirstConsumer",
      allowVolumeExpansion: true,
      reclaimPolicy: "Delete",
      parameters: { type: "gp3", encrypted: "true" },
    });
  }

  /** Istio's base, istiod and the `istio-ingress` gateway in istio-system, where IOMETE's docs look for them. */
  private installIstio(): void {
    const repository = this.kubernetes.repositories.istio;
    const version = this.kubernetes.charts.istio;
    const namespace = this.namespaces.get(ISTIO_NAMESPACE)!;
    const base = this.release(
      "istio_base",
      { name: "istio-base", chart: "base", repository, version, namespace: ISTIO_NAMESPACE, values: { defaultRevision: "default" } },
      [namespace],
    );
    const istiod = this.release("istiod", { name: "istiod", chart: "istiod", repository, version, namespace: ISTIO_NAMESPACE }, [base]);
    const loadBalancerController = this.installGatewayController();
    this.release(
      "istio_ingress",
      { name: "istio-ingress", chart: "gateway", repository, version, namespace: ISTIO_NAMESPACE, values: { service: this.gatewayService() } },
      // Destroyed before the controller, which deletes the load balancer when the Service goes (its finalizer).
      [istiod, loadBalancerController],
    );
  }

  /** The AWS Load Balancer Controller in kube-system, on the data plane's Pod Identity role: it makes the gateway's load balancer. */
  /** The AWS Load Balancer Controller on the data plane's Pod Identity role: it makes the gateway's load balancer. */
  private installGatewayController(): Release {
    return this.installLoadBalancerController({
      repository: this.kubernetes.repositories.awsLoadBalancerController,
      version: this.kubernetes.charts.awsLoadBalancerController,
      clusterName: this.dataPlaneOutput("cluster_name"),
      region: this.environment.account.region,
      vpcId: this.dataPlaneOutput("vpc_id"),
    });
  }

  /**
   * The gateway's Service: a Network Load Balancer the AWS Load Balancer Controller makes (the in-tree
   * controller ignores type `external`), internal unless the config says otherwise, in the subnets the
   * data plane names, reachable only from the configured ranges.
   */
  private gatewayService(): Record<string, unknown> {
    const { scheme, allowedCidrs } = this.kubernetes.istio.gateway;
    const subnets = this.dataPlane.getList(scheme === "internal" ? "private_subnet_ids" : "public_subnet_ids");
    return {
      annotations: {
        "service.beta.kubernetes.io/aws-load-balancer-type": "external",
        "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
        "service.beta.kubernetes.io/aws-load-balancer-scheme": scheme,
        "service.beta.kubernetes.io/aws-load-balancer-subnets": Fn.join(",", subnets),
      },
      ...(allowedCidrs.length ? { loadBalancerSourceRanges: [...allowedCidrs] } : {}),
    };
  }

  /**
   * Karpenter v1 in kube-system (its CRDs as their own release, so upgrades update them),
   * on the data plane's Pod Identity role, then the EC2NodeClass and NodePool.
   */
  private installKarpenter(): void {
    const repository = this.kubernetes.repositories.karpenter;
    const version = this.kubernetes.charts.karpenter;
    const crds = this.release("karpenter_crd", {
      name: "karpenter-crd",
      chart: "karpenter-crd",
      repository,
      version,
      namespace: KARPENTER_NAMESPACE,
    });
    const controller = this.release(
      "karpenter",
      {
        name: "karpenter",
        chart: "karpenter",
        repository,
        version,
        namespace: KARPENTER_NAMESPACE,
        skipCrds: true,
        values: {
          settings: { clusterName: this.dataPlaneOutput("cluster_name"), interruptionQueue: this.dataPlaneOutput("karpenter_queue_name") },
          // The name the data plane's Pod Identity association binds.
          serviceAccount: { name: "karpenter" },
          replicas: this.karpenterReplicas(),
          controller: { resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } } },
        },
      },
      [crds],
    );
    this.release(
      "karpenter_node_pool",
      {
        name: "karpenter-node-pool",
        chart: this.manifestsChart(),
        namespace: KARPENTER_NAMESPACE,
        // On destroy, Helm waits for the EC2NodeClass to be gone: its finalizer waits for the NodePool's nodes to
        // drain and terminate, then deletes the launch templates. Only then does the controller's release go.
        timeout: KARPENTER_NODE_POOL_UNINSTALL_SECONDS,
        values: { manifests: [this.ec2NodeClass(), this.nodePool()] },
      },
      [controller],
    );
  }

  /** Two replicas on separate managed nodes, or one when the node group may shrink to one node. */
  private karpenterReplicas(): number {
    return this.kubernetes.karpenter.replicas ?? Math.min(2, Math.max(1, this.iomete.eks.nodeGroup.minSize));
  }

  /**
   * Where Karpenter's nodes run: the instance profile the data plane made for them,
   * subnets and security group found by the discovery tag, and the tags its
   * controller policy requires on every launch (plus the ownership tags).
   */
  private ec2NodeClass(): Record<string, unknown> {
    const pool = this.kubernetes.karpenter.nodePool;
    const discovery = [{ tags: { "karpenter.sh/discovery": this.dataPlaneOutput("cluster_name") } }];
    const ownership = iometeResourceTags(this.environment);
    return {
      apiVersion: "karpenter.k8s.aws/v1",
      kind: "EC2NodeClass",
      metadata: { name: "default" },
      spec: {
        instanceProfile: this.dataPlaneOutput("karpenter_node_instance_profile_name"),
        amiSelectorTerms: [{ alias: pool.amiAlias }],
        subnetSelectorTerms: discovery,
        securityGroupSelectorTerms: discovery,
        tags: Fn.merge([ownership, this.dataPlane.get("karpenter_node_class_tags")]),
        // As the managed node group: IMDSv2 only, and pods reach it through the extra hop.
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 },
        blockDeviceMappings: [
          { deviceName: "/dev/xvda", ebs: { volumeSize: `${pool.volumeSizeGiB}Gi`, volumeType: "gp3", encrypted: true, deleteOnTermination: true } },
        ],
      },
    };
  }

  private nodePool(): Record<string, unknown> {
    const pool = this.kubernetes.karpenter.nodePool;
    const requirement = (key: string, operator: string, values: readonly string[]) => ({ key, operator, values: [...values] });
    return {
      apiVersion: "karpenter.sh/v1",
      kind: "NodePool",
      metadata: { name: "default" },
      spec: {
        template: {
          spec: {
            nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "default" },
            requirements: [
              requirement("kubernetes.io/arch", "In", pool.architectures),
              requirement("kubernetes.io/os", "In", ["linux"]),
              requirement("karpenter.sh/capacity-type", "In", pool.capacityTypes),
              requirement("karpenter.k8s.aws/instance-category", "In", pool.instanceCategories),
              requirement("karpenter.k8s.aws/instance-generation", "Gt", ["2"]),
            ],
            expireAfter: `${pool.expireAfterHours}h`,
          },
        },
        limits: { cpu: String(pool.cpuLimit), memory: `${pool.memoryLimitGiB}Gi` },
        disruption: { consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: "1m" },
      },
    };
  }

  /**
   * IOMETE's base chart, with the lakehouse role on its service account (IRSA) and without its webhook
   * configuration (`mutatingWebhookConfiguration.deploy`, from chart 1.9.3): the stack makes that one, so
   * the CA the Job made can be set on it without Helm putting back the chart's `caBundle` at each upgrade.
   */
  private installDataPlaneBase(after: ITerraformDependable[]): Release {
    return this.release(
      "data_plane_base",
      {
        name: "data-plane-base",
        chart: "iomete-data-plane-base",
        repository: this.kubernetes.repositories.iomete,
        version: this.kubernetes.charts.dataPlaneBase,
        namespace: IOMETE_NAMESPACE,
        values: {
          mutatingWebhookConfiguration: { deploy: false },
          serviceAccount: { annotations: { "eks.amazonaws.com/role-arn": this.dataPlaneOutput("lakehouse_role_arn") } },
        },
      },
      after,
    );
  }

  /**
   * The Spark operator's webhook configuration as IOMETE publishes it for the 1.9 line
   * (iomete/iomete-deployment, spark-operator-webhook-template.yaml): pods created in IOMETE's
   * namespace go to the operator's `/webhook`, and a failed call admits the pod unchanged. Made after
   * the chart, whose upgrade removes its own copy of the same name; its `caBundle` is the Job's to set.
   */
  private sparkWebhookConfiguration(base: Release): MutatingWebhookConfigurationV1 {
    return new MutatingWebhookConfigurationV1(this, "spark_webhook_configuration", {
      metadata: { name: SPARK_WEBHOOK_CONFIGURATION },
      webhook: [
        {
          name: "webhook.sparkoperator.k8s.io",
          clientConfig: { service: { namespace: IOMETE_NAMESPACE, name: SPARK_WEBHOOK_SERVICE, path: "/webhook", port: 443 } },
          rule: [{ operations: ["CREATE"], apiGroups: [""], apiVersions: ["v1"], resources: ["pods"], scope: "Namespaced" }],
          failurePolicy: "Ignore",
          matchPolicy: "Equivalent",
          namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": IOMETE_NAMESPACE } },
          sideEffects: "NoneOnDryRun",
          timeoutSeconds: 30,
          admissionReviewVersions: ["v1"],
          reinvocationPolicy: "Never",
        },
      ],
      dependsOn: [base],
      lifecycle: { ignoreChanges: ["webhook[0].client_config[0].ca_bundle"] },
    });
  }

  /** A Helm release with its values as one `yamlencode` (references to the data plane's outputs resolve at apply). */
  private addOutputs(): void {
    if (this.kubernetes.istio.enabled) {
      new TerraformOutput(this, "ingress_service", {
        value: `${ISTIO_NAMESPACE}/istio-ingress`,
        description: "Istio's gateway Service, IOMETE's entry point",
      });
    }
    this.releasesOutput();
  }
}
