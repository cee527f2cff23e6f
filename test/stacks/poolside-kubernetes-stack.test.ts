import { Testing } from "cdktf";
import { stateKey } from "../../config/naming";
import { clusterStackGuardRequests } from "../../permissions/guard-requests";
import { PoolsideKubernetesStack, POOLSIDE_OUTPUTS_READ, SECRET_STORES, DATABASE_SECRET } from "../../stacks/poolside-kubernetes-stack";
import { PoolsideStack } from "../../stacks/poolside-stack";
import { deployerRoleName, plannerRoleName } from "../../stacks/provisioner-stack";
import { deployedPolicies } from "../permissions/deployed-policies";
import { decide } from "../permissions/harness";
import { builtIn, problemsOf, resource, resources, synthJson, validate } from "../support/helpers";

/**
 * poolside-kubernetes-<env>: what Poolside's reference architecture runs in its cluster, on the
 * roles the Poolside stack made, with no Secret value in its state, and roles of its own that
 * reach nothing of the Poolside stack in AWS but its state.
 */

function stackOf(name: "dev" | "staging" | "prod", change: (input: any) => void = () => undefined) {
  const input = builtIn(name);
  change(input);
  const env = validate(input)[0];
  return { env, json: synthJson(new PoolsideKubernetesStack(Testing.app(), `poolside-kubernetes-${name}`, { environment: env })) };
}
/** A release's values as synthesized: yamlencode of an object with Terraform references in it. */
const rawValues = (release: Record<string, any>) => String(release.values[0]);

describe.each(["dev", "prod"] as const)("%s", (name) => {
  const { env, json } = stackOf(name);
  const release = (id: string) => resource(json, "helm_release", id);

  it("reaches the API with a token from aws eks get-token, read from the Poolside stack's state, and keeps Helm's records in ConfigMaps", () => {
    const kubernetes = json.provider!.kubernetes[0];
    expect(kubernetes.exec[0]).toMatchObject({
      command: "aws",
      args: [
        "eks",
        "get-token",
        "--cluster-name",
        "${data.terraform_remote_state.poolside_state.outputs.cluster_name}",
        "--region",
        env.account.region,
      ],
    });
    expect(kubernetes.token).toBeUndefined();
    expect(json.provider!.helm[0].helm_driver).toBe("configmap");
    expect((json.data as any).terraform_remote_state.poolside_state.config).toMatchObject({
      key: stateKey(env.stateBackend, `poolside-${name}`),
    });
  });

  it("reads only outputs the Poolside stack writes", () => {
    const poolside = synthJson(new PoolsideStack(Testing.app(), `poolside-${name}`, { environment: env }));
    for (const output of POOLSIDE_OUTPUTS_READ) expect({ output, written: output in poolside.output! }).toEqual({ output, written: true });
  });

  it("installs the load balancer controller and External Secrets on the Poolside stack's roles, pinned", () => {
    const controller = release("aws_load_balancer_controller");
    expect(controller).toMatchObject({
      chart: "aws-load-balancer-controller",
      version: env.poolside!.kubernetes!.charts.awsLoadBalancerController,
      namespace: "kube-system",
      atomic: true,
    });
    const operator = release("external_secrets");
    expect(operator).toMatchObject({ chart: "external-secrets", version: "2.9.0", namespace: "external-secrets" });
    // IRSA names the role on the service account; Pod Identity binds it in the Poolside stack instead.
    const irsa = env.poolside!.workloadIdentity === "irsa";
    expect(rawValues(controller).includes("eks.amazonaws.com/role-arn")).toBe(irsa);
    expect(rawValues(operator).includes("external_secrets_role_arn")).toBe(irsa);
  });

  it("gives the operator a store for Secrets Manager and one for the parameters, and syncs the database's credentials into poolside", () => {
    const stores = rawValues(release("secret_stores"));
    for (const store of Object.values(SECRET_STORES)) expect(stores).toContain(store);
    expect(stores).toContain(`"service" = "SecretsManager"`);
    expect(stores).toContain(`"service" = "ParameterStore"`);
    expect(stores).toContain(`"kind" = "ExternalSecret", "metadata" = {"name" = "${DATABASE_SECRET}", "namespace" = "poolside"}`);
    expect(stores).toContain("outputs.database_secret_arn");
    // The credentials never pass through Terraform: no Secret object, no sensitive value in any release.
    expect(resources(json, "kubernetes_secret_v1")).toEqual([]);
    for (const r of resources(json, "helm_release")) expect(r.set_sensitive).toBeUndefined();
  });

  it("installs NVIDIA's GPU Operator only where a GPU group runs, without the driver EKS's images carry", () => {
    const gpu = (json.resource!.helm_release as Record<string, any>).gpu_operator;
    if (name === "prod") expect(rawValues(gpu)).toBe('${yamlencode({"driver" = {"enabled" = false}, "toolkit" = {"enabled" = false}})}');
    else expect(gpu).toBeUndefined();
  });

  it("installs Poolside's chart from the configured repository and version, with what the platform made and the config's values over it", () => {
    const app = release("poolside");
    expect(app).toMatchObject({ repository: "oci://registry.poolside.example/charts", chart: "poolside", version: "1.0.0", namespace: "poolside" });
    expect(rawValues(app)).toContain("outputs.bucket_name");
    expect(rawValues(app)).toContain(`"secretName" = "${DATABASE_SECRET}"`);
    expect(app.depends_on).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/helm_release\.secret_stores/),
        expect.stringMatching(/helm_release\.aws_load_balancer_controller/),
      ]),
    );
  });

  it("lets its plan role read no Secret", () => {
    const rules = [...resources(json, "kubernetes_role_v1"), ...resources(json, "kubernetes_cluster_role_v1")].flatMap((r) => r.rule);
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.flatMap((r: any) => r.resources)).not.toContain("secrets");
  });
});

describe("its roles in AWS", () => {
  const input = builtIn("dev");
  const env = validate(input)[0];
  const stackId = "poolside-kubernetes-dev";
  const roles = deployedPolicies(env, "after the first deploy").roles;

  it.each(["deployer", "planner"] as const)(
    "the %s reads the Poolside stack's state and reaches nothing of it in AWS, whatever Poolside tags it sends",
    async (kind) => {
      const roleName = kind === "deployer" ? deployerRoleName(stackId) : plannerRoleName(stackId);
      const ask = (action: string, resourceArn: string, shape: object) =>
        decide({
          principal: `arn:aws:iam::${env.account.id}:role/${roleName}`,
          action,
          resource: resourceArn,
          account: env.account.id,
          identityPolicies: roles.get(roleName)!,
          shape: { region: env.account.region, ...shape },
        });
      const state = `arn:aws:s3:::${env.stateBackend.bucket}/${stateKey(env.stateBackend, "poolside-dev")}`;
      expect(await ask("s3:GetObject", state, {})).toBe("Allowed");
      const attempts = clusterStackGuardRequests(env, stackId);
      expect(attempts.length).toBeGreaterThan(5);
      const allowed: string[] = [];
      for (const a of attempts) if ((await ask(a.action, a.resource, a.shape)) === "Allowed") allowed.push(a.label);
      expect(allowed).toEqual([]);
    },
  );

  it("gets cluster admin for its deployer and a read-only group for its planner, from the Poolside stack's access entries", () => {
    const json = synthJson(new PoolsideStack(Testing.app(), "poolside-dev", { environment: env }));
    const entries = resources(json, "aws_eks_access_entry").map((e) => e.principal_arn);
    expect(entries).toEqual(
      expect.arrayContaining([
        `arn:aws:iam::${env.account.id}:role/${deployerRoleName(stackId)}`,
        `arn:aws:iam::${env.account.id}:role/${plannerRoleName(stackId)}`,
      ]),
    );
    const planner = resources(json, "aws_eks_access_entry").find((e) => e.principal_arn.endsWith(plannerRoleName(stackId)))!;
    expect(planner.kubernetes_groups).toEqual(["poolside-kubernetes-planner"]);
  });
});

describe("poolside.kubernetes in the config", () => {
  it.each([
    ["no application chart", (k: any) => delete k.application, /poolside\.kubernetes\.application: \(missing\)/],
    [
      "an NVIDIA version without its v",
      (k: any) => (k.charts = { gpuOperator: "26.7.0" }),
      /poolside\.kubernetes\.charts\.gpuOperator: "26\.7\.0" must be an exact NVIDIA chart version such as v26\.7\.0/,
    ],
    [
      "a controller whose policy this project does not carry",
      (k: any) => (k.charts = { awsLoadBalancerController: "2.0.0" }),
      /poolside\.kubernetes\.charts\.awsLoadBalancerController: "2\.0\.0" is not a release whose published IAM policy/,
    ],
    [
      "an application version range",
      (k: any) => (k.application = { ...k.application, version: "^1.0.0" }),
      /poolside\.kubernetes\.application\.version: "\^1\.0\.0" must be an exact version/,
    ],
  ])("refuses %s", (_what, change, message) => {
    const input = builtIn("dev");
    change(input.poolside.kubernetes);
    expect(problemsOf(input).join("\n")).toMatch(message);
  });

  it("refuses a Kubernetes side beside an existing cluster, whose access entries this stack cannot make", () => {
    const input = builtIn("dev");
    input.poolside = { ...input.poolside, existingCluster: { name: "platform-dev" }, database: { mode: "none" } };
    expect(problemsOf(input).join("\n")).toMatch(/poolside\.kubernetes: "enabled" needs a cluster this stack creates/);
  });
});
