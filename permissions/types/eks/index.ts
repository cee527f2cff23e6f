import { awsEksAccessEntry } from "./aws_eks_access_entry";
import { awsEksAccessPolicyAssociation } from "./aws_eks_access_policy_association";
import { awsEksAddon } from "./aws_eks_addon";
import { awsEksCluster } from "./aws_eks_cluster";
import { awsEksClusterData } from "./aws_eks_cluster_data";
import { awsEksNodeGroup } from "./aws_eks_node_group";
import { awsEksPodIdentityAssociation } from "./aws_eks_pod_identity_association";
import { TypePermissions } from "../types";

/** Every type of the folder, one file each (`test/permissions/types.test.ts` fails on a file left out). */
export const eksTypes: readonly TypePermissions[] = [
  awsEksAccessEntry,
  awsEksAccessPolicyAssociation,
  awsEksAddon,
  awsEksCluster,
  awsEksClusterData,
  awsEksNodeGroup,
  awsEksPodIdentityAssociation,
];
