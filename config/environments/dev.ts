import { EnvironmentInput } from "../schema";

/** Example development environment: small, two zones, one NAT gateway, API reachable from one office range. */
export const dev: EnvironmentInput = {
  name: "dev",
  account: { id: "111111111111", region: "eu-west-1" },
  tags: { Environment: "dev", CostCenter: "platform" },
  iomete: {
    clusterName: "iomete-dev",
    lakehouseBucketName: "example-iomete-dev-lakehouse",
    network: { mode: "create", vpcCidr: "10.10.0.0/16", azCount: 2, natMode: "single" },
    eks: {
      endpointPublicAccess: true,
      // TEST-NET-3 stands in for the operator's office or VPN egress range.
      publicAccessCidrs: ["203.0.113.0/24"],
      clusterAdminArns: ["arn:aws:iam::111111111111:role/platform-admin"],
      nodeGroup: { minSize: 1, desiredSize: 1, maxSize: 3 },
    },
    logs: { enabled: true, retentionDays: 30 },
    // What IOMETE installs inside the cluster: the iomete-kubernetes-dev stack, deployed after the data plane.
    kubernetes: {
      // CI plans and deploys it from a runner that reaches the API (the endpoint admits one office range).
      ciRunsOn: ["self-hosted", "linux", "iomete-dev"],
    },
  },
  poolside: {
    deploymentName: "dev",
    network: { mode: "create", vpcCidr: "10.11.0.0/16", azCount: 2, natMode: "single" },
    eks: {
      endpointPublicAccess: true,
      publicAccessCidrs: ["203.0.113.0/24"],
      clusterAdminArns: ["arn:aws:iam::111111111111:role/platform-admin"],
    },
    bedrock: { foundationModelIds: ["anthropic.claude-3-5-sonnet-20240620-v1:0"] },
    // What Poolside runs inside its cluster: the poolside-kubernetes-dev stack, deployed after poolside-dev.
    kubernetes: {
      // Poolside's chart, from the registry and version Poolside gives the team.
      application: { repository: "oci://registry.poolside.example/charts", chart: "poolside", version: "1.0.0" },
      // CI plans and deploys it from a runner that reaches the cluster's API.
      ciRunsOn: ["self-hosted", "linux", "poolside-dev"],
    },
  },
  provisioner: {
    github: { repository: "example-org/platform-stacks" },
    humanPrincipalArns: ["arn:aws:iam::111111111111:role/platform-admin"],
  },
};
