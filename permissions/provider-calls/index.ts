import { ec2ComputeCalls } from "./ec2-compute";
import { ec2NetworkCalls } from "./ec2-network";
import { eksCalls } from "./eks";
import { iamCalls } from "./iam";
import { s3DynamodbCalls } from "./s3-dynamodb";
import { serviceCalls } from "./services";
import { ProviderCalls } from "./types";

export type { ProviderCalls } from "./types";

/** Every type's provider calls, by type (data sources as `<type>_data`, as in the catalogue). */
export const PROVIDER_CALLS: ReadonlyMap<string, ProviderCalls> = new Map(
  [...ec2NetworkCalls, ...ec2ComputeCalls, ...eksCalls, ...iamCalls, ...s3DynamodbCalls, ...serviceCalls].map((c) => [c.type, c]),
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
