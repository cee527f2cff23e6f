import { Construct } from "constructs";
import { Fn, ITerraformDependable, Op } from "cdktf";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";

export interface WriteOnlySecretProps {
  readonly name: string;
  readonly namespace: string;
  /** The Secret's data, by key: plain strings (Kubernetes encodes them). */
  readonly data: Record<string, string>;
  /** What the Secret waits for (its namespace). @default nothing */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A Kubernetes Secret whose values never reach Terraform's state, nor a plan file, nor whoever
 * reads them: they are written through the provider's write-only `data_wo` (Terraform >= 1.11),
 * and the provider then reads back the Secret's metadata only. Terraform cannot compare what it
 * does not keep, so the revision it does keep is taken from a digest of the values: a change of
 * any value changes it, and the Secret is written again. A function, not a construct: the
 * Secret keeps the address `id` gives it in its scope (an existing Secret is updated, not replaced).
 */
export function writeOnlySecret(scope: Construct, id: string, props: WriteOnlySecretProps): SecretV1 {
  return new SecretV1(scope, id, {
    metadata: { name: props.name, namespace: props.namespace },
    type: "Opaque",
    dataWo: props.data,
    // 28 bits of the values' SHA-256, plus one (the provider wants at least 1): a number that changes with them.
    dataWoRevision: Op.add(Fn.parseint(Fn.substr(Fn.sha256(Fn.jsonencode(props.data)), 0, 7), 16), 1),
    dependsOn: props.dependsOn,
  });
}
