import { CHART_VERSION_DEFAULTS, NODE_POOL_DEFAULTS } from "../../config/kubernetes-side";
import { builtIn, problemsOf, validate } from "../support/helpers";

/** The dev environment with its iomete section (or its kubernetes part) changed. */
function dev(kubernetes: Record<string, unknown> | undefined, iomete: Record<string, unknown> = {}) {
  const input = builtIn("dev");
  return { ...input, iomete: { ...input.iomete, ...iomete, kubernetes } };
}

describe("iomete.kubernetes", () => {
  it("is optional: left out, no Kubernetes side; present, enabled with pinned defaults", () => {
    expect(validate(dev(undefined))[0].iomete!.kubernetes).toBeUndefined();
    const kubernetes = validate(dev({}))[0].iomete!.kubernetes!;
    expect(kubernetes).toMatchObject({
      enabled: true,
      charts: CHART_VERSION_DEFAULTS,
      istio: { enabled: true },
      defaultStorageClass: true,
      ciRunsOn: ["ubuntu-latest"],
      karpenter: { nodePool: { ...NODE_POOL_DEFAULTS, capacityTypes: ["on-demand"], instanceCategories: ["c", "m", "r"], architectures: ["amd64"] } },
    });
    expect(kubernetes.karpenter.replicas).toBeUndefined();
    // The certificate Jobs' image is pinned by digest; a mirror by digest is accepted too.
    expect(kubernetes.webhookCertificates.image).toMatch(/^docker\.io\/library\/node:24\.11\.1-alpine3\.22@sha256:[0-9a-f]{64}$/);
    const mirror = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/library/node@sha256:${"a".repeat(64)}`;
    expect(validate(dev({ webhookCertificates: { image: mirror } }))[0].iomete!.kubernetes!.webhookCertificates.image).toBe(mirror);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, RegExp]>([
    ["a version range", { charts: { istio: "~1.30" } }, {}, /iomete\.kubernetes\.charts\.istio: "~1\.30" must be an exact version such as 1\.2\.3/],
    [
      "a certificate Job image by tag only",
      { webhookCertificates: { image: "node:24-alpine" } },
      {},
      /iomete\.kubernetes\.webhookCertificates\.image: "node:24-alpine" must be an image pinned by digest, such as registry\.example\.com\/node:24-alpine@sha256:<64 hex digits>/,
    ],
    ["Karpenter before 1.0", { charts: { karpenter: "0.37.0" } }, {}, /charts\.karpenter: "0\.37\.0" must be 1\.0\.0 or later/],
    [
      "an Istio release that does not support the cluster's Kubernetes",
      { charts: { istio: "1.30.4" } },
      { eks: { ...builtIn("dev").iomete.eks, kubernetesVersion: "1.31" } },
      /charts\.istio: "1\.30\.4" Istio 1\.30 supports Kubernetes 1\.32 to 1\.36, and the cluster runs 1\.31/,
    ],
    [
      "an Istio release nobody checked",
      { charts: { istio: "1.12.0" } },
      {},
      /charts\.istio: "1\.12\.0" Istio 1\.12\.0 is not one this project has checked; use 1\.28\.x, 1\.29\.x, 1\.30\.x/,
    ],
    [
      "more Karpenter replicas than managed nodes",
      { karpenter: { replicas: 2 } },
      {},
      /karpenter\.replicas: 2 needs 2 managed nodes .* iomete\.eks\.nodeGroup\.minSize is 1/,
    ],
    [
      "an unknown capacity type",
      { karpenter: { nodePool: { capacityTypes: ["reserved"] } } },
      {},
      /nodePool\.capacityTypes\.0: "reserved" must be "on-demand" or "spot"/,
    ],
    [
      "a bad AMI alias",
      { karpenter: { nodePool: { amiAlias: "ubuntu@latest" } } },
      {},
      /nodePool\.amiAlias: "ubuntu@latest" must be an AMI alias family@version/,
    ],
    [
      "a plain-http chart repository",
      { repositories: { istio: "http://charts.example" } },
      {},
      /repositories\.istio: "http:\/\/charts\.example" must be an https:\/\/ or oci:\/\//,
    ],
    ["an unknown field", { helmTimeout: 600 }, {}, /iomete\.kubernetes.*helmTimeout/],
    [
      "a Load Balancer Controller release whose policy the project does not carry",
      { charts: { awsLoadBalancerController: "1.12.0" } },
      {},
      /charts\.awsLoadBalancerController: "1\.12\.0" is not a release whose published IAM policy this project carries; use 1\.13\.x, .*3\.5\.x/,
    ],
    [
      "an internet-facing gateway without ranges",
      { istio: { gateway: { scheme: "internet-facing" } } },
      {},
      /istio\.gateway\.allowedCidrs: \[\] must list the ranges that may reach an internet-facing gateway/,
    ],
    [
      "an unknown gateway scheme",
      { istio: { gateway: { scheme: "public" } } },
      {},
      /istio\.gateway\.scheme: "public" must be "internal" or "internet-facing"/,
    ],
    [
      "an internet-facing gateway in an existing VPC without public subnets",
      { istio: { gateway: { scheme: "internet-facing", allowedCidrs: ["198.51.100.0/24"] } } },
      { network: { mode: "existing", vpcId: "vpc-0a1b2c3d4e5f67890", privateSubnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"] } },
      /istio\.gateway\.scheme: "internet-facing" needs public subnets, and iomete\.network\.publicSubnetIds lists none/,
    ],
  ])("rejects %s, naming the field and the value", (_what, kubernetes, iomete, message) => {
    expect(problemsOf(dev(kubernetes, iomete)).join("\n")).toMatch(message);
  });

  it("refuses a GitHub-hosted runner for a private API endpoint, and accepts a self-hosted one", () => {
    const prod = builtIn("prod");
    const withRunner = (ciRunsOn: string[]) => ({ ...prod, iomete: { ...prod.iomete, kubernetes: { ...prod.iomete.kubernetes, ciRunsOn } } });
    expect(problemsOf(withRunner(["ubuntu-latest"])).join("\n")).toMatch(
      /environments\.prod\.iomete\.kubernetes\.ciRunsOn: \["ubuntu-latest"\] is a GitHub-hosted runner, which cannot reach the cluster's private API endpoint/,
    );
    expect(validate(withRunner(["self-hosted", "vpc"]))[0].iomete!.kubernetes!.ciRunsOn).toEqual(["self-hosted", "vpc"]);
  });

  it("keeps the gateway internal by default, and opens it to the internet only for the ranges listed, never all of it in production", () => {
    expect(validate(dev({}))[0].iomete!.kubernetes!.istio.gateway).toEqual({ scheme: "internal", allowedCidrs: [] });
    const open = { istio: { gateway: { scheme: "internet-facing", allowedCidrs: ["0.0.0.0/0"] } } };
    expect(validate(dev(open))[0].iomete!.kubernetes!.istio.gateway.allowedCidrs).toEqual(["0.0.0.0/0"]);
    const prod = builtIn("prod");
    prod.iomete.kubernetes.istio = open.istio;
    expect(problemsOf(prod).join("\n")).toMatch(/istio\.gateway\.allowedCidrs\.0: "0\.0\.0\.0\/0" opens the production gateway to the internet/);
    prod.iomete.kubernetes.istio.gateway.allowedCidrs = ["198.51.100.0/24"];
    expect(validate(prod)[0].iomete!.kubernetes!.istio.gateway.allowedCidrs).toEqual(["198.51.100.0/24"]);
  });

  it("checks versions only of what it installs: no Istio, no Istio check", () => {
    expect(() => validate(dev({ istio: { enabled: false }, charts: { istio: "1.12.0" } }))).not.toThrow();
  });
});
