import { PolicyStatement } from "../modules/policy-document";
import { isLiteral, StackModel } from "./model";

/**
 * Services behind the AWS-managed policies the stacks attach (they cannot be read
 * from the code): a boundary must let these through or the attached policy does nothing.
 */
const MANAGED_POLICY_SERVICES: Record<string, string[]> = {
  AmazonEKSClusterPolicy: ["autoscaling", "ec2", "eks", "elasticloadbalancing", "iam", "kms"],
  AmazonEKSVPCResourceController: ["ec2"],
  AmazonEKSWorkerNodePolicy: ["ec2", "eks", "eks-auth"],
  AmazonEC2ContainerRegistryReadOnly: ["ecr"],
  AmazonEKS_CNI_Policy: ["ec2"],
  AmazonEBSCSIDriverPolicy: ["ec2", "kms"],
  AmazonSSMManagedInstanceCore: ["ec2messages", "ssm", "ssmmessages"],
};

/** Every service the stacks' workload roles use: their inline policies and the managed policies they attach. */
export function workloadServices(models: readonly StackModel[]): string[] {
  const services = new Set<string>();
  for (const model of models) {
    for (const instance of model.instances) {
      if (instance.type === "aws_iam_role_policy" && typeof instance.attributes.policy === "string") {
        try {
          const document = JSON.parse(instance.attributes.policy) as { Statement: Array<{ Action?: string | string[] }> };
          for (const s of document.Statement) for (const action of ([] as string[]).concat(s.Action ?? [])) services.add(action.split(":")[0]);
        } catch {
          // a policy built from references only: nothing to read
        }
      }
      if (instance.type === "aws_iam_role_policy_attachment" && isLiteral(instance.attributes.policy_arn)) {
        const name = instance.attributes.policy_arn.split("/").pop()!;
        (MANAGED_POLICY_SERVICES[name] ?? []).forEach((s) => services.add(s));
      }
    }
  }
  return [...services].sort();
}

/**
 * The permissions boundary every role of the stacks carries: a ceiling of the
 * services those roles (and the bastion's deployer policy) use, and no way out of
 * it — a role may only create roles that carry this same boundary, may not drop
 * it, may not edit this policy, and may not touch Organizations or the account.
 */
export function boundaryStatements(boundaryArn: string, services: string[]): PolicyStatement[] {
  return [
    { Sid: "CeilingServicesTheStacksUse", Effect: "Allow", Action: services.map((s) => `${s}:*`), Resource: "*" },
    {
      Sid: "DenyRolesWithoutThisBoundary",
      Effect: "Deny",
      Action: ["iam:CreateRole", "iam:PutRolePermissionsBoundary"],
      Resource: "*",
      Condition: { StringNotEquals: { "iam:PermissionsBoundary": boundaryArn } },
    },
    { Sid: "DenyRemovingBoundary", Effect: "Deny", Action: "iam:DeleteRolePermissionsBoundary", Resource: "*" },
    {
      Sid: "DenyEditingBoundary",
      Effect: "Deny",
      Action: ["iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion"],
      Resource: boundaryArn,
    },
    { Sid: "DenyOrganizationAndAccount", Effect: "Deny", Action: ["organizations:*", "account:*"], Resource: "*" },
  ];
}
