import { EnvironmentInput } from "../schema";

/**
 * Example production environment: three zones with a NAT gateway each, private
 * API endpoint only, a generated permissions boundary per role, a year of logs.
 */
export const prod: EnvironmentInput = {
  name: "prod",
  account: { id: "333333333333", region: "eu-west-1" },
  tags: { Environment: "prod", CostCenter: "platform" },
  iomete: {
    clusterName: "iomete-prod",
    lakehouseBucketName: "example-iomete-prod-lakehouse",
    network: { mode: "create", vpcCidr: "10.30.0.0/16", azCount: 3, natMode: "per-az" },
    eks: {
      endpointPublicAccess: false,
      // The private API answers the VPN's range (and the CI runners in it).
      operatorAccess: { cidrs: ["10.200.0.0/16"] },
      clusterAdminArns: ["arn:aws:iam::333333333333:role/platform-admin"],
      nodeGroup: { instanceTypes: ["t3a.xlarge", "m6a.xlarge"], minSize: 2, desiredSize: 3, maxSize: 6, detailedMonitoring: true },
    },
    logs: { enabled: true, retentionDays: 365 },
    // The account encrypts EBS volumes by default with this key: the nodes, Karpenter and the EBS CSI driver may use it.
    ebsKmsKeyArn: "arn:aws:kms:eu-west-1:333333333333:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
    // What IOMETE installs inside the cluster: the iomete-kubernetes-prod stack, deployed after the data plane.
    kubernetes: {
      karpenter: { nodePool: { cpuLimit: 400, memoryLimitGiB: 1600 } },
      // CI plans and deploys it from a runner inside the VPC: the API endpoint is private.
      ciRunsOn: ["self-hosted", "linux", "iomete-prod"],
    },
  },
  poolside: {
    deploymentName: "prod",
    // Zones listed: the GPU group runs in its capacity reservation's zone, found by this order.
    network: { mode: "create", vpcCidr: "10.31.0.0/16", azCount: 3, availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"], natMode: "per-az" },
    eks: {
      endpointPublicAccess: false,
      // The private API answers the VPN's range (and the CI runners in it).
      operatorAccess: { cidrs: ["10.200.0.0/16"] },
      clusterAdminArns: ["arn:aws:iam::333333333333:role/platform-admin"],
      // Metrics for autoscaling, volume snapshots, and Container Insights (on its own role).
      addons: ["metrics-server", "snapshot-controller", "amazon-cloudwatch-observability"],
      nodeGroup: { instanceTypes: ["m6a.2xlarge"], minSize: 2, desiredSize: 3, maxSize: 6, detailedMonitoring: true },
    },
    // NVIDIA nodes for Poolside's models, scaled from zero; only pods tolerating nvidia.com/gpu land there. p5 capacity is
    // bought ahead: the group launches into an On-Demand Capacity Reservation for p5.48xlarge in eu-west-1a.
    gpuNodeGroup: {
      instanceTypes: ["p5.48xlarge"],
      maxSize: 2,
      volumeSizeGiB: 500,
      capacityReservation: { type: "on-demand", id: "cr-0a1b2c3d4e5f60789", instanceType: "p5.48xlarge", availabilityZone: "eu-west-1a" },
    },
    // Who read and wrote what in the deployment's bucket, kept a year.
    bucketAccessLogs: { retentionDays: 365 },
    workloadIdentity: "pod-identity",
    bastion: { detailedMonitoring: true },
    bedrock: {
      foundationModelIds: ["anthropic.claude-3-5-sonnet-20240620-v1:0", "amazon.titan-embed-text-v2:0"],
      // Invoked only through the EU cross-region profile.
      inferenceProfileIds: ["eu.anthropic.claude-3-7-sonnet-20250219-v1:0"],
    },
    // What Poolside runs inside its cluster: the poolside-kubernetes-prod stack, deployed after poolside-prod.
    kubernetes: {
      // Poolside's chart, from the registry and version Poolside gives the team.
      application: { repository: "oci://registry.poolside.example/charts", chart: "poolside", version: "1.0.0" },
      // CI plans and deploys it from a runner that reaches the cluster's API.
      ciRunsOn: ["self-hosted", "linux", "poolside-prod"],
    },
  },
  provisioner: {
    github: { repository: "example-org/platform-stacks" },
    humanPrincipalArns: ["arn:aws:iam::333333333333:role/platform-admin"],
  },
};
