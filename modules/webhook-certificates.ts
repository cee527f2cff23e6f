import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { Construct } from "constructs";
import { ITerraformDependable, TerraformResource } from "cdktf";
import { ClusterRoleBindingV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-binding-v1";
import { ClusterRoleV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-v1";
import { ConfigMapV1 } from "@cdktf/provider-kubernetes/lib/config-map-v1";
import { JobV1 } from "@cdktf/provider-kubernetes/lib/job-v1";
import { RoleBindingV1 } from "@cdktf/provider-kubernetes/lib/role-binding-v1";
import { RoleV1 } from "@cdktf/provider-kubernetes/lib/role-v1";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { projectFile } from "../lib/project-files";
import { RBAC_GROUP, ReadRule } from "./planner-rbac";

/** The program both Jobs run (plain Node, no packages), kept beside this file. */
export const WEBHOOK_CERTIFICATES_SCRIPT = path.join("modules", "assets", "webhook-certificates-job.cjs");
const SCRIPT_FILE = path.basename(WEBHOOK_CERTIFICATES_SCRIPT);
const SCRIPT_DIR = "/opt/webhook-certificates";
/** The program's modes, one Job each (see the program). */
const JOB_MODES = ["secret", "ca-bundle"] as const;
type JobMode = (typeof JOB_MODES)[number];
/** The `node` user of the official Node images. */
const NODE_USER = 1000;

export interface WebhookCertificatesProps {
  /** The webhook's Service; the certificate names `<service>.<namespace>.svc`. */
  readonly serviceName: string;
  /** The webhook's namespace, where its Secret is. */
  readonly namespace: string;
  /**
   * The namespace the Jobs run in, theirs alone: whoever may create pods there may act as their
   * account (patch the webhook configuration, read the keys), so nothing else should run there.
   */
  readonly jobNamespace: string;
  /** The Secret the webhook server mounts; made by the first Job when absent. */
  readonly secretName: string;
  /** The MutatingWebhookConfiguration whose entries for the Service get the CA as `caBundle`. */
  readonly webhookConfigurationName: string;
  /** The Jobs' image: Node 20 or later, pinned by digest. */
  readonly image: string;
  /** @default 3650 (10 years): the CA is what the webhook configuration trusts */
  readonly caValidityDays?: number;
  /**
   * @default 3650. The Job renews the server certificate only when it runs again (`terraform apply -replace`
   * of its Job), so a short life would end unnoticed: the webhook's failure policy ignores a failed call.
   */
  readonly serverValidityDays?: number;
  /** A run of the Job within this many days of the server certificate's expiry renews it. @default 30 */
  readonly renewDaysBeforeExpiry?: number;
  /** What the objects wait for (their namespace). @default nothing */
  readonly dependsOn?: ITerraformDependable[];
}

/** The service account both Jobs run as (and the name of their other objects). */
export function webhookCertificatesAccount(secretName: string): string {
  return `${secretName}-job`;
}

/**
 * What RBAC cannot say: the Jobs' account may create a Secret of the webhook's name only. A
 * ValidatingAdmissionPolicy (GA since Kubernetes 1.30) and its binding, as manifests for the
 * stack to apply before the Jobs exist.
 */
export function secretCreationPolicy(props: {
  readonly namespace: string;
  readonly jobNamespace: string;
  readonly secretName: string;
}): Record<string, unknown>[] {
  const name = webhookCertificatesAccount(props.secretName);
  return [
    {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingAdmissionPolicy",
      metadata: { name },
      spec: {
        failurePolicy: "Fail",
        matchConstraints: { resourceRules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["secrets"] }] },
        matchConditions: [
          { name: "from-the-jobs-account", expression: `request.userInfo.username == 'system:serviceaccount:${props.jobNamespace}:${name}'` },
        ],
        validations: [
          {
            // Opaque: a service-account-token Secret of that name would be filled with a token the account may read.
            expression: `request.namespace == '${props.namespace}' && object.metadata.name == '${props.secretName}' && object.type == 'Opaque'`,
            message: `${name} may create only the Opaque Secret ${props.namespace}/${props.secretName}`,
          },
        ],
      },
    },
    {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingAdmissionPolicyBinding",
      metadata: { name },
      spec: { policyName: name, validationActions: ["Deny"] },
    },
  ];
}

/**
 * A webhook's TLS made inside the cluster, so no key passes through Terraform's plan or state
 * (and so not through a plan role, a plan file or the state bucket): a Job makes the Secret,
 * with the file names IOMETE's Spark operator reads (`ca-cert.pem`, `ca-key.pem`,
 * `server-cert.pem`, `server-key.pem`), when it is absent, adopts an earlier one of that shape
 * (its CA kept) and leaves any other as it is; a second Job (`applyCaBundle`) then sets the CA on the webhook configuration. The Jobs'
 * service account may create Secrets in the namespace (RBAC cannot scope a create by name: apply
 * `secretCreationPolicy` first, which can), read and update only this one, and read and patch only
 * this webhook configuration.
 */
export class WebhookCertificates extends Construct {
  /** The Secret exists once this Job is done: what mounts it depends on this. */
  readonly dependable: ITerraformDependable;
  /** What a plan refreshes of these objects, for the plan role's reads (no Secret: Terraform does not manage it). */
  readonly plannerReads: { readonly cluster: readonly ReadRule[]; readonly byNamespace: Readonly<Record<string, readonly ReadRule[]>> };
  private readonly props: WebhookCertificatesProps;
  private readonly objectName: string;
  private readonly script: ConfigMapV1;
  private readonly serviceAccount: ServiceAccountV1;
  private readonly rbac: ITerraformDependable[];
  private readonly secretJob: JobV1;

  constructor(scope: Construct, id: string, props: WebhookCertificatesProps) {
    super(scope, id);
    this.props = props;
    this.objectName = webhookCertificatesAccount(props.secretName);
    const metadata = { name: this.objectName, namespace: props.jobNamespace };
    this.serviceAccount = new ServiceAccountV1(this, "service_account", { metadata, dependsOn: props.dependsOn });
    this.script = new ConfigMapV1(this, "script", {
      metadata,
      data: { [SCRIPT_FILE]: script().text },
      dependsOn: props.dependsOn,
    });
    this.rbac = this.grantJobAccess();
    this.secretJob = this.job("secret_job", "secret", []);
    this.dependable = this.secretJob;
    const names = [this.objectName];
    this.plannerReads = {
      cluster: [{ apiGroups: [RBAC_GROUP], resources: ["clusterroles", "clusterrolebindings"], resourceNames: names }],
      byNamespace: {
        [props.namespace]: [{ apiGroups: [RBAC_GROUP], resources: ["roles", "rolebindings"], resourceNames: names }],
        [props.jobNamespace]: [
          { apiGroups: [""], resources: ["serviceaccounts", "configmaps"], resourceNames: names },
          { apiGroups: ["batch"], resources: ["jobs"], resourceNames: JOB_MODES.map((mode) => this.jobName(mode)) },
        ],
      },
    };
  }

  /**
   * Sets the Secret's CA on the webhook configuration once it exists; runs again whenever the
   * configuration or the secret Job is replaced (the configuration's Terraform resource should
   * ignore changes to `caBundle`).
   */
  applyCaBundle(configuration: TerraformResource): JobV1 {
    return this.job("ca_bundle_job", "ca-bundle", [configuration, this.secretJob], [configuration, this.secretJob]);
  }

  private grantJobAccess(): ITerraformDependable[] {
    const { namespace, secretName, webhookConfigurationName } = this.props;
    const metadata = { name: this.objectName, namespace };
    const subject = [{ kind: "ServiceAccount", name: this.serviceAccount.metadata.name, namespace: this.props.jobNamespace }];
    const role = new RoleV1(this, "role", {
      metadata,
      rule: [
        { apiGroups: [""], resources: ["secrets"], verbs: ["create"] },
        { apiGroups: [""], resources: ["secrets"], resourceNames: [secretName], verbs: ["get", "update"] },
      ],
      dependsOn: this.props.dependsOn,
    });
    const roleBinding = new RoleBindingV1(this, "role_binding", {
      metadata,
      roleRef: { apiGroup: RBAC_GROUP, kind: "Role", name: role.metadata.name },
      subject,
    });
    const clusterRole = new ClusterRoleV1(this, "cluster_role", {
      metadata: { name: this.objectName },
      rule: [
        {
          apiGroups: ["admissionregistration.k8s.io"],
          resources: ["mutatingwebhookconfigurations"],
          resourceNames: [webhookConfigurationName],
          verbs: ["get", "patch"],
        },
      ],
    });
    const clusterRoleBinding = new ClusterRoleBindingV1(this, "cluster_role_binding", {
      metadata: { name: this.objectName },
      roleRef: { apiGroup: RBAC_GROUP, kind: "ClusterRole", name: clusterRole.metadata.name },
      subject,
    });
    return [role, roleBinding, clusterRole, clusterRoleBinding];
  }

  /** A Job of the program in `mode`, which Terraform waits for; it runs once, and again when one of `rerunWith` is replaced. */
  private jobName(mode: JobMode): string {
    return `${this.objectName}-${mode}`;
  }

  private job(id: string, mode: JobMode, after: ITerraformDependable[], rerunWith: TerraformResource[] = []): JobV1 {
    const p = this.props;
    const env = {
      WEBHOOK_NAMESPACE: p.namespace,
      WEBHOOK_SERVICE: p.serviceName,
      WEBHOOK_SECRET: p.secretName,
      WEBHOOK_CONFIGURATION: p.webhookConfigurationName,
      CA_VALIDITY_DAYS: String(p.caValidityDays ?? 3650),
      SERVER_VALIDITY_DAYS: String(p.serverValidityDays ?? 3650),
      RENEW_DAYS_BEFORE_EXPIRY: String(p.renewDaysBeforeExpiry ?? 30),
      // A new program is a new Job, so it runs again: the provider replaces a Job whose pod spec changes
      // (a change of the template's metadata it would try to patch, which Kubernetes refuses).
      PROGRAM_SHA256: script().sha256,
    };
    return new JobV1(this, id, {
      metadata: { name: this.jobName(mode), namespace: p.jobNamespace },
      spec: {
        backoffLimit: 3,
        activeDeadlineSeconds: 300,
        template: {
          metadata: {},
          spec: {
            serviceAccountName: this.serviceAccount.metadata.name,
            restartPolicy: "Never",
            securityContext: { runAsNonRoot: true, runAsUser: String(NODE_USER), seccompProfile: { type: "RuntimeDefault" } },
            container: [
              {
                name: "webhook-certificates",
                image: p.image,
                command: ["node", `${SCRIPT_DIR}/${SCRIPT_FILE}`, mode],
                env: Object.entries(env).map(([name, value]) => ({ name, value })),
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" } },
                volumeMount: [{ name: "script", mountPath: SCRIPT_DIR, readOnly: true }],
              },
            ],
            volume: [{ name: "script", configMap: { name: this.script.metadata.name } }],
          },
        },
      },
      waitForCompletion: true,
      timeouts: { create: "10m", update: "10m" },
      dependsOn: [this.script, ...this.rbac, ...after],
      // By address: cdktf writes a resource given here as "${...}", which Terraform refuses (hashicorp/terraform-cdk#3196).
      lifecycle: rerunWith.length ? { replaceTriggeredBy: rerunWith.map((r) => `${r.terraformResourceType}.${r.friendlyUniqueId}`) } : undefined,
    });
  }
}

let cachedScript: { readonly text: string; readonly sha256: string } | undefined;
/** The program's text and its digest, read once. */
function script(): { readonly text: string; readonly sha256: string } {
  if (!cachedScript) {
    const text = verbatim(
      fs.readFileSync(projectFile(__dirname, WEBHOOK_CERTIFICATES_SCRIPT, "the project's modules/assets folder is missing"), "utf8"),
    );
    cachedScript = { text, sha256: crypto.createHash("sha256").update(text).digest("hex") };
  }
  return cachedScript;
}

/** Terraform reads `${` and `%{` in a string as a template: the program must hold neither to reach the cluster as written. */
function verbatim(text: string): string {
  const template = /\$\{|%\{/.exec(text);
  if (template)
    throw new Error(
      `${WEBHOOK_CERTIFICATES_SCRIPT}: "${template[0]}" at offset ${template.index} would be read by Terraform as a template; write it another way`,
    );
  return text;
}
