import { z } from "zod";
import {
  CHART_REPOSITORY_DEFAULTS,
  CHART_VERSION_DEFAULTS,
  NODE_POOL_DEFAULTS,
  POOLSIDE_CHART_VERSION_DEFAULTS,
  WEBHOOK_CERTIFICATES_IMAGE_DEFAULT,
} from "./kubernetes-side";
import { BASTION_DEFAULTS, CONTROL_PLANE_LOG_DEFAULTS, DATABASE_DEFAULTS, ECR_KEEP_LAST_IMAGES, NODE_GROUP_DEFAULTS } from "./defaults";
import {
  AWS_REGIONS,
  AZ_COUNT,
  BASTION_EXTRA_POLICIES_MAX,
  DEFAULT_EKS_VERSION,
  EKS_ACCESS_POLICIES,
  EKS_ADDONS,
  OPTIONAL_EKS_ADDON_NAMES,
  OptionalEksAddon,
  EKS_UPGRADE_POLICIES,
  EKS_VERSIONS,
  DEFAULT_POSTGRES_MAJOR_VERSION,
  POSTGRES_MAJOR_VERSIONS,
  instanceTypeProblem,
  isArmInstanceType,
  LOG_RETENTION_DAYS,
  MANAGED_POLICIES_PER_ROLE,
  MANAGED_POLICIES_PER_ROLE_MAX,
  TAG_CHARACTERS,
} from "./aws";
import { ENVIRONMENT_KINDS, EnvironmentKind } from "./environment-kind";
import { bucketNameProblem, cidrProblem, clusterNameProblem, tagKeyProblem, vpcCidrProblem } from "./value-checks";

/** Attaches a single-value check from value-checks.ts to a string field. */
function checked(check: (value: string) => string | undefined, base = z.string()) {
  return base.superRefine((value, ctx) => {
    const problem = check(value);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });
}

/**
 * The one schema every environment is validated against, whether it is built in
 * (config/environments/*.ts) or supplied by a user as a JSON/YAML file.
 * Objects are strict: an unknown (misspelt) field is an error, not ignored.
 * Checks that span fields or environments live in validate.ts.
 */

const accountId = z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id");
const region = z.enum(AWS_REGIONS, {
  errorMap: () => ({ message: `must be a known AWS region (${AWS_REGIONS.slice(0, 4).join(", ")}, ...)` }),
});
const cidr = checked(cidrProblem);
const bucketName = checked(bucketNameProblem);
// EKS access entries take IAM roles and users, not STS session ARNs.
/** A role or user ARN: an optional path of /-separated segments, then a name of 1-64 characters IAM accepts. */
const iamArn = z
  .string()
  .regex(
    /^arn:aws(-us-gov|-cn)?:iam::\d{12}:(role|user)\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/,
    "must be an IAM role or user ARN (arn:aws:iam::<account>:role/<name>, a name of 1-64 characters)",
  );

/**
 * A Kubernetes label or taint key as EKS takes it on a node group: an optional DNS-subdomain prefix
 * and `/`, then a name of letters, digits, `-`, `_` and `.` that starts and ends with a letter or
 * digit; at most 63 characters in all (EKS's limit for both).
 */
function kubernetesKey(what: "label" | "taint") {
  return z
    .string()
    .max(63, `must be at most 63 characters (EKS's limit for a ${what} key)`)
    .regex(
      /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/,
      `must be a Kubernetes ${what} key: [prefix/]name, the name of letters, digits, - _ . starting and ending with a letter or digit`,
    );
}

/** A Kubernetes label (or taint) value: at most 63 characters of letters, digits, - _ . starting and ending with a letter or digit; EKS wants `min` of them. */
function kubernetesValue(min: 0 | 1) {
  return z
    .string()
    .min(min, "must not be empty (EKS refuses an empty label value)")
    .max(63, "must be at most 63 characters")
    .regex(/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/, "must be letters, digits, - _ . starting and ending with a letter or digit (no spaces)");
}

/** Adds "no entry may repeat" to a list schema. */
function noRepeats<T extends z.ZodArray<z.ZodTypeAny>>(list: T) {
  return list.superRefine((items: unknown[], ctx) => {
    items.forEach((value, i) => {
      if (items.indexOf(value) !== i) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i], message: "is listed twice" });
    });
  });
}
const TAG_CHARACTERS_TEXT = "letters, digits, spaces and _ . : / = + - @";
const tagMap = z
  .record(
    z.string().min(1).max(128, "tag keys are at most 128 characters"),
    z.string().max(256, "tag values are at most 256 characters").regex(TAG_CHARACTERS, `tag values may hold only ${TAG_CHARACTERS_TEXT}`),
  )
  .superRefine((tags, ctx) => {
    for (const key of Object.keys(tags)) {
      const problem = tagKeyProblem(key) ?? (TAG_CHARACTERS.test(key) ? undefined : `may hold only ${TAG_CHARACTERS_TEXT}`);
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `has the key "${key}", which ${problem}` });
    }
  });

/** The vendors' ownership tags when config names none (IOMETE's documented tag; Poolside's equivalent). */
export const IOMETE_OWNERSHIP_TAG = { key: "iomete.com/managed", value: "true" } as const;
export const POOLSIDE_OWNERSHIP_TAG = { key: "poolside.ai/managed", value: "true" } as const;

const ownershipTag = z
  .object({
    /** Tag key the deployer policy and SCPs gate on. */
    key: checked(tagKeyProblem, z.string().min(1).max(128).regex(TAG_CHARACTERS, `may hold only ${TAG_CHARACTERS_TEXT}`)),
    /** Its value. */
    value: z.string().min(1).max(256).regex(TAG_CHARACTERS, `may hold only ${TAG_CHARACTERS_TEXT}`),
  })
  .strict();

const createNetwork = z
  .object({
    /** A new VPC with public and private subnets, NAT and endpoints, made by the stack. */
    mode: z.literal("create"),
    /** VPC range; IOMETE's module hard-codes 10.10.0.0/16. */
    vpcCidr: checked(vpcCidrProblem).default("10.10.0.0/16"),
    /** Availability zones to spread subnets over (2-3). */
    azCount: z
      .number()
      .int()
      .min(AZ_COUNT.min, `must be ${AZ_COUNT.min} to ${AZ_COUNT.max}`)
      .max(AZ_COUNT.max, `must be ${AZ_COUNT.min} to ${AZ_COUNT.max}`)
      .default(AZ_COUNT.max),
    /** Explicit zone names; left out, the stack looks up the region's available zones. */
    availabilityZones: z.array(z.string()).optional(),
    /** `single`: one NAT gateway (IOMETE's choice, cheaper); `per-az`: one per zone (no cross-zone dependency). */
    natMode: z.enum(["single", "per-az"], { errorMap: () => ({ message: 'must be "single" or "per-az"' }) }).default("single"),
    /** Public subnet CIDRs, one per zone; left out, IOMETE's layout (/20s at the bottom of the VPC). */
    publicSubnetCidrs: z.array(cidr).optional(),
    /** Private subnet CIDRs, one per zone; left out, IOMETE's layout (/19s at the top of the VPC). */
    privateSubnetCidrs: z.array(cidr).optional(),
  })
  .strict();

const existingNetwork = z
  .object({
    /** Your VPC and subnets: nothing in the network is created. */
    mode: z.literal("existing"),
    /** The VPC the cluster goes into. */
    vpcId: z.string().regex(/^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/, "must be a VPC id: vpc- and 8 or 17 hex digits"),
    /** At least two private subnets in different zones (EKS requires two zones). */
    privateSubnetIds: z
      .array(z.string().regex(/^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/, "must be a subnet id: subnet- and 8 or 17 hex digits"))
      .min(2, "EKS needs at least two private subnets in different zones"),
    /** Public subnets for internet-facing load balancers; left out: none. */
    publicSubnetIds: z
      .array(z.string().regex(/^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/, "must be a subnet id: subnet- and 8 or 17 hex digits"))
      .default([]),
    /**
     * Adds the `karpenter.sh/discovery` tag to the existing private subnets so
     * Karpenter finds them. The only change made to the existing network.
     */
    tagSubnetsForKarpenter: z.boolean().default(true),
  })
  .strict();

const network = z.discriminatedUnion("mode", [createNetwork, existingNetwork], {
  errorMap: (issue, ctx) =>
    issue.code === "invalid_union_discriminator"
      ? { message: 'must be "create" (a new VPC) or "existing" (your VPC and subnets)' }
      : { message: ctx.defaultError },
});

const nodeGroup = z
  .object({
    /** One architecture per group: all x86_64 or all Graviton (the AMI follows). */
    instanceTypes: noRepeats(
      z
        .array(
          checked(
            instanceTypeProblem,
            z.string().regex(/^[a-z][a-z0-9-]*\d[a-z0-9-]*\.[a-z0-9]+$/, "must be an EC2 instance type such as t3a.xlarge"),
          ),
        )
        .min(1, "needs at least one instance type"),
    )
      .refine((types: string[]) => new Set(types.map(isArmInstanceType)).size <= 1, {
        message: "mixes arm64 (Graviton) and x86_64 types; one node group runs one architecture",
      })
      .default(() => [...NODE_GROUP_DEFAULTS.instanceTypes]),
    /** `ON_DEMAND`, or `SPOT` (cheaper, reclaimed at two minutes' notice). */
    capacityType: z.enum(["ON_DEMAND", "SPOT"]).default(NODE_GROUP_DEFAULTS.capacityType),
    /** Fewest nodes the group scales to. */
    minSize: z.number().int().min(0).default(NODE_GROUP_DEFAULTS.minSize),
    /** Most nodes the group scales to (EKS allows 450). */
    maxSize: z.number().int().min(1).max(450).default(NODE_GROUP_DEFAULTS.maxSize),
    /** Nodes at creation; between minSize and maxSize. Later changes by autoscaling are not reverted. */
    desiredSize: z.number().int().min(0).default(NODE_GROUP_DEFAULTS.desiredSize),
    /** Root volume size in GiB (IOMETE: 100). */
    volumeSizeGiB: z.number().int().min(20, "must be at least 20 GiB").max(16384).default(NODE_GROUP_DEFAULTS.volumeSizeGiB),
    // io1/io2 would need an IOPS setting this schema does not offer.
    /** Root volume type: `gp3` (cheaper, faster baseline) or `gp2`. */
    volumeType: z.enum(["gp3", "gp2"], { errorMap: () => ({ message: 'must be "gp3" or "gp2"' }) }).default(NODE_GROUP_DEFAULTS.volumeType),
    /** One-minute CloudWatch metrics for the nodes (costs extra). */
    detailedMonitoring: z.boolean().default(NODE_GROUP_DEFAULTS.detailedMonitoring),
  })
  .strict();

const eks = z
  .object({
    /** IMPORTANT: downgrades are impossible; upgrades go one minor version at a time. */
    kubernetesVersion: z
      .enum(EKS_VERSIONS, { errorMap: () => ({ message: `must be one of ${EKS_VERSIONS.join(", ")}` }) })
      .default(DEFAULT_EKS_VERSION),
    /**
     * Reach the API server from outside the VPC. IOMETE's module opens it to
     * 0.0.0.0/0; here it is off unless asked for, and then limited to
     * `publicAccessCidrs`.
     */
    endpointPublicAccess: z.boolean().default(false),
    /** Ranges that may reach a public endpoint (at most 40); 0.0.0.0/0 warns, and is an error in production unless acknowledged. */
    publicAccessCidrs: noRepeats(z.array(cidr).max(40, "EKS accepts at most 40 CIDRs")).default([]),
    /** Required to allow 0.0.0.0/0 in publicAccessCidrs of a production environment (`kind: production`). */
    acknowledgeOpenPublicAccess: z.boolean().default(false),
    /** IAM principals given cluster-admin through EKS access entries. */
    clusterAdminArns: noRepeats(z.array(iamArn)).default([]),
    /**
     * Make the principal that creates the cluster a cluster admin.
     * IMPORTANT: changing this replaces the cluster.
     */
    bootstrapCreatorAdmin: z.boolean().default(false),
    /**
     * What EKS does when the cluster's version leaves standard support: `STANDARD` upgrades it to the
     * next version; `EXTENDED` keeps it, billed at six times the standard control-plane price for up
     * to 12 months (the rule EKS-UPGRADE-POLICY warns).
     */
    upgradePolicy: z
      .enum(EKS_UPGRADE_POLICIES, { errorMap: () => ({ message: `must be one of ${EKS_UPGRADE_POLICIES.join(", ")}` }) })
      .default("STANDARD"),
    /**
     * EKS refuses to delete the cluster while this is on: a destroy first applies it off.
     * Left out: on in production (`kind: production`), off elsewhere.
     */
    deletionProtection: z.boolean().optional(),
    /** ARC zonal shift: traffic can be moved away from an impaired Availability Zone, by hand or by autoshift. */
    zonalShift: z.boolean().default(true),
    /** The cluster's managed node group (system pods, controllers; IOMETE's workloads run on Karpenter's nodes). */
    nodeGroup: nodeGroup.default({}),
    /**
     * Who may reach the API on 443 besides the nodes (VPN ranges, CI runners, a jump host):
     * with a private endpoint (the default) nothing else can.
     */
    operatorAccess: z
      .object({
        /** Address ranges allowed to the API on 443 (at most 20). */
        cidrs: noRepeats(z.array(cidr).max(20, "at most 20 ranges; summarize them")).default([]),
        /** Security groups whose members may reach the API on 443. */
        securityGroupIds: noRepeats(
          z.array(z.string().regex(/^sg-[0-9a-f]{8,17}$/, "must be a security group id such as sg-0123456789abcdef0")),
        ).default([]),
      })
      .strict()
      .default({}),
    /**
     * An EKS access entry for the stack's own deployer role, with this access policy: for
     * a deployer that also installs into the cluster. The Kubernetes-side stack has its own.
     */
    deployerAccess: z
      .enum(["none", ...EKS_ACCESS_POLICIES], { errorMap: () => ({ message: `must be "none" or one of ${EKS_ACCESS_POLICIES.join(", ")}` }) })
      .default("none"),
    /** EKS addons to install besides the five every cluster gets, each with the IAM it needs. */
    addons: noRepeats(
      z.array(
        z.enum(OPTIONAL_EKS_ADDON_NAMES as [OptionalEksAddon, ...OptionalEksAddon[]], {
          errorMap: () => ({ message: `must be one of the optional addons ${OPTIONAL_EKS_ADDON_NAMES.join(", ")}` }),
        }),
      ),
    ).default([]),
    /** Pin addon versions (`vpc-cni`: `v1.19.0-eksbuild.1`); left out, EKS picks the default for the cluster version. */
    addonVersions: z
      .record(
        z.enum([...EKS_ADDONS, ...OPTIONAL_EKS_ADDON_NAMES], {
          errorMap: () => ({ message: `must be one of the addons ${[...EKS_ADDONS, ...OPTIONAL_EKS_ADDON_NAMES].join(", ")}` }),
        }),
        // The form EKS versions take, and the provider accepts: v1.19.0-eksbuild.1.
        z
          .string()
          .regex(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/, "must be an EKS addon version: v<major>.<minor>.<patch>-eksbuild.<n> (v1.19.0-eksbuild.1)"),
      )
      .default({}),
  })
  .strict();

const logs = z
  .object({
    /** Create the control-plane log group and send audit/api/authenticator logs to it. */
    enabled: z.boolean().default(CONTROL_PLANE_LOG_DEFAULTS.enabled),
    /** Days CloudWatch keeps them: one of CloudWatch's retention values. */
    retentionDays: z
      .number()
      .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
        message: `must be one of CloudWatch's retention values (${LOG_RETENTION_DAYS.join(", ")})`,
      })
      .default(CONTROL_PLANE_LOG_DEFAULTS.retentionDays),
  })
  .strict();

const clusterNameFormat = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_-]*$/, "must start with a letter and hold only letters, digits, hyphens and underscores");

/** ECR repository names (the part after `poolside-<deployment>-`). */
const repositoryName = z
  .string()
  .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/, "must be lowercase letters and digits, separated by single . _ - or /");

/** Bedrock foundation-model ids: provider, a dot, the model (no wildcards: the invoke policy names each model). */
const bedrockModelId = z
  .string()
  .regex(/^[a-z][a-z0-9-]*\.[a-z0-9][a-zA-Z0-9.:-]*$/, "must be a Bedrock model id such as anthropic.claude-3-5-sonnet-20240620-v1:0 (no wildcards)");

/** A system-defined inference profile: a geography prefix before a model id (`us.anthropic.claude-sonnet-4-20250514-v1:0`). */
const inferenceProfileId = z
  .string()
  .regex(
    /^(us|eu|apac|jp|au|ca|us-gov|global)\.[a-z][a-z0-9-]*\.[a-z0-9][a-zA-Z0-9.:-]*$/,
    "must be a Bedrock inference profile id such as us.anthropic.claude-sonnet-4-20250514-v1:0 (geography, provider, model; no wildcards)",
  );

/** NVIDIA GPU instance families EKS's NVIDIA AMIs run on (x86_64). */
const GPU_INSTANCE_TYPE = /^(g4dn|g5|g6|g6e|gr6|p3|p3dn|p4d|p4de|p5|p5e|p5en)\.[a-z0-9]+$/;
const GPU_AMI_TYPES = ["AL2023_x86_64_NVIDIA", "BOTTLEROCKET_x86_64_NVIDIA"] as const;

const chartVersion = z.string().regex(/^\d+\.\d+\.\d+$/, "must be an exact version such as 1.2.3 (no range, no v prefix): every chart is pinned");
const chartRepository = z.string().regex(/^(https|oci):\/\/[^\s]+$/, "must be an https:// or oci:// chart repository URL");
/** An image by digest: what runs is what was reviewed, whatever happens to the tag. */
const imageByDigest = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._\-/:]*[a-z0-9](:[\w][\w.-]{0,127})?@sha256:[0-9a-f]{64}$/,
    "must be an image pinned by digest, such as registry.example.com/node:24-alpine@sha256:<64 hex digits>",
  );

/**
 * `poolside-kubernetes-<env>`: what Poolside's reference architecture runs inside the cluster,
 * installed after the Poolside stack and reading its outputs from that stack's state.
 */
const poolsideKubernetes = z
  .object({
    /** Create the `poolside-kubernetes-<env>` stack (the section's presence alone does not). */
    enabled: z.boolean().default(true),
    /** Chart versions, each pinned. */
    charts: z
      .object({
        /** The AWS Load Balancer Controller (1.13-1.17 or 3.0-3.5: the releases whose published policy its role carries). */
        awsLoadBalancerController: chartVersion.default(CHART_VERSION_DEFAULTS.awsLoadBalancerController),
        /** The External Secrets Operator (2.x: its `external-secrets.io/v1` ClusterSecretStore). */
        externalSecrets: chartVersion
          .refine((v) => Number(v.split(".")[0]) >= 1, "must be 1.0.0 or later: the stack writes external-secrets.io/v1 stores")
          .default(POOLSIDE_CHART_VERSION_DEFAULTS.externalSecrets),
        /** NVIDIA's GPU Operator, installed when `poolside.gpuNodeGroup` is set (NVIDIA's versions carry a `v`). */
        gpuOperator: z
          .string()
          .regex(/^v\d+\.\d+\.\d+$/, "must be an exact NVIDIA chart version such as v26.7.0 (with its v, no range)")
          .default(POOLSIDE_CHART_VERSION_DEFAULTS.gpuOperator),
      })
      .strict()
      .default({}),
    /** Chart sources; point them at a mirror for clusters without internet access. */
    repositories: z
      .object({
        /** Where the AWS Load Balancer Controller's chart comes from. */
        awsLoadBalancerController: chartRepository.default(CHART_REPOSITORY_DEFAULTS.awsLoadBalancerController),
        /** Where the External Secrets Operator's chart comes from. */
        externalSecrets: chartRepository.default(CHART_REPOSITORY_DEFAULTS.externalSecrets),
        /** Where NVIDIA's GPU Operator chart comes from. */
        nvidia: chartRepository.default(CHART_REPOSITORY_DEFAULTS.nvidia),
      })
      .strict()
      .default({}),
    /** Poolside's own chart, from the repository and version Poolside gives you (required: nothing is guessed). */
    application: z
      .object({
        /** The chart repository Poolside gives you access to. */
        repository: chartRepository,
        /** The chart's name in it. */
        chart: z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, "must be a chart name: lowercase letters, digits and hyphens"),
        /** Its exact version. */
        version: chartVersion,
        /**
         * Values for Poolside's chart, merged over what the stack passes under `platform` (the database
         * secret's and settings' names, the bucket, the parameter path, the repositories): map them to the
         * keys Poolside's chart reads.
         */
        values: z.record(z.unknown()).default({}),
      })
      .strict(),
    /**
     * Labels of the GitHub Actions runner that plans and deploys this stack: it must reach
     * the cluster's API, which GitHub-hosted runners cannot when the endpoint is private.
     */
    ciRunsOn: noRepeats(z.array(z.string().regex(/^[A-Za-z0-9_.-]+$/, "must be a runner label (letters, digits, _ . -)")).min(1)).default(() => [
      "ubuntu-latest",
    ]),
  })
  .strict();

const poolside = z
  .object({
    /**
     * Deployment name: repositories are `poolside-<deployment>-<image>`, parameters
     * live under `/poolside/deployment/<deployment>`. IMPORTANT: changing it replaces
     * the repositories, the bucket's default name and the roles.
     */
    deploymentName: z
      .string()
      .regex(
        /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/,
        "must be 2-32 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen",
      ),
    /** Prefix of role names ([deployment-prefix] in Poolside's docs); left out: `poolside-<deployment>`. */
    rolePrefix: z
      .string()
      .regex(/^[a-zA-Z][a-zA-Z0-9_-]*$/, "must start with a letter and hold only letters, digits, hyphens and underscores")
      .optional(),
    /** EKS cluster name; left out: `poolside-<deployment>`. IMPORTANT: changing it replaces the cluster. */
    clusterName: checked(clusterNameProblem, clusterNameFormat).optional(),
    /** Data bucket; left out: `poolside-<deployment>-<account id>`. IMPORTANT: changing it replaces the bucket. */
    bucketName: bucketName.optional(),
    /** The tag every resource of the stack carries and the deployer's permissions are gated on. */
    ownershipTag: ownershipTag.default(POOLSIDE_OWNERSHIP_TAG),
    /** Where the cluster runs: a new VPC (`mode: create`) or yours (`mode: existing`). */
    network: network.default({ mode: "create" }),
    /** The EKS cluster: version, API endpoint access, admins, node group, addons. */
    eks: eks.default({}),
    /** The control plane's CloudWatch logs. */
    logs: logs.default({}),
    /** How the pod and load balancer controller roles are bound: IRSA (Poolside's reference) or EKS Pod Identity. */
    workloadIdentity: z.enum(["irsa", "pod-identity"], { errorMap: () => ({ message: 'must be "irsa" or "pod-identity"' }) }).default("irsa"),
    /** The SSM-only bastion (no SSH, no public address) that reaches the private API endpoint. */
    bastion: z
      .object({
        /** x86_64 or Graviton: the bastion's Amazon Linux image follows the architecture. */
        instanceType: checked(
          instanceTypeProblem,
          z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an EC2 instance type such as t3.medium"),
        ).default(BASTION_DEFAULTS.instanceType),
        /** Root volume, in GiB. */
        volumeSizeGiB: z.number().int().min(8, "must be at least 8 GiB").max(1024).default(BASTION_DEFAULTS.volumeSizeGiB),
        /** One-minute CloudWatch metrics (costs extra). */
        detailedMonitoring: z.boolean().default(BASTION_DEFAULTS.detailedMonitoring),
        /**
         * The bastion's EKS access entry: Poolside's tooling installs charts from it, so cluster
         * admin by default; `none` leaves it without one.
         */
        clusterAccess: z
          .enum(["none", ...EKS_ACCESS_POLICIES], { errorMap: () => ({ message: `must be "none" or one of ${EKS_ACCESS_POLICIES.join(", ")}` }) })
          .default("AmazonEKSClusterAdminPolicy"),
        /**
         * Managed policies for the deployment tooling on the bastion. This is where
         * the generated, tag-gated deployer policy goes, in place of Poolside's
         * "extensive permissions on *".
         */
        deployerPolicyArns: z
          .array(z.string().regex(/^arn:aws(-cn|-us-gov)?:iam::(\d{12}|aws):policy\/[\w+=,.@/-]+$/, "must be a managed policy ARN"))
          .max(
            BASTION_EXTRA_POLICIES_MAX,
            `at most ${BASTION_EXTRA_POLICIES_MAX}: the role already has AmazonSSMManagedInstanceCore and IAM allows ${MANAGED_POLICIES_PER_ROLE} managed policies per role`,
          )
          .default([]),
      })
      .strict()
      .default({}),
    /** The deployment's ECR repositories (immutable tags, scanned on push, KMS-encrypted). */
    ecr: z
      .object({
        /** Images, each a repository `poolside-<deployment>-<name>`. */
        repositories: z.array(repositoryName).min(1, "needs at least one repository").default(["core-api", "web-assistant", "inference"]),
        /** Images kept per repository; older ones expire. */
        keepLastImages: z.number().int().min(1).max(10000).default(ECR_KEEP_LAST_IMAGES),
      })
      .strict()
      .default({}),
    /** Where the deployment tooling reads the stack's outputs; must stay under `/poolside/deployment/`. Left out: `/poolside/deployment/<deployment>`. */
    parameterPath: z
      .string()
      .regex(
        /^\/poolside\/deployment(\/[a-zA-Z0-9_.-]+)+$/,
        "must be /poolside/deployment/<name>[/<name>...]: segments of letters, digits, _ . - and no trailing /",
      )
      .optional(),
    /**
     * A managed node group of NVIDIA GPU nodes for Poolside's models, beside the general one,
     * tainted so only pods that tolerate it land there. Left out: none.
     */
    gpuNodeGroup: z
      .object({
        /** GPU instance types (p4d, p5, g5, g6, ...); one architecture. */
        instanceTypes: noRepeats(
          z
            .array(
              checked(
                instanceTypeProblem,
                z.string().regex(GPU_INSTANCE_TYPE, "must be an NVIDIA GPU instance type (g4dn, g5, g6, g6e, gr6, p4d, p4de, p5, p5e, p5en ...)"),
              ),
            )
            .min(1, "needs at least one GPU instance type"),
        ),
        /** The EKS-optimized NVIDIA image. */
        amiType: z
          .enum(GPU_AMI_TYPES, { errorMap: () => ({ message: `must be one of ${GPU_AMI_TYPES.join(", ")}` }) })
          .default("AL2023_x86_64_NVIDIA"),
        /** `ON_DEMAND` (for p5-class, in a capacity reservation or block) or `SPOT`. */
        capacityType: z.enum(["ON_DEMAND", "SPOT"]).default("ON_DEMAND"),
        /** 0 lets the group scale to nothing when no model runs. */
        minSize: z.number().int().min(0).default(0),
        /** Most GPU nodes. */
        maxSize: z.number().int().min(1).max(450).default(2),
        /** GPU nodes at creation. */
        desiredSize: z.number().int().min(0).default(0),
        /** Model images and weights are large. */
        volumeSizeGiB: z.number().int().min(50, "must be at least 50 GiB").max(16384).default(200),
        /** One-minute CloudWatch metrics for the GPU nodes (costs extra). */
        detailedMonitoring: z.boolean().default(false),
        /** Kubernetes taints on the GPU nodes; the default keeps pods that do not tolerate it off them. */
        taints: z
          .array(
            z
              .object({
                /** The taint's key. */
                key: kubernetesKey("taint"),
                /** Its value; left out: none. */
                value: kubernetesValue(0).optional(),
                /** What it does to pods that do not tolerate it. */
                effect: z.enum(["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"], {
                  errorMap: () => ({ message: 'must be "NO_SCHEDULE", "NO_EXECUTE" or "PREFER_NO_SCHEDULE"' }),
                }),
              })
              .strict(),
          )
          .max(50, "EKS allows at most 50 taints on a node group")
          .superRefine((taints, ctx) => {
            taints.forEach((t, i) => {
              if (taints.findIndex((o) => o.key === t.key && o.effect === t.effect) !== i) {
                ctx.addIssue({
                  code: z.ZodIssueCode.custom,
                  path: [i],
                  message: "repeats the key and effect of an earlier taint, which Kubernetes refuses",
                });
              }
            });
          })
          .default(() => [{ key: "nvidia.com/gpu", value: "true", effect: "NO_SCHEDULE" as const }]),
        /**
         * Run the group in reserved capacity: an On-Demand Capacity Reservation (by id, or by a
         * resource group of them) or a Capacity Block for ML (by id). p5-class instances are
         * rarely available on demand otherwise. Left out: none.
         */
        capacityReservation: z
          .object({
            /** `on-demand`: an On-Demand Capacity Reservation; `capacity-block`: a Capacity Block for ML. */
            type: z.enum(["on-demand", "capacity-block"], { errorMap: () => ({ message: 'must be "on-demand" or "capacity-block"' }) }),
            /** The reservation's id (cr-...). */
            id: z
              .string()
              .regex(/^cr-[0-9a-f]{8,17}$/, "must be a capacity reservation id such as cr-0123456789abcdef0")
              .optional(),
            /** `on-demand` only: a resource group of reservations, by ARN, instead of one id. */
            resourceGroupArn: z
              .string()
              .regex(
                /^arn:aws(-cn|-us-gov)?:resource-groups:[a-z0-9-]+:\d{12}:group\/[\w.-]+$/,
                "must be a resource group ARN (arn:aws:resource-groups:<region>:<account>:group/<name>)",
              )
              .optional(),
            /** What the reservation is for: the group's only instance type must be this one (required for a Capacity Block). */
            instanceType: z
              .string()
              .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an EC2 instance type such as p5.48xlarge")
              .optional(),
            /** The reservation's Availability Zone: the group then runs in that zone's private subnet only (required with an id). */
            availabilityZone: z
              .string()
              .regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, "must be an Availability Zone name such as eu-west-1a")
              .optional(),
          })
          .strict()
          .optional(),
        /** Kubernetes labels on the GPU nodes. */
        labels: z
          .record(kubernetesKey("label"), kubernetesValue(1))
          .refine((labels) => Object.keys(labels).length <= 50, "EKS allows at most 50 labels on a node group")
          .default({}),
      })
      .strict()
      .optional(),
    /**
     * Attach to an EKS cluster you already run (by name) instead of creating network, cluster
     * and bastion: only roles, repositories, parameters, bucket and key are created. With
     * IRSA, the cluster's IAM OIDC provider must exist.
     */
    existingCluster: z
      .object({
        /** The cluster's name. */
        name: checked(clusterNameProblem, clusterNameFormat),
      })
      .strict()
      .optional(),
    /** S3 server access logs of the deployment's bucket, into `<bucket>-logs` (SSE-S3: logging cannot write SSE-KMS). Left out: none. */
    bucketAccessLogs: z
      .object({
        /** Days the access logs are kept. */
        retentionDays: z.number().int().min(1).max(3650).default(365),
      })
      .strict()
      .optional(),
    /**
     * Poolside's PostgreSQL on RDS: in the stack's private subnets, reachable on 5432 from the
     * cluster's nodes only, encrypted with the deployment's key, its master password kept by RDS in
     * Secrets Manager (never in Terraform's state), IAM authentication on.
     */
    database: z
      .object({
        /** `create` a database, use an `existing` one (its endpoint and secret), or `none`. */
        mode: z.enum(["create", "existing", "none"], { errorMap: () => ({ message: 'must be "create", "existing" or "none"' }) }).default("create"),
        /** PostgreSQL major version (RDS applies minor versions). IMPORTANT: a major upgrade is a planned change. */
        engineVersion: z
          .enum(POSTGRES_MAJOR_VERSIONS, { errorMap: () => ({ message: `must be one of ${POSTGRES_MAJOR_VERSIONS.join(", ")}` }) })
          .default(DEFAULT_POSTGRES_MAJOR_VERSION),
        /** The RDS instance class. */
        instanceClass: z
          .string()
          .regex(/^db\.[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an RDS instance class such as db.m7g.large")
          .default(DATABASE_DEFAULTS.instanceClass),
        /** Storage at creation, in GiB (gp3). */
        allocatedStorageGiB: z.number().int().min(20, "must be at least 20 GiB").max(65536).default(DATABASE_DEFAULTS.allocatedStorageGiB),
        /** Storage autoscaling ceiling, in GiB: at least allocatedStorageGiB. */
        maxAllocatedStorageGiB: z.number().int().min(20).max(65536).default(DATABASE_DEFAULTS.maxAllocatedStorageGiB),
        /** A standby in a second Availability Zone. Left out: on in production, off elsewhere. */
        multiAz: z.boolean().optional(),
        /** Days of automated backups (at least 7 in production). */
        backupRetentionDays: z
          .number()
          .int()
          .min(1, "must be at least 1: 0 turns backups off")
          .max(35)
          .default(DATABASE_DEFAULTS.backupRetentionDays),
        /** RDS refuses to delete the database while on. Left out: on in production and staging, off elsewhere. */
        deletionProtection: z.boolean().optional(),
        /** With `existingCluster` and `mode: create`: the VPC the database goes in (yours). */
        vpcId: z
          .string()
          .regex(/^vpc-[0-9a-f]{8,17}$/, "must be a VPC id such as vpc-0123456789abcdef0")
          .optional(),
        /** With `existingCluster` and `mode: create`: two or more private subnets, in different Availability Zones. */
        subnetIds: noRepeats(z.array(z.string().regex(/^subnet-[0-9a-f]{8,17}$/, "must be a subnet id such as subnet-0123456789abcdef0"))).optional(),
        /** With `existingCluster` and `mode: create`: the security groups of the nodes that may reach the database on 5432. */
        clientSecurityGroupIds: noRepeats(
          z.array(z.string().regex(/^sg-[0-9a-f]{8,17}$/, "must be a security group id such as sg-0123456789abcdef0")),
        ).optional(),
        /** `mode: existing`: the database's endpoint (host:port). */
        endpoint: z
          .string()
          .regex(/^[a-zA-Z0-9.-]+:\d{2,5}$/, "must be host:port, such as db.example.internal:5432")
          .optional(),
        /** `mode: existing`: the Secrets Manager secret holding its credentials. */
        secretArn: z
          .string()
          .regex(/^arn:aws(-cn|-us-gov)?:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@!-]+$/, "must be a Secrets Manager secret ARN")
          .optional(),
      })
      .strict()
      .default({}),
    /** The Kubernetes side (`poolside-kubernetes-<env>`): the load balancer controller, External Secrets, the GPU Operator, Poolside's chart. Left out: none. */
    kubernetes: poolsideKubernetes.optional(),
    /** The model checkpoints Poolside's inference pods read (`poolside-models/inference`, read only). */
    models: z
      .object({
        /** Key prefix in the deployment's bucket. */
        prefix: z
          .string()
          // No * or ?: in the policy's resource they would be wildcards reaching other keys of the bucket.
          .regex(
            /^([a-zA-Z0-9!_.'()-]+\/)+$/,
            "must be a key prefix of folder names ending in / (models/ or checkpoints/llm/), without a leading / or * or ?",
          )
          .default("models/"),
      })
      .strict()
      .default({}),
    /** Amazon Bedrock access for Poolside's customization role. */
    bedrock: z
      .object({
        /** Foundation models the application may invoke and customize. */
        foundationModelIds: z.array(bedrockModelId).default([]),
        /**
         * Cross-region (system-defined) inference profiles the application may invoke: many
         * current models are offered only through them. Exact ids, like the models.
         */
        inferenceProfileIds: noRepeats(z.array(inferenceProfileId)).default([]),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((p, ctx) => {
    for (const problem of databaseProblems(p.database, !!p.existingCluster)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["database", problem.field], message: problem.message });
    }
    if (p.existingCluster && p.clusterName !== undefined && p.clusterName !== p.existingCluster.name) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["clusterName"],
        message: `differs from existingCluster.name "${p.existingCluster.name}"; leave clusterName out with an existing cluster`,
      });
    }
  });

/** What is wrong with a Poolside database section beyond each field's own checks. */
function databaseProblems(
  database: { mode: string; allocatedStorageGiB: number; maxAllocatedStorageGiB: number; [field: string]: unknown },
  existingCluster: boolean,
): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  const given = (field: string) => database[field] !== undefined;
  if (database.maxAllocatedStorageGiB < database.allocatedStorageGiB) {
    problems.push({
      field: "maxAllocatedStorageGiB",
      message: `is below allocatedStorageGiB (${database.allocatedStorageGiB}); storage autoscaling needs a higher ceiling`,
    });
  }
  if (database.mode === "existing") {
    for (const field of ["endpoint", "secretArn"]) if (!given(field)) problems.push({ field, message: 'is required with mode "existing"' });
  } else {
    for (const field of ["endpoint", "secretArn"]) if (given(field)) problems.push({ field, message: 'is for mode "existing" only' });
  }
  const placed = ["vpcId", "subnetIds", "clientSecurityGroupIds"];
  if (database.mode === "create" && existingCluster && !placed.some(given)) {
    problems.push({
      field: "mode",
      message:
        'is "create" (the default), which beside an existing cluster needs vpcId, subnetIds and clientSecurityGroupIds; ' +
        'or set mode "existing" with endpoint and secretArn, or "none"',
    });
  } else if (database.mode === "create" && existingCluster) {
    for (const field of placed) if (!given(field)) problems.push({ field, message: "is required to create the database beside an existing cluster" });
    if (Array.isArray(database.subnetIds) && database.subnetIds.length < 2) {
      problems.push({ field: "subnetIds", message: "needs at least two subnets, in different Availability Zones (RDS requires it)" });
    }
  } else {
    for (const field of placed)
      if (given(field))
        problems.push({ field, message: 'is for mode "create" with existingCluster only (otherwise the stack\'s own subnets and nodes are used)' });
  }
  return problems;
}

const kmsKeyArn = z
  .string()
  .regex(
    /^arn:aws(-cn|-us-gov)?:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    "must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<uuid>), not an alias",
  );

/** An exact chart version: the stack pins every chart it installs. */
const iometeKubernetes = z
  .object({
    /** Create the `iomete-kubernetes-<env>` stack (the section's presence alone does not). */
    enabled: z.boolean().default(true),
    /** Chart versions, each checked against what the stack's code was written for. */
    charts: z
      .object({
        /** IOMETE's `data-plane-base` chart. */
        dataPlaneBase: chartVersion.default(CHART_VERSION_DEFAULTS.dataPlaneBase),
        /**
         * Karpenter 1.6, 1.8 or 1.11 (v1 API, controller in kube-system with Pod Identity): its role follows
         * the policy Karpenter publishes for that release (modules/data/karpenter-iam.json).
         */
        karpenter: chartVersion
          .refine(
            (v) => Number(v.split(".")[0]) >= 1,
            "must be 1.0.0 or later: the data plane's Karpenter roles are for the v1 controller in kube-system",
          )
          .default(CHART_VERSION_DEFAULTS.karpenter),
        /** Istio's charts (base, istiod, gateway). */
        istio: chartVersion.default(CHART_VERSION_DEFAULTS.istio),
        /**
         * The AWS Load Balancer Controller's chart (1.13-1.17 or 3.0-3.5: the releases whose published IAM policy its
         * role carries), installed with Istio: it serves the ingress gateway as a Network Load Balancer.
         */
        awsLoadBalancerController: chartVersion.default(CHART_VERSION_DEFAULTS.awsLoadBalancerController),
      })
      .strict()
      .default({}),
    /** Chart sources; point them at a mirror for clusters without internet access. */
    repositories: z
      .object({
        /** Where IOMETE's charts come from. */
        iomete: chartRepository.default(CHART_REPOSITORY_DEFAULTS.iomete),
        /** Where Karpenter's chart comes from (an OCI registry). */
        karpenter: chartRepository.default(CHART_REPOSITORY_DEFAULTS.karpenter),
        /** Where Istio's charts come from. */
        istio: chartRepository.default(CHART_REPOSITORY_DEFAULTS.istio),
        /** Where the AWS Load Balancer Controller's chart comes from. */
        awsLoadBalancerController: chartRepository.default(CHART_REPOSITORY_DEFAULTS.awsLoadBalancerController),
      })
      .strict()
      .default({}),
    /** Install Istio (base, istiod, the `istio-ingress` gateway); IOMETE's control plane reaches the data plane through it. */
    istio: z
      .object({
        /** false: no Istio (IOMETE's control plane then needs another way in). */
        enabled: z.boolean().default(true),
        /**
         * Who reaches the `istio-ingress` gateway, a Network Load Balancer the AWS Load Balancer Controller makes
         * (never the in-tree controller's internet-facing Classic Load Balancer open to 0.0.0.0/0).
         */
        gateway: z
          .object({
            /**
             * `internal` (the default): in the private subnets, reachable from the VPC and what it routes to (peering, VPN,
             * Transit Gateway), which is how IOMETE's control plane must then reach it. `internet-facing`: in the public
             * subnets, reachable only from `allowedCidrs`.
             */
            scheme: z
              .enum(["internal", "internet-facing"], { errorMap: () => ({ message: 'must be "internal" or "internet-facing"' }) })
              .default("internal"),
            /**
             * Ranges that may reach the gateway (its security group's rules): required when internet-facing (list IOMETE's
             * control plane and your users); internal, left out: the VPC's CIDR.
             */
            allowedCidrs: noRepeats(
              z.array(cidr).max(20, "at most 20 ranges (three rules each in the gateway's security group); summarize them"),
            ).default([]),
          })
          .strict()
          .default({}),
      })
      .strict()
      .default({}),
    /**
     * The Spark webhook's certificates, made inside the cluster by two short Jobs (no key in Terraform's
     * state): the Jobs' image, Node 20 or later, pinned by digest (a mirror of it where the cluster cannot
     * reach Docker Hub).
     */
    webhookCertificates: z
      .object({
        /** The Jobs' image: any image with Node 20 or later as `node` (the program needs no package), by digest. */
        image: imageByDigest.default(WEBHOOK_CERTIFICATES_IMAGE_DEFAULT),
      })
      .strict()
      .default({}),
    /** Karpenter's controller and its one NodePool, where IOMETE's Spark workloads run. */
    karpenter: z
      .object({
        /** Controller replicas, each on its own managed node; left out: 2, or 1 when the node group's minSize is 1. */
        replicas: z.number().int().min(1).max(3).optional(),
        /**
         * Karpenter's nodes get AmazonSSMManagedInstanceCore, as the node role Karpenter publishes has: an operator reaches
         * them through Session Manager (no SSH, no open port). false: no shell on them.
         */
        sessionManager: z.boolean().default(true),
        /** The NodePool's limits and requirements. */
        nodePool: z
          .object({
            /** Most vCPUs all of Karpenter's nodes may have together. */
            cpuLimit: z.number().int().min(1).max(100000).default(NODE_POOL_DEFAULTS.cpuLimit),
            /** Most memory, in GiB, all of Karpenter's nodes may have together. */
            memoryLimitGiB: z.number().int().min(1).max(1000000).default(NODE_POOL_DEFAULTS.memoryLimitGiB),
            /** `on-demand`, `spot` or both (Karpenter prefers spot when both are allowed). */
            capacityTypes: noRepeats(
              z.array(z.enum(["on-demand", "spot"], { errorMap: () => ({ message: 'must be "on-demand" or "spot"' }) })).min(1),
            ).default(() => [...NODE_POOL_DEFAULTS.capacityTypes]),
            /** EC2 instance categories (`c`, `m`, `r`, ...). */
            instanceCategories: noRepeats(z.array(z.string().regex(/^[a-z]{1,3}$/, "must be an instance category such as c, m or r")).min(1)).default(
              () => [...NODE_POOL_DEFAULTS.instanceCategories],
            ),
            /** CPU architectures: `amd64`, `arm64` (Graviton) or both. */
            architectures: noRepeats(
              z.array(z.enum(["amd64", "arm64"], { errorMap: () => ({ message: 'must be "amd64" or "arm64"' }) })).min(1),
            ).default(() => [...NODE_POOL_DEFAULTS.architectures]),
            /** Nodes are replaced after this many hours (new AMIs, no drift). */
            expireAfterHours: z.number().int().min(1).max(8760).default(NODE_POOL_DEFAULTS.expireAfterHours),
            /** Root volume of each node, in GiB. */
            volumeSizeGiB: z.number().int().min(20, "must be at least 20 GiB").max(16384).default(NODE_POOL_DEFAULTS.volumeSizeGiB),
            /** AMI alias (`al2023@latest`, or pinned: `al2023@v20251120`). */
            amiAlias: z
              .string()
              .regex(
                /^(al2023|al2|bottlerocket)@(latest|v\d{8}|\d+\.\d+\.\d+)$/,
                "must be an AMI alias family@version: al2023@latest, al2023@v20251120, bottlerocket@1.30.0",
              )
              .default(NODE_POOL_DEFAULTS.amiAlias),
          })
          .strict()
          .default({}),
      })
      .strict()
      .default({}),
    /** A default gp3 StorageClass on the EBS CSI driver, encrypted (new EKS clusters have no default). */
    defaultStorageClass: z.boolean().default(true),
    /**
     * Labels of the GitHub Actions runner that plans and deploys this stack: it must reach
     * the cluster's API, which GitHub-hosted runners cannot when the endpoint is private.
     */
    ciRunsOn: noRepeats(z.array(z.string().regex(/^[A-Za-z0-9_.-]+$/, "must be a runner label (letters, digits, _ . -)")).min(1)).default(() => [
      "ubuntu-latest",
    ]),
  })
  .strict();

const iomete = z
  .object({
    /** EKS cluster name; most other names derive from it. IMPORTANT: changing it replaces the cluster. */
    clusterName: checked(clusterNameProblem, clusterNameFormat),
    /** Lakehouse data bucket (globally unique). IMPORTANT: changing it replaces the bucket. */
    lakehouseBucketName: bucketName,
    /** Assets bucket; left out: `<clusterName>-assets-<account id>`. */
    assetsBucketName: bucketName.optional(),
    /** The tag every resource of the stack carries and the deployer's permissions are gated on. */
    ownershipTag: ownershipTag.default(IOMETE_OWNERSHIP_TAG),
    /** Where the cluster runs: a new VPC (`mode: create`) or yours (`mode: existing`). */
    network: network.default({ mode: "create" }),
    /** The EKS cluster: version, API endpoint access, admins, node group, addons. */
    eks: eks.default({}),
    /** The control plane's CloudWatch logs. */
    logs: logs.default({}),
    /**
     * Service accounts of `iomete-system` the lakehouse role trusts. Left out: in production only
     * `lakehouse-service-account`, the one IOMETE's base chart annotates and its Spark drivers and
     * executors run under; elsewhere `["*"]`, IOMETE's own pattern (every service account of the
     * namespace). `["*"]` in production is a choice the security report names.
     */
    lakehouseServiceAccounts: z
      .array(z.string().regex(/^(\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$/, 'must be "*" or a Kubernetes service-account name'))
      .min(1)
      .optional(),
    /** Days after which objects in the assets bucket expire (IOMETE: 180). */
    assetsExpirationDays: z.number().int().min(1).max(36500, "must be at most 36500 (100 years)").default(180),
    /**
     * The lakehouse bucket exists already (IOMETE's module requires one): the stack creates
     * nothing for it and grants the lakehouse role on it by name, and on its key when given.
     */
    existingLakehouseBucket: z
      .object({
        /** The key of the bucket's SSE-KMS encryption, if customer-managed. */
        kmsKeyArn: kmsKeyArn.optional(),
      })
      .strict()
      .optional(),
    /**
     * The customer-managed key of the account's default EBS encryption, if any: the node
     * roles, Karpenter and the EBS CSI driver may use it (its key policy must let IAM decide,
     * and let AWSServiceRoleForAutoScaling use it for the managed node group).
     */
    ebsKmsKeyArn: kmsKeyArn.optional(),
    /** What IOMETE's module installs inside the cluster, as the stack `iomete-kubernetes-<env>`; left out: not installed. */
    kubernetes: iometeKubernetes.optional(),
  })
  .strict();

const provisioner = z
  .object({
    /**
     * GitHub Actions as the CI principal: the deployer roles trust GitHub's OIDC
     * provider for this repository and GitHub environment only.
     */
    github: z
      .object({
        /** `<owner>/<repository>` on GitHub. */
        repository: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "must be <owner>/<repository>"),
        /** GitHub environment whose jobs may deploy; left out: the environment's name. */
        environment: z
          .string()
          .regex(/^[A-Za-z0-9_.-]+$/, "must be a GitHub environment name")
          .optional(),
        /** Create the account's GitHub OIDC provider (one per account); false when it exists already. */
        createOidcProvider: z.boolean().default(true),
        /** The branch the deploy workflow runs on: its plans use the read-only plan roles, as pull requests do. */
        deployBranch: z
          .string()
          .regex(/^[A-Za-z0-9_./-]+$/, "must be a branch name")
          .default("main"),
      })
      .strict()
      .optional(),
    /** People (IAM roles or users) who may assume the deployer roles; in production only with MFA. */
    humanPrincipalArns: noRepeats(z.array(iamArn)).default([]),
    /**
     * The account's IAM quota "Managed policies per role": 10 unless raised in Service Quotas (at most 20).
     * The deployer and planner policies are split to fit it; raise the quota before this.
     */
    managedPoliciesPerRole: z
      .number()
      .int()
      .min(MANAGED_POLICIES_PER_ROLE, `must be at least ${MANAGED_POLICIES_PER_ROLE}, IAM's default quota`)
      .max(MANAGED_POLICIES_PER_ROLE_MAX, `must be at most ${MANAGED_POLICIES_PER_ROLE_MAX}, the most IAM's quota can be raised to`)
      .default(MANAGED_POLICIES_PER_ROLE),
    /**
     * Prefix of the per-role boundary policies the provisioner creates when permissionsBoundaryArn
     * is not set (`<prefix>-<role name>`). @default none: `<role name>-boundary`
     */
    boundaryPolicyName: z
      .string()
      .regex(/^[\w+=,.@-]{1,63}$/, "must be an IAM policy name prefix of at most 63 characters")
      .optional(),
    /**
     * An Organizations SCP for the account's OU that denies creating the vendor's
     * resources without the ownership tag and removing the tag. Deployed with the
     * management account's credentials (`roleArn`).
     */
    scp: z
      .object({
        /** OUs, accounts or the root the SCP is attached to. */
        targetIds: z
          .array(
            z
              .string()
              .regex(/^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|\d{12}|r-[0-9a-z]{4,32})$/, "must be an OU id (ou-...), account id or root id (r-...)"),
          )
          .min(1),
        /** The organization's management account, where SCPs are managed. */
        managementAccountId: accountId,
        /** Role in the management account that may manage SCPs. */
        roleArn: iamArn,
        /**
         * The organization's id (o-...): also attach a resource control policy by which only
         * principals of the organization (and AWS services) may assume the stacks' roles, so a
         * trust policy the deployer rewrote cannot hand a role to another account.
         * @default none: no RCP
         */
        organizationId: z
          .string()
          .regex(/^o-[a-z0-9]{10,32}$/, "must be an organization id (o-...)")
          .optional(),
        /**
         * With `organizationId`: also attach the data perimeter resource control policy to the targets: the
         * S3 buckets, KMS keys, SQS queues, Secrets Manager secrets and roles (STS) of their accounts answer only
         * the organization's principals and AWS services, over TLS. Closes what IAM cannot: a bucket or key
         * policy the deployer rewrote to grant another account. It applies to every resource of those
         * accounts, not only the stacks'. @default false
         */
        dataPerimeter: z.boolean().default(false),
      })
      .strict()
      .optional(),
    /**
     * Turn on S3 Block Public Access for the whole account (all four settings), from this stack: no
     * bucket of the account, the stacks' included, can then be made public by its policy or ACLs,
     * whatever a deployer writes. At most one environment per account. @default false
     */
    blockPublicS3Access: z.boolean().default(false),
  })
  .strict();

const stateBackend = z
  .object({
    /** State bucket; left out: `tfstate-<account id>-<region>`. */
    bucket: bucketName.optional(),
    /** DynamoDB lock table. */
    lockTable: z
      .string()
      .regex(/^[a-zA-Z0-9_.-]{3,255}$/, "must be 3-255 characters of letters, digits, _ . -")
      .default("terraform-state-locks"),
    /** Region of the bucket and table; left out, the environment's region. */
    region: region.optional(),
    /** Prefix of every state key: `<keyPrefix>/<stack id>/terraform.tfstate`. */
    keyPrefix: z
      .string()
      .regex(/^[a-zA-Z0-9_./-]*$/, "may hold only letters, digits and _ . / -")
      .default(""),
    /**
     * Also take S3 native lock files (`use_lockfile`, Terraform >= 1.10) next to
     * the DynamoDB lock, for the migration off DynamoDB locking.
     */
    useLockfile: z.boolean().default(false),
    /**
     * Keep the bootstrap stack's own state in the bucket it created. Turn on
     * after the first bootstrap, then `cdktf deploy --migrate-state`.
     */
    bootstrapStateInBucket: z.boolean().default(false),
  })
  .strict();

export const environmentSchema = z
  .object({
    /** Short lowercase name; stack ids end with it. */
    name: z.string().regex(/^[a-z][a-z0-9-]{0,19}$/, "must be 1-20 characters: lowercase letters, digits and hyphens, starting with a letter"),
    /**
     * The environment's posture: `production` (people need MFA, an open API endpoint is an
     * error, deployed last), `staging` (the deployer cannot delete) or `development`.
     * Left out only when the name says it (see KIND_NAMES in config/environment-kind.ts).
     */
    kind: z.enum(ENVIRONMENT_KINDS).optional(),
    /** The AWS account and region the environment's stacks deploy into; the provider refuses any other account. */
    account: z
      .object({
        /** The 12-digit account id. */
        id: accountId,
        /** The region. */
        region,
      })
      .strict(),
    /** Extra tags for every resource of every stack of this environment. */
    tags: tagMap.default({}),
    /**
     * Managed policy every role the stacks create gets as its permissions boundary.
     * Left out, the provisioner stack creates one (`<env>-workload-boundary`) and that is used.
     */
    permissionsBoundaryArn: z
      .string()
      .regex(
        /^arn:aws(-cn|-us-gov)?:iam::\d{12}:policy\/[\w+=,.@/-]+$/,
        "must be a customer-managed policy ARN (arn:aws:iam::<account>:policy/<name>)",
      )
      .optional(),
    /** Where Terraform keeps the stacks' state: an S3 bucket and a DynamoDB lock table per account and region. */
    stateBackend: stateBackend.default({}),
    /** The IOMETE data plane; left out, no IOMETE stack for this environment. */
    iomete: iomete.optional(),
    /** Poolside's self-managed deployment; left out, no Poolside stack for this environment. */
    poolside: poolside.optional(),
    /** Who deploys: the deployer roles of the provisioner stack. */
    provisioner: provisioner.default({}),
  })
  .strict();

/** What a user writes: defaults may be left out. */
export type EnvironmentInput = z.input<typeof environmentSchema>;
/** What the schema returns, before names that depend on other fields are filled in. */
export type ParsedEnvironment = z.output<typeof environmentSchema>;
export type CreateNetworkConfig = z.output<typeof createNetwork>;
export type ExistingNetworkConfig = z.output<typeof existingNetwork>;
export type NetworkConfig = z.output<typeof network>;
export type EksConfig = z.output<typeof eks>;
export type NodeGroupConfig = z.output<typeof nodeGroup>;
export type LogsConfig = z.output<typeof logs>;
export type IometeKubernetesConfig = z.output<typeof iometeKubernetes>;
export type PoolsideKubernetesConfig = z.output<typeof poolsideKubernetes>;
export type OwnershipTag = z.output<typeof ownershipTag>;

/** The state backend with every default filled in. */
export interface StateBackendConfig extends Omit<z.output<typeof stateBackend>, "bucket" | "region"> {
  readonly bucket: string;
  readonly region: string;
}

export interface IometeConfig extends Omit<z.output<typeof iomete>, "assetsBucketName" | "lakehouseServiceAccounts"> {
  readonly assetsBucketName: string;
  readonly lakehouseServiceAccounts: string[];
}

export interface PoolsideConfig extends Omit<z.output<typeof poolside>, "rolePrefix" | "clusterName" | "bucketName" | "parameterPath"> {
  readonly rolePrefix: string;
  readonly clusterName: string;
  readonly bucketName: string;
  readonly parameterPath: string;
}

export type ProvisionerConfig = z.output<typeof provisioner>;

/** A validated environment with every default and derived name filled in. */
export interface EnvironmentConfig extends Omit<ParsedEnvironment, "kind" | "stateBackend" | "iomete" | "poolside" | "permissionsBoundaryArn"> {
  /** The posture: as configured, or as the name says. */
  readonly kind: EnvironmentKind;
  /**
   * The boundary every role gets when the config names one. Left out, the provisioner
   * generates one per role (`roleBoundaryArn` in config/naming.ts): exactly that role's
   * declared permissions, so nobody who can rewrite the role's policies gets more.
   */
  readonly permissionsBoundaryArn?: string;
  readonly stateBackend: StateBackendConfig;
  readonly iomete?: IometeConfig;
  readonly poolside?: PoolsideConfig;
  /** Where the environment came from, for error messages: `built-in` or a file path. */
  readonly source: string;
}
