import { DEFAULT_EKS_VERSION } from "../../config/aws";
import { eksNames, iometeNames } from "../../config/naming";
import { CONTROL_PLANE_LOG_DEFAULTS, NODE_GROUP_DEFAULTS } from "../../config/defaults";
import { EksCluster } from "../../modules/eks-cluster";
import { builtIn, policy, resource, resources, statement, synthJson, testStack, validate } from "../support/helpers";
import { eksCluster } from "./fixtures";

function synth(overrides: Parameters<typeof eksCluster>[1] = {}) {
  const stack = testStack();
  const eks = eksCluster(stack, overrides);
  return { json: synthJson(stack), eks };
}

describe("EksCluster", () => {
  it("encrypts secrets with its own rotating key under alias/eks/<cluster>", () => {
    const { json } = synth();
    const cluster = resource(json, "aws_eks_cluster");
    expect(cluster.encryption_config).toEqual({
      resources: ["secrets"],
      provider: { key_arn: expect.stringMatching(/aws_kms_key\.eks_encryption_key_\w+\.arn/) },
    });
    expect(resource(json, "aws_kms_key")).toMatchObject({
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      description: "demo cluster encryption key",
    });
    expect(resource(json, "aws_kms_alias").name).toBe("alias/eks/demo");
  });

  it("ships audit, api and authenticator logs to an encrypted log group with retention, created first", () => {
    const { json } = synth();
    const cluster = resource(json, "aws_eks_cluster");
    expect(cluster.enabled_cluster_log_types).toEqual(["api", "audit", "authenticator"]);
    const logGroup = resource(json, "aws_cloudwatch_log_group");
    expect(logGroup).toMatchObject({ name: "/aws/eks/demo/cluster", retention_in_days: 90, kms_key_id: expect.stringMatching(/aws_kms_key/) });
    expect(cluster.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_cloudwatch_log_group\./)]));
    const logsGrant = statement(resource(json, "aws_kms_key").policy, "ControlPlaneLogEncryption");
    expect(logsGrant.Principal).toEqual({ Service: "logs.eu-west-1.amazonaws.com" });
    expect(logsGrant.Condition).toEqual({
      ArnEquals: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/eks/demo/cluster" },
    });
  });

  it("creates no log group and no log types when logging is off", () => {
    const { json } = synth({ controlPlaneLogs: { enabled: false, retentionDays: 90 } });
    expect(resources(json, "aws_cloudwatch_log_group")).toHaveLength(0);
    expect(resource(json, "aws_eks_cluster").enabled_cluster_log_types).toEqual([]);
    expect(policy(resource(json, "aws_kms_key").policy).Statement).toHaveLength(1);
  });

  it("limits the public endpoint to the given CIDRs and keeps the private one", () => {
    const { json } = synth();
    expect(resource(json, "aws_eks_cluster").vpc_config).toMatchObject({
      endpoint_private_access: true,
      endpoint_public_access: true,
      public_access_cidrs: ["203.0.113.0/24"],
      subnet_ids: ["subnet-01", "subnet-02", "subnet-03"],
    });
  });

  it("uses access entries (API mode) for the admins", () => {
    const { json } = synth();
    expect(resource(json, "aws_eks_cluster").access_config).toEqual({
      authentication_mode: "API",
      bootstrap_cluster_creator_admin_permissions: false,
    });
    expect(resource(json, "aws_eks_access_entry", "admin")).toMatchObject({
      principal_arn: "arn:aws:iam::123456789012:role/admin",
      type: "STANDARD",
    });
    expect(resource(json, "aws_eks_access_policy_association")).toMatchObject({
      policy_arn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
      access_scope: { type: "cluster" },
    });
  });

  it("creates the IAM OIDC provider for the issuer with the STS audience", () => {
    const { json, eks } = synth();
    expect(resource(json, "aws_iam_openid_connect_provider")).toMatchObject({
      url: expect.stringMatching(/aws_eks_cluster\.eks_\w+\.identity\[0\]\.oidc\[0\]\.issuer/),
      client_id_list: ["sts.amazonaws.com"],
    });
    expect(Object.values(json.locals!)[0]).toMatch(/^\$\{replace\(aws_eks_cluster\.eks_\w+\.identity\[0\]\.oidc\[0\]\.issuer, "https:\/\/", ""\)\}$/);
    expect(eks.oidcIssuerHost).toBeDefined();
  });

  it("runs the node group <cluster>-ng over every private subnet with IMDSv2 and encrypted volumes", () => {
    const { json } = synth();
    const group = resource(json, "aws_eks_node_group");
    expect(group).toMatchObject({
      node_group_name: "demo-ng",
      subnet_ids: ["subnet-01", "subnet-02", "subnet-03"],
      instance_types: ["t3a.xlarge"],
      capacity_type: "ON_DEMAND",
      scaling_config: { min_size: 1, max_size: 3, desired_size: 1 },
      lifecycle: { ignore_changes: ["scaling_config[0].desired_size"] },
    });
    const template = resource(json, "aws_launch_template");
    expect(template.metadata_options).toMatchObject({ http_tokens: "required", http_put_response_hop_limit: 2 });
    expect(template.block_device_mappings).toEqual([
      { device_name: "/dev/xvda", ebs: { volume_size: 100, volume_type: "gp3", encrypted: "true", delete_on_termination: "true" } },
    ]);
    expect(template.key_name).toBeUndefined();
    expect(template.tag_specifications.map((t: any) => t.resource_type)).toEqual(["instance", "volume", "network-interface"]);
    expect(template.tag_specifications[0].tags).toEqual({ "iomete.com/managed": "true", Name: "demo-ng" });
  });

  it("gives the node security group the discovery tag and no inbound rule from outside", () => {
    const { json } = synth();
    expect(resource(json, "aws_security_group").tags).toEqual({ Name: "demo-node", "karpenter.sh/discovery": "demo" });
    for (const rule of resources(json, "aws_vpc_security_group_ingress_rule")) {
      expect(rule.cidr_ipv4).toBeUndefined();
      expect(rule.referenced_security_group_id).toBeDefined();
    }
  });

  it("lets nodes in the node group alone (Karpenter's) reach the API server on 443", () => {
    const { json } = synth();
    expect(resource(json, "aws_vpc_security_group_ingress_rule", "cluster_ingress_nodes_https")).toMatchObject({
      security_group_id: expect.stringMatching(/aws_eks_cluster\.eks_\w+\.vpc_config\[0\]\.cluster_security_group_id/),
      referenced_security_group_id: expect.stringMatching(/aws_security_group\.eks_node_security_group_\w+\.id/),
      ip_protocol: "tcp",
      from_port: 443,
      to_port: 443,
    });
  });

  it("runs Graviton node groups on the arm64 AMI", () => {
    const nodeGroup = {
      instanceTypes: ["m7g.xlarge", "c7gn.large"],
      capacityType: "ON_DEMAND" as const,
      minSize: 1,
      maxSize: 2,
      desiredSize: 1,
      volumeSizeGiB: 50,
      volumeType: "gp3",
      detailedMonitoring: false,
    };
    expect(resource(synth({ nodeGroup }).json, "aws_eks_node_group").ami_type).toBe("AL2023_ARM_64_STANDARD");
    expect(resource(synth().json, "aws_eks_node_group").ami_type).toBe("AL2023_x86_64_STANDARD");
  });

  it("installs the five addons, with the CNI and EBS CSI drivers on their own IRSA roles", () => {
    const { json } = synth({ addonVersions: { coredns: "v1.11.4-eksbuild.2" } });
    const addons = Object.fromEntries(resources(json, "aws_eks_addon").map((a) => [a.addon_name, a]));
    expect(Object.keys(addons).sort()).toEqual(["aws-ebs-csi-driver", "coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
    expect(addons["vpc-cni"]).toMatchObject({
      resolve_conflicts_on_create: "OVERWRITE",
      service_account_role_arn: expect.stringMatching(/vpc_cni_role/),
    });
    expect(addons["aws-ebs-csi-driver"].service_account_role_arn).toMatch(/ebs_csi_role/);
    expect(addons.coredns.addon_version).toBe("v1.11.4-eksbuild.2");
    expect(addons.coredns.depends_on).toEqual([expect.stringMatching(/^aws_eks_node_group\./)]);
    const roles = resources(json, "aws_iam_role").map((r) => r.name);
    expect(roles).toEqual(expect.arrayContaining(["AmazonEKS_EBS_CSI_DriverRole-demo", "demo-vpc-cni-role"]));
    const cniTrust = policy(resource(json, "aws_iam_role", "vpc_cni").assume_role_policy).Statement[0];
    expect(Object.values(cniTrust.Condition.StringEquals)).toContain("system:serviceaccount:kube-system:aws-node");
  });

  it("keeps the CNI policy off the node role", () => {
    const { json } = synth();
    const nodeAttachments = resources(json, "aws_iam_role_policy_attachment").filter((a) => a.role.includes("eks_node_role"));
    expect(nodeAttachments.map((a) => a.policy_arn).sort()).toEqual([
      "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
      "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    ]);
  });

  it("puts the permissions boundary on every role it creates", () => {
    const boundary = "arn:aws:iam::123456789012:policy/boundary";
    const { json } = synth({ permissionsBoundaryArn: boundary });
    const roles = resources(json, "aws_iam_role");
    expect(roles).toHaveLength(4);
    for (const role of roles) expect(role.permissions_boundary).toBe(boundary);
  });

  it("lets extra node roles join through an EC2_LINUX access entry", () => {
    const stack = testStack();
    const eks = eksCluster(stack);
    eks.grantNodeAccess("extra_nodes", "arn:aws:iam::123456789012:role/extra");
    expect(resource(synthJson(stack), "aws_eks_access_entry", "extra_nodes")).toMatchObject({
      type: "EC2_LINUX",
      principal_arn: "arn:aws:iam::123456789012:role/extra",
    });
  });

  it("names everything after the given names", () => {
    const names = iometeNames("demo");
    const { json } = synth();
    expect(resource(json, "aws_iam_role", "cluster_role").name).toBe(names.clusterRole);
    expect(resource(json, "aws_iam_role", "node_role").name).toBe(names.nodeRole);
  });

  it("fails on a public endpoint without CIDRs, too few subnets and bad sizes, all at once", () => {
    expect(() =>
      eksCluster(testStack(), {
        publicAccessCidrs: [],
        subnetIds: ["subnet-01"],
        nodeGroup: {
          instanceTypes: [],
          capacityType: "ON_DEMAND",
          minSize: 3,
          maxSize: 2,
          desiredSize: 1,
          volumeSizeGiB: 20,
          volumeType: "gp3",
          detailedMonitoring: false,
        },
      }),
    ).toThrow(
      /EksCluster test\/eks: subnetIds: EKS needs at least two subnets in different zones \(got 1\); publicAccessCidrs: must list CIDRs when endpointPublicAccess is true; nodeGroup\.instanceTypes: needs at least one instance type; nodeGroup: sizes must satisfy minSize <= desiredSize <= maxSize \(got 3, 1, 2\)/,
    );
  });
});

describe("EksCluster defaults", () => {
  /** An EksCluster given only what it requires (and `extra`). */
  const lean = (extra: Partial<ConstructorParameters<typeof EksCluster>[2]> = {}) => {
    const stack = testStack();
    new EksCluster(stack, "eks", {
      clusterName: "lean",
      target: { partition: "aws", region: "eu-west-1", account: "123456789012" },
      vpcId: "vpc-0123456789abcdef0",
      subnetIds: ["subnet-01", "subnet-02"],
      instanceTags: {},
      ...extra,
    });
    return synthJson(stack);
  };

  it("needs only a name, a target, the network and the instance tags: the rest comes from the defaults (t3a.xlarge, 1-3 nodes, 90 days of logs) and eksNames", () => {
    const json = lean();
    const group = resource(json, "aws_eks_node_group");
    expect(group).toMatchObject({
      node_group_name: eksNames("lean").nodeGroup,
      // Literals, not the constants they come from: a changed default must show here.
      instance_types: ["t3a.xlarge"],
      capacity_type: "ON_DEMAND",
      scaling_config: { min_size: 1, max_size: 3, desired_size: 1 },
    });
    expect(resource(json, "aws_eks_cluster")).toMatchObject({
      version: DEFAULT_EKS_VERSION,
      vpc_config: { endpoint_public_access: false },
      access_config: { bootstrap_cluster_creator_admin_permissions: false },
    });
    expect(resource(json, "aws_cloudwatch_log_group").retention_in_days).toBe(90);
    expect(resources(json, "aws_eks_access_entry")).toEqual([]);
  });

  it("takes node-group fields one by one: a given field wins, the others keep their defaults", () => {
    expect(resource(lean({ nodeGroup: { maxSize: 7, desiredSize: undefined } }), "aws_eks_node_group").scaling_config).toEqual({
      min_size: 1,
      max_size: 7,
      desired_size: 1,
    });
  });

  it("and the config schema fills in the same values when a config leaves them out", () => {
    const [env] = validate({
      ...builtIn("dev"),
      iomete: { ...builtIn("dev").iomete, eks: { clusterAdminArns: ["arn:aws:iam::111111111111:role/admin"] }, logs: {} },
    });
    expect(env.iomete!.eks.nodeGroup).toEqual(NODE_GROUP_DEFAULTS);
    expect(env.iomete!.logs).toEqual(CONTROL_PLANE_LOG_DEFAULTS);
  });
});
