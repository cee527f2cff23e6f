import { ENVIRONMENT_KINDS, EnvironmentKind, isProduction, KIND_NAMES_TEXT, kindFromName } from "./environment-kind";
import {
  AL2_LAST_KUBERNETES,
  compareMinor,
  IOMETE_LAKEHOUSE_SERVICE_ACCOUNT,
  ISTIO_KUBERNETES_SUPPORT,
  KARPENTER_KUBERNETES_SUPPORT,
  LOAD_BALANCER_CONTROLLER_CHART_MINORS,
  minorOf,
  supportProblem,
} from "./kubernetes-side";
import { z, ZodIssue, ZodTypeAny } from "zod";
import {
  AVAILABILITY_ZONES,
  IAM_ROLE_NAME_MAX,
  OPTIONAL_EKS_ADDON_NAMES,
  optionalAddonRole,
  OptionalEksAddon,
  partitionOf,
  SSM_MAX_HIERARCHY_LEVELS,
} from "./aws";
import { cidrContains, cidrsOverlap, iometeSubnetLayout, parseCidr, Ipv4Cidr } from "./cidr";
import { ConfigError, showValue } from "./errors";
import { addonRoleName, MAX_TAGS_PER_RESOURCE, nameLimitProblem, poolsideNameLimits, poolsideNames, stackTagKeys } from "./naming";
import { bucketNameProblem } from "./value-checks";
import {
  EksConfig,
  EnvironmentConfig,
  environmentSchema,
  IometeConfig,
  IometeKubernetesConfig,
  NetworkConfig,
  OwnershipTag,
  ParsedEnvironment,
  PoolsideConfig,
} from "./schema";

/** One environment as read from its source, before validation. */
export interface EnvironmentSource {
  /** `built-in` or the file it was read from. */
  readonly source: string;
  readonly input: unknown;
}

/**
 * Validates every environment and the set as a whole, collecting every problem
 * before failing once with all of them.
 */
export function validateEnvironments(sources: readonly EnvironmentSource[]): EnvironmentConfig[] {
  const problems: string[] = [];
  const environments: EnvironmentConfig[] = [];
  for (const { source, input } of sources) {
    const label = environmentLabel(input, source);
    const result = environmentSchema.safeParse(input);
    if (!result.success) {
      problems.push(...result.error.issues.map((issue) => formatIssue(issue, input, label, source)));
      continue;
    }
    const report = (field: string, value: unknown, message: string) =>
      problems.push(`${label}.${field}: ${showValue(value)} ${message} (from ${source})`);
    const kind = kindOf(result.data, report);
    if (!kind) continue;
    const env = resolveDefaults(result.data, kind, source);
    checkEnvironment(env, report);
    environments.push(env);
  }
  checkDuplicateNames(sources, problems);
  checkAcrossEnvironments(environments, problems);
  // A problem found by two checks (or in two passes) is listed once.
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
  return environments;
}

function environmentLabel(input: unknown, source: string): string {
  const name = (input as { name?: unknown } | null)?.name;
  if (typeof name === "string" && name.length > 0) return `environments.${name}`;
  return `environments[${source}]`;
}

function formatIssue(issue: ZodIssue, input: unknown, label: string, source: string): string {
  const field = issue.path.map(String).join(".");
  const where = field ? `${label}.${field}` : label;
  if (issue.code === "unrecognized_keys") {
    const allowed = fieldsAt(environmentSchema, issue.path, input);
    return (
      `${where}: unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}` +
      `${allowed ? `; allowed: ${allowed.join(", ")}` : ""} (from ${source})`
    );
  }
  const value = valueAt(input, issue.path);
  let message = issue.message;
  // YAML's .inf and .nan, or JSON's 1e400: one message, not zod's float/nan wording.
  if (typeof value === "number" && !Number.isFinite(value)) message = "must be a finite number";
  else if (issue.code === "invalid_type") {
    message = value === undefined ? `is required (${issue.expected})` : `must be ${issue.expected}, not ${issue.received}`;
  }
  return `${where}: ${showValue(value)} ${message} (from ${source})`;
}

/** The field names the schema allows at a path of the input, for "unknown field" messages. */
function fieldsAt(schema: ZodTypeAny, path: ReadonlyArray<string | number>, input: unknown): string[] | undefined {
  let current: ZodTypeAny | undefined = schema;
  for (let depth = 0; depth <= path.length && current;) {
    if (current instanceof z.ZodDefault) current = current._def.innerType;
    else if (current instanceof z.ZodOptional) current = current.unwrap();
    else if (current instanceof z.ZodEffects) current = current.innerType();
    else if (current instanceof z.ZodDiscriminatedUnion) {
      const value = valueAt(input, path.slice(0, depth)) as Record<string, unknown> | undefined;
      current = current.optionsMap.get(value?.[current.discriminator] as string);
    } else if (current instanceof z.ZodObject) {
      if (depth === path.length) return Object.keys(current.shape);
      current = current.shape[path[depth]];
      depth++;
    } else return undefined;
  }
  return undefined;
}

function valueAt(input: unknown, path: ReadonlyArray<string | number>): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/**
 * The posture: as configured, or as the name says. A name that says none leaves the
 * field required; a name that says another posture than the field is refused, since
 * whoever reads `prod-eu` expects production's strictness.
 */
function kindOf(env: ParsedEnvironment, report: Report): EnvironmentKind | undefined {
  const named = kindFromName(env.name);
  const allowed = `allowed: ${ENVIRONMENT_KINDS.join(", ")}`;
  if (env.kind === undefined && named === undefined) {
    report(
      "kind",
      undefined,
      `is required: the name ${JSON.stringify(env.name)} does not say the environment's posture (only ${KIND_NAMES_TEXT}, alone or before "-", do); ${allowed}`,
    );
    return undefined;
  }
  if (env.kind !== undefined && named !== undefined && env.kind !== named) {
    report("kind", env.kind, `contradicts the name ${JSON.stringify(env.name)}, which says ${named}; rename the environment or set kind: ${named}`);
    return undefined;
  }
  return env.kind ?? named;
}

function resolveDefaults(env: ParsedEnvironment, kind: EnvironmentKind, source: string): EnvironmentConfig {
  const { iomete, poolside, stateBackend, permissionsBoundaryArn, kind: _configured, ...rest } = env;
  const accountId = env.account.id;
  return {
    ...rest,
    kind,
    source,
    ...(permissionsBoundaryArn ? { permissionsBoundaryArn } : {}),
    stateBackend: {
      ...stateBackend,
      bucket: stateBackend.bucket ?? `tfstate-${accountId}-${stateBackend.region ?? env.account.region}`,
      region: stateBackend.region ?? env.account.region,
    },
    iomete: iomete && {
      ...iomete,
      assetsBucketName: iomete.assetsBucketName ?? `${iomete.clusterName.toLowerCase().replace(/_/g, "-")}-assets-${accountId}`,
      lakehouseServiceAccounts: iomete.lakehouseServiceAccounts ?? (kind === "production" ? [IOMETE_LAKEHOUSE_SERVICE_ACCOUNT] : ["*"]),
    },
    poolside: poolside && {
      ...poolside,
      rolePrefix: poolside.rolePrefix ?? `poolside-${poolside.deploymentName}`,
      clusterName: poolside.existingCluster?.name ?? poolside.clusterName ?? `poolside-${poolside.deploymentName}`,
      bucketName: poolside.bucketName ?? `poolside-${poolside.deploymentName}-${accountId}`,
      parameterPath: poolside.parameterPath ?? `/poolside/deployment/${poolside.deploymentName}`,
    },
  };
}

type Report = (field: string, value: unknown, message: string) => void;

/** Public-access ranges this wide or wider need the production acknowledgement. */
const OPEN_PREFIX_MAX = 8;

function checkEnvironment(env: EnvironmentConfig, report: Report): void {
  const partition = partitionOf(env.account.region);
  if (env.permissionsBoundaryArn) {
    const [, arnPartition, , , account] = env.permissionsBoundaryArn.split(":");
    if (account !== env.account.id) {
      report("permissionsBoundaryArn", env.permissionsBoundaryArn, `must be a policy in the environment's account ${env.account.id}`);
    }
    if (arnPartition !== partition) {
      report("permissionsBoundaryArn", env.permissionsBoundaryArn, `must use the partition "${partition}" of region ${env.account.region}`);
    }
  }
  // Defaults are derived, so they are checked here rather than in the schema.
  checkBucketName("stateBackend.bucket", env.stateBackend.bucket, report);
  const database = env.poolside?.database;
  if (database?.mode === "create" && isProduction(env) && database.backupRetentionDays < 7) {
    report("poolside.database.backupRetentionDays", database.backupRetentionDays, "must be at least 7 in production (kind: production)");
  }
  if (/^\/|\/$|\/\//.test(env.stateBackend.keyPrefix)) {
    report(
      "stateBackend.keyPrefix",
      env.stateBackend.keyPrefix,
      "must not start or end with /, nor hold // (Terraform's S3 backend refuses such keys)",
    );
  }
  if (partitionOf(env.stateBackend.region) !== partition) {
    report(
      "stateBackend.region",
      env.stateBackend.region,
      `is in the partition "${partitionOf(env.stateBackend.region)}", and the account's region ${env.account.region} in "${partition}"; the state backend must be in the account's partition`,
    );
  }
  for (const [field, arns] of [
    ["provisioner.humanPrincipalArns", env.provisioner.humanPrincipalArns],
    ["iomete.eks.clusterAdminArns", env.iomete?.eks.clusterAdminArns ?? []],
    ["poolside.eks.clusterAdminArns", env.poolside?.eks.clusterAdminArns ?? []],
  ] as const) {
    arns.forEach((arn, i) => {
      if (arn.split(":")[1] !== partition) report(`${field}.${i}`, arn, `must use the partition "${partition}" of region ${env.account.region}`);
    });
  }
  const provisioner = env.provisioner;
  if (!provisioner.github && provisioner.humanPrincipalArns.length === 0) {
    report(
      "provisioner",
      { github: undefined, humanPrincipalArns: [] },
      "names no one who may deploy: set provisioner.github (CI) or provisioner.humanPrincipalArns (people)",
    );
  }
  if (env.iomete) checkIomete(env, env.iomete, report);
  if (env.poolside) checkPoolside(env, env.poolside, report);
  checkTagKeys(env, report);
}

/**
 * IAM treats tag keys as case-insensitive (two keys differing only in case are refused),
 * and AWS allows 50 tags on a resource: both counted with the tags the stacks add.
 */
function checkTagKeys(env: EnvironmentConfig, report: Report): void {
  const stackKeys = [
    ...(env.iomete ? stackTagKeys("iomete", env.iomete.ownershipTag.key) : []),
    ...(env.poolside ? stackTagKeys("poolside", env.poolside.ownershipTag.key) : []),
  ];
  const seen = new Map<string, string>();
  for (const key of [...stackKeys, ...Object.keys(env.tags)]) {
    const other = seen.get(key.toLowerCase());
    if (other !== undefined && other !== key) {
      report(
        `tags.${key}`,
        env.tags[key] ?? key,
        `has the key "${key}", which differs from "${other}" only in case; IAM refuses tag keys that differ only in case`,
      );
    }
    if (other === undefined) seen.set(key.toLowerCase(), key);
  }
  for (const vendor of ["iomete", "poolside"] as const) {
    const section = env[vendor];
    if (!section) continue;
    const keys = new Set([...stackTagKeys(vendor, section.ownershipTag.key), ...Object.keys(env.tags)]);
    if (keys.size > MAX_TAGS_PER_RESOURCE) {
      report(
        "tags",
        `${Object.keys(env.tags).length} tags`,
        `leave too many tags on a ${vendor} resource: ${keys.size} with the stack's own, AWS allows ${MAX_TAGS_PER_RESOURCE}`,
      );
    }
  }
}

function checkIomete(env: EnvironmentConfig, iomete: IometeConfig, report: Report): void {
  checkBucketName("iomete.assetsBucketName", iomete.assetsBucketName, report);
  if (iomete.assetsBucketName === iomete.lakehouseBucketName) {
    report("iomete.assetsBucketName", iomete.assetsBucketName, "must differ from iomete.lakehouseBucketName");
  }
  checkOwnershipTag(env, "iomete", iomete.ownershipTag, report);
  checkNetwork(env, "iomete.network", iomete.network, report);
  checkEks(env, "iomete.eks", iomete.eks, iomete.clusterName, report);
  for (const [field, arn] of [
    ["iomete.ebsKmsKeyArn", iomete.ebsKmsKeyArn],
    ["iomete.existingLakehouseBucket.kmsKeyArn", iomete.existingLakehouseBucket?.kmsKeyArn],
  ] as const) {
    // EBS volumes and S3 objects use keys of their own region and partition.
    const [, partition, , region] = arn?.split(":") ?? [];
    if (arn && (region !== env.account.region || partition !== partitionOf(env.account.region))) {
      report(field, arn, `must be a key in the environment's region ${env.account.region}`);
    }
  }
  if (iomete.kubernetes?.enabled) checkIometeKubernetes(env, iomete, iomete.kubernetes, report);
}

/** A controller release whose published IAM policy the controller's role carries. */
function checkLoadBalancerControllerChart(field: string, chart: string, report: Report): void {
  if (!LOAD_BALANCER_CONTROLLER_CHART_MINORS.includes(minorOf(chart))) {
    report(
      field,
      chart,
      `is not a release whose published IAM policy this project carries; use ${LOAD_BALANCER_CONTROLLER_CHART_MINORS.map((m) => `${m}.x`).join(", ")}`,
    );
  }
}

/**
 * The gateway's load balancer: a controller release whose published policy its role carries, the
 * ranges an internet-facing one needs, and public subnets to put it in.
 */
function checkGateway(env: EnvironmentConfig, iomete: IometeConfig, kubernetes: IometeKubernetesConfig, report: Report): void {
  checkLoadBalancerControllerChart("iomete.kubernetes.charts.awsLoadBalancerController", kubernetes.charts.awsLoadBalancerController, report);
  const { scheme, allowedCidrs } = kubernetes.istio.gateway;
  const field = "iomete.kubernetes.istio.gateway";
  if (scheme !== "internet-facing") return;
  if (allowedCidrs.length === 0) {
    report(
      `${field}.allowedCidrs`,
      allowedCidrs,
      "must list the ranges that may reach an internet-facing gateway (IOMETE's control plane, your users)",
    );
  }
  allowedCidrs.forEach((text, i) => {
    if (isProduction(env) && parseCidr(text)!.prefix <= OPEN_PREFIX_MAX) {
      report(
        `${field}.allowedCidrs.${i}`,
        text,
        `opens the production gateway to the internet (a range of /${OPEN_PREFIX_MAX} or wider); list the ranges that need it`,
      );
    }
  });
  if (iomete.network.mode === "existing" && iomete.network.publicSubnetIds.length === 0) {
    report(`${field}.scheme`, scheme, "needs public subnets, and iomete.network.publicSubnetIds lists none; add them, or keep the gateway internal");
  }
}

/**
 * The charts must support the cluster's Kubernetes version, CI's runner must be able to
 * reach a private API, and Karpenter's replicas need managed nodes to run on.
 */
function checkIometeKubernetes(env: EnvironmentConfig, iomete: IometeConfig, kubernetes: IometeKubernetesConfig, report: Report): void {
  const version = iomete.eks.kubernetesVersion;
  const alias = kubernetes.karpenter.nodePool.amiAlias;
  if (alias.startsWith("al2@") && compareMinor(version, AL2_LAST_KUBERNETES) > 0) {
    report(
      "iomete.kubernetes.karpenter.nodePool.amiAlias",
      alias,
      `is Amazon Linux 2, for which EKS publishes no AMI after Kubernetes ${AL2_LAST_KUBERNETES}, and the cluster runs ${version}; use al2023@ or bottlerocket@`,
    );
  }
  const istio = kubernetes.istio.enabled ? supportProblem("Istio", kubernetes.charts.istio, version, ISTIO_KUBERNETES_SUPPORT) : undefined;
  if (istio)
    report(
      "iomete.kubernetes.charts.istio",
      kubernetes.charts.istio,
      `${istio}; pick a release for EKS ${version} or change iomete.eks.kubernetesVersion`,
    );
  const karpenter = supportProblem("Karpenter", kubernetes.charts.karpenter, version, KARPENTER_KUBERNETES_SUPPORT);
  if (karpenter) report("iomete.kubernetes.charts.karpenter", kubernetes.charts.karpenter, `${karpenter}; pick a release for EKS ${version}`);
  if (kubernetes.istio.enabled) checkGateway(env, iomete, kubernetes, report);
  const githubHosted = kubernetes.ciRunsOn.length === 1 && /^(ubuntu|windows|macos)-/.test(kubernetes.ciRunsOn[0]);
  if (githubHosted && !iomete.eks.endpointPublicAccess && env.provisioner.github) {
    report(
      "iomete.kubernetes.ciRunsOn",
      kubernetes.ciRunsOn,
      'is a GitHub-hosted runner, which cannot reach the cluster\'s private API endpoint (iomete.eks.endpointPublicAccess is false); name the labels of a self-hosted runner that reaches it, such as ["self-hosted", "iomete"]',
    );
  }
  const replicas = kubernetes.karpenter.replicas;
  const nodes = iomete.eks.nodeGroup.minSize;
  if (replicas !== undefined && replicas > nodes) {
    report(
      "iomete.kubernetes.karpenter.replicas",
      replicas,
      `needs ${replicas} managed nodes (each replica runs on its own node, never on Karpenter's), and iomete.eks.nodeGroup.minSize is ${nodes}`,
    );
  }
}

function checkPoolside(env: EnvironmentConfig, poolside: PoolsideConfig, report: Report): void {
  const names = poolsideNames(poolside.deploymentName, poolside.rolePrefix, poolside.clusterName);
  const limits = poolsideNameLimits(names);
  const failing = limits.find((l) => l.name.length > l.max);
  if (failing) {
    // Blame the field the user wrote: the role prefix or the cluster name, or the deployment name both default to.
    const fromPrefix = [names.podRole, names.bastionRole, names.customizationRole, names.loadBalancerControllerRole].includes(failing.name);
    const written = fromPrefix ? "rolePrefix" : "clusterName";
    const isDefault = (fromPrefix ? poolside.rolePrefix : poolside.clusterName) === `poolside-${poolside.deploymentName}`;
    const field = isDefault ? "deploymentName" : written;
    const value = field === "deploymentName" ? poolside.deploymentName : field === "rolePrefix" ? poolside.rolePrefix : poolside.clusterName;
    report(
      `poolside.${field}`,
      value,
      nameLimitProblem([failing], field === "deploymentName" ? "deployment name" : field === "rolePrefix" ? "role prefix" : "cluster name")!,
    );
  }
  checkBucketName("poolside.bucketName", poolside.bucketName, report);
  const repositories = poolside.ecr.repositories;
  repositories.forEach((name, i) => {
    const full = `${names.resourcePrefix}-${name}`;
    if (full.length > 256)
      report(`poolside.ecr.repositories.${i}`, name, `makes the repository name "${full.slice(0, 40)}..." longer than ECR's 256 characters`);
    if (repositories.indexOf(name) !== i) report(`poolside.ecr.repositories.${i}`, name, "is listed twice");
  });
  const models = poolside.bedrock.foundationModelIds;
  models.forEach((id, i) => {
    if (models.indexOf(id) !== i) report(`poolside.bedrock.foundationModelIds.${i}`, id, "is listed twice");
  });
  if (poolside.parameterPath.length > 900) {
    report("poolside.parameterPath", poolside.parameterPath, "leaves no room for parameter names within SSM's 1011 characters");
  }
  // The deepest parameter the stack writes under the path: ecr/<repository>/url (a repository name may hold /).
  const deepestName = Math.max(2, ...poolside.ecr.repositories.map((r) => r.split("/").length + 2));
  const depth = poolside.parameterPath.split("/").length - 1 + deepestName;
  if (depth > SSM_MAX_HIERARCHY_LEVELS) {
    report(
      "poolside.parameterPath",
      poolside.parameterPath,
      `puts the stack's parameters ${depth} levels deep (with ecr/<repository>/url), and SSM allows ${SSM_MAX_HIERARCHY_LEVELS}; use fewer segments`,
    );
  }
  if (poolside.bastion.deployerPolicyArns?.length && !env.permissionsBoundaryArn) {
    report(
      "poolside.bastion.deployerPolicyArns",
      poolside.bastion.deployerPolicyArns,
      "needs permissionsBoundaryArn: without it each role gets a boundary generated from its declared permissions, which cannot include policies the code cannot read",
    );
  }
  checkOwnershipTag(env, "poolside", poolside.ownershipTag, report);
  // With an existing cluster, network and eks describe nothing this stack creates.
  if (!poolside.existingCluster) {
    checkNetwork(env, "poolside.network", poolside.network, report);
    checkEks(env, "poolside.eks", poolside.eks, poolside.clusterName, report);
  }
  const logBucket = `${poolside.bucketName}-logs`;
  const logBucketProblem = poolside.bucketAccessLogs && bucketNameProblem(logBucket);
  if (logBucketProblem)
    report("poolside.bucketAccessLogs", logBucket, `names the log bucket <bucketName>-logs, which ${logBucketProblem}; shorten poolside.bucketName`);
  if (poolside.existingCluster && poolside.gpuNodeGroup) {
    report(
      "poolside.gpuNodeGroup.instanceTypes",
      poolside.gpuNodeGroup.instanceTypes,
      "needs a cluster this stack creates; with poolside.existingCluster, add GPU nodes to your cluster yourself",
    );
  }
  const gpu = poolside.gpuNodeGroup;
  if (gpu) checkNodeGroupSizes("poolside.gpuNodeGroup", gpu, report);
  if (gpu?.capacityReservation) checkCapacityReservation(env, poolside, gpu, report);
  if (gpu && `${poolside.clusterName}-gpu`.length > 63) {
    report(
      "poolside.clusterName",
      poolside.clusterName,
      `is too long for the GPU node group's name ${poolside.clusterName}-gpu (EKS allows 63 characters)`,
    );
  }
  if (poolside.kubernetes?.enabled) checkPoolsideKubernetes(poolside, poolside.kubernetes, report);
}

/** A GPU group in reserved capacity: one target, the instance type and zone it is for, a network that can place it there. */
function checkCapacityReservation(
  env: EnvironmentConfig,
  poolside: NonNullable<EnvironmentConfig["poolside"]>,
  gpu: NonNullable<NonNullable<EnvironmentConfig["poolside"]>["gpuNodeGroup"]>,
  report: Report,
): void {
  const reservation = gpu.capacityReservation!;
  const field = "poolside.gpuNodeGroup.capacityReservation";
  if (!!reservation.id === !!reservation.resourceGroupArn) {
    report(field, reservation, "needs exactly one of id and resourceGroupArn");
  }
  if (reservation.type === "capacity-block") {
    if (reservation.resourceGroupArn)
      report(`${field}.resourceGroupArn`, reservation.resourceGroupArn, 'is for type "on-demand" only: a Capacity Block is named by its id');
    if (!reservation.instanceType)
      report(`${field}.instanceType`, undefined, "is required for a Capacity Block: its launch template names the instance type");
  }
  if (gpu.capacityType !== "ON_DEMAND") {
    report("poolside.gpuNodeGroup.capacityType", gpu.capacityType, "must be ON_DEMAND with a capacity reservation (a Capacity Block sets its own)");
  }
  if (reservation.instanceType && (gpu.instanceTypes.length !== 1 || gpu.instanceTypes[0] !== reservation.instanceType)) {
    report(
      "poolside.gpuNodeGroup.instanceTypes",
      gpu.instanceTypes,
      `must be exactly ["${reservation.instanceType}"], the instance type the reservation is for`,
    );
  }
  if (reservation.id && !reservation.availabilityZone) {
    report(`${field}.availabilityZone`, undefined, "is required with an id: the group must run in the zone the reservation is in");
  }
  const zone = reservation.availabilityZone;
  if (!zone) return;
  if (!zone.startsWith(env.account.region)) {
    report(`${field}.availabilityZone`, zone, `is not a zone of the environment's region ${env.account.region}`);
    return;
  }
  const network = poolside.network;
  if (network.mode === "create" && !network.availabilityZones?.includes(zone)) {
    report(
      "poolside.network.availabilityZones",
      network.availabilityZones,
      `must list ${zone} (the reservation's zone): the GPU group runs in that zone's private subnet, which the stack finds by the listed order`,
    );
  }
  if (network.mode === "existing") {
    report(
      `${field}.availabilityZone`,
      zone,
      "needs a network this stack creates (it picks that zone's private subnet); with an existing VPC, use a resource group spanning your subnets' zones",
    );
  }
}

/** The Poolside Kubernetes side: a controller release whose published policy its role carries, on a cluster this stack creates. */
function checkPoolsideKubernetes(poolside: PoolsideConfig, kubernetes: NonNullable<PoolsideConfig["kubernetes"]>, report: Report): void {
  checkLoadBalancerControllerChart("poolside.kubernetes.charts.awsLoadBalancerController", kubernetes.charts.awsLoadBalancerController, report);
  if (poolside.existingCluster) {
    report(
      "poolside.kubernetes",
      "enabled",
      "needs a cluster this stack creates (it gives the Kubernetes side's roles their access entries); with poolside.existingCluster, install into your cluster yourself",
    );
  }
}
function checkOwnershipTag(env: EnvironmentConfig, section: "iomete" | "poolside", tag: OwnershipTag, report: Report): void {
  // The stack's own tags (its cluster or deployment name, the module's markers) would overwrite it, or it them.
  const reserved = stackTagKeys(section, "").filter(Boolean);
  // The EBS CSI driver puts the ownership tag on its volumes, and refuses extra tags it sets itself.
  if (reserved.includes(tag.key) || /^(aws:|kubernetes\.io|karpenter\.|ebs\.csi\.aws\.com\/|CSIVolume(Snapshot)?Name$)/i.test(tag.key)) {
    report(
      `${section}.ownershipTag.key`,
      tag.key,
      `is a tag the stack or AWS sets for another purpose; pick a key of your own (the stack sets ${reserved.join(", ")}; aws:, kubernetes.io, karpenter., ebs.csi.aws.com/ and the EBS CSI driver's CSIVolumeName and CSIVolumeSnapshotName are reserved)`,
    );
  }
  const clash = env.tags[tag.key];
  if (clash !== undefined && clash !== tag.value) {
    report(`tags.${tag.key}`, clash, `would overwrite the ${section} ownership tag, whose value must stay "${tag.value}"`);
  }
}

function checkNetwork(env: EnvironmentConfig, field: string, network: NetworkConfig, report: Report): void {
  if (network.mode === "existing") {
    const all = [...network.privateSubnetIds, ...network.publicSubnetIds];
    const repeated = all.filter((id, i) => all.indexOf(id) !== i);
    if (repeated.length > 0) report(field, repeated, "subnet ids must not repeat, nor be both private and public");
    return;
  }
  // The schema has checked every CIDR on its own; what is left is how they relate.
  const vpc = parseCidr(network.vpcCidr)!;
  const region = env.account.region;
  if (network.availabilityZones) {
    const zones = network.availabilityZones;
    if (zones.length !== network.azCount) report(`${field}.availabilityZones`, zones, `must list exactly azCount (${network.azCount}) zones`);
    const regionZones = AVAILABILITY_ZONES[region] ?? [];
    zones.forEach((zone, i) => {
      if (!regionZones.includes(zone)) {
        report(`${field}.availabilityZones.${i}`, zone, `is not a zone of ${region}; its zones: ${regionZones.join(", ")}`);
      }
    });
    if (new Set(zones).size !== zones.length) report(`${field}.availabilityZones`, zones, "must not repeat a zone");
  }

  const layout = iometeSubnetLayout(network.vpcCidr, network.azCount);
  const subnets: Array<{ field: string; text: string; cidr: Ipv4Cidr }> = [];
  for (const kind of ["public", "private"] as const) {
    const listField = `${field}.${kind}SubnetCidrs`;
    const given = kind === "public" ? network.publicSubnetCidrs : network.privateSubnetCidrs;
    const cidrs = given ?? (kind === "public" ? layout.publicCidrs : layout.privateCidrs);
    if (given && given.length !== network.azCount) report(listField, given, `must list one CIDR per zone: ${network.azCount}`);
    cidrs.forEach((text, i) => {
      const cidr = parseCidr(text)!;
      if (!cidrContains(vpc, cidr)) return report(`${listField}.${i}`, text, `does not fit in the VPC ${network.vpcCidr}`);
      if (cidr.prefix > 28) return report(`${listField}.${i}`, text, "is smaller than AWS's minimum subnet (/28)");
      subnets.push({ field: `${listField}.${i}`, text, cidr });
    });
  }
  subnets.forEach((a, i) => {
    const other = subnets.slice(i + 1).find((b) => cidrsOverlap(a.cidr, b.cidr));
    if (other) report(a.field, a.text, `overlaps ${other.field} (${other.text})`);
  });
}

function checkEks(env: EnvironmentConfig, field: string, eks: EksConfig, clusterName: string, report: Report): void {
  checkAddons(field, eks, clusterName, report);
  const partition = partitionOf(env.account.region);
  if (eks.endpointPublicAccess && eks.publicAccessCidrs.length === 0) {
    report(
      `${field}.publicAccessCidrs`,
      eks.publicAccessCidrs,
      "must list the CIDRs allowed to reach the public API endpoint when endpointPublicAccess is true",
    );
  }
  if (!eks.endpointPublicAccess && eks.publicAccessCidrs.length > 0) {
    report(
      `${field}.publicAccessCidrs`,
      eks.publicAccessCidrs,
      "has no effect while endpointPublicAccess is false; remove it or turn public access on",
    );
  }
  // Any range of a /8 or wider counts as open (0.0.0.0/1 + 128.0.0.0/1 is 0.0.0.0/0 in two halves).
  const open = eks.publicAccessCidrs.some((text) => parseCidr(text)!.prefix <= OPEN_PREFIX_MAX);
  if (open && eks.endpointPublicAccess && isProduction(env) && !eks.acknowledgeOpenPublicAccess) {
    report(
      `${field}.publicAccessCidrs`,
      eks.publicAccessCidrs,
      `opens the production API endpoint to the internet (a range of /${OPEN_PREFIX_MAX} or wider); list your CIDRs, or set ${field}.acknowledgeOpenPublicAccess: true`,
    );
  }
  eks.operatorAccess.cidrs.forEach((text, i) => {
    if (parseCidr(text)!.prefix <= OPEN_PREFIX_MAX) {
      report(
        `${field}.operatorAccess.cidrs.${i}`,
        text,
        `admits every network routed to the cluster (a range of /${OPEN_PREFIX_MAX} or wider); list your VPN or runner ranges`,
      );
    }
  });
  if (!eks.bootstrapCreatorAdmin && eks.clusterAdminArns.length === 0) {
    report(
      `${field}.clusterAdminArns`,
      eks.clusterAdminArns,
      "names no one, and bootstrapCreatorAdmin is false: nobody could use the cluster; list an admin role",
    );
  }
  eks.clusterAdminArns.forEach((arn, i) => {
    if (arn.split(":")[1] !== partition)
      report(`${field}.clusterAdminArns.${i}`, arn, `must use the partition "${partition}" of region ${env.account.region}`);
  });
  checkNodeGroupSizes(`${field}.nodeGroup`, eks.nodeGroup, report);
}

/** minSize <= desiredSize <= maxSize, each problem named at its field. */
function checkNodeGroupSizes(field: string, ng: { minSize: number; desiredSize: number; maxSize: number }, report: Report): void {
  if (ng.minSize > ng.maxSize) report(`${field}.minSize`, ng.minSize, `must not exceed maxSize (${ng.maxSize})`);
  if (ng.desiredSize < ng.minSize || ng.desiredSize > ng.maxSize) {
    report(`${field}.desiredSize`, ng.desiredSize, `must lie between minSize (${ng.minSize}) and maxSize (${ng.maxSize})`);
  }
}

function checkBucketName(field: string, name: string, report: Report): void {
  const problem = bucketNameProblem(name);
  if (problem) report(field, name, problem);
}

/** Names are compared as written, so a duplicate shows even when either environment has other problems. */
function checkDuplicateNames(sources: readonly EnvironmentSource[], problems: string[]): void {
  const named = sources.filter((s) => typeof (s.input as { name?: unknown } | null)?.name === "string");
  const byName = groupBy(named, (s) => (s.input as { name: string }).name);
  for (const [name, group] of byName) {
    if (group.length > 1) {
      problems.push(
        `environments.${name}.name: "${name}" is defined ${group.length} times (${group.map((e) => e.source).join(", ")}); environment names must be unique`,
      );
    }
  }
}

/** Conflicts between environments, each check in turn; problems are listed in this order. */
function checkAcrossEnvironments(environments: readonly EnvironmentConfig[], problems: string[]): void {
  checkClusterNames(environments, problems);
  checkPoolsideNames(environments, problems);
  const bucketOwners = checkBucketNames(environments, problems);
  // One bootstrap stack per account and backend region.
  const backends = groupBy(environments, (e) => `${e.account.id}/${e.stateBackend.region}`);
  checkSharedBackends(backends, problems);
  checkOidcProviders(environments, problems);
  checkAccountWideSettings(environments, problems);
  checkStateBuckets(backends, bucketOwners, problems);
}

/** Cluster names are unique per account, whichever vendor's stack owns them: the IAM roles named after them are global. */
function checkClusterNames(environments: readonly EnvironmentConfig[], problems: string[]): void {
  const clusters = new Map<string, { field: string; source: string }>();
  for (const env of environments) {
    for (const [section, clusterName] of [
      ["iomete", env.iomete?.clusterName],
      ["poolside", env.poolside?.clusterName],
    ] as const) {
      if (!clusterName) continue;
      const key = `${env.account.id}/${clusterName}`;
      const field = `environments.${env.name}.${section}.clusterName`;
      const first = clusters.get(key);
      if (first)
        problems.push(
          `${field}: "${clusterName}" is also used by ${first.field} in the same account; cluster names must be unique there (the IAM role names derived from them are global) (from ${first.source}, ${env.source})`,
        );
      else clusters.set(key, { field, source: env.source });
    }
  }
}

/**
 * Poolside's role names (rolePrefix) are global in the account; its repositories, key alias,
 * parameters, instance profile and deployment tag are per account and region.
 */
function checkPoolsideNames(environments: readonly EnvironmentConfig[], problems: string[]): void {
  for (const [key, what, field] of [
    [(e: EnvironmentConfig) => `${e.account.id}|${e.poolside!.rolePrefix}`, "in the same account (IAM role names are global there)", "rolePrefix"],
    [
      (e: EnvironmentConfig) => `${e.account.id}|${e.account.region}|${e.poolside!.deploymentName}`,
      "in the same account and region (repositories, the key alias, parameters and the deployment tag that scopes each deployer would collide)",
      "deploymentName",
    ],
  ] as const) {
    for (const group of groupBy(
      environments.filter((e) => e.poolside),
      key,
    ).values()) {
      if (group.length < 2) continue;
      const value = field === "rolePrefix" ? group[0].poolside!.rolePrefix : group[0].poolside!.deploymentName;
      problems.push(
        `environments.${group.map((e) => e.name).join(", environments.")}: poolside.${field} "${value}" is used by ${group.length} environments ${what}; give each its own (from ${group.map((e) => e.source).join(", ")})`,
      );
    }
  }
}

/**
 * Bucket names are global and each bucket belongs to one environment. Returns the field
 * that first named each vendor bucket, for the state bucket check.
 */
function checkBucketNames(environments: readonly EnvironmentConfig[], problems: string[]): Map<string, string> {
  const buckets = new Map<string, string>();
  const bucketSources = new Map<string, string>();
  for (const env of environments) {
    const owned: Array<[string, string]> = [];
    if (env.iomete) {
      owned.push([`environments.${env.name}.iomete.lakehouseBucketName`, env.iomete.lakehouseBucketName]);
      owned.push([`environments.${env.name}.iomete.assetsBucketName`, env.iomete.assetsBucketName]);
    }
    if (env.poolside) owned.push([`environments.${env.name}.poolside.bucketName`, env.poolside.bucketName]);
    // The access-log bucket the Poolside stack makes, `<bucketName>-logs`, is a global name too.
    if (env.poolside?.bucketAccessLogs) owned.push([`environments.${env.name}.poolside.bucketAccessLogs`, `${env.poolside.bucketName}-logs`]);
    for (const [field, bucket] of owned) {
      const first = buckets.get(bucket);
      if (first)
        problems.push(
          `${field}: "${bucket}" is also used by ${first}; bucket names are global and each bucket belongs to one environment (from ${bucketSources.get(bucket)}, ${env.source})`,
        );
      else {
        buckets.set(bucket, field);
        bucketSources.set(bucket, env.source);
      }
    }
  }
  return buckets;
}

/** One bootstrap stack per account and backend region: environments there must agree on it. */
function checkSharedBackends(backends: ReadonlyMap<string, EnvironmentConfig[]>, problems: string[]): void {
  for (const group of backends.values()) {
    const [first, ...rest] = group;
    for (const env of rest) {
      for (const field of ["bucket", "lockTable", "bootstrapStateInBucket"] as const) {
        if (env.stateBackend[field] !== first.stateBackend[field]) {
          problems.push(
            `environments.${env.name}.stateBackend.${field}: ${showValue(env.stateBackend[field])} differs from ${showValue(first.stateBackend[field])} of environment ${first.name} in the same account and region; they share one state backend (from ${first.source}, ${env.source})`,
          );
        }
      }
    }
  }
}

/** Account-wide settings are one stack's: the data perimeter needs the organization, Block Public Access one environment per account. */
function checkAccountWideSettings(environments: readonly EnvironmentConfig[], problems: string[]): void {
  for (const env of environments) {
    if (env.provisioner.scp?.dataPerimeter && !env.provisioner.scp.organizationId) {
      problems.push(
        `environments.${env.name}.provisioner.scp.dataPerimeter: true needs provisioner.scp.organizationId (o-...): the perimeter admits the organization's principals (from ${env.source})`,
      );
    }
  }
  const blockers = groupBy(
    environments.filter((e) => e.provisioner.blockPublicS3Access),
    (e) => e.account.id,
  );
  for (const group of blockers.values()) {
    for (const env of group.slice(1)) {
      problems.push(
        `environments.${env.name}.provisioner.blockPublicS3Access: true, but environment ${group[0].name} sets the account's S3 Block Public Access already; set it to false here (from ${group[0].source}, ${env.source})`,
      );
    }
  }
}

/** GitHub's OIDC provider exists once per account. */
function checkOidcProviders(environments: readonly EnvironmentConfig[], problems: string[]): void {
  const oidcCreators = groupBy(
    environments.filter((e) => e.provisioner.github?.createOidcProvider),
    (e) => e.account.id,
  );
  for (const group of oidcCreators.values()) {
    for (const env of group.slice(1)) {
      problems.push(
        `environments.${env.name}.provisioner.github.createOidcProvider: true, but environment ${group[0].name} creates the account's GitHub OIDC provider already; set it to false here (from ${group[0].source}, ${env.source})`,
      );
    }
  }
}

/**
 * Each bootstrap stack creates its bucket: two accounts or regions cannot name the same one,
 * nor can a vendor bucket (`bucketOwners`: bucket name to the field that names it).
 */
function checkStateBuckets(backends: ReadonlyMap<string, EnvironmentConfig[]>, bucketOwners: ReadonlyMap<string, string>, problems: string[]): void {
  const stateBuckets = new Map<string, EnvironmentConfig>();
  for (const [first] of backends.values()) {
    const owner = bucketOwners.get(first.stateBackend.bucket);
    const otherBackend = stateBuckets.get(first.stateBackend.bucket);
    if (owner) problems.push(`environments.${first.name}.stateBackend.bucket: "${first.stateBackend.bucket}" is also used by ${owner}`);
    else if (otherBackend) {
      problems.push(
        `environments.${first.name}.stateBackend.bucket: "${first.stateBackend.bucket}" is also the state bucket of environment ${otherBackend.name} in another account or region; each state backend needs its own bucket (from ${otherBackend.source}, ${first.source})`,
      );
    } else stateBuckets.set(first.stateBackend.bucket, first);
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

/** Optional addons: their roles' names must fit IAM, and a pinned version needs its addon installed. */
function checkAddons(field: string, eks: EksConfig, clusterName: string, report: Report): void {
  for (const [i, addon] of eks.addons.entries()) {
    const role = optionalAddonRole(addon as OptionalEksAddon);
    const name = role && addonRoleName(clusterName, role.suffix);
    if (name && name.length > IAM_ROLE_NAME_MAX) {
      report(
        `${field}.addons.${i}`,
        addon,
        `needs the role ${name} (${name.length} characters), over IAM's ${IAM_ROLE_NAME_MAX}; shorten the cluster name`,
      );
    }
  }
  for (const addon of Object.keys(eks.addonVersions)) {
    if ((OPTIONAL_EKS_ADDON_NAMES as string[]).includes(addon) && !(eks.addons as string[]).includes(addon)) {
      report(
        `${field}.addonVersions.${addon}`,
        eks.addonVersions[addon as keyof typeof eks.addonVersions],
        `pins an addon that is not installed; add "${addon}" to ${field}.addons`,
      );
    }
  }
}
