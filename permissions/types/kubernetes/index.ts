import { kubernetesClusterRoleBindingV1 } from "./kubernetes_cluster_role_binding_v1";
import { kubernetesClusterRoleV1 } from "./kubernetes_cluster_role_v1";
import { kubernetesConfigMapV1 } from "./kubernetes_config_map_v1";
import { kubernetesJobV1 } from "./kubernetes_job_v1";
import { kubernetesMutatingWebhookConfigurationV1 } from "./kubernetes_mutating_webhook_configuration_v1";
import { kubernetesNamespaceV1 } from "./kubernetes_namespace_v1";
import { kubernetesRoleBindingV1 } from "./kubernetes_role_binding_v1";
import { kubernetesRoleV1 } from "./kubernetes_role_v1";
import { kubernetesSecretV1 } from "./kubernetes_secret_v1";
import { kubernetesServiceAccountV1 } from "./kubernetes_service_account_v1";
import { kubernetesStorageClassV1 } from "./kubernetes_storage_class_v1";
import { TypePermissions } from "../types";

/** Every type of the folder, one file each (`test/permissions/types.test.ts` fails on a file left out). */
export const kubernetesTypes: readonly TypePermissions[] = [
  kubernetesClusterRoleBindingV1,
  kubernetesClusterRoleV1,
  kubernetesConfigMapV1,
  kubernetesJobV1,
  kubernetesMutatingWebhookConfigurationV1,
  kubernetesNamespaceV1,
  kubernetesRoleBindingV1,
  kubernetesRoleV1,
  kubernetesSecretV1,
  kubernetesServiceAccountV1,
  kubernetesStorageClassV1,
];
