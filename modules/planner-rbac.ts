import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { ClusterRoleBindingV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-binding-v1";
import { ClusterRoleV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-v1";
import { RoleBindingV1 } from "@cdktf/provider-kubernetes/lib/role-binding-v1";
import { RoleV1 } from "@cdktf/provider-kubernetes/lib/role-v1";

/** Kinds of one API group, read: all of them, or only the objects named (then `get` alone: RBAC cannot scope a list by name). */
export interface ReadRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames?: readonly string[];
}

export interface PlannerRbacProps {
  /** The Kubernetes group the plan role's access entry puts it in. */
  readonly group: string;
  /** Cluster-scoped kinds the stack manages (namespaces, storage classes): read. */
  readonly clusterReads: readonly ReadRule[];
  /** Per namespace: other kinds the stack manages there, read. @default none */
  readonly namespacedReads?: Readonly<Record<string, readonly ReadRule[]>>;
  /** Per namespace: the Secrets the stack manages, read by name only (a refresh reads each). */
  readonly secretsByNamespace: Readonly<Record<string, readonly string[]>>;
  /** Namespaces where Helm keeps the stack's releases: their ConfigMaps (the Helm provider's configmap driver), read. */
  readonly helmNamespaces: readonly string[];
  /** What the roles wait for (the namespaces they live in). @default nothing */
  readonly dependsOn?: ITerraformDependable[];
}

const READ = ["get", "list", "watch"];
export const RBAC_GROUP = "rbac.authorization.k8s.io";

function rule(r: ReadRule) {
  return r.resourceNames
    ? { apiGroups: [...r.apiGroups], resources: [...r.resources], resourceNames: [...r.resourceNames], verbs: ["get"] }
    : { apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: READ };
}

/**
 * What a plan of the stack reads inside the cluster, and nothing more: the kinds it manages,
 * Helm's releases where Helm keeps them, the stack's own Secrets by name, and these roles and
 * bindings themselves (a refresh reads them too). No rule lists Secrets (RBAC cannot scope a
 * list by name), so the plan role sees no other Secret.
 */
export class PlannerRbac extends Construct {
  constructor(scope: Construct, id: string, props: PlannerRbacProps) {
    super(scope, id);
    const subject = [{ kind: "Group", name: props.group, apiGroup: RBAC_GROUP }];
    const own = [props.group];
    const clusterRole = new ClusterRoleV1(this, "cluster_role", {
      metadata: { name: props.group },
      rule: [...props.clusterReads, { apiGroups: [RBAC_GROUP], resources: ["clusterroles", "clusterrolebindings"], resourceNames: own }].map(rule),
    });
    new ClusterRoleBindingV1(this, "cluster_role_binding", {
      metadata: { name: props.group },
      roleRef: { apiGroup: RBAC_GROUP, kind: "ClusterRole", name: clusterRole.metadata.name },
      subject,
    });
    const namespacedReads = props.namespacedReads ?? {};
    const namespaces = [...new Set([...props.helmNamespaces, ...Object.keys(props.secretsByNamespace), ...Object.keys(namespacedReads)])].sort();
    for (const namespace of namespaces) {
      const secrets = props.secretsByNamespace[namespace] ?? [];
      const role = new RoleV1(this, `role_${namespace.replace(/-/g, "_")}`, {
        metadata: { name: props.group, namespace },
        rule: [
          ...(props.helmNamespaces.includes(namespace) ? [{ apiGroups: [""], resources: ["configmaps"] }] : []),
          ...(namespacedReads[namespace] ?? []),
          ...(secrets.length ? [{ apiGroups: [""], resources: ["secrets"], resourceNames: secrets }] : []),
          { apiGroups: [RBAC_GROUP], resources: ["roles", "rolebindings"], resourceNames: own },
        ].map(rule),
        dependsOn: props.dependsOn,
      });
      new RoleBindingV1(this, `role_binding_${namespace.replace(/-/g, "_")}`, {
        metadata: { name: props.group, namespace },
        roleRef: { apiGroup: RBAC_GROUP, kind: "Role", name: role.metadata.name },
        subject,
      });
    }
  }
}
