import { ec2ComputeCalls } from "./ec2-compute";
import { ec2NetworkCalls } from "./ec2-network";
import { eksCalls } from "./eks";
import { iamCalls } from "./iam";
import { kubernetesSideCalls } from "./kubernetes-side";
import { s3DynamodbCalls } from "./s3-dynamodb";
import { serviceCalls } from "./services";
import { StackModel } from "../model";
import { ProviderCalls } from "./types";

export type { ProviderCalls } from "./types";

/** Every type's provider calls, by type (data sources as `<type>_data`, as in the catalogue). */
export const PROVIDER_CALLS: ReadonlyMap<string, ProviderCalls> = new Map(
  [...ec2NetworkCalls, ...ec2ComputeCalls, ...eksCalls, ...iamCalls, ...s3DynamodbCalls, ...serviceCalls, ...kubernetesSideCalls].map((c) => [
    c.type,
    c,
  ]),
);

export type Operation = "create" | "read" | "delete" | "import" | `update ${string}`;

/** The operations of a type with their actions: create, read, each updatable argument, delete, import. */
export function operationsOf(calls: ProviderCalls): Array<{ operation: Operation; actions: readonly string[] }> {
  return [
    { operation: "create", actions: calls.create },
    { operation: "read", actions: calls.read },
    ...Object.entries(calls.update).map(([argument, actions]) => ({ operation: `update ${argument}` as Operation, actions })),
    { operation: "delete", actions: calls.delete },
    { operation: "import", actions: calls.import },
  ];
}

/** The catalogue's key of an instance's type (data sources with a resource of the same name end in `_data`). */
export function catalogueKeyOf(instance: { type: string; kind: string }, hasDataEntry: (key: string) => boolean): string {
  return instance.kind === "data" && hasDataEntry(`${instance.type}_data`) ? `${instance.type}_data` : instance.type;
}

/**
 * The operations of a type that the stacks can make Terraform run: create, read,
 * delete, import, and the update of each argument they set (and of tags, which
 * default tags and config change) — an argument nobody sets is never updated.
 */
export function operationsUsedBy(models: readonly StackModel[], type: string): Array<{ operation: Operation; actions: readonly string[] }> {
  const calls = PROVIDER_CALLS.get(type);
  if (!calls) return [];
  const resourceType = type.replace(/_data$/, "");
  const set = new Set([
    "tags",
    ...models.flatMap((m) =>
      m.instances
        .filter((i) => i.type === resourceType)
        .flatMap((i) =>
          Object.entries(i.attributes)
            .filter(([, v]) => v !== undefined && v !== null)
            .map(([k]) => k),
        ),
    ),
  ]);
  return operationsOf(calls).filter((o) => !o.operation.startsWith("update ") || set.has(o.operation.slice("update ".length).split(".")[0]));
}
