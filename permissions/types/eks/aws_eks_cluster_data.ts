import { eksArn } from "./shared";
import { isLiteral } from "../../model";
import { TypePermissions } from "../types";

export const awsEksClusterData: TypePermissions = {
  purpose: "The user's own cluster, read by name (Poolside's existing-cluster mode)",
  arns: (instance, ctx) => (isLiteral(instance.attributes.name) ? [eksArn(ctx, `cluster/${instance.attributes.name}`)] : []),
  rules: [{ phase: "read", actions: ["eks:DescribeCluster"], gate: { kind: "name" } }],
  calls: {
    type: "aws_eks_cluster_data",
    source: { files: ["internal/service/eks/cluster_data_source.go"], commit: "0010044f3e160a5c3b3250cc2c040e7cc0760018" },
    create: [],
    read: ["eks:DescribeCluster"],
    update: {},
    delete: [],
    import: [],
    notes: "Data source aws_eks_cluster: FindClusterByName -> DescribeCluster; tags come with it.",
  },
};
