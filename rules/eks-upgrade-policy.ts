import { ResourceRule } from "./types";

export const EksUpgradePolicy: ResourceRule = {
  id: "EKS-UPGRADE-POLICY",
  level: "warning",
  finding: "EKS cluster moves into extended support when its version leaves standard support, at six times the control-plane price",
  fix: "Set eks.upgradePolicy to STANDARD (the stacks' default) and upgrade within standard support; keep EXTENDED only for a planned, bounded delay.",
  appliesTo: ["aws_eks_cluster"],
  check(cluster) {
    const supportType = ([] as Array<Record<string, unknown>>).concat(cluster.attributes.upgrade_policy ?? [])[0]?.support_type;
    if (supportType === "STANDARD") return undefined;
    // Left out, EKS applies EXTENDED.
    return supportType === undefined ? "upgrade_policy left to EKS (EXTENDED)" : `support_type ${String(supportType)}`;
  },
};
