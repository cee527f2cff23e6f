import { asList, PolicyStatement, statementsOf } from "../modules/policy-document";
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

/** IAM actions the AWS-managed policies the stacks attach need (EKS creates its service-linked roles). */
const MANAGED_POLICY_IAM_ACTIONS: Record<string, string[]> = {
  AmazonEKSClusterPolicy: ["iam:CreateServiceLinkedRole"],
};

/**
 * What the stacks' workload roles use: whole services (their inline policies and
 * the managed policies they attach), except IAM, where only the named actions
 * they use go through — a role under the boundary can never manage IAM.
 */
export function workloadNeeds(models: readonly StackModel[]): { services: string[]; iamActions: string[] } {
  const services = new Set<string>();
  const iamActions = new Set<string>();
  for (const model of models) {
    for (const instance of model.instances) {
      if (instance.type === "aws_iam_role_policy") {
        for (const action of statementsOf(instance.attributes.policy).flatMap((s) => asList(s.Action))) {
          if (action.startsWith("iam:")) iamActions.add(action);
          else services.add(action.split(":")[0]);
        }
      }
      if (instance.type === "aws_iam_role_policy_attachment" && isLiteral(instance.attributes.policy_arn)) {
        const name = instance.attributes.policy_arn.split("/").pop()!;
        (MANAGED_POLICY_SERVICES[name] ?? []).filter((s) => s !== "iam").forEach((s) => services.add(s));
        (MANAGED_POLICY_IAM_ACTIONS[name] ?? []).forEach((a) => iamActions.add(a));
      }
    }
  }
  return { services: [...services].sort(), iamActions: [...iamActions].sort() };
}

/**
 * The permissions boundary every role of the stacks carries: a ceiling of the
 * services those roles use (IAM only action by action), and no way out of it — a
 * role may only create roles that carry this same boundary, may not drop it, may
 * not edit this policy, and may not touch Organizations or the account. The
 * deployer's own services are not added: a bastion given the deployer policies
 * stays under this ceiling.
 */
export function boundaryStatements(boundaryArn: string, needs: { services: string[]; iamActions: string[] }): PolicyStatement[] {
  return [
    { Sid: "CeilingServicesTheStacksUse", Effect: "Allow", Action: needs.services.map((s) => `${s}:*`), Resource: "*" },
    ...(needs.iamActions.length ? [{ Sid: "CeilingIamActionsTheStacksUse", Effect: "Allow" as const, Action: needs.iamActions, Resource: "*" }] : []),
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
