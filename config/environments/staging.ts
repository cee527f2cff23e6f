import { EnvironmentInput } from "../schema";

/** Example staging environment: production's shape at a smaller size; already taking S3 lock files next to DynamoDB. */
export const staging: EnvironmentInput = {
  name: "staging",
  account: { id: "222222222222", region: "eu-west-1" },
  tags: { Environment: "staging", CostCenter: "platform" },
  stateBackend: { useLockfile: true },
  iomete: {
    clusterName: "iomete-staging",
    lakehouseBucketName: "example-iomete-staging-lakehouse",
    network: { mode: "create", vpcCidr: "10.20.0.0/16", azCount: 3, natMode: "single" },
    eks: {
      endpointPublicAccess: true,
      publicAccessCidrs: ["203.0.113.0/24"],
      clusterAdminArns: ["arn:aws:iam::222222222222:role/platform-admin"],
    },
    logs: { enabled: true, retentionDays: 90 },
    // What IOMETE installs inside the cluster: the iomete-kubernetes-staging stack, deployed after the data plane.
    kubernetes: {
      // CI plans and deploys it from a runner that reaches the API (the endpoint admits one office range).
      ciRunsOn: ["self-hosted", "linux", "iomete-staging"],
    },
  },
  poolside: {
    deploymentName: "staging",
    network: { mode: "create", vpcCidr: "10.21.0.0/16", azCount: 3, natMode: "single" },
    eks: {
      endpointPublicAccess: true,
      publicAccessCidrs: ["203.0.113.0/24"],
      clusterAdminArns: ["arn:aws:iam::222222222222:role/platform-admin"],
    },
    bedrock: { foundationModelIds: ["anthropic.claude-3-5-sonnet-20240620-v1:0", "amazon.titan-embed-text-v2:0"] },
    // What Poolside runs inside its cluster: the poolside-kubernetes-staging stack, deployed after poolside-staging.
    kubernetes: {
      // Poolside's chart, from the registry and version Poolside gives the team.
      application: { repository: "oci://registry.poolside.example/charts", chart: "poolside", version: "1.0.0" },
      // CI plans and deploys it from a runner that reaches the cluster's API.
      ciRunsOn: ["self-hosted", "linux", "poolside-staging"],
    },
  },
  provisioner: {
    github: { repository: "example-org/platform-stacks" },
    // Staging's Poolside deployer keeps one policy slot for the one attached once deployed: with the database and the
    // Kubernetes side it needs 11. The account's IAM quota "Managed policies per role" is raised to 12 (Service Quotas).
    managedPoliciesPerRole: 12,
  },
};
