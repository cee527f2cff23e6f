import { ResourceRule } from "./types";

/** A chart in the stack's own folder (a TerraformAsset) carries its version in its Chart.yaml, reviewed with the code. */
const isLocalChart = (chart: unknown, repository: unknown) => !repository && typeof chart === "string" && /^(assets\/|\.\.?\/)/.test(chart);

export const HelmChartPinned: ResourceRule = {
  id: "HELM-CHART-PINNED",
  level: "error",
  finding: "Helm release installs whatever chart version is newest when it runs",
  fix: "Set version to an exact chart version (1.2.3), configurable in iomete.kubernetes.charts.",
  appliesTo: ["helm_release"],
  check(release) {
    const { chart, repository, version } = release.attributes;
    if (isLocalChart(chart, repository)) return undefined;
    if (version === undefined) return `${chart} has no version`;
    return /^v?\d+\.\d+\.\d+$/.test(String(version)) ? undefined : `${chart} version "${version}" is not an exact version`;
  },
};
