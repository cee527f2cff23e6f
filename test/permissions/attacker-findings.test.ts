import { PolicyStatement } from "../../lib/policy-document";
import { ArnContext, typePermissionsFor } from "../../permissions/types";
import { stateKeyAlias } from "../../stacks/support/remote-state";
import { deployerRoleName } from "../../stacks/provisioner-stack";
import { builtInDeployments, DeployedEnvironment, exampleDeployments } from "./fixtures";
import { deployedFactsOf, sampleVpcId } from "../../permissions/sample-world";
import { deployedPolicies } from "./deployed-policies";
import { decide, Decision } from "./harness";
import { actionTouches, concreteArn, RequestShape } from "../../permissions/action-data";

/**
 * One named test per finding of the attacker's review (issue 9): each request is what a
 * compromised CI job holding the deployer role would send, with the stack's own tags.
 */

const IOMETE_TAGS = { "iomete.com/managed": "true", "iomete.com/cluster_name": "iomete-prod" };
const POOLSIDE_TAGS = { "poolside.ai/managed": "true", "poolside.ai/deployment": "prod" };

function deployer(deployment: DeployedEnvironment, stackId: string) {
  const { env, provisioner } = deployment;
  const set = provisioner.policySets.get(stackId)!;
  const account = env.account.id;
  const region = env.account.region;
  const principal = `arn:aws:iam::${account}:role/${deployerRoleName(stackId)}`;
  return {
    env,
    set,
    arn: (service: string, resource: string) =>
      `arn:aws:${service}:${service === "iam" || service === "s3" ? "" : region}:${service === "s3" ? "" : account}:${resource}`,
    can: (action: string, resource: string, shape: Omit<RequestShape, "region"> = {}): Promise<Decision> =>
      decide({
        principal,
        action,
        resource,
        account,
        identityPolicies: deployedPolicies(env, "after the first deploy").roles.get(deployerRoleName(stackId))!,
        shape: { region, ...shape },
      }),
  };
}

const prod = () => builtInDeployments("prod")[0];
const iomete = () => deployer(prod(), "iomete-data-plane-prod");
const poolside = () => deployer(prod(), "poolside-prod");
const KEY = "key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("adoption by tagging (finding 1)", () => {
  it("cannot tag the shared Terraform state key (untagged, with its own alias) as its own", async () => {
    const d = iomete();
    const context = { "kms:ResourceAliases": [stateKeyAlias(d.env.stateBackend)] };
    expect(await d.can("kms:TagResource", d.arn("kms", KEY), { requestTags: IOMETE_TAGS, resourceTags: {}, context })).not.toBe("Allowed");
  });

  it("cannot lock out, delete or grant away the state key even if it carried the stack's tags", async () => {
    const d = iomete();
    const context = { "kms:ResourceAliases": [stateKeyAlias(d.env.stateBackend)] };
    const shape = { resourceTags: IOMETE_TAGS, context };
    expect(await d.can("kms:PutKeyPolicy", d.arn("kms", KEY), shape)).not.toBe("Allowed");
    expect(await d.can("kms:ScheduleKeyDeletion", d.arn("kms", KEY), shape)).not.toBe("Allowed");
    expect(await d.can("kms:CreateGrant", d.arn("kms", KEY), { ...shape, context: { ...context, "kms:GrantIsForAWSResource": "true" } })).not.toBe(
      "Allowed",
    );
  });

  it("cannot tag another vendor's key or a sibling stack's key", async () => {
    const d = iomete();
    const own = { "kms:ResourceAliases": ["alias/eks/iomete-prod"] };
    expect(await d.can("kms:TagResource", d.arn("kms", KEY), { requestTags: IOMETE_TAGS, resourceTags: POOLSIDE_TAGS, context: own })).toBe(
      "ExplicitlyDenied",
    );
    const sibling = { ...IOMETE_TAGS, "iomete.com/cluster_name": "iomete-other" };
    expect(await d.can("kms:TagResource", d.arn("kms", KEY), { requestTags: IOMETE_TAGS, resourceTags: sibling, context: own })).toBe(
      "ExplicitlyDenied",
    );
  });

  it("cannot bypass the key policy lockout check, even on its own key", async () => {
    const d = iomete();
    const context = { "kms:ResourceAliases": ["alias/eks/iomete-prod"], "kms:BypassPolicyLockoutSafetyCheck": "true" };
    expect(await d.can("kms:PutKeyPolicy", d.arn("kms", KEY), { resourceTags: IOMETE_TAGS, context })).toBe("ExplicitlyDenied");
    expect(
      await d.can("kms:PutKeyPolicy", d.arn("kms", KEY), {
        resourceTags: IOMETE_TAGS,
        context: { ...context, "kms:BypassPolicyLockoutSafetyCheck": "false" },
      }),
    ).toBe("Allowed");
  });

  it("cannot tag the other vendor's OIDC provider, nor then delete it or drop its client id", async () => {
    const d = iomete();
    const provider = d.arn("iam", "oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF");
    expect(await d.can("iam:TagOpenIDConnectProvider", provider, { requestTags: IOMETE_TAGS, resourceTags: POOLSIDE_TAGS })).toBe("ExplicitlyDenied");
    expect(await d.can("iam:DeleteOpenIDConnectProvider", provider, { resourceTags: POOLSIDE_TAGS })).not.toBe("Allowed");
    expect(await d.can("iam:RemoveClientIDFromOpenIDConnectProvider", provider, { resourceTags: POOLSIDE_TAGS })).not.toBe("Allowed");
  });

  it("tags, once the provisioner has read the stack's provider from its state, no other provider, tagged or not", async () => {
    const d = iomete();
    const other = d.arn("iam", "oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF");
    expect(await d.can("iam:TagOpenIDConnectProvider", other, { requestTags: IOMETE_TAGS, resourceTags: {} })).not.toBe("Allowed");
    const own = deployedFactsOf(prod().env, "iomete-data-plane-prod").oidcProviderArn!;
    expect(await d.can("iam:TagOpenIDConnectProvider", own, { requestTags: IOMETE_TAGS, resourceTags: IOMETE_TAGS })).toBe("Allowed");
  });

  it("does the same in staging (no delete there either)", async () => {
    const d = deployer(builtInDeployments("staging")[0], "iomete-data-plane-staging");
    const provider = d.arn("iam", "oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF");
    const theirs = { "poolside.ai/managed": "true", "poolside.ai/deployment": "staging" };
    expect(
      await d.can("iam:TagOpenIDConnectProvider", provider, {
        requestTags: { "iomete.com/managed": "true", "iomete.com/cluster_name": "iomete-staging" },
        resourceTags: theirs,
      }),
    ).toBe("ExplicitlyDenied");
  });

  it("cannot adopt another vendor's or a sibling stack's security group as the VPC's default group", async () => {
    const d = iomete();
    const group = d.arn("ec2", "security-group/sg-0a1b2c3d4e5f67890");
    expect(await d.can("ec2:CreateTags", group, { requestTags: IOMETE_TAGS, resourceTags: POOLSIDE_TAGS })).toBe("ExplicitlyDenied");
    expect(
      await d.can("ec2:CreateTags", group, {
        requestTags: IOMETE_TAGS,
        resourceTags: { "iomete.com/managed": "true", "iomete.com/cluster_name": "iomete-other" },
      }),
    ).toBe("ExplicitlyDenied");
  });

  it("adopts, once the provisioner has read the stack's VPC from its state, only the default group of that VPC", async () => {
    const d = iomete();
    const group = d.arn("ec2", "security-group/sg-0a1b2c3d4e5f67890");
    const inVpc = (vpcId: string) => ({
      requestTags: { ...prod().models.get("iomete-data-plane-prod")!.defaultTags },
      resourceTags: {},
      context: { "ec2:Vpc": d.arn("ec2", `vpc/${vpcId}`) },
    });
    expect(await d.can("ec2:CreateTags", group, inVpc(sampleVpcId("iomete-data-plane-prod")))).toBe("Allowed");
    // A corporate group, untagged, in any other VPC.
    expect(await d.can("ec2:CreateTags", group, inVpc("vpc-0f0f0f0f0f0f0f0f0"))).not.toBe("Allowed");
  });

  it("cannot overwrite a sibling stack's stack tag with its own value", async () => {
    const d = iomete();
    const sibling = { "iomete.com/managed": "true", "iomete.com/cluster_name": "iomete-other" };
    for (const [action, resource] of [
      ["ec2:CreateTags", d.arn("ec2", "vpc/vpc-0a1b2c3d4e5f67890")],
      ["iam:TagRole", d.arn("iam", "role/iomete-prod-node-role")],
      ["eks:TagResource", d.arn("eks", "cluster/iomete-prod")],
      ["logs:TagResource", d.arn("logs", "log-group:/aws/eks/iomete-prod/cluster")],
    ]) {
      expect(await d.can(action, resource, { requestTags: IOMETE_TAGS, resourceTags: sibling, context: { "ec2:CreateAction": "CreateVpc" } })).toBe(
        "ExplicitlyDenied",
      );
    }
  });

  it("cannot untag another vendor's resources either", async () => {
    const d = poolside();
    expect(
      await d.can("ec2:DeleteTags", d.arn("ec2", "subnet/subnet-0a1b2c3d4e5f67890"), {
        resourceTags: IOMETE_TAGS,
        context: { "aws:TagKeys": ["Name"] },
      }),
    ).toBe("ExplicitlyDenied");
  });
});

describe("an existing lakehouse bucket (the example's): the deployer neither creates nor touches it", () => {
  const example = () => exampleDeployments().find((e) => e.env.iomete?.existingLakehouseBucket)!;
  const d = () => deployer(example(), `iomete-data-plane-${example().env.name}`);

  it("may not create, configure, read or delete it, even sending IOMETE's tags or finding them on it", async () => {
    const x = d();
    const bucket = x.arn("s3", "acme-lakehouse-data-staging");
    const tags = { "iomete.com/managed": "true", "iomete.com/cluster_name": "acme-lakehouse-stg" };
    const allowed: string[] = [];
    for (const [action, resource] of [
      ["s3:CreateBucket", bucket],
      ["s3:PutBucketPolicy", bucket],
      ["s3:PutEncryptionConfiguration", bucket],
      ["s3:PutLifecycleConfiguration", bucket],
      ["s3:PutBucketPublicAccessBlock", bucket],
      ["s3:DeleteBucket", bucket],
      ["s3:GetObject", `${bucket}/warehouse/part-0000.parquet`],
      ["s3:PutObject", `${bucket}/warehouse/part-0000.parquet`],
    ])
      if ((await x.can(action, resource, { requestTags: tags, resourceTags: tags })) === "Allowed") allowed.push(action);
    expect(allowed).toEqual([]);
  });

  it("still creates the assets bucket it owns", async () => {
    const x = d();
    const tags = { "iomete.com/managed": "true", "iomete.com/cluster_name": "acme-lakehouse-stg" };
    expect(await x.can("s3:CreateBucket", x.arn("s3", "acme-lakehouse-stg-assets-444455556666"), { requestTags: tags })).toBe("Allowed");
  });
});

describe("Poolside on an existing cluster (the example's): the deployer attaches roles, and touches the cluster in no other way", () => {
  const example = () => exampleDeployments().find((e) => e.env.poolside?.existingCluster)!;
  const d = () => deployer(example(), `poolside-${example().env.name}`);
  const tags = { "poolside.ai/managed": "true", "poolside.ai/deployment": "stg" };

  it("reads the cluster and associates the deployment's roles with it, with the deployment's tags", async () => {
    const x = d();
    const cluster = x.arn("eks", "cluster/acme-platform-stg");
    expect(await x.can("eks:DescribeCluster", cluster)).toBe("Allowed");
    expect(await x.can("eks:CreatePodIdentityAssociation", cluster, { requestTags: tags })).toBe("Allowed");
    expect(await x.can("eks:CreatePodIdentityAssociation", cluster, { requestTags: { "poolside.ai/managed": "true" } })).not.toBe("Allowed");
    expect(await x.can("eks:CreatePodIdentityAssociation", x.arn("eks", "cluster/another-cluster"), { requestTags: tags })).not.toBe("Allowed");
  });

  it("cannot change, grow or delete the cluster, nor give anyone access to it, even finding its own tags on it", async () => {
    const x = d();
    const cluster = x.arn("eks", "cluster/acme-platform-stg");
    const allowed: string[] = [];
    for (const [action, resource] of [
      ["eks:UpdateClusterConfig", cluster],
      ["eks:UpdateClusterVersion", cluster],
      ["eks:DeleteCluster", cluster],
      ["eks:CreateNodegroup", cluster],
      ["eks:CreateAddon", cluster],
      ["eks:CreateAccessEntry", cluster],
      ["eks:AssociateAccessPolicy", x.arn("eks", "access-entry/acme-platform-stg/role/444455556666/admin/*")],
    ])
      if ((await x.can(action, resource, { requestTags: tags, resourceTags: tags })) === "Allowed") allowed.push(action);
    expect(allowed).toEqual([]);
  });
});

describe("existing-VPC mode: Karpenter's discovery tag (finding 1)", () => {
  const example = () => exampleDeployments().find((e) => e.env.iomete?.network.mode === "existing")!;
  const d = () => deployer(example(), `iomete-data-plane-${example().env.name}`);
  const tag = (value: string) => ({ "karpenter.sh/discovery": value });

  it("tags only the configured subnets, with the cluster's name", async () => {
    const x = d();
    const own = x.arn("ec2", "subnet/subnet-0a1b2c3d4e5f60711");
    expect(await x.can("ec2:CreateTags", own, { requestTags: tag("acme-lakehouse-stg"), resourceTags: {} })).toBe("Allowed");
    expect(
      await x.can("ec2:CreateTags", x.arn("ec2", "subnet/subnet-0f0f0f0f0f0f0f0f0"), { requestTags: tag("acme-lakehouse-stg"), resourceTags: {} }),
    ).not.toBe("Allowed");
    expect(await x.can("ec2:CreateTags", own, { requestTags: tag("another-cluster"), resourceTags: {} })).not.toBe("Allowed");
  });

  it("never overwrites another cluster's discovery value, nor removes it", async () => {
    const x = d();
    const own = x.arn("ec2", "subnet/subnet-0a1b2c3d4e5f60711");
    expect(await x.can("ec2:CreateTags", own, { requestTags: tag("acme-lakehouse-stg"), resourceTags: tag("another-cluster") })).not.toBe("Allowed");
    const removal = { resourceTags: tag("another-cluster"), context: { "aws:TagKeys": ["karpenter.sh/discovery"] } };
    expect(await x.can("ec2:DeleteTags", own, removal)).not.toBe("Allowed");
  });
});

describe("conditions AWS offers (finding 3)", () => {
  it("creates access entries only for the stack's roles and configured admins, with only its access policies", async () => {
    const d = iomete();
    const cluster = d.arn("eks", "cluster/iomete-prod");
    const entry = (principal: string, type = "EC2_LINUX") => ({
      requestTags: IOMETE_TAGS,
      context: { "eks:principalArn": principal, "eks:accessEntryType": type },
    });
    expect(await d.can("eks:CreateAccessEntry", cluster, entry(d.arn("iam", "role/iomete-prod-karpenter-node")))).toBe("Allowed");
    expect(await d.can("eks:CreateAccessEntry", cluster, entry(d.arn("iam", "role/attacker")))).not.toBe("Allowed");
    // Each principal's entry of its own type only: the node role never as a STANDARD entry (access policies).
    expect(await d.can("eks:CreateAccessEntry", cluster, entry(d.arn("iam", "role/iomete-prod-karpenter-node"), "STANDARD"))).not.toBe("Allowed");
    const association = concreteArn(d.arn("eks", "access-entry/iomete-prod/role/333333333333/platform-admin/*"));
    const policy = (arn: string) => ({ resourceTags: IOMETE_TAGS, context: { "eks:policyArn": arn } });
    expect(await d.can("eks:AssociateAccessPolicy", association, policy("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"))).toBe(
      "Allowed",
    );
    expect(await d.can("eks:AssociateAccessPolicy", association, policy("arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy"))).not.toBe(
      "Allowed",
    );
  });

  it("creates grants on its keys only through AWS services, never to a principal it names", async () => {
    const d = iomete();
    const context = (forAws: string) => ({
      "kms:ResourceAliases": ["alias/eks/iomete-prod"],
      "kms:GrantIsForAWSResource": forAws,
      "kms:GranteePrincipal": "arn:aws:iam::999999999999:root",
    });
    expect(await d.can("kms:CreateGrant", d.arn("kms", KEY), { resourceTags: IOMETE_TAGS, context: context("false") })).not.toBe("Allowed");
    expect(await d.can("kms:CreateGrant", d.arn("kms", KEY), { resourceTags: IOMETE_TAGS, context: context("true") })).toBe("Allowed");
  });

  it("launches the bastion only from Amazon's images, with IMDSv2 required and its own instance profile", async () => {
    const d = poolside();
    const image = "arn:aws:ec2:eu-west-1::image/ami-0a1b2c3d4e5f67890";
    expect(await d.can("ec2:RunInstances", image, { context: { "ec2:Owner": "amazon" } })).toBe("Allowed");
    expect(await d.can("ec2:RunInstances", image, { context: { "ec2:Owner": "999999999999" } })).not.toBe("Allowed");
    const instance = concreteArn(d.arn("ec2", "instance/*"));
    const launch = (tokens: string, profile: string) => ({
      requestTags: POOLSIDE_TAGS,
      context: { "ec2:MetadataHttpTokens": tokens, "ec2:InstanceProfile": profile },
    });
    const ownProfile = d.arn("iam", "instance-profile/poolside-prod-bastion");
    expect(await d.can("ec2:RunInstances", instance, launch("required", ownProfile))).toBe("Allowed");
    expect(await d.can("ec2:RunInstances", instance, launch("optional", ownProfile))).not.toBe("Allowed");
    expect(await d.can("ec2:RunInstances", instance, launch("required", d.arn("iam", "instance-profile/admin")))).not.toBe("Allowed");
  });

  it("takes only its own lock item, and never deletes its state object", async () => {
    const d = deployer(builtInDeployments("staging")[0], "iomete-data-plane-staging");
    const backend = d.env.stateBackend;
    const table = d.arn("dynamodb", `table/${backend.lockTable}`);
    const item = (key: string) => ({ context: { "dynamodb:LeadingKeys": [`${backend.bucket}/${key}`] } });
    expect(await d.can("dynamodb:PutItem", table, item("iomete-data-plane-staging/terraform.tfstate"))).toBe("Allowed");
    expect(await d.can("dynamodb:DeleteItem", table, item("poolside-staging/terraform.tfstate"))).not.toBe("Allowed");
    const object = `arn:aws:s3:::${backend.bucket}/iomete-data-plane-staging/terraform.tfstate`;
    expect(await d.can("s3:DeleteObject", object)).not.toBe("Allowed");
    expect(await d.can("s3:DeleteObject", `${object}.tflock`)).toBe("Allowed");
  });

  it("targets only its own queue, and writes rules only on the event sources it uses", async () => {
    const d = iomete();
    const rule = d.arn("events", "rule/iomete-prod-karpenter-health");
    const target = (arn: string) => ({ resourceTags: IOMETE_TAGS, context: { "events:TargetArn": [arn] } });
    expect(await d.can("events:PutTargets", rule, target(d.arn("sqs", "Karpenter-iomete-prod")))).toBe("Allowed");
    expect(await d.can("events:PutTargets", rule, target("arn:aws:events:eu-west-1:999999999999:event-bus/default"))).not.toBe("Allowed");
    const source = (s: string) => ({ resourceTags: IOMETE_TAGS, requestTags: IOMETE_TAGS, context: { "events:source": [s] } });
    expect(await d.can("events:PutRule", rule, source("aws.health"))).toBe("Allowed");
    expect(await d.can("events:PutRule", rule, source("aws.iam"))).not.toBe("Allowed");
  });

  it("creates and updates the prod cluster only as config says: no creator-admin, no public endpoint", async () => {
    const d = iomete();
    const logs = Object.fromEntries(["api", "audit", "authenticator", "controllerManager", "scheduler"].map((t) => [`eks:loggingType/${t}`, "true"]));
    const create = (admin: string, open: string) => ({
      requestTags: IOMETE_TAGS,
      context: { "eks:bootstrapClusterCreatorAdminPermissions": admin, "eks:endpointPublicAccess": open, ...logs },
    });
    expect(await d.can("eks:CreateCluster", "*", create("false", "false"))).toBe("Allowed");
    expect(await d.can("eks:CreateCluster", "*", create("true", "false"))).not.toBe("Allowed");
    expect(await d.can("eks:CreateCluster", "*", create("false", "true"))).not.toBe("Allowed");
    const cluster = d.arn("eks", "cluster/iomete-prod");
    expect(await d.can("eks:UpdateClusterConfig", cluster, { resourceTags: IOMETE_TAGS })).toBe("Allowed");
    expect(await d.can("eks:UpdateClusterConfig", cluster, { resourceTags: IOMETE_TAGS, context: { "eks:endpointPublicAccess": "true" } })).not.toBe(
      "Allowed",
    );
  });

  it("puts its roles only under their own boundaries, never another stack's (broader) one", async () => {
    const d = iomete();
    const create = (boundary: string) => ({ requestTags: IOMETE_TAGS, context: { "iam:PermissionsBoundary": boundary } });
    const role = d.arn("iam", "role/iomete-prod-lakehouse-role");
    expect(await d.can("iam:CreateRole", role, create(d.arn("iam", "policy/iomete-prod-lakehouse-role-boundary")))).toBe("Allowed");
    expect(await d.can("iam:CreateRole", role, create(d.arn("iam", "policy/poolside-prod-aws-load-balancer-controller-boundary")))).toBe(
      "ExplicitlyDenied",
    );
    expect(
      await d.can("iam:PutRolePermissionsBoundary", role, {
        resourceTags: IOMETE_TAGS,
        context: { "iam:PermissionsBoundary": d.arn("iam", "policy/AdministratorAccess") },
      }),
    ).toBe("ExplicitlyDenied");
  });

  it("never assumes a role, so a trust policy it plants hands it nothing", async () => {
    const d = iomete();
    expect(await d.can("sts:AssumeRole", d.arn("iam", "role/iomete-prod-lakehouse-role"))).toBe("ExplicitlyDenied");
  });
});

describe("creates never reach existing parents (finding 4)", () => {
  for (const { env, provisioner, models } of builtInDeployments()) {
    for (const [stackId, model] of models) {
      it(`${stackId}: a create statement lists only what its calls create`, async () => {
        const ctx: ArnContext = {
          partition: "aws",
          region: env.account.region,
          account: env.account.id,
          model,
          deployed: deployedFactsOf(env, stackId),
        };
        const created = new Set<string>();
        for (const instance of model.instances) {
          for (const rule of typePermissionsFor(instance).rules.filter((r) => r.gate.kind === "request-tag")) {
            for (const pattern of (rule.resources ?? typePermissionsFor(instance).arns)(instance, ctx))
              rule.actions.forEach((a) => created.add(`${a}|${pattern}`));
          }
        }
        const stray: string[] = [];
        const creates = provisioner.policySets.get(stackId)!.derived.statements.filter((s: PolicyStatement) => s.Sid?.startsWith("CreateTagged"));
        for (const s of creates) {
          for (const action of ([] as string[]).concat(s.Action ?? [])) {
            for (const pattern of ([] as string[]).concat(s.Resource ?? [])) {
              if (!created.has(`${action}|${pattern}`) && (await actionTouches(action, concreteArn(pattern))))
                stray.push(`${s.Sid}: ${action} on ${pattern}`);
            }
          }
        }
        expect(stray).toEqual([]);
      });
    }
  }

  it("denies a subnet in a foreign VPC even if AWS read the request tags against the VPC", async () => {
    const d = iomete();
    const vpc = d.arn("ec2", "vpc/vpc-0f0f0f0f0f0f0f0f0");
    for (const requestTagsEverywhere of [false, true]) {
      expect(await d.can("ec2:CreateSubnet", vpc, { requestTags: IOMETE_TAGS, resourceTags: {}, requestTagsEverywhere })).not.toBe("Allowed");
    }
    expect(await d.can("ec2:CreateSubnet", vpc, { requestTags: IOMETE_TAGS, resourceTags: IOMETE_TAGS })).toBe("Allowed");
  });
});
