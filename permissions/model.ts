import { TerraformDataSource, TerraformProvider, TerraformRemoteState, TerraformResource, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";

/**
 * What the permission generator reads of a stack: every Terraform resource and
 * data source with its arguments, as the synthesized JSON holds them. Built from
 * the construct tree (each element's own Terraform form, without resolving
 * references), so deriving policies costs no second synth. Literal strings are
 * the names the stack sets; references to other resources stay opaque.
 */
export interface ResourceInstance {
  /** Terraform type, e.g. `aws_iam_role`. */
  readonly type: string;
  readonly kind: "resource" | "data";
  /** Construct path, for messages. */
  readonly path: string;
  /** Arguments in Terraform's (snake_case) form. */
  readonly attributes: Record<string, unknown>;
}

export interface StackModel {
  readonly stackId: string;
  readonly instances: readonly ResourceInstance[];
  /** The AWS provider's default tags. */
  readonly defaultTags: Record<string, string>;
}

/** True for a literal the stack sets, false for a reference resolved at plan time. */
export function isLiteral(value: unknown): value is string {
  return typeof value === "string" && !value.includes("${");
}

export function modelOfStack(stack: TerraformStack): StackModel {
  const instances: ResourceInstance[] = [];
  let defaultTags: Record<string, string> = {};
  for (const node of stack.node.findAll() as IConstruct[]) {
    if (TerraformResource.isTerraformResource(node) || TerraformDataSource.isTerraformDataSource(node)) {
      const element = node as TerraformResource | TerraformDataSource;
      const kind = TerraformResource.isTerraformResource(node) ? "resource" : "data";
      const block = element.toTerraform()[kind] as Record<string, Record<string, Record<string, unknown>>>;
      const attributes = Object.values(block[element.terraformResourceType])[0];
      instances.push({ type: element.terraformResourceType, kind, path: node.node.path, attributes });
    } else if (node instanceof TerraformRemoteState) {
      // Reading another stack's state is an AWS call too (S3), named by its bucket and key.
      const block = node.toTerraform().data.terraform_remote_state as Record<string, Record<string, unknown>>;
      instances.push({ type: TerraformRemoteState.tfResourceType, kind: "data", path: node.node.path, attributes: Object.values(block)[0] });
    } else if (TerraformProvider.isTerraformProvider(node)) {
      const provider = (node as TerraformProvider).toTerraform() as { provider: Record<string, Array<Record<string, any>>> };
      const tags = provider.provider.aws?.[0]?.default_tags?.[0]?.tags;
      if (tags) defaultTags = tags;
    }
  }
  return { stackId: stack.node.id, instances, defaultTags };
}

/** A synthesized cdk.tf.json as a model (what `npm run policy` reads from cdktf.out). */
export function modelOfJson(stackId: string, json: any): StackModel {
  const instances: ResourceInstance[] = [];
  for (const kind of ["resource", "data"] as const) {
    for (const [type, byId] of Object.entries<Record<string, Record<string, unknown>>>(json[kind] ?? {})) {
      for (const attributes of Object.values(byId)) {
        const path = ((attributes["//"] as any)?.metadata?.path as string) ?? `${stackId}/${type}`;
        instances.push({ type, kind, path, attributes });
      }
    }
  }
  return { stackId, instances, defaultTags: json.provider?.aws?.[0]?.default_tags?.[0]?.tags ?? {} };
}

/** Every tag key a stack sends: default tags, resources' own tags, launch-template tag specifications. */
export function tagKeysOf(model: StackModel): string[] {
  const keys = new Set(Object.keys(model.defaultTags));
  for (const { attributes } of model.instances) {
    for (const source of [attributes.tags, attributes.volume_tags]) {
      if (source && typeof source === "object") Object.keys(source).forEach((k) => keys.add(k));
    }
    if (Array.isArray(attributes.tag_specifications)) {
      for (const spec of attributes.tag_specifications as Array<{ tags?: object }>) Object.keys(spec.tags ?? {}).forEach((k) => keys.add(k));
    }
  }
  return [...keys].sort();
}

const literalCache = new WeakMap<StackModel, Map<string, string[]>>();

/** Literal values of one argument across the instances of a type (e.g. every role name). Memoized: rules ask often. */
export function literalsOf(model: StackModel, type: string, attribute: string): string[] {
  let cache = literalCache.get(model);
  if (!cache) literalCache.set(model, (cache = new Map()));
  const key = `${type}.${attribute}`;
  let values = cache.get(key);
  if (!values) {
    const all = model.instances.filter((i) => i.type === type).map((i) => i.attributes[attribute]);
    values = [...new Set(all.filter(isLiteral))].sort();
    cache.set(key, values);
  }
  return values;
}
