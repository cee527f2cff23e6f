import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { ClusterRoleBindingV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-binding-v1";
import { ClusterRoleV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-v1";
import { RoleBindingV1 } from "@cdktf/provider-kubernetes/lib/role-binding-v1";
import { RoleV1 } from "@cdktf/provider-kubernetes/lib/role-v1";

/** Kinds of one API group, read. */
export interface ReadRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
}

export interface PlannerRbacProps {
  /** The Kubernetes group the plan role's access entry puts it in. */
  readonly group: string;
  /** Cluster-scoped kinds the stack manages (namespaces, storage classes): read. */
  readonly clusterReads: readonly ReadRule[];
  /** Per namespace: the Secrets the stack manages, read by name only (a refresh reads each). */
  readonly secretsByNamespace: Readonly<Record<string, readonly string[]>>;
  /** Namespaces where Helm keeps the stack's releases: their ConfigMaps (the Helm provider's configmap driver), read. */
  readonly helmNamespaces: readonly string[];
  /** What the roles wait for (the namespaces they live in). @default nothing */
  readonly dependsOn?: ITerraformDependable[];
}

const READ = ["get", "list", "watch"];

/**
 * What a plan of the stack reads inside the cluster, and nothing more: the kinds it manages,
 * Helm's releases where Helm keeps them, and the stack's own Secrets by name. No rule lists
 * Secrets (RBAC cannot scope a list by name), so the plan role sees no other Secret.
 */
export class PlannerRbac extends Construct {
  constructor(scope: Construct, id: string, props: PlannerRbacProps) {
    super(scope, id);
    const subject = [{ kind: "Group", name: props.group, apiGroup: "rbac.authorization.k8s.io" }];
    const clusterRole = new ClusterRoleV1(this, "cluster_role", {
      metadata: { name: props.group },
      rule: props.clusterReads.map((r) => ({ apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: READ })),
    });
    new ClusterRoleBindingV1(this, "cluster_role_binding", {
      metadata: { name: props.group },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: clusterRole.metadata.name },
      subject,
    });
    const namespaces = [...new Set([...props.helmNamespaces, ...Object.keys(props.secretsByNamespace)])].sort();
    for (const namespace of namespaces) {
      const secrets = props.secretsByNamespace[namespace] ?? [];
      const role = new RoleV1(this, `role_${namespace.replace(/-/g, "_")}`, {
        metadata: { name: props.group, namespace },
        rule: [
          ...(props.helmNamespaces.includes(namespace) ? [{ apiGroups: [""], resources: ["configmaps"], verbs: READ }] : []),
          ...(secrets.length ? [{ apiGroups: [""], resources: ["secrets"], resourceNames: [...secrets], verbs: ["get"] }] : []),
        ],
        dependsOn: props.dependsOn,
      });
      new RoleBindingV1(this, `role_binding_${namespace.replace(/-/g, "_")}`, {
        metadata: { name: props.group, namespace },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: role.metadata.name },
        subject,
      });
    }
  }
}
