import { Bastion, BastionProps } from "../../modules/bastion";
import { EcrRepository } from "../../modules/ecr-repository";
import { KmsKey } from "../../modules/kms-key";
import { SsmParameters, SsmParametersProps } from "../../modules/ssm-parameters";
import { policy, resource, resources, synthJson, testStack } from "../support/helpers";

const bastionProps: BastionProps = {
  name: "demo-bastion",
  roleName: "demo-bastion",
  partition: "aws",
  vpcId: "vpc-0123456789abcdef0",
  subnetId: "subnet-0123456789abcdef0",
  instanceType: "t3.medium",
  volumeSizeGiB: 30,
  detailedMonitoring: false,
  policies: { Read: [{ Sid: "ReadBucket", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] },
  volumeTags: { "poolside.ai/managed": "true" },
};

function synthBastion(props: Partial<BastionProps> = {}) {
  const stack = testStack();
  new Bastion(stack, "bastion", { ...bastionProps, ...props });
  return synthJson(stack);
}

describe("Bastion", () => {
  it("is reachable only through SSM: no key pair, no public address, no inbound rule, HTTPS out only", () => {
    const json = synthBastion();
    const instance = resource(json, "aws_instance");
    expect(instance.key_name).toBeUndefined();
    expect(instance.associate_public_ip_address).toBe(false);
    expect(instance.subnet_id).toBe("subnet-0123456789abcdef0");
    expect(resources(json, "aws_vpc_security_group_ingress_rule")).toHaveLength(0);
    expect(resource(json, "aws_security_group").ingress).toBeUndefined();
    expect(resources(json, "aws_vpc_security_group_egress_rule")).toEqual([
      expect.objectContaining({ cidr_ipv4: "0.0.0.0/0", ip_protocol: "tcp", from_port: 443, to_port: 443 }),
    ]);
  });

  it("requires IMDSv2 with a hop limit of 1 and encrypts its root volume", () => {
    const instance = resource(synthBastion(), "aws_instance");
    expect(instance.metadata_options).toEqual({ http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 });
    expect(instance.root_block_device).toEqual({ encrypted: true, volume_type: "gp3", volume_size: 30, delete_on_termination: true });
    expect(instance.volume_tags).toEqual({ "poolside.ai/managed": "true", Name: "demo-bastion" });
  });

  it("runs the latest Amazon Linux from AWS's public SSM parameter, not a pinned AMI, without replacing itself on each release", () => {
    const json = synthBastion();
    expect(resource(json, "aws_instance").ami).toMatch(/^\$\{data\.aws_ssm_parameter\.bastion_ami_\w+\.value\}$/);
    expect(Object.values(json.data!.aws_ssm_parameter)[0].name).toBe("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64");
    expect(resource(json, "aws_instance").lifecycle).toEqual({ ignore_changes: ["ami"] });
  });

  it("switches detailed monitoring", () => {
    expect(resource(synthBastion({ detailedMonitoring: true }), "aws_instance").monitoring).toBe(true);
  });

  it("gives its role Session Manager, its named policies, and the deployer policies", () => {
    const json = synthBastion({ deployerPolicyArns: ["arn:aws:iam::123456789012:policy/deployer"] });
    expect(policy(resource(json, "aws_iam_role").assume_role_policy).Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
    expect(resources(json, "aws_iam_role_policy_attachment").map((a) => a.policy_arn)).toEqual([
      "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
      "arn:aws:iam::123456789012:policy/deployer",
    ]);
    expect(resource(json, "aws_iam_role_policy")).toMatchObject({ name: "Read" });
    expect(resource(json, "aws_iam_instance_profile")).toMatchObject({ name: "demo-bastion" });
  });

  it.each<[string, Partial<BastionProps>, RegExp]>([
    [
      "a statement without Sid",
      { policies: { Read: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] } },
      /every statement needs a Sid \(missing in Read\)/,
    ],
    [
      "more managed policies than IAM allows",
      { deployerPolicyArns: Array.from({ length: 10 }, (_, i) => `arn:aws:iam::123456789012:policy/p${i}`) },
      /deployerPolicyArns has 10 policies; IAM allows 10 per role/,
    ],
  ])("fails for %s", (_what, change, message) => {
    expect(() => synthBastion(change)).toThrow(message);
  });
});

describe("EcrRepository", () => {
  function synthRepository(keepLastImages?: number) {
    const stack = testStack();
    const key = new KmsKey(stack, "key", { description: "demo", alias: "demo", target: { partition: "aws", account: "123456789012" } });
    const repository = new EcrRepository(stack, "repository", { repositoryName: "poolside-demo-core-api", kmsKey: key, keepLastImages });
    return { json: synthJson(stack), repository };
  }

  it("is immutable, scanned on push and KMS-encrypted", () => {
    const { json } = synthRepository();
    expect(resource(json, "aws_ecr_repository")).toEqual({
      name: "poolside-demo-core-api",
      image_tag_mutability: "IMMUTABLE",
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [{ encryption_type: "KMS", kms_key: expect.stringMatching(/aws_kms_key\.key_\w+\.arn/) }],
      force_delete: false,
    });
  });

  it("keeps the newest N images", () => {
    const { json } = synthRepository(12);
    expect(JSON.parse(resource(json, "aws_ecr_lifecycle_policy").policy)).toEqual({
      rules: [
        {
          rulePriority: 1,
          description: "Keep the newest 12 images",
          selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 12 },
          action: { type: "expire" },
        },
      ],
    });
  });

  it("fails for a keep count below 1", () => {
    expect(() => synthRepository(0)).toThrow(/keepLastImages 0 must be a whole number, at least 1/);
  });
});

describe("SsmParameters", () => {
  function synthParameters(props: Partial<SsmParametersProps> = {}, withKey = true) {
    const stack = testStack();
    const kmsKey = withKey
      ? new KmsKey(stack, "key", { description: "demo", alias: "demo", target: { partition: "aws", account: "123456789012" } })
      : undefined;
    new SsmParameters(stack, "parameters", {
      path: "/poolside/deployment/demo",
      kmsKey,
      parameters: {
        "cluster/name": { value: "demo", description: "Cluster" },
        "api/token": { value: "s3cr3t", description: "Token", secure: true },
      },
      ...props,
    });
    return synthJson(stack);
  }

  it("writes each value under the path, sensitive ones as SecureString with the key", () => {
    const parameters = resources(synthParameters(), "aws_ssm_parameter");
    expect(parameters).toHaveLength(2);
    expect(parameters).toEqual(
      expect.arrayContaining([
        { name: "/poolside/deployment/demo/cluster/name", description: "Cluster", type: "String", value: "demo" },
        {
          name: "/poolside/deployment/demo/api/token",
          description: "Token",
          type: "SecureString",
          key_id: expect.stringMatching(/aws_kms_key\.key_\w+\.arn/),
          value: "s3cr3t",
        },
      ]),
    );
  });

  it.each<[string, Partial<SsmParametersProps>, boolean, RegExp]>([
    ["a path without a leading slash", { path: "poolside/demo" }, true, /path "poolside\/demo" must be \/<segment>/],
    ["a path with a trailing slash", { path: "/poolside/demo/" }, true, /path "\/poolside\/demo\/" must be/],
    [
      "a name with a space",
      { parameters: { "cluster name": { value: "x", description: "x" } } },
      true,
      /parameter name "cluster name" must be segments/,
    ],
    [
      "a parameter 16 levels deep",
      { parameters: { [Array.from({ length: 13 }, (_, i) => `l${i}`).join("/")]: { value: "x", description: "x" } } },
      true,
      /levels deep; SSM allows 15/,
    ],
    ["a secure parameter without a key", {}, false, /secure parameters need kmsKey/],
  ])("fails for %s", (_what, props, withKey, message) => {
    expect(() => synthParameters(props, withKey)).toThrow(message);
  });
});
