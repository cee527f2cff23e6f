import { WorkloadIdentityRole, WorkloadIdentityRoleProps } from "../../modules/workload-identity-role";
import { policy, resource, resources, synthJson, testStack } from "../support/helpers";

const irsa: WorkloadIdentityRoleProps = {
  roleName: "demo-app",
  description: "demo",
  mode: "irsa",
  serviceAccounts: [{ namespace: "apps", name: "web" }],
  // What the role reads off an EksCluster (the cluster itself in the stacks).
  cluster: {
    clusterName: "demo",
    oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC",
    oidcIssuerHost: "oidc.eks.eu-west-1.amazonaws.com/id/ABC",
  },
};

function synth(props: WorkloadIdentityRoleProps) {
  const stack = testStack();
  new WorkloadIdentityRole(stack, "role", props);
  return synthJson(stack);
}

const trustOf = (json: ReturnType<typeof synthJson>) => policy(resource(json, "aws_iam_role").assume_role_policy).Statement;

describe("WorkloadIdentityRole", () => {
  it("IRSA pins audience and exact subject with StringEquals by default", () => {
    expect(trustOf(synth(irsa))).toEqual([
      {
        Sid: "ServiceAccountWebIdentity",
        Effect: "Allow",
        Principal: { Federated: irsa.cluster.oidcProviderArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:apps:web",
            "oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com",
          },
        },
      },
    ]);
  });

  it("IRSA lists several service accounts", () => {
    const [trust] = trustOf(
      synth({
        ...irsa,
        serviceAccounts: [
          { namespace: "apps", name: "web" },
          { namespace: "models", name: "inference" },
        ],
      }),
    );
    expect(trust.Condition.StringEquals["oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub"]).toEqual([
      "system:serviceaccount:apps:web",
      "system:serviceaccount:models:inference",
    ]);
  });

  it('IRSA with "*" trusts the whole namespace through StringLike (IOMETE parity)', () => {
    const [trust] = trustOf(synth({ ...irsa, serviceAccounts: [{ namespace: "apps", name: "*" }] }));
    expect(trust.Condition).toEqual({
      StringLike: { "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:apps:*" },
      StringEquals: { "oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com" },
    });
  });

  it("Pod Identity trusts the EKS service with AssumeRole and TagSession and associates each service account", () => {
    const json = synth({
      roleName: "demo-app",
      description: "demo",
      mode: "pod-identity",
      serviceAccounts: [
        { namespace: "kube-system", name: "karpenter" },
        { namespace: "tools", name: "runner" },
      ],
      cluster: irsa.cluster,
    });
    expect(trustOf(json)).toEqual([
      { Sid: "EksPodIdentity", Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] },
    ]);
    expect(resources(json, "aws_eks_pod_identity_association")).toEqual([
      { cluster_name: "demo", namespace: "kube-system", service_account: "karpenter", role_arn: expect.stringMatching(/aws_iam_role\./) },
      { cluster_name: "demo", namespace: "tools", service_account: "runner", role_arn: expect.stringMatching(/aws_iam_role\./) },
    ]);
  });

  it("attaches its policies and boundary", () => {
    const json = synth({
      ...irsa,
      managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
      inlinePolicies: { Bucket: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] },
      permissionsBoundaryArn: "arn:aws:iam::123456789012:policy/boundary",
    });
    expect(resource(json, "aws_iam_role").permissions_boundary).toBe("arn:aws:iam::123456789012:policy/boundary");
    expect(resource(json, "aws_iam_role_policy_attachment").policy_arn).toBe("arn:aws:iam::aws:policy/ReadOnlyAccess");
    expect(resource(json, "aws_iam_role_policy")).toMatchObject({ name: "Bucket" });
    expect(resources(json, "aws_eks_pod_identity_association")).toHaveLength(0);
  });

  it.each<[string, Partial<WorkloadIdentityRoleProps>, RegExp]>([
    ["no service account", { serviceAccounts: [] }, /serviceAccounts must name at least one service account/],
    [
      '"*" beside a name of its namespace',
      {
        serviceAccounts: [
          { namespace: "apps", name: "*" },
          { namespace: "apps", name: "web" },
        ],
      },
      /"apps:\*" already covers "apps:web"/,
    ],
    [
      'Pod Identity with "*"',
      { mode: "pod-identity", serviceAccounts: [{ namespace: "apps", name: "*" }] },
      /mode pod-identity binds named service accounts only/,
    ],
  ])("fails for %s", (_what, change, message) => {
    expect(() => synth({ ...irsa, ...change })).toThrow(message);
  });
});
