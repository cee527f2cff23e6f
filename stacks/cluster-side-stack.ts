import * as path from "path";
import { AssetType, Fn, ITerraformDependable, TerraformAsset, TerraformOutput, TerraformStack } from "cdktf";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { Release } from "@cdktf/provider-helm/lib/release";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { hclStringsEscaped } from "../lib/hcl-strings";
import { projectFile } from "../lib/project-files";
import { LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT } from "../modules/load-balancer-controller";

/** The local chart that applies Kubernetes objects given as values (see charts/manifests/Chart.yaml). */
const MANIFESTS_CHART_DIR = path.join("charts", "manifests");

/** What a Kubernetes side reads of its vendor stack's cluster (from that stack's state). */
export interface ClusterAccess {
  readonly name: string;
  readonly endpoint: string;
  /** Base64, as EKS gives it. */
  readonly certificateAuthorityData: string;
  readonly region: string;
}

export interface ReleaseSpec {
  readonly name: string;
  readonly chart: string;
  readonly repository?: string;
  readonly version?: string;
  readonly namespace: string;
  readonly skipCrds?: boolean;
  readonly values?: Record<string, unknown>;
  /** Seconds Helm waits for an install, or for an uninstall's objects to be gone. @default 300 */
  readonly timeout?: number;
}

/**
 * What the stacks inside a vendor's cluster share (IOMETE's and Poolside's Kubernetes sides): Helm
 * and Kubernetes reaching the API with a token from `aws eks get-token` (never a token in state),
 * releases that roll back a failed install and wait for an uninstall, the local manifests chart,
 * and the `releases` output.
 */
export abstract class ClusterSideStack extends TerraformStack {
  readonly namespaces = new Map<string, NamespaceV1>();
  /** Chart version per release name (`local` for the manifests chart), for the `releases` output. */
  protected readonly versions = new Map<string, string>();
  /** Where the stack's Helm releases (and so Helm's records of them) live. */
  protected readonly helmNamespaces = new Set<string>();

  protected useClusterProviders(cluster: ClusterAccess): void {
    const host = cluster.endpoint;
    const clusterCaCertificate = Fn.base64decode(cluster.certificateAuthorityData);
    const exec = {
      apiVersion: "client.authentication.k8s.io/v1beta1",
      command: "aws",
      args: ["eks", "get-token", "--cluster-name", cluster.name, "--region", cluster.region],
    };
    new KubernetesProvider(this, "kubernetes", { host, clusterCaCertificate, exec: [exec] });
    // Helm keeps its releases in ConfigMaps, not Secrets: a plan then refreshes them without reading any Secret.
    new HelmProvider(this, "helm", { kubernetes: { host, clusterCaCertificate, exec }, helmDriver: "configmap" });
  }

  /** The vendor's namespaces, labelled with its ownership tag. */
  protected createNamespaces(names: readonly string[], tag: { readonly key: string; readonly value: string }): void {
    for (const name of names) {
      this.namespaces.set(
        name,
        new NamespaceV1(this, `namespace_${name.replace(/-/g, "_")}`, { metadata: { name, labels: { [tag.key]: tag.value } } }),
      );
    }
  }

  /** The AWS Load Balancer Controller in kube-system, on the role its vendor stack made for it. */
  protected installLoadBalancerController(spec: {
    readonly repository: string;
    readonly version: string;
    readonly clusterName: string;
    readonly region: string;
    readonly vpcId: string;
    /** Service account values beyond its name (the role's annotation, with IRSA). */
    readonly serviceAccount?: Record<string, unknown>;
  }): Release {
    return this.release("aws_load_balancer_controller", {
      name: "aws-load-balancer-controller",
      chart: "aws-load-balancer-controller",
      repository: spec.repository,
      version: spec.version,
      namespace: LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT.namespace,
      values: {
        clusterName: spec.clusterName,
        region: spec.region,
        vpcId: spec.vpcId,
        serviceAccount: { create: true, name: LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT.name, ...spec.serviceAccount },
      },
    });
  }

  protected release(id: string, spec: ReleaseSpec, dependsOn: ITerraformDependable[] = []): Release {
    const { values, ...rest } = spec;
    const release = new Release(this, id, {
      ...rest,
      ...(values ? { values: [Fn.yamlencode(hclStringsEscaped(values))] } : {}),
      // A failed install or upgrade is rolled back instead of left half-applied.
      atomic: true,
      // An uninstall returns once its objects are gone (finalizers done), so what depends on the release goes after.
      wait: true,
      dependsOn: dependsOn.length ? dependsOn : undefined,
    });
    this.versions.set(spec.name, spec.version ?? "local");
    this.helmNamespaces.add(spec.namespace);
    return release;
  }

  private manifestsChartPath?: string;

  /** The local `manifests` chart, copied (once) into the stack's output so Terraform finds it wherever it runs. */
  protected manifestsChart(): string {
    this.manifestsChartPath ??= new TerraformAsset(this, "manifests_chart", {
      path: path.dirname(projectFile(__dirname, path.join(MANIFESTS_CHART_DIR, "Chart.yaml"), "the project's charts/ folder is missing")),
      type: AssetType.DIRECTORY,
    }).path;
    return this.manifestsChartPath;
  }

  protected releasesOutput(): void {
    new TerraformOutput(this, "releases", {
      value: Object.fromEntries(this.versions),
      description: "Helm releases and their pinned chart versions",
    });
  }
}
