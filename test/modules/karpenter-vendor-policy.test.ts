import { EnvironmentConfig } from "../../config";
import { KARPENTER_KUBERNETES_SUPPORT } from "../../config/kubernetes-side";
import { PolicyDocument, PolicyStatement, statementsOf } from "../../lib/policy-document";
import { DISCOVERY_TAG } from "../../modules/karpenter";
import {
  KARPENTER_BEYOND_OFFICIAL,
  KARPENTER_NODE_POLICIES_NOT_ATTACHED,
  KARPENTER_OFFICIAL_NOT_GRANTED,
} from "../../modules/karpenter-controller-policy";
import { KARPENTER_OFFICIAL_IAM, karpenterOfficialStatements } from "../../modules/vendor-policies";
import { referencedInstance, StackModel } from "../../permissions/model";
import { iometeResourceTags } from "../../stacks/iomete-data-plane-stack";
import { builtIn, validate } from "../support/helpers";
import { deployedBoundaryOf } from "../permissions/deployed-policies";
import { deploymentsOf, sessionOf } from "../permissions/fixtures";
import { decide } from "../permissions/harness";
import { concreteArn, RequestShape } from "../../permissions/action-data";
import { Call, Caller, callsOf, decideCall, requestFor } from "../permissions/vendor-calls";

/**
 * Karpenter's controller role against the policy Karpenter publishes for each release the
 * config accepts (modules/data/karpenter-iam.json): every call the published policy grants,
 * made as Karpenter makes it (the tags it sets on what it creates, over our EC2NodeClass's own),
 * is allowed by our role and its generated boundary; and no statement of ours reaches further
 * than the published policy, unless KARPENTER_BEYOND_OFFICIAL says why.
 */

const MINORS = Object.keys(KARPENTER_OFFICIAL_IAM);

interface Deployment {
  readonly env: EnvironmentConfig;
  readonly model: StackModel;
  readonly cluster: string;
  readonly account: string;
  readonly region: string;
  readonly roleName: string;
  readonly policies: PolicyDocument[];
  readonly boundary: PolicyDocument;
  readonly session: Record<string, string>;
  readonly official: PolicyStatement[];
}

const deployments = new Map<string, Deployment>();
/** The built-in dev with Karpenter at the pinned release of a minor. */
function deploymentOf(minor: string, change: (input: any) => void = () => {}): Deployment {
  const key = `${minor}${change.toString()}`;
  if (deployments.has(key)) return deployments.get(key)!;
  const input = builtIn("dev");
  input.iomete.kubernetes.charts = { ...input.iomete.kubernetes.charts, karpenter: KARPENTER_OFFICIAL_IAM[minor].source.tag.slice(1) };
  change(input);
  const [d] = deploymentsOf(validate(input));
  const model = d.models.get(`iomete-data-plane-${d.env.name}`)!;
  const role = model.instances.find((i) => i.type === "aws_iam_role" && String(i.attributes.name).endsWith("-karpenter-controller"))!;
  const roleName = String(role.attributes.name);
  const inline = model.instances.filter(
    (i) => i.type === "aws_iam_role_policy" && referencedInstance(model, i.attributes.role, "aws_iam_role") === role,
  );
  const { id: account, region, partition } = { ...d.env.account, partition: "aws" };
  const cluster = d.env.iomete!.clusterName;
  const deployment: Deployment = {
    env: d.env,
    model,
    cluster,
    account,
    region,
    roleName,
    policies: inline.map((i) => ({ Version: "2012-10-17", Statement: statementsOf(i.attributes.policy) as PolicyStatement[] })),
    boundary: deployedBoundaryOf(d.env, roleName, "after the first deploy")!,
    session: sessionOf(d.env, model, roleName),
    official: karpenterOfficialStatements(minor, {
      partition,
      region,
      account,
      clusterName: cluster,
      nodeRoleArn: `arn:aws:iam::${account}:role/${cluster}-karpenter-node`,
      queueArn: `arn:aws:sqs:${region}:${account}:Karpenter-${cluster}`,
    }),
  };
  deployments.set(key, deployment);
  return deployment;
}

/** The tags Karpenter puts on what it creates: the EC2NodeClass's (ownership and discovery), then its own, which win. */
function karpenterTags(d: Deployment): Record<string, string> {
  return {
    ...iometeResourceTags(d.env),
    [DISCOVERY_TAG]: d.cluster,
    [`kubernetes.io/cluster/${d.cluster}`]: "owned",
    "karpenter.sh/nodepool": "default",
    "eks:eks-cluster-name": d.cluster,
    "karpenter.k8s.aws/ec2nodeclass": "default",
  };
}

/** What a resource of the call really carries: Karpenter's tags on what it made, the discovery tag on the stack's network. */
function realResourceTags(d: Deployment, arn: string): Record<string, string> {
  if (/:(instance|volume|network-interface|launch-template|fleet|spot-instances-request)\//.test(arn)) return karpenterTags(d);
  if (/:(subnet|security-group)\//.test(arn)) return { [DISCOVERY_TAG]: d.cluster };
  return {};
}

/** The names Karpenter asks for: the legacy instance profile `<cluster>_<hash>` its finalizer reads; else a sample id. */
function realArn(d: Deployment, pattern: string): string {
  return concreteArn(pattern.replace(/:instance-profile\/\*$/, `:instance-profile/${d.cluster}_15316918214349340161`));
}

/** How Karpenter calls: the tags it sets on what it creates, and what the resources carry. */
function karpenterCaller(d: Deployment): Caller {
  return {
    region: d.region,
    session: d.session,
    createTags: karpenterTags(d),
    resourceTagsOf: (arn) => realResourceTags(d, arn),
    // For the keys a statement lists in aws:TagKeys: the NodeClaim's name, the cluster's, an instance Name.
    tagValueOf: (key) => (key === "eks:eks-cluster-name" ? d.cluster : key === "Name" ? "ip-10-0-1-23" : "default-x7k2p"),
  };
}

const notGranted = (call: Call) =>
  KARPENTER_OFFICIAL_NOT_GRANTED.some((n) => n.sid === call.sid && (!n.only || call.action === n.only || call.resource.includes(`:${n.only}/`)));

describe.each(MINORS)("Karpenter %s's controller role against Karpenter's published policy", (minor) => {
  it("allows every call the published policy grants, as Karpenter makes it, through the role's policies and its boundary", async () => {
    const d = deploymentOf(minor);
    const denied: string[] = [];
    for (const call of (await callsOf(d.official)).filter((c) => !notGranted(c))) {
      const resource = realArn(d, call.resource);
      const decision = await decideCall(call, {
        principal: `arn:aws:iam::${d.account}:role/${d.roleName}`,
        action: call.action,
        resource,
        account: d.account,
        identityPolicies: d.policies,
        boundary: d.boundary,
        shape: requestFor(karpenterCaller(d), call.statement, call.action, resource, true),
      });
      if (decision !== "Allowed") denied.push(`${call.sid}: ${call.action} on ${resource} (${decision})`);
    }
    expect(denied).toEqual([]);
  });

  it.each([
    ["on demand", (_: any) => {}],
    [
      "with Spot and a customer-managed EBS key",
      (input: any) => {
        input.iomete.kubernetes.karpenter = { nodePool: { capacityTypes: ["on-demand", "spot"] } };
        input.iomete.ebsKmsKeyArn = "arn:aws:kms:eu-west-1:111111111111:key/0a1b2c3d-4e5f-6789-0abc-def012345678";
      },
    ],
  ])("grants nothing the published policy does not, %s, but what KARPENTER_BEYOND_OFFICIAL gives a reason for", async (_, change) => {
    const d = deploymentOf(minor, change);
    const official: PolicyDocument = { Version: "2012-10-17", Statement: d.official };
    const broader = new Set<string>();
    for (const call of await callsOf(d.policies.flatMap((p) => p.Statement))) {
      const resource = concreteArn(call.resource);
      const shape = requestFor(karpenterCaller(d), call.statement, call.action, resource, false);
      const principal = `arn:aws:iam::${d.account}:role/${d.roleName}`;
      const decision = await decideCall(call, { principal, action: call.action, resource, account: d.account, identityPolicies: [official], shape });
      if (decision !== "Allowed") broader.add(call.sid);
    }
    expect([...broader].filter((sid) => !(sid in KARPENTER_BEYOND_OFFICIAL))).toEqual([]);
  });
});

describe("Karpenter's published IAM, pinned", () => {
  it("covers exactly the Karpenter releases the config accepts, each with the commit and path it was read from", () => {
    expect(MINORS.sort()).toEqual(Object.keys(KARPENTER_KUBERNETES_SUPPORT).sort());
    for (const minor of MINORS) {
      const { source } = KARPENTER_OFFICIAL_IAM[minor];
      expect(source).toMatchObject({ repository: "aws/karpenter-provider-aws", commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
      expect(source.tag.startsWith(`v${minor}.`)).toBe(true);
    }
  });

  it("leaves out only what some release publishes, each with its reason", async () => {
    for (const n of KARPENTER_OFFICIAL_NOT_GRANTED) {
      const published = MINORS.flatMap((m) => Object.values(KARPENTER_OFFICIAL_IAM[m].controllerPolicies).flat()).filter((s) => s.Sid === n.sid);
      expect(published.length).toBeGreaterThan(0);
      if (n.only) expect(JSON.stringify(published)).toContain(n.only);
      expect(n.reason.length).toBeGreaterThan(40);
    }
  });

  it("gives Karpenter's nodes the published node role's managed policies, but those it says why not", () => {
    for (const minor of MINORS) {
      const d = deploymentOf(minor);
      const nodeRole = d.model.instances.find((i) => i.type === "aws_iam_role" && String(i.attributes.name).endsWith("-karpenter-node"))!;
      const attached = d.model.instances
        .filter((i) => i.type === "aws_iam_role_policy_attachment" && referencedInstance(d.model, i.attributes.role, "aws_iam_role") === nodeRole)
        .map((i) => String(i.attributes.policy_arn).split("/").pop());
      const missing = KARPENTER_OFFICIAL_IAM[minor].nodeRoleManagedPolicies.filter((name) => !attached.includes(name));
      expect(missing).toEqual(["AmazonEKS_CNI_Policy"]);
      expect(Object.keys(KARPENTER_NODE_POLICIES_NOT_ATTACHED)).toEqual(expect.arrayContaining(missing));
    }
  });
});

/**
 * What the EC2NodeClass's finalizer calls before it lets go (karpenter-provider-aws
 * pkg/controllers/nodeclass/controller.go `finalize`, v1.8 and v1.11; 1.6 does not list): the profiles
 * under its own path, the legacy profile `<cluster>_<hash>` (NotFound is its "done"), the launch
 * templates it tagged for the cluster and NodeClass, each deleted; the NodePool's instances are
 * terminated before. A denied call returns from the finalizer, and the NodeClass stays terminating.
 */
describe.each(MINORS)("Karpenter %s's EC2NodeClass finalizer, when the Kubernetes side is destroyed", (minor) => {
  it("may make every call it makes, on what Karpenter created for the cluster", async () => {
    const d = deploymentOf(minor);
    const own = karpenterTags(d);
    const arn = (service: string, resource: string) => `arn:aws:${service}:${service === "iam" ? "" : d.region}:${d.account}:${resource}`;
    const calls: Array<[string, string, RequestShape]> = [
      ["ec2:TerminateInstances", arn("ec2", "instance/i-0a1b2c3d4e5f67890"), { region: d.region, resourceTags: own }],
      ["ec2:DescribeLaunchTemplates", "*", { region: d.region }],
      ["ec2:DeleteLaunchTemplate", arn("ec2", "launch-template/lt-0a1b2c3d4e5f67890"), { region: d.region, resourceTags: own }],
      ["iam:GetInstanceProfile", arn("iam", `instance-profile/${d.cluster}_15316918214349340161`), { region: d.region }],
      ...(minor === "1.6" ? [] : [["iam:ListInstanceProfiles", "*", { region: d.region }] as [string, string, RequestShape]]),
    ];
    const denied: string[] = [];
    for (const [action, resource, shape] of calls) {
      const decision = await decide({
        principal: `arn:aws:iam::${d.account}:role/${d.roleName}`,
        action,
        resource,
        account: d.account,
        identityPolicies: d.policies,
        boundary: d.boundary,
        shape: { ...shape, context: d.session },
      });
      if (decision !== "Allowed") denied.push(`${action} on ${resource} (${decision})`);
    }
    expect(denied).toEqual([]);
  });

  it("may not terminate an instance, nor delete a launch template, only because it carries the discovery tag", async () => {
    const d = deploymentOf(minor);
    const arn = (resource: string) => `arn:aws:ec2:${d.region}:${d.account}:${resource}`;
    const tagged = { [DISCOVERY_TAG]: d.cluster, [`kubernetes.io/cluster/${d.cluster}`]: "owned" };
    for (const [action, resource] of [
      ["ec2:TerminateInstances", arn("instance/i-0a1b2c3d4e5f67890")],
      ["ec2:DeleteLaunchTemplate", arn("launch-template/lt-0a1b2c3d4e5f67890")],
    ]) {
      const shape: RequestShape = { region: d.region, resourceTags: tagged, context: d.session };
      const input = {
        principal: `arn:aws:iam::${d.account}:role/${d.roleName}`,
        action,
        resource,
        account: d.account,
        identityPolicies: d.policies,
        shape,
      };
      expect(await decide(input)).not.toBe("Allowed");
    }
  });
});
