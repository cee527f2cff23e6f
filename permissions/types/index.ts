import { dynamodbTypes } from "./dynamodb";
import { ec2Types } from "./ec2";
import { ecrTypes } from "./ecr";
import { eksTypes } from "./eks";
import { eventsTypes } from "./events";
import { helmTypes } from "./helm";
import { iamTypes } from "./iam";
import { kmsTypes } from "./kms";
import { kubernetesTypes } from "./kubernetes";
import { logsTypes } from "./logs";
import { rdsTypes } from "./rds";
import { s3Types } from "./s3";
import { sqsTypes } from "./sqs";
import { ssmTypes } from "./ssm";
import { terraformTypes } from "./terraform";
import { ResourceInstance, StackModel } from "../model";
import { Call, ProviderCalls, TypePermissions } from "./types";

export * from "./types";

/**
 * Every Terraform type the stacks may use, by type: one file per type under
 * `permissions/types/<service>/`, named after it, listed in its folder's index. Data
 * sources are keyed `<type>_data` where a resource of the same name exists
 * (`aws_ssm_parameter_data`).
 */
export const TYPE_PERMISSIONS: ReadonlyMap<string, TypePermissions> = new Map(
  [
    ...dynamodbTypes,
    ...ec2Types,
    ...ecrTypes,
    ...eksTypes,
    ...eventsTypes,
    ...helmTypes,
    ...iamTypes,
    ...kmsTypes,
    ...kubernetesTypes,
    ...logsTypes,
    ...rdsTypes,
    ...s3Types,
    ...sqsTypes,
    ...ssmTypes,
    ...terraformTypes,
  ].map((t) => [t.calls.type, t]),
);

/** The folder a type's file belongs in (`aws_vpc` -> `ec2`, `aws_cloudwatch_log_group` -> `logs`). */
export function serviceFolderOf(type: string): string {
  if (/^aws_(vpc|subnet|route|internet_gateway|nat_gateway|eip|security_group|default_|launch_template|instance|ec2_|availability_zones)/.test(type))
    return "ec2";
  if (type.startsWith("aws_cloudwatch_log_")) return "logs";
  if (type.startsWith("aws_cloudwatch_event_")) return "events";
  if (type.startsWith("aws_db_")) return "rds";
  return type.replace(/^aws_/, "").split("_")[0];
}

/** The key of an instance's type (data sources with a resource of the same name end in `_data`). */
export function typeKeyOf(instance: Pick<ResourceInstance, "type" | "kind">): string {
  return instance.kind === "data" && TYPE_PERMISSIONS.has(`${instance.type}_data`) ? `${instance.type}_data` : instance.type;
}

export function typePermissionsFor(instance: ResourceInstance): TypePermissions {
  const key = typeKeyOf(instance);
  const entry = TYPE_PERMISSIONS.get(key);
  if (!entry) {
    const folder = `permissions/types/${serviceFolderOf(key)}`;
    throw new Error(
      `No permissions for Terraform ${instance.kind === "data" ? "data source" : "resource"} type "${instance.type}" (used at ${instance.path}); ` +
        `add ${folder}/${key}.ts (what the provider calls for it, how each call is confined) and list it in ${folder}/index.ts`,
    );
  }
  return entry;
}

export type Operation = "create" | "read" | "delete" | "import" | `update ${string}`;

/**
 * The operations of a type with their actions: create, read, each updatable argument, delete,
 * import; for an instance, AWS's own checks only where it sets what they depend on.
 */
export function operationsOf(calls: ProviderCalls, instance?: ResourceInstance): Array<{ operation: Operation; actions: readonly string[] }> {
  const also = calls.authorizedAlso ?? {};
  const applies = (call: Call) => typeof call === "string" || !instance || setsArgument(instance, call.whenSet);
  const actionsOf = (list: readonly Call[]) => list.filter(applies).map((call) => (typeof call === "string" ? call : call.action));
  const withAlso = (actions: readonly Call[], more: readonly Call[] | undefined) => [...new Set([...actionsOf(actions), ...actionsOf(more ?? [])])];
  return [
    { operation: "create", actions: withAlso(calls.create, also.create) },
    { operation: "read", actions: actionsOf(calls.read) },
    ...Object.entries(calls.update).map(([argument, actions]) => ({
      operation: `update ${argument}` as Operation,
      actions: withAlso(actions, also.update?.[argument]),
    })),
    { operation: "delete", actions: withAlso(calls.delete, also.delete) },
    { operation: "import", actions: actionsOf(calls.import) },
  ];
}

/** Whether an instance sets an argument (so a change of it is an update Terraform can make). */
function setsArgument(instance: ResourceInstance, argument: string): boolean {
  const value = instance.attributes[argument];
  return value !== undefined && value !== null;
}

/**
 * The operations Terraform can run on one instance: create, read, delete, import, and the
 * update of each argument it sets (and of tags, which default tags and config change): an
 * argument nobody sets is never updated. A data source is only read.
 */
export function operationsOfInstance(instance: ResourceInstance, calls: ProviderCalls): Array<{ operation: Operation; actions: readonly string[] }> {
  // Asked for each role the stack's policies are derived for: worked out once per instance.
  const cached = instanceOperations.get(instance);
  if (cached?.calls === calls) return cached.operations;
  const operations =
    instance.kind === "data"
      ? operationsOf(calls, instance).filter((o) => o.operation === "read")
      : operationsOf(calls, instance).filter((o) => {
          if (!o.operation.startsWith("update ")) return true;
          const argument = o.operation.slice("update ".length).split(".")[0];
          return argument === "tags" || setsArgument(instance, argument);
        });
  instanceOperations.set(instance, { calls, operations });
  return operations;
}
const instanceOperations = new WeakMap<
  ResourceInstance,
  { calls: ProviderCalls; operations: Array<{ operation: Operation; actions: readonly string[] }> }
>();

/** The operations the stacks can make Terraform run on a type, across all its instances, with the calls each makes. */
export function operationsUsedBy(models: readonly StackModel[], type: string): Array<{ operation: Operation; actions: readonly string[] }> {
  const entry = TYPE_PERMISSIONS.get(type);
  if (!entry) return [];
  const used = new Map<Operation, Set<string>>();
  for (const instance of models.flatMap((m) => m.instances.filter((i) => typeKeyOf(i) === type))) {
    for (const { operation, actions } of operationsOfInstance(instance, entry.calls)) {
      const set = used.get(operation) ?? new Set<string>();
      actions.forEach((a) => set.add(a));
      used.set(operation, set);
    }
  }
  return [...used].map(([operation, actions]) => ({ operation, actions: [...actions] }));
}
