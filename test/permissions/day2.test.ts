import { Testing } from "cdktf";
import { PoolsideStack } from "../../stacks/poolside-stack";
import { deployerRoleName } from "../../stacks/provisioner-stack";
import { builtInConfig, resources, synthJson } from "../support/helpers";
import { builtInDeployments } from "./fixtures";
import { decide } from "./harness";
import { RequestShape } from "../../permissions/action-data";

/**
 * Day 2 as an operator lives it: the changes the review found denied (issue 10's
 * first findings), each a named request against the stack's resources as they are
 * really tagged.
 */

const { env, provisioner } = builtInDeployments("prod")[0];
const account = env.account.id;
const arn = (resource: string) => `arn:aws:ec2:eu-west-1:${account}:${resource}`;
const IOMETE = { "iomete.com/managed": "true", "iomete.com/cluster_name": "iomete-prod" };
const POOLSIDE = { "poolside.ai/managed": "true", "poolside.ai/deployment": "prod" };

function as(stackId: string) {
  const principal = `arn:aws:iam::${account}:role/${deployerRoleName(stackId)}`;
  const documents = provisioner.policySets.get(stackId)!.documents;
  return (action: string, resource: string, shape: Omit<RequestShape, "region"> = {}) =>
    decide({ principal, action, resource, account, identityPolicies: documents, shape: { region: "eu-west-1", ...shape } });
}

describe("day 2: tags change", () => {
  const iomete = as("iomete-data-plane-prod");
  const poolside = as("poolside-prod");

  it.each([
    ["the VPC", "vpc/vpc-0a1b2c3d4e5f67890"],
    ["a subnet", "subnet/subnet-0a1b2c3d4e5f67890"],
    ["a route table", "route-table/rtb-0a1b2c3d4e5f67890"],
    ["the node security group", "security-group/sg-0a1b2c3d4e5f67890"],
  ])("changes and drops a tag on %s it owns", async (_what, resource) => {
    expect(await iomete("ec2:CreateTags", arn(resource), { resourceTags: IOMETE, requestTags: { CostCenter: "data" } })).toBe("Allowed");
    expect(await iomete("ec2:DeleteTags", arn(resource), { resourceTags: IOMETE, context: { "aws:TagKeys": ["CostCenter"] } })).toBe("Allowed");
    // Never the ownership or stack tag, never on what is not its own.
    expect(await iomete("ec2:DeleteTags", arn(resource), { resourceTags: IOMETE, context: { "aws:TagKeys": ["iomete.com/managed"] } })).toBe(
      "ExplicitlyDenied",
    );
    expect(await iomete("ec2:CreateTags", arn(resource), { resourceTags: {}, requestTags: { CostCenter: "data" } })).not.toBe("Allowed");
  });

  it("changes the bastion's tags and its volumes'", async () => {
    for (const resource of ["instance/i-0a1b2c3d4e5f67890", "volume/vol-0a1b2c3d4e5f67890"]) {
      expect(await poolside("ec2:CreateTags", arn(resource), { resourceTags: POOLSIDE, requestTags: { Environment: "production" } })).toBe("Allowed");
      expect(await poolside("ec2:DeleteTags", arn(resource), { resourceTags: POOLSIDE, context: { "aws:TagKeys": ["Environment"] } })).toBe(
        "Allowed",
      );
    }
  });

  it("drops a tag from its instance profile", async () => {
    const profile = `arn:aws:iam::${account}:instance-profile/poolside-prod-bastion`;
    expect(await poolside("iam:UntagInstanceProfile", profile, { resourceTags: POOLSIDE, context: { "aws:TagKeys": ["CostCenter"] } })).toBe(
      "Allowed",
    );
  });
});

describe("day 2: resources AWS creates for the stack", () => {
  const iomete = as("iomete-data-plane-prod");

  it("adds and replaces its rule on the security group EKS created for its cluster, and on no other cluster's", async () => {
    const group = arn("security-group/sg-0e0e0e0e0e0e0e0e0");
    const eks = (cluster: string) => ({ resourceTags: { "aws:eks:cluster-name": cluster } });
    for (const action of ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"]) {
      expect(await iomete(action, group, eks("iomete-prod"))).toBe("Allowed");
      expect(await iomete(action, group, eks("poolside-prod"))).not.toBe("Allowed");
      expect(await iomete(action, group, { resourceTags: {} })).not.toBe("Allowed");
    }
  });
});

describe("day 2: the bastion pushes images", () => {
  it("may check layer availability, the first call of docker push", () => {
    const json = synthJson(new PoolsideStack(Testing.app(), "poolside-prod", { environment: builtInConfig("prod") }));
    const ecr = resources(json, "aws_iam_role_policy").find((p) => p.name === "EcrRepositories")!;
    const actions = JSON.parse(ecr.policy).Statement.flatMap((s: any) => [].concat(s.Action));
    expect(actions).toEqual(expect.arrayContaining(["ecr:BatchCheckLayerAvailability", "ecr:PutImage", "ecr:InitiateLayerUpload"]));
  });
});
