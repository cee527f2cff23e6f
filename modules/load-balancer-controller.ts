import { Construct } from "constructs";
import { PolicyStatement } from "../lib/policy-document";
import loadBalancerControllerPolicy from "./data/aws-load-balancer-controller-iam-policy.json";
import { LOAD_BALANCER_CONTROLLER_POLICY_NAME } from "./vendor-policies";
import { WorkloadIdentityCluster, WorkloadIdentityMode, WorkloadIdentityRole } from "./workload-identity-role";

/** The controller's service account, as its chart names it and the role trusts it. */
export const LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT = { namespace: "kube-system", name: "aws-load-balancer-controller" } as const;

export { LOAD_BALANCER_CONTROLLER_POLICY_NAME } from "./vendor-policies";

export interface LoadBalancerControllerRoleProps {
  readonly roleName: string;
  readonly clusterName: string;
  readonly mode: WorkloadIdentityMode;
  readonly cluster: WorkloadIdentityCluster;
  /** @default no boundary */
  readonly permissionsBoundaryArn?: string;
}

/**
 * The AWS Load Balancer Controller's role: its published policy as it is
 * (modules/data/aws-load-balancer-controller-iam-policy.json), for its service
 * account in kube-system. The policy gates its writes on the tags the controller
 * sets on what it creates (`elbv2.k8s.aws/cluster`).
 */
export function loadBalancerControllerRole(scope: Construct, id: string, props: LoadBalancerControllerRoleProps): WorkloadIdentityRole {
  return new WorkloadIdentityRole(scope, id, {
    roleName: props.roleName,
    description: `AWS Load Balancer Controller of ${props.clusterName}`,
    mode: props.mode,
    serviceAccounts: [{ ...LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT }],
    cluster: props.cluster,
    inlinePolicies: { [LOAD_BALANCER_CONTROLLER_POLICY_NAME]: loadBalancerControllerPolicy.Statement as PolicyStatement[] },
    permissionsBoundaryArn: props.permissionsBoundaryArn,
  });
}
