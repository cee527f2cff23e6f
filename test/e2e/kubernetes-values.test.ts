import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing } from "cdktf";
import { parse } from "yaml";
import { IometeKubernetesStack } from "../../stacks/iomete-kubernetes-stack";
import { builtInConfig, resources } from "../support/helpers";
import { runTerraform, terraformBinary } from "./terraform";

/**
 * The Kubernetes side's Helm values and IOMETE's settings are Terraform expressions
 * (yamlencode / jsonencode over the data plane's outputs), resolved only at apply. No
 * plan can run here (its providers cannot be downloaded), so the real Terraform
 * evaluates those very expressions, with sample outputs in place of the data plane's
 * state, and the test reads what the charts and IOMETE's control plane would get.
 */
const SAMPLE_OUTPUTS = {
  cluster_name: "iomete-dev",
  cluster_endpoint: "https://ABCDEF.gr7.eu-west-1.eks.amazonaws.com",
  cluster_certificate_authority_data: "Q0EgZGF0YQ==",
  lakehouse_role_arn: "arn:aws:iam::111111111111:role/iomete-dev-lakehouse-role",
  lakehouse_bucket_name: "example-iomete-dev-lakehouse",
  karpenter_queue_name: "Karpenter-iomete-dev",
  karpenter_node_instance_profile_name: "iomete-dev-karpenter-node",
  karpenter_node_class_tags: { "karpenter.sh/discovery": "iomete-dev" },
  vpc_id: "vpc-0a1b2c3d4e5f67890",
  private_subnet_ids: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
  public_subnet_ids: ["subnet-0a1b2c3d4e5f60003", "subnet-0a1b2c3d4e5f60004"],
};
const env = builtInConfig("dev");
const json = JSON.parse(Testing.synth(new IometeKubernetesStack(Testing.app(), "iomete-kubernetes-dev", { environment: env })));
let rendered: Record<string, { value: string }>;
let dir: string;

/** The stack's expression with its references replaced by the sample inputs. */
const offline = (expression: string) => expression.replace(/data\.terraform_remote_state\.data_plane\.outputs\./g, "var.outputs.");

beforeAll(async () => {
  const binary = terraformBinary();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "k8s-values-"));
  const output: Record<string, { value: string }> = {};
  for (const release of resources(json, "helm_release"))
    if (release.values) output[`values_${release.name.replace(/-/g, "_")}`] = { value: offline(release.values[0]) };
  const settings = json.resource.kubernetes_secret_v1.cloud_settings;
  output.cloud_settings = { value: offline(settings.data_wo.settings) };
  // The revision Terraform keeps instead of the values: for these outputs, and for outputs that differ in one value.
  output.cloud_settings_revision = { value: offline(settings.data_wo_revision) };
  output.cloud_settings_revision_other = { value: offline(settings.data_wo_revision).replace(/var\.outputs\./g, "var.other_outputs.") };
  const other = { ...SAMPLE_OUTPUTS, lakehouse_bucket_name: "another-lakehouse" };
  fs.writeFileSync(
    path.join(dir, "main.tf.json"),
    JSON.stringify({ variable: { outputs: { default: SAMPLE_OUTPUTS }, other_outputs: { default: other } }, output }, null, 2),
  );
  for (const args of [
    ["init", "-input=false"],
    ["apply", "-auto-approve", "-input=false"],
  ]) {
    const result = await runTerraform(binary, args, dir);
    if (result.status !== 0) throw new Error(`terraform ${args[0]} failed:\n${result.output}`);
  }
  const result = await runTerraform(binary, ["output", "-json"], dir);
  rendered = JSON.parse(result.output.slice(result.output.indexOf("{")));
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const values = (release: string) => parse(rendered[`values_${release}`].value);

it("gives data-plane-base the lakehouse role on its service account, and no webhook configuration or CA (the stack's Job sets the CA)", () => {
  expect(values("data_plane_base")).toEqual({
    mutatingWebhookConfiguration: { deploy: false },
    serviceAccount: { annotations: { "eks.amazonaws.com/role-arn": SAMPLE_OUTPUTS.lakehouse_role_arn } },
  });
});

it("renders the admission policy that limits the certificate Jobs' Secret creates to the webhook's Secret, enforced", () => {
  const [policy, binding] = values("spark_webhook_certificates_policy").manifests;
  const account = "spark-operator-webhook-certs-job";
  expect(policy).toEqual({
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: "ValidatingAdmissionPolicy",
    metadata: { name: account },
    spec: {
      failurePolicy: "Fail",
      matchConstraints: { resourceRules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["secrets"] }] },
      matchConditions: [
        { name: "from-the-jobs-account", expression: `request.userInfo.username == 'system:serviceaccount:spark-webhook-certificates:${account}'` },
      ],
      validations: [
        {
          expression: "request.namespace == 'iomete-system' && object.metadata.name == 'spark-operator-webhook-certs' && object.type == 'Opaque'",
          message: `${account} may create only the Opaque Secret iomete-system/spark-operator-webhook-certs`,
        },
      ],
    },
  });
  expect(binding).toEqual({
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: "ValidatingAdmissionPolicyBinding",
    metadata: { name: account },
    spec: { policyName: account, validationActions: ["Deny"] },
  });
  // The account the policy names is the one the Jobs run as.
  expect(json.resource.kubernetes_service_account_v1.spark_webhook_certificates_service_account_92D9AD55.metadata.name).toBe(account);
});

it("gives Karpenter its cluster, the data plane's interruption queue and the service account its Pod Identity binds", () => {
  expect(values("karpenter")).toEqual({
    settings: { clusterName: "iomete-dev", interruptionQueue: "Karpenter-iomete-dev" },
    serviceAccount: { name: "karpenter" },
    replicas: 1,
    controller: { resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } } },
  });
});

it("gives the AWS Load Balancer Controller the cluster, its VPC and region, and the service account its Pod Identity binds", () => {
  expect(values("aws_load_balancer_controller")).toEqual({
    clusterName: "iomete-dev",
    region: env.account.region,
    vpcId: SAMPLE_OUTPUTS.vpc_id,
    serviceAccount: { create: true, name: "aws-load-balancer-controller" },
  });
});

it("asks the controller for an internal Network Load Balancer in the private subnets for the gateway", () => {
  expect(values("istio_ingress")).toEqual({
    service: {
      annotations: {
        "service.beta.kubernetes.io/aws-load-balancer-type": "external",
        "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
        "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal",
        "service.beta.kubernetes.io/aws-load-balancer-subnets": SAMPLE_OUTPUTS.private_subnet_ids.join(","),
      },
    },
  });
});

it("renders an EC2NodeClass and a NodePool that Karpenter v1 accepts, with the tags its controller policy requires", () => {
  const [nodeClass, nodePool] = values("karpenter_node_pool").manifests;
  expect(nodeClass).toMatchObject({
    apiVersion: "karpenter.k8s.aws/v1",
    kind: "EC2NodeClass",
    spec: {
      instanceProfile: "iomete-dev-karpenter-node",
      amiSelectorTerms: [{ alias: "al2023@latest" }],
      subnetSelectorTerms: [{ tags: { "karpenter.sh/discovery": "iomete-dev" } }],
      securityGroupSelectorTerms: [{ tags: { "karpenter.sh/discovery": "iomete-dev" } }],
      metadataOptions: { httpTokens: "required" },
      blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: true, volumeSize: "100Gi", volumeType: "gp3" } }],
    },
  });
  // The discovery tag and IOMETE's ownership tags; none Karpenter reserves (it sets those its controller policy requires itself).
  expect(nodeClass.spec.tags).toMatchObject({
    "karpenter.sh/discovery": "iomete-dev",
    "iomete.com/managed": "true",
    "iomete.com/cluster_name": "iomete-dev",
  });
  expect(Object.keys(nodeClass.spec.tags).filter((k) => /^(kubernetes\.io\/cluster\/|eks:eks-cluster-name|karpenter\.sh\/node)/.test(k))).toEqual([]);
  expect(nodePool).toMatchObject({
    apiVersion: "karpenter.sh/v1",
    kind: "NodePool",
    spec: {
      template: { spec: { nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "default" }, expireAfter: "720h" } },
      limits: { cpu: "100", memory: "400Gi" },
      disruption: { consolidationPolicy: "WhenEmptyOrUnderutilized" },
    },
  });
  expect(nodePool.spec.template.spec.requirements).toContainEqual({ key: "karpenter.sh/capacity-type", operator: "In", values: ["on-demand"] });
});

it("writes IOMETE's settings as the JSON its module writes: the same keys, from the data plane's outputs", () => {
  // Written through data_wo: Terraform keeps a revision from the values' digest, which moves when any value does.
  const revision = rendered.cloud_settings_revision.value as unknown as number;
  expect(Number.isInteger(revision) && revision >= 1 && revision <= 2 ** 28).toBe(true);
  expect(rendered.cloud_settings_revision_other.value).not.toBe(revision);
  expect(JSON.parse(rendered.cloud_settings.value)).toEqual({
    cloud: "aws",
    region: "eu-west-1",
    cluster_name: "iomete-dev",
    eks: {
      name: "iomete-dev",
      endpoint: SAMPLE_OUTPUTS.cluster_endpoint,
      admin_arn: "arn:aws:iam::111111111111:role/iomete-kubernetes-dev-deployer",
    },
    storage_configuration: { lakehouse_bucket_name: SAMPLE_OUTPUTS.lakehouse_bucket_name, lakehouse_role_arn: SAMPLE_OUTPUTS.lakehouse_role_arn },
    terraform: { module_version: "1.9.3" },
  });
});

it("ships a manifests chart that applies each manifest of its values as its own document", () => {
  const chart = path.resolve(__dirname, "../../charts/manifests");
  expect(parse(fs.readFileSync(path.join(chart, "Chart.yaml"), "utf8"))).toMatchObject({ apiVersion: "v2", name: "manifests", version: "1.0.0" });
  expect(fs.readFileSync(path.join(chart, "templates", "manifests.yaml"), "utf8")).toMatch(/range \.Values\.manifests[\s\S]*---[\s\S]*toYaml \./);
});
