import { Testing } from "cdktf";
import { EnvironmentConfig } from "../../config";
import { IometeDataPlaneStack } from "../../stacks/iomete-data-plane-stack";
import loadBalancerControllerPolicy from "../../modules/data/aws-load-balancer-controller-iam-policy.json";
import { LOAD_BALANCER_CONTROLLER_POLICY_NAME } from "../../modules/load-balancer-controller";
import { PROJECT_VERSION } from "../../lib/project-version";
import { builtIn, builtInConfig, policy, problemsOf, resource, resources, statement, synthJson, validate } from "../support/helpers";

function synthEnv(env: EnvironmentConfig) {
  const app = Testing.app();
  const stack = new IometeDataPlaneStack(app, `iomete-data-plane-${env.name}`, { environment: env });
  return { text: Testing.synth(stack), json: synthJson(stack) };
}

const IOMETE_OUTPUTS = [
  "eks_update_kubeconfig_command",
  "cluster_arn",
  "cluster_endpoint",
  "cluster_certificate_authority_data",
  "cluster_name",
  "cluster_oidc_issuer_url",
  "cluster_platform_version",
  "cluster_status",
  "cluster_primary_security_group_id",
  "nat_public_ips",
];

describe.each(["dev", "staging", "prod"] as const)("IOMETE data plane, %s", (name) => {
  const env = builtInConfig(name);
  const iomete = env.iomete!;
  const cluster = iomete.clusterName;
  const { text, json } = synthEnv(env);

  it("matches the reviewed snapshot", () => {
    expect(text).toMatchSnapshot();
  });

  it("tags every taggable resource with IOMETE's four ownership tags through default_tags", () => {
    expect(json.provider!.aws[0]).toMatchObject({
      region: "eu-west-1",
      allowed_account_ids: [env.account.id],
      default_tags: [
        {
          tags: {
            ...env.tags,
            "iomete.com/managed": "true",
            "iomete.com/cluster_name": cluster,
            "iomete.com/terraform": "true",
            "iomete.com/terraform_module_version": PROJECT_VERSION,
          },
        },
      ],
    });
    // Instances launched by the node group are outside default_tags: the launch template carries the tags.
    for (const spec of resource(json, "aws_launch_template").tag_specifications) {
      expect(spec.tags["iomete.com/managed"]).toBe("true");
    }
  });

  it("keeps its state in the S3 backend under its own key, encrypted, with the DynamoDB lock", () => {
    expect(json.terraform.backend).toEqual({
      s3: {
        bucket: env.stateBackend.bucket,
        key: `iomete-data-plane-${name}/terraform.tfstate`,
        region: "eu-west-1",
        encrypt: true,
        kms_key_id: `arn:aws:kms:eu-west-1:${env.account.id}:alias/terraform-state-tfstate-${env.account.id}-eu-west-1`,
        dynamodb_table: "terraform-state-locks",
        ...(env.stateBackend.useLockfile ? { use_lockfile: true } : {}),
      },
    });
  });

  it("uses IOMETE's names", () => {
    expect(resource(json, "aws_eks_cluster").name).toBe(cluster);
    expect(resource(json, "aws_eks_node_group").node_group_name).toBe(`${cluster}-ng`);
    expect(resource(json, "aws_sqs_queue").name).toBe(`Karpenter-${cluster}`);
    expect(resource(json, "aws_cloudwatch_log_group").name).toBe(`/aws/eks/${cluster}/cluster`);
    const roleNames = resources(json, "aws_iam_role").map((r) => r.name);
    expect(roleNames).toEqual(expect.arrayContaining([`${cluster}-lakehouse-role`, `AmazonEKS_EBS_CSI_DriverRole-${cluster}`]));
    const bucketNames = resources(json, "aws_s3_bucket").map((b) => b.bucket);
    expect(bucketNames.sort()).toEqual([iomete.assetsBucketName, iomete.lakehouseBucketName].sort());
    const aliases = resources(json, "aws_kms_alias").map((a) => a.name);
    expect(aliases).toContain(`alias/eks/${cluster}`);
  });

  it("encrypts both buckets with the storage key, versions the lakehouse, expires assets after 180 days", () => {
    for (const config of resources(json, "aws_s3_bucket_server_side_encryption_configuration")) {
      expect(config.rule[0].apply_server_side_encryption_by_default).toEqual({
        sse_algorithm: "aws:kms",
        kms_master_key_id: expect.stringMatching(/aws_kms_key\.storage_key_\w+\.arn/),
      });
    }
    expect(resource(json, "aws_s3_bucket_versioning").bucket).toMatch(/lakehouse_bucket/);
    const assetsRules = resource(json, "aws_s3_bucket_lifecycle_configuration", "assets").rule;
    expect(assetsRules.find((r: any) => r.id === "expire-objects").expiration).toEqual([{ days: 180 }]);
    for (const key of resources(json, "aws_kms_key")) expect(key.enable_key_rotation).toBe(true);
  });

  it("lets the lakehouse role reach only the two buckets and their key, from iomete-system's lakehouse service account (production) or any (IOMETE's pattern)", () => {
    const role = resource(json, "aws_iam_role", "lakehouse_role");
    const [trust] = policy(role.assume_role_policy).Statement;
    expect(trust.Principal).toEqual({ Federated: expect.stringMatching(/aws_iam_openid_connect_provider\.eks_oidc_provider_\w+\.arn/) });
    if (env.kind === "production") {
      expect(trust.Condition.StringLike).toBeUndefined();
      expect(Object.values(trust.Condition.StringEquals)).toEqual(
        expect.arrayContaining(["sts.amazonaws.com", "system:serviceaccount:iomete-system:lakehouse-service-account"]),
      );
    } else {
      expect(Object.values(trust.Condition.StringLike)).toEqual(["system:serviceaccount:iomete-system:*"]);
      expect(Object.values(trust.Condition.StringEquals)).toEqual(["sts.amazonaws.com"]);
    }
    const buckets = resource(json, "aws_iam_role_policy", "LakehouseBuckets").policy;
    const arns = [iomete.lakehouseBucketName, iomete.assetsBucketName].map((b) => `arn:aws:s3:::${b}`);
    expect(["LakehouseObjects", "AssetsObjects"].map((sid) => statement(buckets, sid).Resource)).toEqual(arns.map((a) => `${a}/*`));
    expect(["LakehouseList", "AssetsList"].map((sid) => statement(buckets, sid).Resource)).toEqual(arns);
    const key = statement(resource(json, "aws_iam_role_policy", "LakehouseKey").policy, "UseStorageKey");
    expect(key.Action).not.toContain("kms:*");
    expect(key.Resource).toMatch(/aws_kms_key\.storage_key_\w+\.arn/);
    // The grant writes both sides: the key policy names the role for the same actions, once for both buckets.
    const keyUsers = statement(resource(json, "aws_kms_key", /^storage_key/).policy, "KeyUsers");
    expect(keyUsers).toMatchObject({ Principal: { AWS: expect.stringMatching(/aws_iam_role\.lakehouse_role_\w+\.arn/) }, Action: key.Action });
  });

  it("has the EBS CSI driver tag its volumes and snapshots with the stack's ownership and cluster tags, which its boundary requires", () => {
    const addon = resources(json, "aws_eks_addon").find((a) => a.addon_name === "aws-ebs-csi-driver")!;
    expect(JSON.parse(addon.configuration_values)).toEqual({
      controller: { extraVolumeTags: { "iomete.com/managed": "true", "iomete.com/cluster_name": iomete.clusterName } },
    });
  });

  it('allows "*" resources only in the statements whose actions support no scoping', () => {
    const allowedWildcards = new Set(["RegionalReadActions", "PricingRead", "ListInstanceProfiles"]);
    for (const rolePolicy of resources(json, "aws_iam_role_policy")) {
      // The controller's published policy, kept unchanged (proven in test/stacks/poolside-stack.test.ts).
      if (rolePolicy.name === LOAD_BALANCER_CONTROLLER_POLICY_NAME) continue;
      for (const s of policy(rolePolicy.policy).Statement) {
        if ([].concat(s.Resource).includes("*" as never)) expect(allowedWildcards).toContain(s.Sid);
      }
    }
  });

  it("outputs IOMETE's ten outputs and what the Helm installs need", () => {
    expect(Object.keys(json.output!)).toEqual(expect.arrayContaining(IOMETE_OUTPUTS));
    expect(Object.keys(json.output!)).toEqual(
      expect.arrayContaining([
        "oidc_provider_arn",
        "karpenter_queue_name",
        "karpenter_node_instance_profile_name",
        "karpenter_node_role_arn",
        "lakehouse_role_arn",
        "lakehouse_bucket_name",
        "assets_bucket_name",
        "storage_kms_key_arn",
        "cluster_kms_key_arn",
      ]),
    );
    expect(json.output!.eks_update_kubeconfig_command.value).toBe(`aws eks update-kubeconfig --region eu-west-1 --name ${cluster}`);
    expect(json.output!.karpenter_queue_name.value).toBe(`Karpenter-${cluster}`);
    expect(json.output!.karpenter_node_class_tags.value).toEqual({ "karpenter.sh/discovery": cluster });
  });

  it("puts every role under its own generated boundary", () => {
    for (const role of resources(json, "aws_iam_role"))
      expect(role.permissions_boundary).toBe(`arn:aws:iam::${env.account.id}:policy/${role.name}-boundary`);
  });
});

describe("IOMETE data plane, per-environment differences", () => {
  it("gives Karpenter's nodes Session Manager unless iomete.kubernetes.karpenter.sessionManager is false", () => {
    const ssmOn = (env: EnvironmentConfig) =>
      resources(synthEnv(env).json, "aws_iam_role_policy_attachment").some(
        (a) => /karpenter_node_role/.test(a.role) && a.policy_arn.endsWith("/AmazonSSMManagedInstanceCore"),
      );
    const off = builtIn("dev");
    off.iomete.kubernetes.karpenter = { ...off.iomete.kubernetes.karpenter, sessionManager: false };
    expect([ssmOn(builtInConfig("dev")), ssmOn(validate(off)[0])]).toEqual([true, false]);
  });

  it("prod: private API endpoint, three NAT gateways, a generated boundary on each of the eight roles", () => {
    const { json } = synthEnv(builtInConfig("prod"));
    expect(resource(json, "aws_eks_cluster").vpc_config).toMatchObject({ endpoint_public_access: false });
    expect(resource(json, "aws_eks_cluster").vpc_config.public_access_cidrs).toBeUndefined();
    expect(resources(json, "aws_nat_gateway")).toHaveLength(3);
    const roles = resources(json, "aws_iam_role");
    expect(roles).toHaveLength(8);
    expect(roles.every((r) => r.permissions_boundary === `arn:aws:iam::333333333333:policy/${r.name}-boundary`)).toBe(true);
  });

  it("makes the AWS Load Balancer Controller's role only when the Kubernetes side installs Istio's gateway, bound by Pod Identity", () => {
    const roleNames = (env: EnvironmentConfig) => resources(synthEnv(env).json, "aws_iam_role").map((r) => r.name);
    expect(roleNames(builtInConfig("dev"))).toContain("iomete-dev-aws-load-balancer-controller");
    const association = resources(synthEnv(builtInConfig("dev")).json, "aws_eks_pod_identity_association").find(
      (a) => a.service_account === "aws-load-balancer-controller",
    );
    expect(association).toMatchObject({ namespace: "kube-system", role_arn: expect.stringMatching(/load_balancer_controller_role/) });
    // The controller's published policy, unchanged (its bytes are checked in test/stacks/poolside-stack.test.ts).
    const carried = resource(synthEnv(builtInConfig("dev")).json, "aws_iam_role_policy", "AWSLoadBalancerControllerIAMPolicy");
    expect(policy(carried.policy).Statement).toEqual(loadBalancerControllerPolicy.Statement);
    const input = builtIn("dev");
    input.iomete.kubernetes.istio = { enabled: false };
    expect(roleNames(validate(input)[0])).not.toContain("iomete-dev-aws-load-balancer-controller");
    delete input.iomete.kubernetes;
    expect(roleNames(validate(input)[0])).not.toContain("iomete-dev-aws-load-balancer-controller");
  });

  it("puts every role under the configured boundary when the config names one", () => {
    const input = builtIn("prod");
    input.permissionsBoundaryArn = "arn:aws:iam::333333333333:policy/corporate-boundary";
    const { json } = synthEnv(validate(input)[0]);
    expect(resources(json, "aws_iam_role").map((r) => r.permissions_boundary)).toEqual(
      Array(8).fill("arn:aws:iam::333333333333:policy/corporate-boundary"),
    );
  });

  it("dev: two zones, one NAT gateway, API open to the configured range only", () => {
    const { json } = synthEnv(builtInConfig("dev"));
    expect(resources(json, "aws_subnet")).toHaveLength(4);
    expect(resources(json, "aws_nat_gateway")).toHaveLength(1);
    expect(resource(json, "aws_eks_cluster").vpc_config.public_access_cidrs).toEqual(["203.0.113.0/24"]);
  });

  it("staging: S3 lock files next to the DynamoDB lock", () => {
    const { json } = synthEnv(builtInConfig("staging"));
    expect(json.terraform.backend!.s3).toMatchObject({ use_lockfile: true, dynamodb_table: "terraform-state-locks" });
  });

  it("existing-VPC mode creates no network and runs the cluster in the given subnets", () => {
    const input = builtIn("dev");
    input.iomete.network = {
      mode: "existing",
      vpcId: "vpc-0123456789abcdef0",
      privateSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
      publicSubnetIds: ["subnet-0bbbbbbbbbbbbbbb1"],
    };
    const { json } = synthEnv(validate(input)[0]);
    expect(resources(json, "aws_vpc")).toHaveLength(0);
    expect(resource(json, "aws_eks_cluster").vpc_config.subnet_ids).toEqual(["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"]);
    expect(resource(json, "aws_security_group").vpc_id).toBe("vpc-0123456789abcdef0");
    expect(json.output!.nat_public_ips.value).toEqual([]);
    expect(resources(json, "aws_ec2_tag").filter((t) => t.key === "karpenter.sh/discovery")).toHaveLength(2);
  });

  it("tags the node security group kubernetes.io/cluster/<cluster> = owned, as IOMETE's module does, and nodes carry only it", () => {
    const { json } = synthEnv(builtInConfig("dev"));
    expect(resource(json, "aws_security_group", "node_security_group").tags).toMatchObject({ "kubernetes.io/cluster/iomete-dev": "owned" });
    // Two groups with the tag on one node break Kubernetes' load balancers; EKS tags its cluster group so.
    expect(resource(json, "aws_launch_template").vpc_security_group_ids).toEqual([
      expect.stringMatching(/aws_security_group\.eks_node_security_group/),
    ]);
  });

  it("prod: lets the node roles, Karpenter and the EBS CSI driver use the account's EBS key, and no other role", () => {
    const { json } = synthEnv(builtInConfig("prod"));
    const key = "arn:aws:kms:eu-west-1:333333333333:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    const holders = resources(json, "aws_iam_role_policy")
      .filter((p) => p.name === "EbsEncryptionKey")
      .map((p) => /aws_iam_role\.(\w+?)_[0-9A-F]{8}\./.exec(p.role)![1])
      .sort();
    expect(holders).toEqual(["eks_ebs_csi_role", "eks_node_role", "karpenter_controller_role", "karpenter_node_role"]);
    const statements = policy(resources(json, "aws_iam_role_policy").find((p) => p.name === "EbsEncryptionKey")!.policy).Statement;
    expect(statements.map((s) => s.Resource)).toEqual([key, key]);
    expect(statements[1]).toMatchObject({
      Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
      Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    });
  });

  it("with an existing lakehouse bucket, creates nothing for it and grants the lakehouse role on it by name, and on its key", () => {
    const input = builtIn("dev");
    input.iomete.existingLakehouseBucket = { kmsKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b" };
    const { json } = synthEnv(validate(input)[0]);
    expect(resources(json, "aws_s3_bucket").map((b) => b.bucket)).toEqual(["iomete-dev-assets-111111111111"]);
    const buckets = resource(json, "aws_iam_role_policy", "LakehouseBuckets").policy;
    expect(statement(buckets, "LakehouseObjects")).toMatchObject({
      Resource: "arn:aws:s3:::example-iomete-dev-lakehouse/*",
      Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectVersion", "s3:DeleteObjectVersion"],
    });
    expect(statement(buckets, "LakehouseList").Resource).toBe("arn:aws:s3:::example-iomete-dev-lakehouse");
    expect(statement(resource(json, "aws_iam_role_policy", "LakehouseKey").policy, "UseLakehouseBucketKey")).toMatchObject({
      Resource: input.iomete.existingLakehouseBucket.kmsKeyArn,
      Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
    });
    expect(json.output!.lakehouse_bucket_name.value).toBe("example-iomete-dev-lakehouse");
  });

  it.each<[string, (iomete: any) => void, RegExp]>([
    [
      "an alias for the EBS key",
      (i) => (i.ebsKmsKeyArn = "arn:aws:kms:eu-west-1:111111111111:alias/ebs"),
      /iomete\.ebsKmsKeyArn: .* must be a KMS key ARN/,
    ],
    [
      "an EBS key in another region",
      (i) => (i.ebsKmsKeyArn = "arn:aws:kms:us-east-1:111111111111:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"),
      /iomete\.ebsKmsKeyArn: .* must be a key in the environment's region eu-west-1/,
    ],
    [
      "a lakehouse bucket key in another region",
      (i) => (i.existingLakehouseBucket = { kmsKeyArn: "arn:aws:kms:us-east-1:111111111111:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d" }),
      /iomete\.existingLakehouseBucket\.kmsKeyArn: .* must be a key in the environment's region/,
    ],
  ])("rejects %s", (_what, change, message) => {
    const input = builtIn("dev");
    change(input.iomete);
    expect(problemsOf(input).join("\n")).toMatch(message);
  });

  it("narrows the lakehouse trust to named service accounts when configured", () => {
    const input = builtIn("dev");
    input.iomete.lakehouseServiceAccounts = ["spark-driver", "lakehouse"];
    const { json } = synthEnv(validate(input)[0]);
    const [trust] = policy(resource(json, "aws_iam_role", "lakehouse_role").assume_role_policy).Statement;
    expect(trust.Condition.StringLike).toBeUndefined();
    expect(Object.values(trust.Condition.StringEquals)).toContainEqual([
      "system:serviceaccount:iomete-system:spark-driver",
      "system:serviceaccount:iomete-system:lakehouse",
    ]);
  });
});

describe("IAM's document sizes, checked on the documents the stacks build", () => {
  const validationsOf = (stack: { node: { findAll(): Array<{ node: { validate(): string[] } }> } }) =>
    stack.node.findAll().flatMap((c) => c.node.validate());

  it("refuses a lakehouse trust over IAM's 2048 characters at synthesis, naming the role and the field", () => {
    const input = builtIn("dev");
    input.iomete.lakehouseServiceAccounts = Array.from({ length: 80 }, (_, i) => `spark-service-account-${i}`);
    const stack = new IometeDataPlaneStack(Testing.app(), "iomete-data-plane-dev", { environment: validate(input)[0] });
    expect(validationsOf(stack)).toEqual([
      expect.stringMatching(
        /^role iomete-dev-lakehouse-role: its trust policy is \d{4} characters, over IAM's 2048; list fewer in iomete\.lakehouseServiceAccounts \(from test\)$/,
      ),
    ]);
  });

  it("passes for every built-in environment", () => {
    for (const name of ["dev", "staging", "prod"] as const) {
      expect(validationsOf(new IometeDataPlaneStack(Testing.app(), `iomete-data-plane-${name}`, { environment: builtInConfig(name) }))).toEqual([]);
    }
  });
});
