/**
 * Facts about what the IOMETE Kubernetes-side stack installs: chart sources,
 * pinned default versions and the Kubernetes versions each release supports.
 * The schema uses the defaults; validation checks the versions against the
 * cluster's before anything is synthesized.
 */

/**
 * The service account of `iomete-system` IOMETE's base chart puts the lakehouse role on (its
 * `serviceAccount` value) and its Spark drivers and executors run under (IOMETE's docs, "S3 bucket
 * permissions"; the same name IOMETE's GCP and Azure modules trust).
 */
export const IOMETE_LAKEHOUSE_SERVICE_ACCOUNT = "lakehouse-service-account";

/** Where the charts come from (override for a mirror). */
export const CHART_REPOSITORY_DEFAULTS = {
  /** IOMETE's chart museum: `iomete-data-plane-base`. */
  iomete: "https://chartmuseum.iomete.com",
  /** Karpenter's OCI registry on public ECR: `karpenter`, `karpenter-crd`. */
  karpenter: "oci://public.ecr.aws/karpenter",
  /** Istio's release bucket: `base`, `istiod`, `gateway`. */
  istio: "https://istio-release.storage.googleapis.com/charts",
  /** AWS's EKS charts: `aws-load-balancer-controller`. */
  awsLoadBalancerController: "https://aws.github.io/eks-charts",
  /** The External Secrets Operator's charts: `external-secrets`. */
  externalSecrets: "https://charts.external-secrets.io",
  /** NVIDIA's NGC charts: `gpu-operator`. */
  nvidia: "https://helm.ngc.nvidia.com/nvidia",
} as const;

/**
 * Pinned chart versions. `dataPlaneBase` is the chart of IOMETE's module v1.9.x;
 * Karpenter 1.11 supports Kubernetes 1.29-1.35 (all our EKS versions); Istio 1.30
 * is the oldest release still supported on 2026-11 (1.28 and 1.29 are end of life).
 */
export const CHART_VERSION_DEFAULTS = { dataPlaneBase: "1.9.3", karpenter: "1.11.1", istio: "1.30.4", awsLoadBalancerController: "3.5.0" } as const;

/**
 * The image of the Jobs that make the Spark webhook's certificates inside the cluster: the official Node
 * image (Node 24 LTS on Alpine), by digest. The digest is the multi-platform index of the tag
 * `24.11.1-alpine3.22` as Renovate-managed public repositories pin it; confirm it before you rely on it
 * (`docker buildx imagetools inspect node:24.11.1-alpine3.22`) and point it at your mirror where clusters
 * cannot reach Docker Hub.
 */
export const WEBHOOK_CERTIFICATES_IMAGE_DEFAULT =
  "docker.io/library/node:24.11.1-alpine3.22@sha256:2867d550cf9d8bb50059a0fff528741f11a84d985c732e60e19e8e75c7239c43";

/**
 * Pinned chart versions of the Poolside Kubernetes side: the External Secrets Operator 2.9.0
 * (its `external-secrets.io/v1` ClusterSecretStore; tag helm-chart-2.9.0, 2026-08) and NVIDIA's GPU
 * Operator v26.7.0 (2026-08; NVIDIA versions its chart with a `v`).
 */
export const POOLSIDE_CHART_VERSION_DEFAULTS = { externalSecrets: "2.9.0", gpuOperator: "v26.7.0" } as const;

/**
 * The AWS Load Balancer Controller's chart releases whose controller publishes exactly the policy its role
 * carries (modules/data/aws-load-balancer-controller-iam-policy.json: the same docs/install/iam_policy.json
 * from v2.13.0 to v3.5.0; charts 1.x ship the controller v2.x, charts 3.x the controller v3.x).
 */
export const LOAD_BALANCER_CONTROLLER_CHART_MINORS: readonly string[] = [
  ...["13", "14", "15", "16", "17"].map((m) => `1.${m}`),
  ...["0", "1", "2", "3", "4", "5"].map((m) => `3.${m}`),
];

/** Istio minor release -> the Kubernetes versions it supports (istio.io's support status table). */
export const ISTIO_KUBERNETES_SUPPORT: Readonly<Record<string, { readonly min: string; readonly max: string }>> = {
  "1.28": { min: "1.30", max: "1.34" },
  "1.29": { min: "1.31", max: "1.35" },
  "1.30": { min: "1.32", max: "1.36" },
};

/** Karpenter minor release -> the Kubernetes versions it supports (karpenter.sh's compatibility matrix). */
export const KARPENTER_KUBERNETES_SUPPORT: Readonly<Record<string, { readonly min: string; readonly max: string }>> = {
  "1.6": { min: "1.29", max: "1.34" },
  "1.8": { min: "1.29", max: "1.34" },
  "1.11": { min: "1.29", max: "1.35" },
};

/** The NodePool's defaults: IOMETE's general-purpose families, on-demand, limits that stop a runaway job. */
export const NODE_POOL_DEFAULTS = {
  cpuLimit: 100,
  memoryLimitGiB: 400,
  capacityTypes: ["on-demand"] as readonly ("on-demand" | "spot")[],
  instanceCategories: ["c", "m", "r"] as readonly string[],
  architectures: ["amd64"] as readonly ("amd64" | "arm64")[],
  /** Karpenter's default: nodes are replaced after 30 days, so they pick up new AMIs. */
  expireAfterHours: 720,
  volumeSizeGiB: 100,
  /** Karpenter's docs warn `@latest` replaces nodes on every new AMI; pin it (al2023@v20251120) in production. */
  amiAlias: "al2023@latest",
} as const;

/** The Karpenter release an environment's IOMETE cluster runs: its chart version, or the pinned one. */
export function karpenterReleaseOf(iomete: { readonly kubernetes?: { readonly charts: { readonly karpenter: string } } } | undefined): string {
  return iomete?.kubernetes?.charts.karpenter ?? CHART_VERSION_DEFAULTS.karpenter;
}

/** The last Kubernetes version EKS publishes Amazon Linux 2 AMIs for (AL2 ends with 1.32). */
export const AL2_LAST_KUBERNETES = "1.32";

/** `major.minor` of a version string. */
export function minorOf(version: string): string {
  return version.split(".").slice(0, 2).join(".");
}

/** Compares two `major.minor` versions numerically. */
export function compareMinor(a: string, b: string): number {
  const [am, an] = a.split(".").map(Number);
  const [bm, bn] = b.split(".").map(Number);
  return am - bm || an - bn;
}

/** What is wrong with running `release` of a component on Kubernetes `kubernetesVersion`, or undefined. */
export function supportProblem(
  component: string,
  release: string,
  kubernetesVersion: string,
  table: Readonly<Record<string, { readonly min: string; readonly max: string }>>,
): string | undefined {
  const support = table[minorOf(release)];
  if (!support)
    return `${component} ${release} is not one this project has checked; use ${Object.keys(table)
      .map((m) => `${m}.x`)
      .join(", ")}`;
  if (compareMinor(kubernetesVersion, support.min) < 0 || compareMinor(kubernetesVersion, support.max) > 0) {
    return `${component} ${minorOf(release)} supports Kubernetes ${support.min} to ${support.max}, and the cluster runs ${kubernetesVersion}`;
  }
  return undefined;
}
