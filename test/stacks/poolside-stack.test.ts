import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { EnvironmentConfig } from "../../config";
import { PoolsideStack } from "../../stacks/poolside-stack";
import { LOAD_BALANCER_CONTROLLER_POLICY_SOURCE } from "../../modules/vendor-policies";
import { builtIn, builtInConfig, policy, problemsOf, resource, resources, synthJson, validate } from "../support/helpers";

function synthEnv(env: EnvironmentConfig) {
  const stack = new PoolsideStack(Testing.app(), `poolside-${env.name}`, { environment: env });
  return { text: Testing.synth(stack), json: synthJson(stack) };
}

/**
 * Every IAM statement whose resource is "*", and why the API leaves no choice.
 * A new one fails the test until it is added here with its reason.
 */
const WILDCARD_STATEMENTS: Record<string, string> = {
  MeterUsage: "aws-marketplace:MeterUsage supports no resource-level permissions",
  ListModels: "bedrock:ListFoundationModels and ListCustomModels support no resource-level permissions",
  RegistryAuthentication: "ecr:GetAuthorizationToken and ecr:DescribeRegistry act on the registry, which has no ARN",
  CreateTaggedUserPools: "cognito-idp:CreateUserPool has no resource type; it is gated by the ownership request tag instead",
  ListUserPools: "cognito-idp:ListUserPools and DescribeUserPoolDomain support no resource-level permissions",
  ListCertificates: "acm:ListCertificates supports no resource-level permissions",
};

// The project's copy of the official policy; its digest is the published file's
// (kubernetes-sigs/aws-load-balancer-controller, docs/install/iam_policy.json), so an edit shows here.
const LOAD_BALANCER_POLICY_FILE = path.resolve(__dirname, "../../modules/data/aws-load-balancer-controller-iam-policy.json");
const LOAD_BALANCER_POLICY_SHA256 = LOAD_BALANCER_CONTROLLER_POLICY_SOURCE.sha256;
const LOAD_BALANCER_POLICY = JSON.parse(fs.readFileSync(LOAD_BALANCER_POLICY_FILE, "utf8"));

it("keeps the load balancer controller's policy file byte for byte as published", () => {
  expect(createHash("sha256").update(fs.readFileSync(LOAD_BALANCER_POLICY_FILE)).digest("hex")).toBe(LOAD_BALANCER_POLICY_SHA256);
});

const rolePolicies = (json: ReturnType<typeof synthJson>, roleIdPart: string): Record<string, ReturnType<typeof policy>> =>
  Object.fromEntries(
    resources(json, "aws_iam_role_policy")
      .filter((p) => p.role.includes(roleIdPart))
      .map((p) => [p.name, policy(p.policy)]),
  );

describe.each(["dev", "staging", "prod"] as const)("Poolside, %s", (name) => {
  const env = builtInConfig(name);
  const poolside = env.poolside!;
  const prefix = `poolside-${name}`;
  const { text, json } = synthEnv(env);

  it("matches the reviewed snapshot", () => {
    expect(text).toMatchSnapshot();
  });

  it("tags every taggable resource with the ownership tag and deployment name, and keeps state in S3", () => {
    expect(json.provider!.aws[0].default_tags).toEqual([{ tags: { ...env.tags, "poolside.ai/managed": "true", "poolside.ai/deployment": name } }]);
    expect(json.terraform.backend!.s3).toMatchObject({
      key: `poolside-${name}/terraform.tfstate`,
      encrypt: true,
      dynamodb_table: "terraform-state-locks",
    });
  });

  it("runs the bastion in a private subnet with no SSH: no key, no inbound rule, IMDSv2, encrypted volume", () => {
    const instance = resource(json, "aws_instance");
    expect(instance.key_name).toBeUndefined();
    expect(instance.subnet_id).toMatch(/aws_subnet\.network_private_0_/);
    expect(instance.metadata_options).toMatchObject({ http_tokens: "required", http_put_response_hop_limit: 1 });
    expect(instance.root_block_device.encrypted).toBe(true);
    for (const rule of resources(json, "aws_vpc_security_group_ingress_rule")) {
      // The only ranges let in are the operators', to the API on 443 (prod's VPN).
      if (rule.cidr_ipv4 !== undefined) {
        expect(poolside.eks.operatorAccess.cidrs).toContain(rule.cidr_ipv4);
        expect(rule).toMatchObject({ from_port: 443, to_port: 443, security_group_id: expect.stringMatching(/cluster_security_group_id/) });
      }
      expect([rule.from_port, rule.to_port]).not.toContain(22);
      expect(rule.security_group_id).not.toMatch(/bastion/);
    }
  });

  it("gives the bastion Poolside's policies, each named, with a Sid per statement, scoped to the deployment", () => {
    const policies = rolePolicies(json, "bastion_role");
    expect(Object.keys(policies).sort()).toEqual([
      "CertificatesRead",
      "ClusterAccess",
      "CognitoManagement",
      "DeploymentKey",
      "DeploymentParameters",
      "EcrRepositories",
      "TerraformState",
    ]);
    for (const document of Object.values(policies)) for (const s of document.Statement) expect(s.Sid).toMatch(/^\w+$/);
    const ecr = policies.EcrRepositories.Statement.find((s: any) => s.Sid === "DeploymentRepositories");
    expect(ecr!.Resource).toBe(`arn:aws:ecr:eu-west-1:${env.account.id}:repository/${prefix}-*`);
    expect(policies.DeploymentParameters.Statement[0].Resource).toEqual([
      `arn:aws:ssm:eu-west-1:${env.account.id}:parameter/poolside/deployment/${name}`,
      `arn:aws:ssm:eu-west-1:${env.account.id}:parameter/poolside/deployment/${name}/*`,
    ]);
    const state = Object.fromEntries(policies.TerraformState.Statement.map((s: any) => [s.Sid, s]));
    expect(state.LockTableItems).toMatchObject({
      Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
      Resource: `arn:aws:dynamodb:eu-west-1:${env.account.id}:table/terraform-state-locks`,
      Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": `${env.stateBackend.bucket}/${prefix}/*` } },
    });
    expect(state.StateObjects.Resource).toBe(`arn:aws:s3:::${env.stateBackend.bucket}/${prefix}/*`);
    // The platform's own state sits under the same prefix (the stack id is poolside-<env>): never the bastion's.
    const platform = `${env.stateBackend.bucket}/poolside-${env.name}/terraform.tfstate`;
    expect(state.NotThePlatformsState).toMatchObject({ Effect: "Deny", Resource: [`arn:aws:s3:::${platform}`, `arn:aws:s3:::${platform}.tflock`] });
    expect(state.NotThePlatformsLock).toMatchObject({
      Effect: "Deny",
      Condition: { "ForAnyValue:StringEquals": { "dynamodb:LeadingKeys": [platform, `${platform}-md5`] } },
    });
    expect(state.UseStateKey.Condition).toEqual({
      "ForAnyValue:StringEquals": { "kms:ResourceAliases": `alias/terraform-state-${env.stateBackend.bucket}` },
    });
    const cognito = policies.CognitoManagement.Statement.find((s: any) => s.Sid === "ManageOwnUserPools");
    expect(cognito!.Condition).toEqual({
      StringEquals: { "aws:ResourceTag/poolside.ai/managed": "true" },
      StringEqualsIfExists: { "aws:ResourceTag/poolside.ai/deployment": name },
    });
    expect(
      resources(json, "aws_iam_role_policy_attachment")
        .filter((a) => a.role.includes("bastion"))
        .map((a) => a.policy_arn),
    ).toEqual(["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"]);
  });

  it('uses "*" resources only in statements whose API requires it, each listed with its reason', () => {
    for (const rolePolicy of resources(json, "aws_iam_role_policy")) {
      if (rolePolicy.name === "AWSLoadBalancerControllerIAMPolicy") continue; // the official policy, kept unchanged (tested below)
      for (const s of policy(rolePolicy.policy).Statement) {
        if ([].concat(s.Resource).includes("*" as never)) {
          expect({ policy: rolePolicy.name, sid: s.Sid, reason: WILDCARD_STATEMENTS[s.Sid] }).toEqual({
            policy: rolePolicy.name,
            sid: s.Sid,
            reason: expect.any(String),
          });
        }
      }
    }
  });

  it("gives the pod role Poolside's six policies on the deployment's own resources", () => {
    const policies = rolePolicies(json, "pod_role");
    expect(Object.keys(policies).sort()).toEqual([
      "BedrockCustomization",
      "BedrockInvoke",
      "BedrockReadOnly",
      "KmsAccess",
      "MarketplaceMetering",
      "S3Access",
    ]);
    const bucketArn = `arn:aws:s3:::${poolside.bucketName}`;
    expect(policies.S3Access.Statement.map((s: any) => s.Resource)).toEqual([bucketArn, `${bucketArn}/*`]);
    expect(policies.KmsAccess.Statement[0]).toMatchObject({
      Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext"],
      Resource: expect.stringMatching(/^\$\{aws_kms_key\.key_\w+\.arn\}$/),
    });
    const models = poolside.bedrock.foundationModelIds.map((m) => `arn:aws:bedrock:eu-west-1::foundation-model/${m}`);
    expect(policies.BedrockInvoke.Statement[0].Resource).toEqual([
      ...models,
      `arn:aws:bedrock:eu-west-1:${env.account.id}:custom-model/*`,
      `arn:aws:bedrock:eu-west-1:${env.account.id}:provisioned-model/*`,
    ]);
    const passRole = policies.BedrockCustomization.Statement.find((s: any) => s.Sid === "PassCustomizationRole");
    expect(passRole).toEqual({
      Sid: "PassCustomizationRole",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: `arn:aws:iam::${env.account.id}:role/${prefix}-bedrock-customization`,
      Condition: { StringEquals: { "iam:PassedToService": "bedrock.amazonaws.com" } },
    });
  });

  it.each([
    ["pod_role", "poolside/core-api-sa"],
    ["inference_role", "poolside-models/inference"],
  ])("binds %s to %s, exactly", (roleId, serviceAccount) => {
    const trust = policy(resource(json, "aws_iam_role", roleId).assume_role_policy).Statement;
    const [namespace, name] = serviceAccount.split("/");
    if (poolside.workloadIdentity === "irsa") {
      expect(trust).toHaveLength(1);
      expect(trust[0]).toMatchObject({
        Action: "sts:AssumeRoleWithWebIdentity",
        Principal: { Federated: expect.stringMatching(/aws_iam_openid_connect_provider/) },
      });
      expect(Object.values(trust[0].Condition.StringEquals)).toEqual([`system:serviceaccount:${namespace}:${name}`, "sts.amazonaws.com"]);
      expect(trust[0].Condition.StringLike).toBeUndefined();
    } else {
      expect(trust).toEqual([
        { Sid: "EksPodIdentity", Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] },
      ]);
      const associations = resources(json, "aws_eks_pod_identity_association").filter((a) => a.role_arn.includes(roleId));
      expect(associations.map((a) => `${a.namespace}/${a.service_account}`)).toEqual([serviceAccount]);
    }
  });

  it("lets the inference pods read the model checkpoints and nothing else: no write, no Bedrock, no Marketplace", () => {
    const policies = rolePolicies(json, "inference_role");
    expect(Object.keys(policies)).toEqual(["ModelCheckpoints"]);
    expect(policies.ModelCheckpoints.Statement).toEqual([
      {
        Sid: "CheckpointsList",
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: `arn:aws:s3:::${poolside.bucketName}`,
        Condition: { StringLike: { "s3:prefix": "models/*" } },
      },
      { Sid: "CheckpointsObjects", Effect: "Allow", Action: ["s3:GetObject"], Resource: `arn:aws:s3:::${poolside.bucketName}/models/*` },
      { Sid: "UseBucketKey", Effect: "Allow", Action: ["kms:Decrypt"], Resource: expect.stringMatching(/aws_kms_key\.key_\w+\.arn/) },
    ]);
  });

  it("trusts Bedrock for the customization role only from this account's customization jobs", () => {
    expect(policy(resource(json, "aws_iam_role", "customization_role").assume_role_policy).Statement).toEqual([
      {
        Sid: "BedrockCustomizationJobs",
        Effect: "Allow",
        Principal: { Service: "bedrock.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": env.account.id },
          ArnLike: { "aws:SourceArn": `arn:aws:bedrock:eu-west-1:${env.account.id}:model-customization-job/*` },
        },
      },
    ]);
  });

  it("gives the load balancer controller the official policy's 16 statements unchanged", () => {
    const controller = resource(json, "aws_iam_role_policy", "AWSLoadBalancerControllerIAMPolicy");
    expect(policy(controller.policy).Statement).toHaveLength(16);
    expect(policy(controller.policy)).toEqual(LOAD_BALANCER_POLICY);
    const trust = policy(resource(json, "aws_iam_role", "load_balancer_controller_role").assume_role_policy).Statement[0];
    if (poolside.workloadIdentity === "irsa") {
      expect(Object.values(trust.Condition.StringEquals)).toEqual([
        "system:serviceaccount:kube-system:aws-load-balancer-controller",
        "sts.amazonaws.com",
      ]);
    } else {
      expect(trust.Principal).toEqual({ Service: "pods.eks.amazonaws.com" });
    }
  });

  it("creates immutable, scanned, KMS-encrypted repositories poolside-<deployment>-<image>", () => {
    const repositories = resources(json, "aws_ecr_repository");
    expect(repositories.map((r) => r.name).sort()).toEqual(poolside.ecr.repositories.map((r) => `${prefix}-${r}`).sort());
    for (const repository of repositories) {
      expect(repository).toMatchObject({
        image_tag_mutability: "IMMUTABLE",
        image_scanning_configuration: { scan_on_push: true },
        encryption_configuration: [{ encryption_type: "KMS" }],
      });
    }
    expect(resources(json, "aws_ecr_lifecycle_policy")).toHaveLength(poolside.ecr.repositories.length);
  });

  it("publishes the outputs the tooling reads as SSM parameters under /poolside/deployment/<deployment>", () => {
    const names = resources(json, "aws_ssm_parameter").map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        `/poolside/deployment/${name}/cluster/name`,
        `/poolside/deployment/${name}/cluster/endpoint`,
        `/poolside/deployment/${name}/bucket/name`,
        `/poolside/deployment/${name}/kms/key-arn`,
        `/poolside/deployment/${name}/roles/eks-pod-role-arn`,
        `/poolside/deployment/${name}/ecr/core-api/url`,
      ]),
    );
    for (const n of names) expect(n.startsWith(`/poolside/deployment/${name}/`)).toBe(true);
  });

  it("encrypts the bucket with the deployment key, whose policy names its users and rotates", () => {
    const keyResource = resource(json, "aws_kms_key", /^key_/);
    expect(keyResource.enable_key_rotation).toBe(true);
    // Each grant is written on both sides: the role's statement on the key and the key policy naming the role, same actions.
    const keyUsers = policy(keyResource.policy).Statement.filter((s: any) => /^KeyUsers/.test(s.Sid));
    const granted = Object.fromEntries(keyUsers.map((s: any) => [/aws_iam_role\.(\w+?)_role_/.exec(s.Principal.AWS)![1], s.Action]));
    expect(granted).toEqual({
      customization: ["kms:Decrypt", "kms:GenerateDataKey"],
      pod: ["kms:Decrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext"],
      inference: ["kms:Decrypt"],
      bastion: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
    });
    for (const [role, policyName] of [
      ["customization_role", "TrainingData"],
      ["pod_role", "KmsAccess"],
      ["bastion_role", "DeploymentKey"],
    ]) {
      const roleSide = rolePolicies(json, role)[policyName].Statement.find((s: any) => s.Sid === "UseDeploymentKey")!;
      expect(roleSide.Resource).toMatch(/aws_kms_key\.key_\w+\.arn/);
      expect(roleSide.Action).toEqual(granted[role.replace("_role", "")]);
    }
    expect(resource(json, "aws_s3_bucket", /^bucket_[0-9A-F]+$/).bucket).toBe(poolside.bucketName);
    expect(
      resource(json, "aws_s3_bucket_server_side_encryption_configuration", /^bucket_encryption/).rule[0].apply_server_side_encryption_by_default
        .kms_master_key_id,
    ).toMatch(/aws_kms_key\.key_\w+\.arn/);
  });

  it("outputs the bastion session command, repositories, bucket, key, roles and cluster", () => {
    const outputs = json.output!;
    expect(outputs.bastion_session_command.value).toMatch(/^aws ssm start-session --target \$\{aws_instance\.bastion_\w+\.id\} --region eu-west-1$/);
    expect(Object.keys(outputs.repository_urls.value as object).sort()).toEqual([...poolside.ecr.repositories].sort());
    for (const key of [
      "bastion_instance_id",
      "bucket_name",
      "kms_key_arn",
      "eks_pod_role_arn",
      "load_balancer_controller_role_arn",
      "bedrock_customization_role_arn",
      "cluster_name",
      "cluster_endpoint",
    ]) {
      expect(outputs).toHaveProperty(key);
    }
  });

  it("lets the bastion run kubectl and helm: an access entry, the API on 443 from its group, and its cluster's DescribeCluster", () => {
    const bastionRole = `arn:aws:iam::${env.account.id}:role/${poolside.rolePrefix}-bastion`;
    expect(resource(json, "aws_eks_access_entry", "eks_bastion_")).toMatchObject({
      principal_arn: bastionRole,
      type: "STANDARD",
      depends_on: expect.arrayContaining([expect.stringMatching(/^aws_iam_role\.bastion_role/)]),
    });
    expect(resource(json, "aws_eks_access_policy_association", "eks_bastion_")).toMatchObject({
      principal_arn: bastionRole,
      policy_arn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
    });
    expect(resource(json, "aws_vpc_security_group_ingress_rule", "eks_bastion_api")).toMatchObject({
      security_group_id: expect.stringMatching(/vpc_config\[0\]\.cluster_security_group_id/),
      referenced_security_group_id: expect.stringMatching(/aws_security_group\.bastion_security_group/),
      from_port: 443,
      to_port: 443,
    });
    expect(rolePolicies(json, "bastion_role").ClusterAccess.Statement).toEqual([
      {
        Sid: "DescribeOwnCluster",
        Effect: "Allow",
        Action: "eks:DescribeCluster",
        Resource: `arn:aws:eks:eu-west-1:${env.account.id}:cluster/${poolside.clusterName}`,
      },
    ]);
    // docker push checks layers first.
    expect(rolePolicies(json, "bastion_role").EcrRepositories.Statement[0].Action).toContain("ecr:BatchCheckLayerAvailability");
  });

  it("puts every role under its own generated boundary", () => {
    const roles = resources(json, "aws_iam_role");
    // Poolside's ten (the External Secrets Operator's among them), and one per optional addon that calls AWS (prod's Container Insights).
    expect(roles).toHaveLength(10 + poolside.eks.addons.filter((a) => a === "amazon-cloudwatch-observability").length);
    for (const role of roles) expect(role.permissions_boundary).toBe(`arn:aws:iam::${env.account.id}:policy/${role.name}-boundary`);
  });
});

describe("Poolside, configured", () => {
  const synthWith = (change: (input: any) => void) => {
    const input = builtIn("prod");
    change(input);
    return synthJson(new PoolsideStack(Testing.app(), "poolside-prod", { environment: validate(input)[0] }));
  };

  it("invokes Bedrock inference profiles by exact id, and their model in other regions only through the profile", () => {
    const json = synthWith(() => undefined);
    const invoke = rolePolicies(json, "pod_role").BedrockInvoke.Statement;
    const profile = "arn:aws:bedrock:eu-west-1:333333333333:inference-profile/eu.anthropic.claude-3-7-sonnet-20250219-v1:0";
    expect(invoke.find((s: any) => s.Sid === "InvokeInferenceProfiles")).toMatchObject({ Resource: [profile] });
    expect(invoke.find((s: any) => s.Sid === "ProfileModel1")).toEqual({
      Sid: "ProfileModel1",
      Effect: "Allow",
      Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
      Resource: "arn:aws:bedrock:*::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0",
      Condition: { StringEquals: { "bedrock:InferenceProfileArn": profile } },
    });
  });

  it("installs the optional addons after the nodes, the one that calls AWS on its own IRSA role with AWS's managed policies", () => {
    const json = synthWith(() => undefined);
    const addons = Object.fromEntries(resources(json, "aws_eks_addon").map((a) => [a.addon_name, a]));
    for (const name of ["metrics-server", "snapshot-controller", "amazon-cloudwatch-observability"]) {
      expect(addons[name].depends_on).toEqual([expect.stringMatching(/^aws_eks_node_group\./)]);
    }
    expect(addons["metrics-server"].service_account_role_arn).toBeUndefined();
    expect(addons["amazon-cloudwatch-observability"].service_account_role_arn).toMatch(
      /aws_iam_role\.eks_addon_amazon_cloudwatch_observability_role/,
    );
    const role = resource(json, "aws_iam_role", "addon_amazon_cloudwatch_observability_role");
    expect(role.name).toBe("poolside-prod-cloudwatch-role");
    expect(policy(role.assume_role_policy).Statement[0].Condition.StringEquals).toMatchObject({
      [Object.keys(policy(role.assume_role_policy).Statement[0].Condition.StringEquals)[0]]:
        "system:serviceaccount:amazon-cloudwatch:cloudwatch-agent",
    });
    expect(
      resources(json, "aws_iam_role_policy_attachment")
        .filter((a) => a.role.includes("cloudwatch"))
        .map((a) => a.policy_arn)
        .sort(),
    ).toEqual(["arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess", "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"]);
  });

  it("runs a tainted NVIDIA node group beside the general one, from zero, IMDSv2 and encrypted like it", () => {
    const json = synthWith(() => undefined);
    const gpu = resource(json, "aws_eks_node_group", "gpu_node_group");
    expect(gpu).toMatchObject({
      node_group_name: "poolside-prod-gpu",
      ami_type: "AL2023_x86_64_NVIDIA",
      instance_types: ["p5.48xlarge"],
      capacity_type: "ON_DEMAND",
      scaling_config: { min_size: 0, desired_size: 0, max_size: 2 },
      taint: [{ key: "nvidia.com/gpu", value: "true", effect: "NO_SCHEDULE" }],
      depends_on: [expect.stringMatching(/^aws_eks_node_group\.eks_node_group_/)],
    });
    expect(gpu.node_role_arn).toBe(resource(json, "aws_eks_node_group", "eks_node_group").node_role_arn);
    const template = resource(json, "aws_launch_template", "gpu_launch_template");
    expect(template).toMatchObject({
      name: "poolside-prod-gpu",
      metadata_options: { http_tokens: "required" },
      block_device_mappings: [{ ebs: { encrypted: "true", volume_size: 500 } }],
      // prod's GPU nodes launch into its On-Demand Capacity Reservation, in the reservation's zone only.
      capacity_reservation_specification: { capacity_reservation_target: { capacity_reservation_id: "cr-0a1b2c3d4e5f60789" } },
    });
    expect(gpu.subnet_ids).toEqual([expect.stringMatching(/^\$\{aws_subnet\.network_private_0_/)]);
    expect(template.tag_specifications[0].tags).toMatchObject({ "poolside.ai/managed": "true", Name: "poolside-prod-gpu" });
    expect(
      resources(
        synthWith((e) => delete e.poolside.gpuNodeGroup),
        "aws_eks_node_group",
      ),
    ).toHaveLength(1);
  });

  it("logs access to the deployment's bucket into <bucket>-logs, written by S3's logging service for that bucket only", () => {
    const json = synthWith(() => undefined);
    expect(resource(json, "aws_s3_bucket_logging")).toMatchObject({
      bucket: "poolside-prod-333333333333",
      target_bucket: expect.stringMatching(/aws_s3_bucket\.bucket_access_logs/),
      target_prefix: "poolside-prod-333333333333/",
    });
    const logs = resources(json, "aws_s3_bucket").find((b) => b.bucket === "poolside-prod-333333333333-logs");
    expect(logs).toBeDefined();
    const bucketPolicy = resources(json, "aws_s3_bucket_policy").find((p) => p.bucket.includes("bucket_access_logs"))!;
    expect(policy(bucketPolicy.policy).Statement).toContainEqual({
      Sid: "S3ServerAccessLogs",
      Effect: "Allow",
      Principal: { Service: "logging.s3.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: "arn:aws:s3:::poolside-prod-333333333333-logs/*",
      Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::poolside-prod-333333333333" }, StringEquals: { "aws:SourceAccount": "333333333333" } },
    });
    expect(resource(json, "aws_s3_bucket_lifecycle_configuration", "bucket_access_logs").rule[0].expiration).toEqual([{ days: 365 }]);
    expect(
      resources(
        synthWith((e) => delete e.poolside.bucketAccessLogs),
        "aws_s3_bucket_logging",
      ),
    ).toEqual([]);
  });

  it("gives the bastion no access entry when clusterAccess is none, and the configured policy otherwise", () => {
    expect(
      resources(
        synthWith((e) => (e.poolside.bastion = { ...e.poolside.bastion, clusterAccess: "none" })),
        "aws_eks_access_entry",
      ).map((a) => a.principal_arn),
    ).not.toContain("arn:aws:iam::333333333333:role/poolside-prod-bastion");
    const view = synthWith((e) => (e.poolside.bastion = { ...e.poolside.bastion, clusterAccess: "AmazonEKSViewPolicy" }));
    expect(resource(view, "aws_eks_access_policy_association", "eks_bastion_").policy_arn).toBe(
      "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
    );
  });

  it("reads the checkpoints under the configured prefix", () => {
    const json = synthWith((e) => (e.poolside.models = { prefix: "checkpoints/llm/" }));
    expect(rolePolicies(json, "inference_role").ModelCheckpoints.Statement[1].Resource).toBe(
      "arn:aws:s3:::poolside-prod-333333333333/checkpoints/llm/*",
    );
  });

  it("admits operators' networks and groups to the API on 443, and gives the deployer an access entry when asked", () => {
    const json = synthWith((e) => {
      e.poolside.eks = {
        ...e.poolside.eks,
        operatorAccess: { cidrs: ["10.99.0.0/16"], securityGroupIds: ["sg-0123456789abcdef0"] },
        deployerAccess: "AmazonEKSClusterAdminPolicy",
      };
    });
    const rules = resources(json, "aws_vpc_security_group_ingress_rule").filter((r) => r.description === "Operators to the Kubernetes API");
    expect(rules.map((r) => r.cidr_ipv4 ?? r.referenced_security_group_id).sort()).toEqual(["10.99.0.0/16", "sg-0123456789abcdef0"]);
    for (const rule of rules) expect(rule).toMatchObject({ ip_protocol: "tcp", from_port: 443, to_port: 443 });
    expect(resources(json, "aws_eks_access_policy_association").map((a) => a.principal_arn)).toContain(
      "arn:aws:iam::333333333333:role/poolside-prod-deployer",
    );
  });
});

describe("Poolside on an existing cluster", () => {
  const input = builtIn("dev");
  input.poolside = {
    ...input.poolside,
    existingCluster: { name: "platform-dev" },
    kubernetes: undefined,
    workloadIdentity: "pod-identity",
    database: { mode: "none" },
  };
  const env = validate(input)[0];
  const json = synthJson(new PoolsideStack(Testing.app(), "poolside-dev", { environment: env }));

  it("creates only roles, repositories, parameters, bucket and key (and the roles' associations), reading the cluster by name", () => {
    expect(
      Object.keys(json.resource!).filter((t) => !/^aws_(iam_role|iam_role_policy|ecr_|ssm_parameter|s3_|kms_|eks_pod_identity_association)/.test(t)),
    ).toEqual([]);
    expect(Object.values(json.data!.aws_eks_cluster)).toEqual([expect.objectContaining({ name: "platform-dev" })]);
    expect(resources(json, "aws_eks_pod_identity_association").every((a) => a.cluster_name === "platform-dev")).toBe(true);
    expect(json.output).not.toHaveProperty("bastion_instance_id");
    expect(json.output).not.toHaveProperty("vpc_id");
    expect(json.output!.cluster_name.value).toBe("platform-dev");
  });

  it("trusts the existing cluster's OIDC issuer with IRSA", () => {
    const irsa = validate({ ...input, poolside: { ...input.poolside, workloadIdentity: "irsa" } })[0];
    const trust = policy(
      resource(synthJson(new PoolsideStack(Testing.app(), "poolside-dev", { environment: irsa })), "aws_iam_role", "pod_role").assume_role_policy,
    ).Statement[0];
    expect(trust.Principal.Federated).toMatch(/^arn:aws:iam::111111111111:oidc-provider\/\$\{local\.existing_cluster_oidc_issuer_host/);
  });

  it.each<[string, (p: any) => void, RegExp]>([
    [
      "a GPU node group",
      (p) => (p.gpuNodeGroup = { instanceTypes: ["g6.2xlarge"] }),
      /poolside\.gpuNodeGroup\.instanceTypes: \["g6\.2xlarge"\] needs a cluster this stack creates/,
    ],
    [
      "a cluster name that differs",
      (p) => (p.clusterName = "other"),
      /poolside\.clusterName: "other" differs from existingCluster\.name "platform-dev"/,
    ],
  ])("refuses %s", (_what, change, message) => {
    const bad = { ...input, poolside: { ...input.poolside } };
    change(bad.poolside);
    expect(problemsOf(bad).join("\n")).toMatch(message);
  });
});

describe("Poolside configuration", () => {
  const cases: Array<[string, (env: any) => void, RegExp]> = [
    [
      "a deployment name with capitals",
      (e) => (e.poolside.deploymentName = "Prod"),
      /poolside\.deploymentName: "Prod" must be 2-32 characters: lowercase letters, digits and hyphens/,
    ],
    [
      "a deployment name ending in a hyphen",
      (e) => (e.poolside.deploymentName = "prod-"),
      /poolside\.deploymentName: "prod-" must be 2-32 characters/,
    ],
    [
      "a role prefix too long for the role names",
      (e) => (e.poolside.rolePrefix = "p".repeat(40)),
      /poolside\.rolePrefix: "p{40}" is too long: the derived load balancer controller role name "p{40}-aws-load-balancer-controller" has 69 characters, AWS allows 64/,
    ],
    [
      "a repository name with capitals",
      (e) => (e.poolside.ecr = { repositories: ["Core-API"] }),
      /poolside\.ecr\.repositories\.0: "Core-API" must be lowercase letters and digits, separated by single \. _ - or \//,
    ],
    [
      "a repository name with a double hyphen",
      (e) => (e.poolside.ecr = { repositories: ["core--api"] }),
      /repositories\.0: "core--api" must be lowercase letters and digits/,
    ],
    [
      "a repository listed twice",
      (e) => (e.poolside.ecr = { repositories: ["web", "web"] }),
      /poolside\.ecr\.repositories\.1: "web" is listed twice/,
    ],
    ["no repository", (e) => (e.poolside.ecr = { repositories: [] }), /poolside\.ecr\.repositories: \[\] needs at least one repository/],
    [
      "an inference profile with a wildcard",
      (e) => (e.poolside.bedrock = { inferenceProfileIds: ["us.anthropic.*"] }),
      /poolside\.bedrock\.inferenceProfileIds\.0: "us\.anthropic\.\*" must be a Bedrock inference profile id/,
    ],
    [
      "a models prefix with a leading slash",
      (e) => (e.poolside.models = { prefix: "/models/" }),
      /poolside\.models\.prefix: "\/models\/" must be a key prefix of folder names ending in \//,
    ],
    [
      "an unknown bastion access policy",
      (e) => (e.poolside.bastion = { clusterAccess: "AmazonEKSGodMode" }),
      /poolside\.bastion\.clusterAccess: "AmazonEKSGodMode" must be "none" or one of AmazonEKSClusterAdminPolicy/,
    ],
    [
      "a GPU node group of CPU instances",
      (e) => (e.poolside.gpuNodeGroup = { instanceTypes: ["m6a.2xlarge"] }),
      /poolside\.gpuNodeGroup\.instanceTypes\.0: "m6a\.2xlarge" must be an NVIDIA GPU instance type/,
    ],
    [
      "a GPU node group with sizes out of order",
      (e) => (e.poolside.gpuNodeGroup = { instanceTypes: ["g6.2xlarge"], minSize: 3, maxSize: 2 }),
      /poolside\.gpuNodeGroup\.minSize: 3 must not exceed maxSize \(2\)/,
    ],
    [
      "a GPU taint with an unknown effect",
      (e) => (e.poolside.gpuNodeGroup = { instanceTypes: ["g6.2xlarge"], taints: [{ key: "nvidia.com/gpu", effect: "NoSchedule" }] }),
      /gpuNodeGroup\.taints\.0\.effect: "NoSchedule" must be "NO_SCHEDULE", "NO_EXECUTE" or "PREFER_NO_SCHEDULE"/,
    ],
    [
      "a bucket name too long for its log bucket",
      (e) => ((e.poolside.bucketName = "b".repeat(60)), (e.poolside.bucketAccessLogs = {})),
      /poolside\.bucketAccessLogs: "b{60}-logs" names the log bucket <bucketName>-logs, which .*; shorten poolside\.bucketName/,
    ],
    [
      "an addon that is not on the allow-list",
      (e) => (e.poolside.eks = { ...e.poolside.eks, addons: ["kube-state-metrics"] }),
      /poolside\.eks\.addons\.0: "kube-state-metrics" must be one of the optional addons metrics-server, snapshot-controller/,
    ],
    [
      "a pinned version of an addon that is not installed",
      (e) => (e.poolside.eks = { ...e.poolside.eks, addons: [], addonVersions: { "metrics-server": "v0.7.2-eksbuild.1" } }),
      /poolside\.eks\.addonVersions\.metrics-server: "v0\.7\.2-eksbuild\.1" pins an addon that is not installed; add "metrics-server" to poolside\.eks\.addons/,
    ],
    [
      "an operator range open to everything",
      (e) => (e.poolside.eks = { ...e.poolside.eks, operatorAccess: { cidrs: ["0.0.0.0/0"] } }),
      /poolside\.eks\.operatorAccess\.cidrs\.0: "0\.0\.0\.0\/0" admits every network routed to the cluster/,
    ],
    [
      "an operator security group that is not an id",
      (e) => (e.poolside.eks = { ...e.poolside.eks, operatorAccess: { securityGroupIds: ["vpn-runners"] } }),
      /operatorAccess\.securityGroupIds\.0: "vpn-runners" must be a security group id/,
    ],
    [
      "a parameter path outside /poolside/deployment",
      (e) => (e.poolside.parameterPath = "/acme/poolside"),
      /poolside\.parameterPath: "\/acme\/poolside" must be \/poolside\/deployment\/<name>/,
    ],
    [
      "a parameter path with a trailing slash",
      (e) => (e.poolside.parameterPath = "/poolside/deployment/dev/"),
      /parameterPath: "\/poolside\/deployment\/dev\/" must be/,
    ],
    [
      "a wildcard Bedrock model",
      (e) => (e.poolside.bedrock.foundationModelIds = ["anthropic.*"]),
      /foundationModelIds\.0: "anthropic\.\*" must be a Bedrock model id such as anthropic\.claude-3-5-sonnet-20240620-v1:0 \(no wildcards\)/,
    ],
    [
      "a Bedrock model without a provider",
      (e) => (e.poolside.bedrock.foundationModelIds = ["claude-3"]),
      /foundationModelIds\.0: "claude-3" must be a Bedrock model id/,
    ],
    [
      "a Bedrock model listed twice",
      (e) => (e.poolside.bedrock.foundationModelIds = ["amazon.titan-embed-text-v2:0", "amazon.titan-embed-text-v2:0"]),
      /foundationModelIds\.1: "amazon\.titan-embed-text-v2:0" is listed twice/,
    ],
    [
      "an unknown workload identity",
      (e) => (e.poolside.workloadIdentity = "kiam"),
      /poolside\.workloadIdentity: "kiam" must be "irsa" or "pod-identity"/,
    ],
    [
      "a deployer policy that is not an ARN",
      (e) => (e.poolside.bastion = { deployerPolicyArns: ["deployer"] }),
      /poolside\.bastion\.deployerPolicyArns\.0: "deployer" must be a managed policy ARN/,
    ],
    [
      "an invalid bucket name",
      (e) => (e.poolside.bucketName = "Poolside_Data"),
      /poolside\.bucketName: "Poolside_Data" is not a valid S3 bucket name/,
    ],
    [
      "the IOMETE cluster's name",
      (e) => (e.poolside.clusterName = "iomete-dev"),
      /environments\.dev\.poolside\.clusterName: "iomete-dev" is also used by environments\.dev\.iomete\.clusterName in the same account/,
    ],
    [
      "an open prod API",
      (e) => Object.assign(e.poolside.eks, { endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] }),
      /poolside\.eks\.publicAccessCidrs: \["0\.0\.0\.0\/0"\] opens the production API endpoint/,
    ],
  ];

  it.each(cases)("fails for %s", (_what, change, message) => {
    const env = builtIn(message.source.includes("production") ? "prod" : "dev");
    change(env);
    expect(problemsOf(env).join("\n")).toMatch(message);
  });

  it("derives names from the deployment and accepts its own role prefix", () => {
    const env = builtIn("dev");
    env.poolside.rolePrefix = "acme";
    const poolside = validate(env)[0].poolside!;
    expect(poolside).toMatchObject({
      rolePrefix: "acme",
      clusterName: "poolside-dev",
      bucketName: "poolside-dev-111111111111",
      parameterPath: "/poolside/deployment/dev",
      workloadIdentity: "irsa",
    });
    const { json } = synthEnv(validate(env)[0]);
    expect(resource(json, "aws_iam_role", "pod_role").name).toBe("acme-eks-pod-role");
  });
});

describe("IAM's document sizes, checked on the documents the stack builds", () => {
  it("refuses inline policies over IAM's 10240 characters on one role at synthesis, naming the role and the field", () => {
    const input = builtIn("dev");
    input.poolside.bedrock = { foundationModelIds: Array.from({ length: 80 }, (_, i) => `anthropic.claude-model-${i}-20250101-v1:0`) };
    const stack = new PoolsideStack(Testing.app(), "poolside-dev", { environment: validate(input)[0] });
    const problems = stack.node.findAll().flatMap((c) => c.node.validate());
    expect(problems).toEqual([
      expect.stringMatching(
        /^role poolside-dev-eks-pod-role: its inline policies are \d{5} characters together, over IAM's 10240 for one role; list fewer in poolside\.bedrock\.foundationModelIds \(from test\)$/,
      ),
    ]);
  });
});
