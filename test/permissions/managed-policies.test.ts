import { PolicyDocument, statementsOf } from "../../lib/policy-document";
import { awsManagedPolicyDocument } from "../../permissions/boundary";
import { isLiteral, referencedInstance, ResourceInstance, StackModel } from "../../permissions/model";
import { deployedBoundaryOf } from "./deployed-policies";
import { builtInDeployments, DeployedEnvironment, sessionOf } from "./fixtures";
import { decide } from "./harness";
import { actionData, concreteArn, RequestShape, sampleArnOf } from "../../permissions/action-data";
import { Caller, callsOf, decideCall, requestFor } from "./vendor-calls";

/**
 * Every role that carries an AWS managed policy, against that policy as AWS publishes it
 * (permissions/data/aws-managed-policies.json): each call it grants, made by the role's real
 * session on the stack's own resources, is allowed through the role's policies and its generated
 * boundary. The role carries the policy itself, so it grants nothing broader; what the boundary
 * takes away is proven denied where it narrows.
 */

interface ManagedRole {
  readonly deployment: DeployedEnvironment;
  readonly model: StackModel;
  readonly role: ResourceInstance;
  readonly name: string;
  readonly managed: string[];
}

function managedRoles(): ManagedRole[] {
  return builtInDeployments("dev", "prod").flatMap((deployment) =>
    [...deployment.models.values()].flatMap((model) =>
      model.instances
        .filter((i) => i.type === "aws_iam_role" && isLiteral(i.attributes.name))
        .map((role) => ({
          deployment,
          model,
          role,
          name: String(role.attributes.name),
          managed: model.instances
            .filter((i) => i.type === "aws_iam_role_policy_attachment" && referencedInstance(model, i.attributes.role, "aws_iam_role") === role)
            .map((i) => String(i.attributes.policy_arn)),
        }))
        .filter((r) => r.managed.length > 0),
    ),
  );
}

/** The role's own policies: the managed ones as AWS publishes them, and its inline ones. */
function identityPoliciesOf(r: ManagedRole): PolicyDocument[] {
  const inline = r.model.instances.filter(
    (i) => i.type === "aws_iam_role_policy" && referencedInstance(r.model, i.attributes.role, "aws_iam_role") === r.role,
  );
  return [
    ...r.managed.map((arn) => awsManagedPolicyDocument(arn)!.document as PolicyDocument),
    ...inline.map((i) => ({ Version: "2012-10-17", Statement: statementsOf(i.attributes.policy) }) as PolicyDocument),
  ];
}

/**
 * The stack's own resources: they carry its ownership and scope tags, as everything it, its
 * cluster's nodes and its EBS CSI driver (its add-on's extraVolumeTags) create does.
 */
function ownCaller(r: ManagedRole): Caller {
  const { env } = r.deployment;
  const vendor = r.model.stackId.startsWith("iomete-") ? env.iomete! : env.poolside!;
  const scope = r.model.stackId.startsWith("iomete-")
    ? ["iomete.com/cluster_name", env.iomete!.clusterName]
    : ["poolside.ai/deployment", env.poolside!.deploymentName];
  const tags = { ...env.tags, [vendor.ownershipTag.key]: vendor.ownershipTag.value, [scope[0]]: scope[1] };
  return {
    region: r.deployment.env.account.region,
    session: sessionOf(r.deployment.env, r.model, r.name),
    createTags: tags,
    resourceTagsOf: () => tags,
    tagValueOf: () => "example",
  };
}

const roles = managedRoles();

it("finds the roles that carry AWS managed policies: clusters, nodes, drivers", () => {
  const names = roles.map((r) => r.name);
  expect(names).toEqual(expect.arrayContaining(["iomete-dev-cluster-role", "iomete-dev-karpenter-node", "AmazonEKS_EBS_CSI_DriverRole-iomete-dev"]));
  expect(names.length).toBeGreaterThanOrEqual(10);
});

describe.each(roles.map((r) => [`${r.name} (${r.managed.map((a) => a.split("/").pop()).join(", ")})`, r] as const))("%s", (_, r) => {
  it("may make every call its AWS managed policies grant, on the stack's own resources, through its boundary", async () => {
    const identityPolicies = identityPoliciesOf(r);
    const boundary = deployedBoundaryOf(r.deployment.env, r.name, "after the first deploy")!;
    const account = r.deployment.env.account.id;
    const caller = ownCaller(r);
    const denied: string[] = [];
    const managed = r.managed.flatMap((arn) => awsManagedPolicyDocument(arn)!.document.Statement);
    for (const call of await callsOf(managed)) {
      // "*" stands for the resource the action acts on, where it acts on one (a network interface, say).
      const onOne = call.resource === "*" && !(await actionData(call.action)).wildcardOnly;
      const pattern = onOne ? await sampleArnOf(call.action, caller.region, account) : call.resource;
      const resource = concreteArn(pattern.replace(/^arn:aws:([^:]+):\*:\*:/, `arn:aws:$1:${caller.region}:${account}:`));
      const decision = await decideCall(call, {
        principal: `arn:aws:iam::${account}:role/${r.name}`,
        action: call.action,
        resource,
        account,
        identityPolicies,
        boundary,
        shape: requestFor(caller, call.statement, call.action, resource, true),
      });
      if (decision !== "Allowed") denied.push(`${call.action} on ${resource} (${decision})`);
    }
    expect(denied).toEqual([]);
  });
});

/** Requests as the role's real session makes them, through its policies and its generated boundary. */
function asTheRole(r: ManagedRole) {
  const identityPolicies = identityPoliciesOf(r);
  const boundary = deployedBoundaryOf(r.deployment.env, r.name, "after the first deploy")!;
  const { id: account, region } = r.deployment.env.account;
  const session = sessionOf(r.deployment.env, r.model, r.name);
  const decision = (action: string, resource: string, shape: RequestShape) =>
    decide({ principal: `arn:aws:iam::${account}:role/${r.name}`, action, resource, account, identityPolicies, boundary, shape });
  return { account, region, session, decision };
}

describe("the EBS CSI driver's boundary, narrowed to the stack", () => {
  const drivers = roles.filter((r) => r.managed.some((arn) => arn.endsWith("/AmazonEBSCSIDriverPolicy")));

  it.each(drivers.map((r) => [r.name, r] as const))(
    "%s may not attach, snapshot, change or delete another cluster's volumes, nor attach to its nodes",
    async (_, r) => {
      const { account, region, session, decision } = asTheRole(r);
      // What another cluster's driver made: its own CSI tags, not this stack's.
      const foreign = { "ebs.csi.aws.com/cluster": "true", CSIVolumeName: "pvc-0a1b2c3d", "iomete.com/cluster_name": "someone-else" };
      const arn = (resource: string) => `arn:aws:ec2:${region}:${account}:${resource}`;
      const allowed: string[] = [];
      for (const [action, resource, requestTags] of [
        ["ec2:AttachVolume", arn("volume/vol-0a1b2c3d4e5f67890"), undefined],
        ["ec2:AttachVolume", arn("instance/i-0a1b2c3d4e5f67890"), undefined],
        ["ec2:ModifyVolume", arn("volume/vol-0a1b2c3d4e5f67890"), undefined],
        ["ec2:CreateSnapshot", arn("volume/vol-0a1b2c3d4e5f67890"), undefined],
        ["ec2:DeleteVolume", arn("volume/vol-0a1b2c3d4e5f67890"), undefined],
        ["ec2:DeleteSnapshot", `arn:aws:ec2:${region}::snapshot/snap-0a1b2c3d4e5f67890`, undefined],
        ["ec2:CreateVolume", arn("volume/vol-0a1b2c3d4e5f67890"), foreign],
      ] as const) {
        const ec2Tags = Object.fromEntries(Object.entries(foreign).map(([k, v]) => [`ec2:ResourceTag/${k}`, v]));
        const shape = { region, context: { ...session, ...ec2Tags }, resourceTags: foreign, requestTags };
        if ((await decision(action, resource, shape)) === "Allowed") allowed.push(`${action} on ${resource}`);
      }
      expect(allowed).toEqual([]);
    },
  );
});

describe("the VPC CNI's boundary, narrowed to the stack's nodes", () => {
  const cnis = roles.filter((r) => r.managed.some((arn) => arn.endsWith("/AmazonEKS_CNI_Policy")));

  it.each(cnis.map((r) => [r.name, r] as const))("%s attaches and detaches interfaces on the stack's nodes only", async (_, r) => {
    const { account, region, session, decision: asRole } = asTheRole(r);
    const own = ownCaller(r).resourceTagsOf("");
    const decision = (action: string, resource: string, tags: Record<string, string>) =>
      asRole(action, resource, { region, context: session, resourceTags: tags });
    const instance = `arn:aws:ec2:${region}:${account}:instance/i-0a1b2c3d4e5f67890`;
    const eni = `arn:aws:ec2:${region}:${account}:network-interface/eni-0a1b2c3d4e5f67890`;
    for (const action of ["ec2:AttachNetworkInterface", "ec2:DetachNetworkInterface"]) {
      expect(await decision(action, instance, own)).toBe("Allowed");
      expect(await decision(action, eni, { "node.k8s.amazonaws.com/instance_id": "i-0a1b2c3d4e5f67890" })).toBe("Allowed");
      expect(await decision(action, instance, { "iomete.com/cluster_name": "someone-else", "poolside.ai/deployment": "someone-else" })).not.toBe(
        "Allowed",
      );
    }
    // The rest of AWS's statement stays as AWS wrote it: IP addresses on any interface of the node.
    expect(await decision("ec2:AssignPrivateIpAddresses", eni, {})).toBe("Allowed");
  });
});
