import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { EnvironmentConfig } from "../../config";
import { CHART_VERSION_DEFAULTS } from "../../config/kubernetes-side";
import { IometeDataPlaneStack } from "../../stacks/iomete-data-plane-stack";
import { DATA_PLANE_OUTPUTS_READ, IometeKubernetesStack, KARPENTER_NODE_POOL_UNINSTALL_SECONDS } from "../../stacks/iomete-kubernetes-stack";
import { builtIn, builtInConfig, resource, resources, synthJson, validate } from "../support/helpers";

function synth(env: EnvironmentConfig) {
  const stack = new IometeKubernetesStack(Testing.app(), `iomete-kubernetes-${env.name}`, { environment: env });
  return { text: Testing.synth(stack), json: synthJson(stack), stack };
}

/** A built-in environment with its iomete.kubernetes section changed. */
function withKubernetes(name: "dev" | "prod", kubernetes: Record<string, unknown>): EnvironmentConfig {
  const input = builtIn(name);
  return validate({ ...input, iomete: { ...input.iomete, kubernetes: { ...input.iomete.kubernetes, ...kubernetes } } })[0];
}

const releases = (json: ReturnType<typeof synthJson>) => Object.fromEntries(resources(json, "helm_release").map((r) => [r.name, r]));
const dataPlaneRef = (output: string) => `data.terraform_remote_state.data_plane.outputs.${output}`;

describe.each(["dev", "staging", "prod"] as const)("IOMETE Kubernetes side, %s", (name) => {
  const env = builtInConfig(name);
  const kubernetes = env.iomete!.kubernetes!;
  const { text, json } = synth(env);
  const byName = releases(json);

  it("matches the reviewed snapshot", () => {
    expect(text).toMatchSnapshot();
  });

  it("reads the data plane's outputs from its state in the shared backend, and keeps its own state there", () => {
    expect(json.data!.terraform_remote_state.data_plane).toEqual({
      backend: "s3",
      config: { bucket: env.stateBackend.bucket, key: `iomete-data-plane-${name}/terraform.tfstate`, region: env.stateBackend.region },
    });
    expect((json.terraform!.backend as Record<string, object>).s3).toMatchObject({
      key: `iomete-kubernetes-${name}/terraform.tfstate`,
      encrypt: true,
    });
  });

  it("authenticates Helm and Kubernetes with aws eks get-token for the data plane's cluster, never a static token", () => {
    const exec = {
      api_version: "client.authentication.k8s.io/v1beta1",
      command: "aws",
      args: ["eks", "get-token", "--cluster-name", `\${${dataPlaneRef("cluster_name")}}`, "--region", env.account.region],
    };
    const connection = {
      host: `\${${dataPlaneRef("cluster_endpoint")}}`,
      cluster_ca_certificate: `\${base64decode(${dataPlaneRef("cluster_certificate_authority_data")})}`,
    };
    expect(json.provider!.kubernetes).toEqual([{ ...connection, exec: [exec] }]);
    // Helm keeps its releases in ConfigMaps: a plan refreshes them reading no Secret.
    expect(json.provider!.helm).toEqual([{ kubernetes: { ...connection, exec }, helm_driver: "configmap" }]);
    expect(Object.keys(json.provider!).sort()).toEqual(["helm", "kubernetes", "tls"]);
  });

  it("labels its namespaces with IOMETE's ownership tag", () => {
    expect(resources(json, "kubernetes_namespace_v1").map((n) => n.metadata)).toEqual([
      { name: "iomete-system", labels: { "iomete.com/managed": "true" } },
      { name: "istio-system", labels: { "iomete.com/managed": "true" } },
      // The certificate Jobs' own: nothing else creates pods there, so nothing else can run as their account.
      { name: "spark-webhook-certificates", labels: { "iomete.com/managed": "true" } },
    ]);
  });

  it("binds its plan role's group to reads of what it manages, Helm's ConfigMaps and the cloud settings Secret by name, and no other Secret", () => {
    const planner = (type: string) => resources(json, type).filter((r) => r.metadata.name === "iomete-kubernetes-planner");
    const [clusterRole] = planner("kubernetes_cluster_role_v1");
    const verbsOf = (rules: Array<Record<string, any>>) => rules.flatMap((r) => r.verbs);
    // Whole kinds only where nothing secret lives; everything else by name, and then only get (RBAC cannot scope a list by name).
    const byName = (rules: Array<Record<string, any>>) =>
      Object.fromEntries(rules.filter((r) => r.resource_names).flatMap((r) => r.resources.map((kind: string) => [kind, r.resource_names])));
    for (const rule of clusterRole.rule) expect(rule.verbs).toEqual(rule.resource_names ? ["get"] : ["get", "list", "watch"]);
    expect(clusterRole.rule.filter((r: any) => !r.resource_names).flatMap((r: any) => r.resources)).toEqual(
      kubernetes.defaultStorageClass ? ["namespaces", "storageclasses"] : ["namespaces"],
    );
    const certificateJob = ["spark-operator-webhook-certs-job"];
    expect(byName(clusterRole.rule)).toEqual({
      mutatingwebhookconfigurations: ["spark-operator-iomete-system"],
      // The certificate Jobs' roles first, then its own: a refresh reads both.
      clusterroles: ["iomete-kubernetes-planner"],
      clusterrolebindings: ["iomete-kubernetes-planner"],
    });
    expect(clusterRole.rule.filter((r: any) => r.resources.includes("clusterroles")).map((r: any) => r.resource_names)).toEqual([
      certificateJob,
      ["iomete-kubernetes-planner"],
    ]);
    const roles = Object.fromEntries(planner("kubernetes_role_v1").map((r) => [r.metadata.namespace, r.rule]));
    // Every namespace a release lives in, where Helm keeps it, and the certificate Jobs' namespace.
    const releaseNamespaces = [...new Set(Object.values(releases(json)).map((r: any) => r.namespace))].sort();
    expect(Object.keys(roles).sort()).toEqual([...releaseNamespaces, "spark-webhook-certificates"].sort());
    for (const [namespace, rules] of Object.entries<Array<Record<string, any>>>(roles)) {
      expect(verbsOf(rules.filter((r) => r.resource_names)).every((v: string) => v === "get")).toBe(true);
      expect(rules.filter((r) => !r.resource_names)).toEqual(
        releaseNamespaces.includes(namespace) ? [{ api_groups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] }] : [],
      );
      const named = rules.filter((r) => r.resource_names);
      expect(named.filter((r) => r.resources.includes("secrets"))).toEqual(
        namespace === "iomete-system"
          ? [{ api_groups: [""], resources: ["secrets"], resource_names: ["iomete-cloud-settings"], verbs: ["get"] }]
          : [],
      );
      expect(named.find((r) => r.resources.includes("roles") && r.resource_names.includes("iomete-kubernetes-planner"))).toBeDefined();
      if (namespace === "iomete-system") expect(named.find((r) => r.resources.includes("rolebindings"))!.resource_names).toEqual(certificateJob);
      if (namespace === "spark-webhook-certificates") {
        expect(named.find((r) => r.resources.includes("jobs"))!.resource_names).toEqual([
          "spark-operator-webhook-certs-job-secret",
          "spark-operator-webhook-certs-job-ca-bundle",
        ]);
        expect(named.find((r) => r.resources.includes("serviceaccounts"))!.resource_names).toEqual(certificateJob);
      }
    }
    const subjects = [...planner("kubernetes_role_binding_v1"), ...planner("kubernetes_cluster_role_binding_v1")].map((b) => b.subject);
    expect(subjects).toHaveLength(releaseNamespaces.length + 2);
    for (const subject of subjects)
      expect(subject).toEqual([{ kind: "Group", name: "iomete-kubernetes-planner", api_group: "rbac.authorization.k8s.io" }]);
  });

  it("writes iomete-cloud-settings from the data plane's outputs, with IOMETE's fields", () => {
    const secret = resource(json, "kubernetes_secret_v1", "cloud_settings");
    expect(secret.metadata).toEqual({ name: "iomete-cloud-settings", namespace: "iomete-system" });
    // Written through the provider's write-only data_wo: the values never reach the state; a revision from their digest does.
    expect(secret.data).toBeUndefined();
    expect(secret.data_wo_revision).toBe(
      '${(parseint(substr(sha256(jsonencode({"settings" = ' + secret.data_wo.settings.slice(2, -1) + "})), 0, 7), 16) + 1)}",
    );
    const settings: string = secret.data_wo.settings;
    expect(settings).toMatch(/^\$\{jsonencode\(\{/);
    for (const field of ['"cloud" = "aws"', `"region" = "${env.account.region}"`, `"module_version" = "${kubernetes.charts.dataPlaneBase}"`]) {
      expect(settings).toContain(field);
    }
    for (const output of ["cluster_name", "cluster_endpoint", "lakehouse_bucket_name", "lakehouse_role_arn"])
      expect(settings).toContain(dataPlaneRef(output));
    expect(settings).toContain(`"admin_arn" = "arn:aws:iam::${env.account.id}:role/iomete-kubernetes-${name}-deployer"`);
  });

  it("makes the Spark webhook's certificates in the cluster with a Job: no key, certificate or TLS resource in the stack, so none in its state", () => {
    expect(Object.keys(json.resource!).filter((type) => type.startsWith("tls_"))).toEqual([]);
    expect(resources(json, "kubernetes_secret_v1").map((s) => s.metadata.name)).toEqual(["iomete-cloud-settings"]);
    expect(text).not.toMatch(/BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)/);
    const job = resource(json, "kubernetes_job_v1", "spark_webhook_certificates_secret_job");
    expect(job.metadata).toEqual({ name: "spark-operator-webhook-certs-job-secret", namespace: "spark-webhook-certificates" });
    expect(job.wait_for_completion).toBe(true);
    const pod = job.spec.template.spec;
    const [container] = pod.container;
    expect(container.image).toBe(kubernetes.webhookCertificates.image);
    expect(container.image).toMatch(/@sha256:[0-9a-f]{64}$/);
    expect(container.command).toEqual(["node", "/opt/webhook-certificates/webhook-certificates-job.cjs", "secret"]);
    const env = Object.fromEntries(container.env.map((e: { name: string; value: string }) => [e.name, e.value]));
    expect(env).toMatchObject({
      WEBHOOK_NAMESPACE: "iomete-system",
      WEBHOOK_SERVICE: "spark-operator-webhook",
      WEBHOOK_SECRET: "spark-operator-webhook-certs",
    });
    expect(pod.security_context).toEqual({ run_as_non_root: true, run_as_user: "1000", seccomp_profile: { type: "RuntimeDefault" } });
    expect(container.security_context).toEqual({
      allow_privilege_escalation: false,
      read_only_root_filesystem: true,
      capabilities: { drop: ["ALL"] },
    });
    // The program it runs is the file in the repository, verbatim, and a change of it makes a new Job.
    const script = fs.readFileSync(path.join(__dirname, "../../modules/assets/webhook-certificates-job.cjs"), "utf8");
    const configMap = resource(json, "kubernetes_config_map_v1", "spark_webhook_certificates_script");
    expect(configMap.data["webhook-certificates-job.cjs"]).toBe(script);
    // In the pod spec: a change there replaces the Job (the provider would patch a change of the template's metadata, which Kubernetes refuses).
    expect(env.PROGRAM_SHA256).toBe(crypto.createHash("sha256").update(script).digest("hex"));
    expect(job.spec.template.metadata).toEqual({});
    expect(configMap.metadata).toEqual({ name: "spark-operator-webhook-certs-job", namespace: "spark-webhook-certificates" });
    expect(pod.volume).toEqual([
      {
        name: "script",
        config_map: { name: expect.stringMatching(/^\$\{kubernetes_config_map_v1\.spark_webhook_certificates_script_\w+\.metadata\[0\]\.name\}$/) },
      },
    ]);
    expect(pod.service_account_name).toMatch(
      /^\$\{kubernetes_service_account_v1\.spark_webhook_certificates_service_account_\w+\.metadata\[0\]\.name\}$/,
    );
  });

  it("lets the certificate Jobs create a Secret, read and update only the webhook's, and read and patch only its webhook configuration", () => {
    // The Role is where the Secret is; the account is in the Jobs' own namespace.
    expect(resource(json, "kubernetes_role_v1", "spark_webhook_certificates_role").metadata).toEqual({
      name: "spark-operator-webhook-certs-job",
      namespace: "iomete-system",
    });
    expect(resource(json, "kubernetes_role_v1", "spark_webhook_certificates_role").rule).toEqual([
      { api_groups: [""], resources: ["secrets"], verbs: ["create"] },
      { api_groups: [""], resources: ["secrets"], resource_names: ["spark-operator-webhook-certs"], verbs: ["get", "update"] },
    ]);
    expect(resource(json, "kubernetes_cluster_role_v1", "spark_webhook_certificates_cluster_role").rule).toEqual([
      {
        api_groups: ["admissionregistration.k8s.io"],
        resources: ["mutatingwebhookconfigurations"],
        resource_names: ["spark-operator-iomete-system"],
        verbs: ["get", "patch"],
      },
    ]);
    expect(resource(json, "kubernetes_service_account_v1", "spark_webhook_certificates").metadata).toEqual({
      name: "spark-operator-webhook-certs-job",
      namespace: "spark-webhook-certificates",
    });
    for (const type of ["kubernetes_role_binding_v1", "kubernetes_cluster_role_binding_v1"]) {
      expect(resource(json, type, "spark_webhook_certificates_" + type.replace(/^kubernetes_|_v1$/g, "")).subject).toEqual([
        {
          kind: "ServiceAccount",
          name: expect.stringMatching(/^\$\{kubernetes_service_account_v1\.spark_webhook_certificates_service_account_\w+\.metadata\[0\]\.name\}$/),
          namespace: "spark-webhook-certificates",
        },
      ]);
    }
  });

  it("admits the Jobs' Secret creates for the webhook's Secret only, by a policy installed before they run", () => {
    const policy = byName["spark-webhook-certificates-policy"];
    expect(policy).toMatchObject({ namespace: "iomete-system", chart: expect.stringContaining("manifests") });
    // The account's name is the one the Jobs run as, and the policy is there before anything of theirs.
    expect(resource(json, "kubernetes_service_account_v1", "spark_webhook_certificates").depends_on).toEqual(
      expect.arrayContaining(["helm_release.spark_webhook_certificates_policy"]),
    );
    // What the chart renders from these values: test/e2e/kubernetes-values.test.ts.
    expect(policy.values[0]).toContain('"kind" = "ValidatingAdmissionPolicy"');
  });

  it("forgets, without deleting, the webhook Secret earlier versions wrote from keys in the state", () => {
    expect((json as unknown as Record<string, unknown>).removed).toEqual([
      { from: "kubernetes_secret_v1.spark_webhook_certificates_secret_6056E70C", lifecycle: { destroy: false } },
    ]);
  });

  it("makes the Spark webhook configuration after data-plane-base, then a Job sets the CA on it, which Terraform leaves to the Job", () => {
    const configuration = resource(json, "kubernetes_mutating_webhook_configuration_v1", "spark_webhook_configuration");
    expect(configuration.metadata).toEqual({ name: "spark-operator-iomete-system" });
    const [webhook] = configuration.webhook;
    expect(webhook.client_config).toEqual({ service: { namespace: "iomete-system", name: "spark-operator-webhook", path: "/webhook", port: 443 } });
    expect(webhook).toMatchObject({
      failure_policy: "Ignore",
      side_effects: "NoneOnDryRun",
      namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "iomete-system" } },
    });
    expect(configuration.depends_on).toEqual(["helm_release.data_plane_base"]);
    expect(configuration.lifecycle).toEqual({ ignore_changes: ["webhook[0].client_config[0].ca_bundle"] });
    const job = resource(json, "kubernetes_job_v1", "spark_webhook_certificates_ca_bundle_job");
    expect(job.spec.template.spec.container[0].command.at(-1)).toBe("ca-bundle");
    expect(job.depends_on).toEqual(
      expect.arrayContaining([
        "kubernetes_mutating_webhook_configuration_v1.spark_webhook_configuration",
        expect.stringMatching(/^kubernetes_job_v1\.spark_webhook_certificates_secret_job/),
      ]),
    );
    // A configuration made again (replaced), or a Secret made again (its Job replaced), gets the CA again.
    expect(job.lifecycle).toEqual({
      replace_triggered_by: [
        "kubernetes_mutating_webhook_configuration_v1.spark_webhook_configuration",
        expect.stringMatching(/^kubernetes_job_v1\.spark_webhook_certificates_secret_job_[0-9A-F]{8}$/),
      ],
    });
  });

  it("installs data-plane-base from IOMETE's repository without its webhook configuration, on the lakehouse role, after its Secrets exist", () => {
    const base = byName["data-plane-base"];
    expect(base).toMatchObject({
      chart: "iomete-data-plane-base",
      repository: "https://chartmuseum.iomete.com",
      version: kubernetes.charts.dataPlaneBase,
      namespace: "iomete-system",
      atomic: true,
    });
    expect(base.values[0]).not.toContain("caBundle");
    expect(base.values[0]).toContain('"mutatingWebhookConfiguration" = {"deploy" = false}');
    expect(base.values[0]).toContain(`"eks.amazonaws.com/role-arn" = ${dataPlaneRef("lakehouse_role_arn")}`);
    // The operator mounts the webhook's Secret: the Job that makes it is done before the chart installs.
    expect(base.depends_on).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^kubernetes_secret_v1\.cloud_settings/),
        expect.stringMatching(/^kubernetes_job_v1\.spark_webhook_certificates_secret_job/),
      ]),
    );
  });

  it("installs Karpenter v1 in kube-system on the data plane's queue, its CRDs as their own release, then the node class and pool", () => {
    expect(byName["karpenter-crd"]).toMatchObject({
      chart: "karpenter-crd",
      repository: "oci://public.ecr.aws/karpenter",
      version: kubernetes.charts.karpenter,
    });
    const karpenter = byName.karpenter;
    expect(karpenter).toMatchObject({ namespace: "kube-system", skip_crds: true, version: kubernetes.charts.karpenter });
    expect(karpenter.depends_on).toEqual([expect.stringMatching(/^helm_release\.karpenter_crd/)]);
    expect(karpenter.values[0]).toContain(`"interruptionQueue" = ${dataPlaneRef("karpenter_queue_name")}`);
    expect(karpenter.values[0]).toContain('"serviceAccount" = {"name" = "karpenter"}');
    expect(karpenter.values[0]).toContain(`"replicas" = ${Math.min(2, env.iomete!.eks.nodeGroup.minSize)}`);
    const pool = byName["karpenter-node-pool"];
    expect(pool.chart).toMatch(/^assets\/manifests_chart\/[0-9A-F]+$/);
    // Destroyed first (it depends on the controller), and Helm waits until the EC2NodeClass's finalizer is done
    // (NodeClaims terminated, launch templates deleted) before Terraform removes the controller that runs it.
    expect(pool.depends_on).toEqual(["helm_release.karpenter"]);
    expect(pool).toMatchObject({ wait: true, timeout: KARPENTER_NODE_POOL_UNINSTALL_SECONDS });
    expect(KARPENTER_NODE_POOL_UNINSTALL_SECONDS).toBeGreaterThanOrEqual(900);
    const values: string = pool.values[0];
    // The instance profile the data plane made, never a role Karpenter would make profiles for, and no placement group.
    expect(values).not.toMatch(/"role" =|placementGroup/);
    expect(values).toContain(`"instanceProfile" = ${dataPlaneRef("karpenter_node_instance_profile_name")}`);
    // Every launch carries the tags Karpenter's controller policy requires, and IOMETE's ownership tags.
    expect(values).toContain(`"tags" = merge({`);
    expect(values).toContain(`"iomete.com/managed" = "true"`);
    expect(values).toContain(`${dataPlaneRef("karpenter_node_class_tags")})`);
    expect(values).toContain(`"cpu" = "${kubernetes.karpenter.nodePool.cpuLimit}"`);
    expect(values).toContain(`"memory" = "${kubernetes.karpenter.nodePool.memoryLimitGiB}Gi"`);
    expect(values).toContain('"httpTokens" = "required"');
  });

  it("installs Istio's base, istiod and the istio-ingress gateway in istio-system, in that order", () => {
    expect(byName["istio-base"]).toMatchObject({ chart: "base", namespace: "istio-system", version: kubernetes.charts.istio });
    expect(byName.istiod.depends_on).toEqual([expect.stringMatching(/^helm_release\.istio_base/)]);
    expect(byName["istio-ingress"]).toMatchObject({ chart: "gateway", namespace: "istio-system" });
    expect(byName["istio-ingress"].depends_on).toEqual([expect.stringMatching(/^helm_release\.istiod/), "helm_release.aws_load_balancer_controller"]);
  });

  it("serves the gateway with an internal Network Load Balancer the AWS Load Balancer Controller makes, in the private subnets", () => {
    const controller = byName["aws-load-balancer-controller"];
    expect(controller).toMatchObject({
      chart: "aws-load-balancer-controller",
      repository: "https://aws.github.io/eks-charts",
      version: kubernetes.charts.awsLoadBalancerController,
      namespace: "kube-system",
      wait: true,
    });
    expect(controller.values[0]).toContain(`"clusterName" = ${dataPlaneRef("cluster_name")}`);
    expect(controller.values[0]).toContain(`"vpcId" = ${dataPlaneRef("vpc_id")}`);
    // The name the data plane's Pod Identity association binds.
    expect(controller.values[0]).toContain('"serviceAccount" = {"create" = true, "name" = "aws-load-balancer-controller"}');
    const gateway: string = byName["istio-ingress"].values[0];
    expect(gateway).toContain('"service.beta.kubernetes.io/aws-load-balancer-type" = "external"');
    expect(gateway).toContain('"service.beta.kubernetes.io/aws-load-balancer-scheme" = "internal"');
    expect(gateway).toContain(`join(",", ${dataPlaneRef("private_subnet_ids")})`);
    expect(gateway).not.toContain("loadBalancerSourceRanges");
  });

  it("pins every chart from a repository to an exact version", () => {
    for (const release of resources(json, "helm_release").filter((r) => r.repository)) expect(release.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("makes an encrypted gp3 StorageClass the default", () => {
    expect(resource(json, "kubernetes_storage_class_v1")).toMatchObject({
      metadata: { name: "gp3", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      storage_provisioner: "ebs.csi.aws.com",
      volume_binding_mode: "WaitForFirstConsumer",
      parameters: { type: "gp3", encrypted: "true" },
    });
  });
});

describe("the data plane's outputs the Kubernetes side reads", () => {
  const env = builtInConfig("dev");
  const outputs = Object.keys(synthJson(new IometeDataPlaneStack(Testing.app(), "iomete-data-plane-dev", { environment: env })).output!);
  const { json } = synth(env);

  // Renaming one of these in the data-plane stack breaks the Kubernetes side at apply: this names which.
  it.each([...DATA_PLANE_OUTPUTS_READ])("%s is an output of the data plane", (output) => {
    expect(outputs).toContain(output);
  });

  it("are all the outputs the stack reads (an internet-facing gateway reads the public subnets)", () => {
    const internetFacing = synth(
      withKubernetes("dev", { istio: { gateway: { scheme: "internet-facing", allowedCidrs: ["198.51.100.0/24"] } } }),
    ).json;
    const text = JSON.stringify([json, internetFacing]);
    const read = new Set([...text.matchAll(/data\.terraform_remote_state\.data_plane\.outputs\.(\w+)/g)].map((m) => m[1]));
    expect([...read].sort()).toEqual([...DATA_PLANE_OUTPUTS_READ].sort());
  });

  it("include access entries on the cluster for this stack's deployer (cluster admin) and planner (its group, no access policy), and no one else new", () => {
    const dataPlane = synthJson(new IometeDataPlaneStack(Testing.app(), "iomete-data-plane-dev", { environment: env }));
    const policies = Object.fromEntries(resources(dataPlane, "aws_eks_access_policy_association").map((a) => [a.principal_arn, a.policy_arn]));
    expect(policies).toEqual({
      ...Object.fromEntries(
        env.iomete!.eks.clusterAdminArns.map((arn) => [arn, "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"]),
      ),
      "arn:aws:iam::111111111111:role/iomete-kubernetes-dev-deployer": "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
    });
    const planner = resources(dataPlane, "aws_eks_access_entry").filter(
      (e) => e.principal_arn === "arn:aws:iam::111111111111:role/iomete-kubernetes-dev-planner",
    );
    expect(planner).toEqual([expect.objectContaining({ type: "STANDARD", kubernetes_groups: ["iomete-kubernetes-planner"] })]);
    // Only that entry has groups.
    expect(resources(dataPlane, "aws_eks_access_entry").filter((e) => e.kubernetes_groups)).toHaveLength(1);
  });
});

describe("IOMETE Kubernetes side, switched", () => {
  it("installs no Istio and no namespace for it when istio.enabled is false", () => {
    const { json } = synth(withKubernetes("dev", { istio: { enabled: false } }));
    expect(Object.keys(releases(json)).filter((n) => /^(istio|aws-load-balancer)/.test(n))).toEqual([]);
    expect(resources(json, "kubernetes_namespace_v1").map((n) => n.metadata.name)).toEqual(["iomete-system", "spark-webhook-certificates"]);
    expect(json.output).not.toHaveProperty("ingress_service");
  });

  it("puts an internet-facing gateway in the public subnets, reachable only from the ranges listed", () => {
    const gateway = { scheme: "internet-facing", allowedCidrs: ["198.51.100.0/24", "203.0.113.8/29"] };
    const values: string = releases(synth(withKubernetes("dev", { istio: { gateway } })).json)["istio-ingress"].values[0];
    expect(values).toContain('"service.beta.kubernetes.io/aws-load-balancer-scheme" = "internet-facing"');
    expect(values).toContain(`join(",", ${dataPlaneRef("public_subnet_ids")})`);
    expect(values).toContain('"loadBalancerSourceRanges" = ["198.51.100.0/24", "203.0.113.8/29"]');
  });

  it("creates no StorageClass when defaultStorageClass is false", () => {
    expect(resources(synth(withKubernetes("dev", { defaultStorageClass: false })).json, "kubernetes_storage_class_v1")).toEqual([]);
  });

  it("takes chart versions and repositories from the config", () => {
    const { json } = synth(
      withKubernetes("prod", { charts: { karpenter: "1.8.2" }, repositories: { iomete: "https://charts.mirror.example/iomete" } }),
    );
    expect(releases(json).karpenter.version).toBe("1.8.2");
    expect(releases(json)["data-plane-base"]).toMatchObject({
      repository: "https://charts.mirror.example/iomete",
      version: CHART_VERSION_DEFAULTS.dataPlaneBase,
    });
  });

  it("exists only when enabled: the app defines it for enabled environments, and refuses to build one otherwise", () => {
    const off = withKubernetes("dev", { enabled: false });
    expect(() => new IometeKubernetesStack(Testing.app(), "iomete-kubernetes-dev", { environment: off })).toThrow(
      /environment dev has no enabled iomete.kubernetes section/,
    );
    const input = builtIn("dev");
    const without = validate({ ...input, iomete: { ...input.iomete, kubernetes: undefined } })[0];
    const dataPlane = synthJson(new IometeDataPlaneStack(Testing.app(), "iomete-data-plane-dev", { environment: without }));
    expect(resources(dataPlane, "aws_eks_access_entry").map((e) => e.principal_arn)).not.toContain(
      "arn:aws:iam::111111111111:role/iomete-kubernetes-dev-deployer",
    );
  });
});
