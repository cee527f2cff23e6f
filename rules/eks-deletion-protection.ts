import { isProduction } from "../config/environment-kind";
import { ResourceRule } from "./types";

export const EksDeletionProtection: ResourceRule = {
  id: "EKS-DELETION-PROTECTION",
  level: "warning",
  finding: "Production EKS cluster can be deleted in one apply (no deletion protection)",
  fix: "Leave eks.deletionProtection to its production default (on); a destroy then turns it off in an apply of its own first.",
  appliesTo: ["aws_eks_cluster"],
  check(cluster, stack) {
    if (!isProduction({ kind: stack.context.environmentKind })) return undefined;
    return cluster.attributes.deletion_protection === true
      ? undefined
      : `deletion_protection ${String(cluster.attributes.deletion_protection ?? "left out")}`;
  },
};
