import { Testing } from "cdktf";
import { checkStack, RULES, stackViewOf } from "../../rules";
import { defineStacks } from "../../stacks/app";
import { builtIn, problemsOf, resources, synthJson, validate } from "../support/helpers";

/**
 * Both vendors' clusters keep to EKS's lifecycle: the standard support policy unless the config
 * asks for extended support (which the rule pack warns about), deletion protection in
 * production unless turned off, zonal shift on.
 */

function clustersOf(...inputs: any[]) {
  const environments = validate(...inputs);
  const stacks = defineStacks(Testing.app(), environments);
  return stacks
    .filter((s) => /^(iomete-data-plane|poolside)-(dev|staging|prod)$/.test(s.node.id))
    .map((s) => ({ stack: s.node.id, json: synthJson(s), cluster: resources(synthJson(s), "aws_eks_cluster")[0] }));
}

it.each(["dev", "staging", "prod"] as const)(
  "%s: both clusters on standard support, zonal shift on, deletion protection only in production",
  (name) => {
    const clusters = clustersOf(builtIn(name));
    expect(clusters.map((c) => c.stack).sort()).toEqual([`iomete-data-plane-${name}`, `poolside-${name}`]);
    for (const { cluster } of clusters) {
      expect(cluster.upgrade_policy).toEqual({ support_type: "STANDARD" });
      expect(cluster.zonal_shift_config).toEqual({ enabled: true });
      expect(cluster.deletion_protection).toBe(name === "prod");
    }
  },
);

it("takes each setting from the config, and the rule pack warns about extended support", () => {
  const env = builtIn("dev");
  env.iomete.eks = { ...env.iomete.eks, upgradePolicy: "EXTENDED", deletionProtection: true, zonalShift: false };
  const [iomete] = clustersOf(env).filter((c) => c.stack.startsWith("iomete"));
  expect(iomete.cluster).toMatchObject({
    upgrade_policy: { support_type: "EXTENDED" },
    deletion_protection: true,
    zonal_shift_config: { enabled: false },
  });
  const view = stackViewOf(iomete.stack, iomete.json, {
    environmentName: "dev",
    environmentKind: "development",
    ownershipTagKey: "iomete.com/managed",
    isBootstrap: false,
  });
  const findings = checkStack(
    view,
    [],
    RULES.filter((r) => r.id === "EKS-UPGRADE-POLICY"),
  );
  expect(findings.map((f) => [f.ruleId, f.level])).toEqual([["EKS-UPGRADE-POLICY", "warning"]]);
});

it("a production cluster may turn deletion protection off, and the rule pack says so", () => {
  const env = builtIn("prod");
  env.poolside.eks = { ...env.poolside.eks, deletionProtection: false };
  const [poolside] = clustersOf(env).filter((c) => c.stack.startsWith("poolside"));
  expect(poolside.cluster.deletion_protection).toBe(false);
  const view = stackViewOf(poolside.stack, poolside.json, {
    environmentName: "prod",
    environmentKind: "production",
    ownershipTagKey: "poolside.ai/managed",
    isBootstrap: false,
  });
  expect(
    checkStack(
      view,
      [],
      RULES.filter((r) => r.id === "EKS-DELETION-PROTECTION"),
    ).map((f) => f.message),
  ).toEqual([expect.stringMatching(/: deletion_protection false$/)]);
});

it("refuses an upgrade policy EKS does not have, naming the field and what is allowed", () => {
  const env = builtIn("dev");
  env.iomete.eks = { ...env.iomete.eks, upgradePolicy: "LTS" };
  expect(problemsOf(env).join("\n")).toMatch(/iomete\.eks\.upgradePolicy.*"LTS".*must be one of STANDARD, EXTENDED/);
});
