import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Fn, TerraformStack, Testing } from "cdktf";
import { KmsKey as KmsKeyResource } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import {
  applyRulePack,
  checkStack,
  checkSynthesizedApp,
  RULES,
  RuleViolationError,
  stackViewOf,
  StackRuleContext,
  suppressionsOf,
  suppressRule,
} from "../../rules";
import { referencedAddresses } from "../../rules/stack-self-contained";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { defineStacks, synthesizeAtomically } from "../../stacks/app";
import { builtIn, validate } from "../support/helpers";

const CONTEXT: StackRuleContext = {
  environmentName: "dev",
  environmentKind: "development",
  ownershipTagKey: "owner/managed",
  permissionsBoundaryArn: "arn:aws:iam::111111111111:policy/boundary",
  isBootstrap: false,
};
const GOOD_BACKEND = { s3: { bucket: "b", key: "k", encrypt: true, dynamodb_table: "locks" } };
const tls = JSON.stringify({
  Statement: [
    { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
  ],
});

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** A synthesized stack as JSON: resources by type and id, with the ownership tag in default_tags unless told otherwise. */
function stackJson(
  resource: Resources,
  extra: { defaultTags?: Record<string, string>; backend?: object; providers?: Record<string, object[]> } = {},
) {
  for (const byId of Object.values(resource)) for (const [id, r] of Object.entries(byId)) r["//"] = { metadata: { path: `fixture/${id}` } };
  return {
    provider: { aws: [{ default_tags: [{ tags: extra.defaultTags ?? { "owner/managed": "true" } }] }], ...extra.providers },
    terraform: { backend: extra.backend ?? GOOD_BACKEND },
    resource,
  };
}

function findingsFor(ruleId: string, resource: Resources, extra: Parameters<typeof stackJson>[1] = {}, context: Partial<StackRuleContext> = {}) {
  const rule = RULES.find((r) => r.id === ruleId)!;
  return checkStack(stackViewOf("fixture", stackJson(resource, extra), { ...CONTEXT, ...context }), [], [rule]);
}

/** A bucket with everything right, and its parts by type. */
function goodBucket(parts: Partial<Record<string, Record<string, unknown> | undefined>> = {}): Resources {
  const ref = "${aws_s3_bucket.data.id}";
  const all: Record<string, Record<string, unknown> | undefined> = {
    aws_s3_bucket: { bucket: "data" },
    aws_s3_bucket_server_side_encryption_configuration: {
      bucket: ref,
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms" } }],
    },
    aws_s3_bucket_public_access_block: {
      bucket: ref,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    },
    aws_s3_bucket_policy: { bucket: ref, policy: tls },
    aws_s3_bucket_versioning: { bucket: ref, versioning_configuration: { status: "Enabled" } },
    aws_s3_bucket_ownership_controls: { bucket: ref, rule: { object_ownership: "BucketOwnerEnforced" } },
    ...parts,
  };
  const resources: Resources = {};
  for (const [type, attrs] of Object.entries(all)) if (attrs) resources[type] = { [type === "aws_s3_bucket" ? "data" : `${type}_1`]: attrs };
  return resources;
}

const key = (attrs: Record<string, unknown>) => ({
  aws_kms_key: {
    key: {
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      policy: JSON.stringify({
        Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "kms:*", Resource: "*" }],
      }),
      ...attrs,
    },
  },
});
/** A database with everything right (as PostgresDatabase writes it). */
const database = (attrs: Record<string, unknown>) => ({
  engine: "postgres",
  storage_encrypted: true,
  kms_key_id: "${aws_kms_key.k.arn}",
  manage_master_user_password: true,
  publicly_accessible: false,
  deletion_protection: true,
  backup_retention_period: 7,
  skip_final_snapshot: false,
  ...attrs,
});

const cluster = (attrs: Record<string, unknown>) => ({
  aws_eks_cluster: {
    eks: {
      version: "1.33",
      encryption_config: { resources: ["secrets"], provider: { key_arn: "${aws_kms_key.k.arn}" } },
      enabled_cluster_log_types: ["api", "audit", "authenticator"],
      vpc_config: { endpoint_public_access: false },
      upgrade_policy: { support_type: "STANDARD" },
      deletion_protection: true,
      ...attrs,
    },
  },
});
const role = (attrs: Record<string, unknown>) => ({
  aws_iam_role: {
    role: {
      name: "r",
      permissions_boundary: CONTEXT.permissionsBoundaryArn,
      assume_role_policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
      ...attrs,
    },
  },
});
const policy = (statements: object[]) => ({ aws_iam_role_policy: { p: { policy: JSON.stringify({ Statement: statements }) } } });
const queue = (
  attrs: Record<string, unknown>,
  policyStatements = [{ Effect: "Deny", Principal: "*", Action: "sqs:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }],
) => ({
  aws_sqs_queue: { q: { name: "q", sqs_managed_sse_enabled: true, ...attrs } },
  aws_sqs_queue_policy: { qp: { queue_url: "${aws_sqs_queue.q.url}", policy: JSON.stringify({ Statement: policyStatements }) } },
});

/** For every rule: a fixture that passes, one that fails, and the message it must give. */
const CASES: Array<{
  rule: string;
  pass: Resources;
  fail: Resources;
  message: RegExp;
  failPath?: string;
  failExtra?: Parameters<typeof stackJson>[1];
  passExtra?: Parameters<typeof stackJson>[1];
  context?: Partial<StackRuleContext>;
  /** More bad fixtures: a missing attribute, a lookalike that a weaker rule would let through. */
  alsoFail?: Array<{ what: string; fixture: Resources; message: RegExp }>;
}> = [
  {
    rule: "S3-KMS-ENCRYPTION",
    pass: goodBucket(),
    fail: goodBucket({
      aws_s3_bucket_server_side_encryption_configuration: {
        bucket: "${aws_s3_bucket.data.id}",
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }],
      },
    }),
    message: /not encrypted with KMS by default: its default encryption is not aws:kms/,
  },
  {
    rule: "S3-PUBLIC-ACCESS-BLOCK",
    pass: goodBucket(),
    fail: goodBucket({
      aws_s3_bucket_public_access_block: {
        bucket: "${aws_s3_bucket.data.id}",
        block_public_acls: true,
        block_public_policy: false,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      },
    }),
    message: /all four kinds of public access: block_public_policy not true/,
  },
  {
    rule: "S3-TLS-ONLY",
    pass: goodBucket(),
    fail: goodBucket({ aws_s3_bucket_policy: undefined }),
    message: /does not refuse requests without TLS: no bucket policy/,
    alsoFail: [
      ...[
        [
          "a deny on another condition",
          { Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } },
        ],
        [
          "a TLS deny of one action only",
          { Effect: "Deny", Principal: "*", Action: "s3:GetObject", Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ],
        [
          "a TLS deny of one principal only",
          {
            Effect: "Deny",
            Principal: { AWS: "arn:aws:iam::111111111111:root" },
            Action: "s3:*",
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      ].map(([what, statement]) => ({
        what: what as string,
        fixture: goodBucket({ aws_s3_bucket_policy: { bucket: "${aws_s3_bucket.data.id}", policy: JSON.stringify({ Statement: [statement] }) } }),
        message: /its policy has no deny of s3:\* to everyone on aws:SecureTransport false/,
      })),
    ],
  },
  {
    rule: "S3-VERSIONING",
    pass: goodBucket(),
    fail: goodBucket({ aws_s3_bucket_versioning: undefined }),
    message: /holding data is not versioned: no versioning/,
  },
  {
    rule: "S3-OWNERSHIP-ENFORCED",
    pass: goodBucket(),
    fail: goodBucket({ aws_s3_bucket_ownership_controls: undefined }),
    message: /still honours ACLs/,
  },
  {
    rule: "S3-NO-PUBLIC-GRANT",
    pass: goodBucket(),
    fail: goodBucket({
      aws_s3_bucket_policy: {
        bucket: "${aws_s3_bucket.data.id}",
        policy: JSON.stringify({ Statement: [{ Sid: "Public", Effect: "Allow", Principal: "*", Action: "s3:GetObject" }] }),
      },
    }),
    message: /bucket is public.*: statement Public allows "\*" without a condition/,
    failPath: "fixture/aws_s3_bucket_policy_1",
  },
  {
    rule: "KMS-ROTATION",
    pass: key({}),
    fail: key({ enable_key_rotation: false }),
    message: /KMS key does not rotate/,
    failPath: "fixture/key",
    // Left out, the provider does not rotate either.
    alsoFail: [{ what: "rotation left unset", fixture: key({ enable_key_rotation: undefined }), message: /enable_key_rotation is not true/ }],
  },
  {
    rule: "KMS-DELETION-WINDOW",
    pass: key({}),
    fail: key({ deletion_window_in_days: 3 }),
    message: /less than a week's notice: deletion_window_in_days is 3/,
    failPath: "fixture/key",
  },
  {
    rule: "KMS-POLICY-NO-WILDCARD",
    pass: key({}),
    fail: key({
      policy: JSON.stringify({
        Statement: [{ Sid: "Everyone", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/app" }, Action: "kms:*", Resource: "*" }],
      }),
    }),
    message: /grants kms:\* to a principal other than the account root: statement Everyone grants kms:\* to arn:aws:iam::111111111111:role\/app/,
    failPath: "fixture/key",
  },
  {
    rule: "EKS-SECRETS-ENCRYPTION",
    pass: cluster({}),
    fail: cluster({ encryption_config: undefined }),
    message: /does not encrypt Kubernetes secrets/,
    failPath: "fixture/eks",
  },
  {
    rule: "EKS-CONTROL-PLANE-LOGGING",
    pass: cluster({}),
    fail: cluster({ enabled_cluster_log_types: ["api"] }),
    message: /missing audit, authenticator/,
    failPath: "fixture/eks",
  },
  {
    rule: "EKS-PUBLIC-ENDPOINT-OPEN",
    pass: cluster({ vpc_config: { endpoint_public_access: true, public_access_cidrs: ["203.0.113.0/24"] } }),
    fail: cluster({ vpc_config: { endpoint_public_access: true } }),
    message: /open to the whole internet: public access from 0\.0\.0\.0\/0/,
    failPath: "fixture/eks",
  },
  {
    rule: "EKS-SUPPORTED-VERSION",
    pass: cluster({}),
    fail: cluster({ version: "1.24" }),
    message: /outside the supported set: version 1\.24/,
    failPath: "fixture/eks",
  },
  {
    rule: "EKS-UPGRADE-POLICY",
    pass: cluster({}),
    fail: cluster({ upgrade_policy: { support_type: "EXTENDED" } }),
    message: /moves into extended support .* six times the control-plane price: support_type EXTENDED/,
    failPath: "fixture/eks",
    alsoFail: [
      { what: "upgrade_policy left out", fixture: cluster({ upgrade_policy: undefined }), message: /upgrade_policy left to EKS \(EXTENDED\)/ },
    ],
  },
  {
    rule: "EKS-DELETION-PROTECTION",
    pass: cluster({}),
    fail: cluster({ deletion_protection: false }),
    message: /Production EKS cluster can be deleted in one apply .*: deletion_protection false/,
    failPath: "fixture/eks",
    context: { environmentName: "prod", environmentKind: "production" },
  },
  {
    rule: "RDS-SECURE-INSTANCE",
    pass: { aws_db_instance: { db: database({}) } },
    fail: { aws_db_instance: { db: database({ publicly_accessible: true, manage_master_user_password: undefined, password: "hunter22" }) } },
    message: /public, unencrypted, or keeps its password in Terraform's state: publicly accessible, a master password passed to Terraform/,
    failPath: "fixture/db",
    alsoFail: [
      { what: "AWS's own key", fixture: { aws_db_instance: { db: database({ kms_key_id: undefined }) } }, message: /encrypted with AWS's key/ },
      { what: "unencrypted", fixture: { aws_db_instance: { db: database({ storage_encrypted: false }) } }, message: /storage not encrypted/ },
    ],
  },
  {
    rule: "EC2-IMDSV2",
    pass: { aws_launch_template: { lt: { metadata_options: { http_tokens: "required" } } } },
    fail: { aws_launch_template: { lt: { metadata_options: { http_tokens: "optional" } } } },
    message: /can use IMDSv1/,
    failPath: "fixture/lt",
  },
  {
    rule: "EC2-ENCRYPTED-VOLUMES",
    pass: { aws_instance: { vm: { root_block_device: { encrypted: true } } } },
    fail: { aws_instance: { vm: { root_block_device: { encrypted: false } } } },
    message: /volume is not encrypted: a volume has encrypted unset or false/,
    failPath: "fixture/vm",
  },
  {
    rule: "EC2-NO-OPEN-INGRESS",
    pass: { aws_vpc_security_group_ingress_rule: { r: { referenced_security_group_id: "${aws_security_group.x.id}", ip_protocol: "-1" } } },
    fail: { aws_vpc_security_group_ingress_rule: { r: { cidr_ipv4: "0.0.0.0/0", ip_protocol: "tcp", from_port: 22, to_port: 22 } } },
    message: /admits traffic from the whole internet: 0\.0\.0\.0\/0 on ports 22-22 \(including 22\)/,
    failPath: "fixture/r",
  },
  {
    rule: "EC2-NO-KEY-PAIR",
    pass: { aws_instance: { vm: {} } },
    fail: { aws_instance: { vm: { key_name: "ops" } } },
    message: /has an SSH key pair: key_name ops/,
    failPath: "fixture/vm",
  },
  {
    rule: "IAM-PERMISSIONS-BOUNDARY",
    pass: role({}),
    fail: role({ permissions_boundary: undefined }),
    message: /lacks the configured permissions boundary: no permissions boundary/,
    failPath: "fixture/role",
  },
  {
    rule: "IAM-NO-WILDCARD-ACTIONS",
    pass: policy([{ Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }]),
    fail: policy([{ Sid: "Everything", Effect: "Allow", Action: ["s3:*"], Resource: "*" }]),
    message: /allows Action "\*" or "<service>:\*": statement Everything allows s3:\*/,
    failPath: "fixture/p",
  },
  {
    rule: "IAM-TRUST-NO-WILDCARD",
    pass: role({}),
    fail: role({
      assume_role_policy: JSON.stringify({ Statement: [{ Sid: "Anyone", Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] }),
    }),
    message: /lets principal "\*" assume the role without a condition: statement Anyone/,
    failPath: "fixture/role",
  },
  {
    rule: "IAM-OIDC-TRUST-CONDITIONS",
    pass: role({
      assume_role_policy: JSON.stringify({
        Statement: [
          {
            Sid: "Irsa",
            Effect: "Allow",
            Principal: { Federated: "x" },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { "oidc:aud": "sts.amazonaws.com", "oidc:sub": "system:serviceaccount:a:b" } },
          },
        ],
      }),
    }),
    fail: role({
      assume_role_policy: JSON.stringify({
        Statement: [
          {
            Sid: "Irsa",
            Effect: "Allow",
            Principal: { Federated: "x" },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { "oidc:aud": "sts.amazonaws.com" } },
          },
        ],
      }),
    }),
    message: /does not pin both audience and subject: statement Irsa has no :sub condition/,
    failPath: "fixture/role",
  },
  {
    rule: "LOGS-RETENTION",
    pass: { aws_cloudwatch_log_group: { g: { retention_in_days: 90 } } },
    fail: { aws_cloudwatch_log_group: { g: {} } },
    message: /keeps logs forever/,
    failPath: "fixture/g",
  },
  {
    rule: "SQS-ENCRYPTION-TLS",
    pass: queue({}),
    fail: queue({}, []),
    message: /unencrypted or accepts requests without TLS: no policy denying non-TLS requests/,
    failPath: "fixture/q",
  },
  {
    rule: "ECR-IMMUTABLE-SCAN",
    pass: { aws_ecr_repository: { repo: { image_tag_mutability: "IMMUTABLE", image_scanning_configuration: { scan_on_push: true } } } },
    fail: { aws_ecr_repository: { repo: { image_tag_mutability: "MUTABLE" } } },
    message: /tags are mutable, no scan on push/,
    failPath: "fixture/repo",
  },
  {
    rule: "DYNAMODB-PITR-ENCRYPTION",
    pass: { aws_dynamodb_table: { t: { point_in_time_recovery: { enabled: true }, server_side_encryption: { enabled: true } } } },
    fail: { aws_dynamodb_table: { t: {} } },
    message: /no point-in-time recovery, no server-side encryption with KMS/,
    failPath: "fixture/t",
  },
  {
    rule: "TAGS-OWNERSHIP",
    pass: { aws_vpc: { v: { tags: { Name: "v" } } } },
    fail: { aws_launch_template: { lt: { tag_specifications: [{ resource_type: "instance", tags: { Name: "n" } }] } } },
    message: /do not all carry the ownership tag.*: fixture\/lt launches instance without owner\/managed/,
    failPath: "fixture",
  },
  {
    rule: "HELM-CHART-PINNED",
    pass: {
      helm_release: {
        k: { name: "karpenter", chart: "karpenter", repository: "oci://public.ecr.aws/karpenter", version: "1.11.1" },
        pool: { name: "pool", chart: "assets/manifests_chart/0123ABCD" },
      },
    },
    fail: {
      helm_release: {
        data: { name: "istiod", chart: "istiod", repository: "https://istio-release.storage.googleapis.com/charts", version: "~1.30" },
      },
    },
    message: /newest when it runs: istiod version "~1.30" is not an exact version/,
  },
  {
    rule: "K8S-NAMESPACE-LABELLED",
    pass: { kubernetes_namespace_v1: { ns: { metadata: { name: "iomete-system", labels: { "owner/managed": "true" } } } } },
    fail: { kubernetes_namespace_v1: { data: { metadata: { name: "iomete-system", labels: { team: "data" } } } } },
    message: /lacks the ownership label.*: iomete-system has no owner\/managed label/,
  },
  {
    rule: "K8S-NO-KEY-LITERAL",
    pass: {
      kubernetes_secret_v1: {
        certs: { metadata: { name: "certs" }, data: { "server-key.pem": "${tls_private_key.server.private_key_pem}" } },
        settings: { metadata: { name: "settings" }, data: { settings: '${jsonencode({"cloud" = "aws"})}' } },
      },
    },
    fail: {
      kubernetes_secret_v1: {
        data: { metadata: { name: "certs" }, binary_data: { "ca-key.pem": "LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t" } },
      },
    },
    message: /written into the stack's JSON.*: fixture\/data binary_data\.ca-key\.pem is a literal, not a reference/,
    failPath: "fixture",
  },
  {
    rule: "K8S-PROVIDER-EXEC-AUTH",
    pass: {},
    passExtra: {
      providers: {
        helm: [
          { kubernetes: { host: "h", exec: { api_version: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token"] } } },
        ],
        kubernetes: [{ host: "h", exec: [{ api_version: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token"] }] }],
      },
    },
    fail: {},
    failExtra: { providers: { kubernetes: [{ host: "h", token: "${data.aws_eks_cluster_auth.this.token}" }] } },
    message: /static credential.*: the kubernetes provider sets token/,
    failPath: "fixture",
  },
  {
    rule: "STACK-SELF-CONTAINED",
    pass: {
      aws_vpc: { v: { cidr_block: "10.0.0.0/16" } },
      aws_subnet: { s: { vpc_id: "${aws_vpc.v.id}", tags: { Name: "${aws_vpc.v.id}-a_b.c" } } },
    },
    fail: { aws_subnet: { s: { vpc_id: "${aws_vpc.network_vpc.id}" } } },
    message: /does not declare.*: resource\.aws_subnet\.s\.vpc_id refers to aws_vpc\.network_vpc$/,
    failPath: "fixture",
  },
  {
    rule: "BACKEND-S3-LOCKED",
    pass: {},
    fail: {},
    failExtra: { backend: { s3: { bucket: "b", key: "k", encrypt: true } } },
    message: /not in the encrypted, locked S3 backend: no lock table or lock file/,
    failPath: "fixture",
  },
];

describe("the security rule pack", () => {
  it("has a passing and a failing fixture for every rule", () => {
    expect(CASES.map((c) => c.rule).sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  describe.each(CASES)("$rule", ({ rule, pass, fail, message, failPath, failExtra, passExtra, context, alsoFail }) => {
    for (const { what, fixture, message: expected } of alsoFail ?? []) {
      it(`reports the bad fixture with ${what}`, () => {
        const findings = findingsFor(rule, fixture, failExtra, context);
        expect(findings.map((f) => f.ruleId)).toEqual([rule]);
        expect(findings[0].message).toMatch(expected);
      });
    }
    it("passes the good fixture", () => {
      expect(findingsFor(rule, pass, passExtra, context)).toEqual([]);
    });
    it("reports the bad fixture with its id, construct path and message", () => {
      const findings = findingsFor(rule, fail, failExtra, context);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ ruleId: rule, stackId: "fixture", path: failPath ?? "fixture/data" });
      expect(findings[0].message).toMatch(message);
      expect(findings[0].fix.length).toBeGreaterThan(20);
    });
  });

  it("holds production databases to deletion protection, a week of backups and a final snapshot", () => {
    const lax = { aws_db_instance: { db: database({ deletion_protection: false, backup_retention_period: 1, skip_final_snapshot: true }) } };
    expect(findingsFor("RDS-SECURE-INSTANCE", lax)).toEqual([]);
    expect(findingsFor("RDS-SECURE-INSTANCE", lax, {}, { environmentName: "prod", environmentKind: "production" })[0].message).toMatch(
      /no deletion protection in production, backups kept 1 days in production \(at least 7\), no final snapshot in production/,
    );
  });

  it("holds only production clusters to deletion protection", () => {
    expect(findingsFor("EKS-DELETION-PROTECTION", cluster({ deletion_protection: false }))).toEqual([]);
  });

  it("makes an open EKS endpoint an error in prod and a warning elsewhere", () => {
    const open = cluster({ vpc_config: { endpoint_public_access: true } });
    expect(findingsFor("EKS-PUBLIC-ENDPOINT-OPEN", open, {}, { environmentName: "prd", environmentKind: "production" })[0].level).toBe("error");
    expect(findingsFor("EKS-PUBLIC-ENDPOINT-OPEN", open, {}, { environmentName: "production-like", environmentKind: "development" })[0].level).toBe(
      "warning",
    );
  });

  it.each([
    ["*", true],
    ["system:serviceaccount:*", true],
    ["repo:example-org/platform-stacks:*", true],
    ["system:serviceaccount:iomete-system:*", false],
    ["repo:example-org/platform-stacks:environment:prod", false],
  ])("treats the OIDC subject %p as too loose: %p", (subject, loose) => {
    const trust = role({
      assume_role_policy: JSON.stringify({
        Statement: [
          {
            Sid: "Oidc",
            Effect: "Allow",
            Principal: { Federated: "x" },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { "oidc:aud": "sts.amazonaws.com" }, StringLike: { "oidc:sub": subject } },
          },
        ],
      }),
    });
    expect(findingsFor("IAM-OIDC-TRUST-CONDITIONS", trust)).toHaveLength(loose ? 1 : 0);
  });

  it("treats Allow with NotAction and a role's inline_policy blocks as wildcard grants", () => {
    expect(
      findingsFor("IAM-NO-WILDCARD-ACTIONS", policy([{ Sid: "AllBut", Effect: "Allow", NotAction: "iam:*", Resource: "*" }]))[0].message,
    ).toMatch(/statement AllBut allows everything but iam:\* \(NotAction\)/);
    const inline = role({
      inline_policy: [{ name: "x", policy: JSON.stringify({ Statement: [{ Sid: "Star", Effect: "Allow", Action: "*", Resource: "*" }] }) }],
    });
    expect(findingsFor("IAM-NO-WILDCARD-ACTIONS", inline)[0]).toMatchObject({ path: "fixture/role" });
  });

  it("exempts the bootstrap stack from the backend rule", () => {
    expect(findingsFor("BACKEND-S3-LOCKED", {}, { backend: { local: { path: "x" } } }, { isBootstrap: true })).toEqual([]);
  });
});

describe("the rule pack on stacks", () => {
  it("passes every built-in stack with no errors and no warnings", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "rules-"));
    const app = new App({ outdir, stackTraces: false });
    defineStacks(app, validate(builtIn("dev"), builtIn("staging"), builtIn("prod")));
    app.synth();
    expect(checkSynthesizedApp(app, outdir)).toEqual([]);
    // Every suppression in the built-in stacks, with its reason.
    expect(suppressionsOf(app).map((s) => `${s.ruleId} ${s.path}`)).toEqual([
      "S3-VERSIONING iomete-data-plane-dev/assets_bucket",
      "S3-VERSIONING iomete-data-plane-staging/assets_bucket",
      "S3-VERSIONING iomete-data-plane-prod/assets_bucket",
      // Server access logging cannot write to an SSE-KMS bucket; logs are write-once and expire.
      "S3-KMS-ENCRYPTION poolside-prod/bucket_access_logs",
      "S3-VERSIONING poolside-prod/bucket_access_logs",
    ]);
    for (const s of suppressionsOf(app)) expect(s.reason.length).toBeGreaterThan(40);
  });

  it("keeps a suppression on its construct, as construct metadata, seen from its stack and the app only", () => {
    const app = Testing.app();
    const stack = badStack(app, "a reason long enough to be read");
    const other = new TerraformStack(app, "other");
    const bucket = stack.node.findChild("open_bucket");
    expect(bucket.node.metadata.filter((m) => m.type.startsWith("rule-pack:"))).toEqual([
      expect.objectContaining({ type: "rule-pack:suppression", data: { ruleId: "S3-KMS-ENCRYPTION", reason: "a reason long enough to be read" } }),
    ]);
    const expected = [{ path: "bad/open_bucket", ruleId: "S3-KMS-ENCRYPTION", reason: "a reason long enough to be read" }];
    expect(suppressionsOf(bucket)).toEqual(expected);
    expect(suppressionsOf(stack)).toEqual(expected);
    expect(suppressionsOf(app)).toEqual(expected);
    expect(suppressionsOf(other)).toEqual([]);
    // Another app's constructs never see it (nothing is kept beside the constructs).
    expect(suppressionsOf(badStack(Testing.app()))).toEqual([]);
  });

  /** A stack breaking several rules at once, under the pack. */
  function badStack(app: App, suppress?: string): TerraformStack {
    const stack = new TerraformStack(app, "bad");
    new AwsProvider(stack, "aws", { region: "eu-west-1", defaultTags: [{ tags: { "owner/managed": "true" } }] });
    const bucket = new S3Bucket(stack, "open_bucket", { bucket: "open-bucket" });
    new KmsKeyResource(stack, "key", { enableKeyRotation: false });
    new VpcSecurityGroupIngressRule(stack, "ssh", { securityGroupId: "sg-0123", cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 22, toPort: 22 });
    if (suppress !== undefined) suppressRule(bucket, "S3-KMS-ENCRYPTION", suppress);
    applyRulePack(stack, { ...CONTEXT, isBootstrap: true });
    return stack;
  }

  it("reports every violation of a stack in one run, and writes nothing", () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rules-")), "cdktf.out");
    let error: unknown;
    try {
      synthesizeAtomically(outdir, (app) => badStack(app));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleViolationError);
    const ids = (error as RuleViolationError).findings.map((f) => `${f.ruleId} ${f.path}`);
    expect(ids).toEqual(
      expect.arrayContaining([
        "S3-KMS-ENCRYPTION bad/open_bucket",
        "S3-PUBLIC-ACCESS-BLOCK bad/open_bucket",
        "S3-TLS-ONLY bad/open_bucket",
        "S3-VERSIONING bad/open_bucket",
        "S3-OWNERSHIP-ENFORCED bad/open_bucket",
        "KMS-ROTATION bad/key",
        "EC2-NO-OPEN-INGRESS bad/ssh",
      ]),
    );
    expect((error as Error).message).toMatch(/Security rules failed \(\d+ errors\):\n {2}ERROR S3-KMS-ENCRYPTION bad bad\/open_bucket/);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  it("honours a suppression with a reason, and rejects one without", () => {
    const check = (reason: string) => {
      const stack = badStack(Testing.app() as App, reason);
      const json = JSON.parse(Testing.synth(stack));
      return checkStack(stackViewOf("bad", json, { ...CONTEXT, isBootstrap: true }), suppressionsOf(stack)).map((f) => f.ruleId);
    };
    expect(check("The bucket is encrypted by an SCP-enforced account default key")).not.toContain("S3-KMS-ENCRYPTION");
    const unreasoned = check("because");
    expect(unreasoned).toContain("RULE-SUPPRESSION-REASON");
    expect(unreasoned).toContain("S3-KMS-ENCRYPTION");
  });
});

describe("the Kubernetes-side rules, beyond their fixtures", () => {
  it("finds a Helm provider without get-token exec, and a kubeconfig borrowed from the machine", () => {
    const helmWithoutExec = { helm: [{ kubernetes: { host: "h", cluster_ca_certificate: "c" } }] };
    expect(findingsFor("K8S-PROVIDER-EXEC-AUTH", {}, { providers: helmWithoutExec })[0].message).toMatch(
      /the helm provider has no aws eks get-token exec/,
    );
    expect(findingsFor("K8S-PROVIDER-EXEC-AUTH", {}, { providers: { kubernetes: [{ config_path: "~/.kube/config" }] } })[0].message).toMatch(
      /the kubernetes provider sets config_path/,
    );
  });

  it("finds a PEM block in any attribute of any resource, not only in Secrets", () => {
    const release = { helm_release: { r: { chart: "c", version: "1.0.0", values: ["caBundle: |\n  -----BEGIN CERTIFICATE-----\n  MIIB\n"] } } };
    expect(findingsFor("K8S-NO-KEY-LITERAL", release)[0].message).toMatch(/fixture\/r\.values\[0\] holds a PEM block/);
  });

  it("pins no version on a chart from a repository, even without one", () => {
    expect(findingsFor("HELM-CHART-PINNED", { helm_release: { data: { chart: "base", repository: "https://charts.example" } } })[0].message).toMatch(
      /base has no version/,
    );
  });
});

describe("STACK-SELF-CONTAINED", () => {
  it.each<[string, string, string[]]>([
    ["a resource's attribute", "${aws_vpc.main.id}", ["aws_vpc.main"]],
    [
      "a data source, a variable, a local and a module",
      "${data.aws_region.here.name}-${var.env}-${local.tags}-${module.m.out}",
      ["data.aws_region.here", "var.env", "local.tags", "module.m"],
    ],
    [
      "references inside a function call and an index",
      "${element(aws_subnet.a[*].id, 0)}/${aws_eks_cluster.c.identity[0].oidc[0].issuer}",
      ["aws_subnet.a", "aws_eks_cluster.c"],
    ],
    ["none in a quoted string of an expression", '${jsonencode({"iomete.com/managed" = "a_b.c"})}', []],
    ["none in a quoted string with escaped quotes", '${jsonencode({"a" = "say \\"x_y.z\\" ${local.l}"})}', ["local.l"]],
    ["those of an expression inside a quoted string of an expression", '${lower("${aws_s3_bucket.b.arn}/x")}', ["aws_s3_bucket.b"]],
    ["those inside quotes inside quotes", '${format("%s", "${lookup(var.m, "k_k.v")}")}', ["var.m"]],
    ["none in Terraform's own names", "${each.key}${count.index}${self.names}${path.module}", []],
    ["none in an escaped $${", "$${aws_vpc.main.id}", []],
    ["none outside ${...}", "aws_vpc.main.id", []],
  ])("finds %s", (_what, text, addresses) => {
    expect(referencedAddresses(text)).toEqual(addresses);
  });

  it.each([
    [
      "an output cdktf adds for another stack",
      { output: { "cross-stack-output-aws_vpcmainid": { value: "x" } } },
      "cross-stack-output-aws_vpcmainid",
    ],
    [
      "the remote state cdktf adds to read it",
      { data: { terraform_remote_state: { "cross-stack-reference-input-network": { backend: "s3" } } } },
      "cross-stack-reference-input-network",
    ],
  ])("refuses %s", (_what, extra, name) => {
    const view = stackViewOf("fixture", { ...stackJson({}), ...extra }, CONTEXT);
    const findings = checkStack(view, [], [RULES.find((r) => r.id === "STACK-SELF-CONTAINED")!]);
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining(`cdktf wired it to another stack through ${name}`)]);
  });

  it("checks depends_on, whose entries are addresses without ${...}", () => {
    const rule = [RULES.find((r) => r.id === "STACK-SELF-CONTAINED")!];
    const json = (dependsOn: string[]) => stackJson({ aws_s3_bucket: { own: { bucket: "b" }, logs: { bucket: "l", depends_on: dependsOn } } });
    expect(checkStack(stackViewOf("fixture", json(["aws_s3_bucket.own"]), CONTEXT), [], rule)).toEqual([]);
    expect(checkStack(stackViewOf("fixture", json(["aws_s3_bucket.elsewhere"]), CONTEXT), [], rule).map((f) => f.message)).toEqual([
      expect.stringMatching(/resource\.aws_s3_bucket\.logs\.depends_on refers to aws_s3_bucket\.elsewhere$/),
    ]);
  });
});

describe("a reference from one stack to another's element", () => {
  const stackWith = (app: App, id: string) => {
    const stack = new TerraformStack(app, id);
    new AwsProvider(stack, "aws", { region: "eu-west-1", defaultTags: [{ tags: { "owner/managed": "true" } }] });
    applyRulePack(stack, { ...CONTEXT, isBootstrap: true });
    return stack;
  };

  it.each<[string, (network: TerraformStack, workloads: TerraformStack) => void, string]>([
    [
      "an attribute",
      (network, workloads) =>
        new Subnet(workloads, "subnet", { vpcId: new Vpc(network, "vpc", { cidrBlock: "10.0.0.0/16" }).id, cidrBlock: "10.0.0.0/24" }),
      "aws_vpc.vpc",
    ],
    [
      "an element named as one of its own (the same construct path in both)",
      (network, workloads) => {
        new Vpc(workloads, "vpc", { cidrBlock: "10.1.0.0/16" });
        new Subnet(workloads, "subnet", { vpcId: new Vpc(network, "vpc", { cidrBlock: "10.0.0.0/16" }).id, cidrBlock: "10.0.0.0/24" });
      },
      "aws_vpc.vpc",
    ],
    [
      "an attribute inside a function's quoted argument",
      (network, workloads) =>
        new S3Bucket(workloads, "bucket", { bucket: Fn.lower(`${new S3Bucket(network, "logs", { bucket: "logs" }).bucket}-copy`) }),
      "aws_s3_bucket.logs",
    ],
    [
      "an element in depends_on",
      (network, workloads) => new S3Bucket(workloads, "bucket", { bucket: "b", dependsOn: [new S3Bucket(network, "logs", { bucket: "logs" })] }),
      "aws_s3_bucket.logs",
    ],
  ])(
    "fails the app's synth through %s, at both ends of cdktf's wiring, naming the other stack and the element, and writes nothing",
    (_what, define, element) => {
      const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rules-")), "cdktf.out");
      let error: unknown;
      try {
        synthesizeAtomically(outdir, (app) => define(stackWith(app, "network"), stackWith(app, "workloads")));
      } catch (e) {
        error = e;
      }
      // The reference is found in the written JSON: cdktf wires it (an output in one stack, its remote state in the other).
      expect(error).toBeInstanceOf(RuleViolationError);
      const found = (error as RuleViolationError).findings.filter((f) => f.ruleId === "STACK-SELF-CONTAINED").map((f) => [f.stackId, f.message]);
      expect(found).toEqual([
        ["network", expect.stringContaining(`gives ${element} to another stack: cdktf wired it to another stack through cross-stack-output-`)],
        [
          "workloads",
          expect.stringContaining(
            "refers to an element of stack network: cdktf wired it to another stack through cross-stack-reference-input-network",
          ),
        ],
      ]);
      expect(fs.existsSync(outdir)).toBe(false);
    },
  );

  it("leaves cdktf's cross-stack references as cdktf makes them once the synth is over", () => {
    const app = Testing.app();
    const vpc = new Vpc(stackWith(app, "network"), "vpc", { cidrBlock: "10.0.0.0/16" });
    const workloads = stackWith(app, "workloads");
    new Subnet(workloads, "subnet", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24" });
    synthesizeAtomically(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rules-")), "cdktf.out"), (other) => stackWith(other, "alone"));
    expect(() => Testing.synth(workloads)).not.toThrow();
  });
});
