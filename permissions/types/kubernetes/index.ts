import { kubernetesNamespaceV1 } from "./kubernetes_namespace_v1";
import { kubernetesSecretV1 } from "./kubernetes_secret_v1";
import { kubernetesStorageClassV1 } from "./kubernetes_storage_class_v1";
import { TypePermissions } from "../types";

/** Every type of the folder, one file each (`test/permissions/types.test.ts` fails on a file left out). */
export const kubernetesTypes: readonly TypePermissions[] = [kubernetesNamespaceV1, kubernetesSecretV1, kubernetesStorageClassV1];
