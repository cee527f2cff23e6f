import { ResourceRule } from "./types";

export const K8sNamespaceLabelled: ResourceRule = {
  id: "K8S-NAMESPACE-LABELLED",
  level: "error",
  finding: "Namespace lacks the ownership label, so nobody can tell which vendor's stack owns it",
  fix: 'Label the namespace with the stack\'s ownership tag (iomete.com/managed: "true"), as IometeKubernetesStack does.',
  appliesTo: ["kubernetes_namespace_v1", "kubernetes_namespace"],
  check(namespace, stack) {
    const metadata = ([] as any[]).concat(namespace.attributes.metadata ?? [])[0] ?? {};
    const key = stack.context.ownershipTagKey;
    return metadata.labels?.[key] === undefined ? `${metadata.name ?? namespace.path} has no ${key} label` : undefined;
  },
};
