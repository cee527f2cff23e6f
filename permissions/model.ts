import { TerraformDataSource, TerraformProvider, TerraformRemoteState, TerraformResource, TerraformStack, Tokenization } from "cdktf";
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
  /** Terraform's logical id (`aws_iam_role.<id>`), what references name. */
  readonly id?: string;
  /** Arguments in Terraform's (snake_case) form. */
  readonly attributes: Record<string, unknown>;
}

export interface StackModel {
  readonly stackId: string;
  readonly instances: readonly ResourceInstance[];
  /** The AWS provider's default tags. */
  readonly defaultTags: Record<string, string>;
}

/** True for a stack that works inside a cluster, through its Kubernetes API (Kubernetes or Helm resources). */
export function worksInsideACluster(model: StackModel): boolean {
  return model.instances.some((i) => i.type.startsWith("kubernetes_") || i.type.startsWith("helm_"));
}

/** A block argument as the model holds it: cdktf keeps a single block as an object or a one-element list. */
export function blockOf(value: unknown): Record<string, unknown> {
  return ((Array.isArray(value) ? value[0] : value) ?? {}) as Record<string, unknown>;
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
      instances.push({ type: element.terraformResourceType, kind, path: node.node.path, id: element.friendlyUniqueId, attributes });
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
      for (const [id, attributes] of Object.entries(byId)) {
        const path = ((attributes["//"] as any)?.metadata?.path as string) ?? `${stackId}/${type}`;
        instances.push({ type, kind, path, id, attributes });
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

/** A reference to another element's attribute, as Terraform writes it: `${aws_iam_role.<id>.arn}`. */
export interface Reference {
  /** A resource's (`aws_iam_role.<id>...`) or a data source's (`data.aws_eks_cluster.<id>...`). */
  readonly kind: "resource" | "data";
  readonly type: string;
  readonly id: string;
  /** The attribute referenced, as written (`arn`, `vpc_config[0].cluster_security_group_id`). */
  readonly attribute: string;
}

const WRITTEN_REFERENCE = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([^}]+)\}$/;

/**
 * The reference a value is: in the synthesized JSON it reads `${aws_iam_role.<id>.arn}`; in the
 * construct tree it is still a cdktf token.
 */
export function referenceOf(value: unknown): Reference | undefined {
  if (typeof value !== "string" || !value.includes("${")) return undefined;
  let identifier = WRITTEN_REFERENCE.exec(value) ? value.slice(2, -1) : undefined;
  if (!identifier) {
    const tokens = Tokenization.reverseString(value);
    const token = tokens.length === 1 ? (tokens.firstToken as { identifier?: unknown } | undefined) : undefined;
    if (typeof token?.identifier === "string") identifier = token.identifier;
  }
  const parts = identifier ? /^(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.(.+)$/.exec(identifier) : undefined;
  return parts ? { kind: parts[1] ? "data" : "resource", type: parts[2], id: parts[3], attribute: parts[4] } : undefined;
}

/** Every reference an argument holds, however deep in its blocks. */
export function referencesIn(value: unknown): Reference[] {
  if (typeof value === "string") return [referenceOf(value)].filter((r): r is Reference => !!r);
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(referencesIn);
  return [];
}

/**
 * The instance of a type an argument names: by reference (`${aws_iam_role.<id>.arn}`), or, for
 * a literal, the instance whose `by` argument has that value, or whose name ends an ARN.
 */
export function referencedInstance(model: StackModel, value: unknown, type: string, by = "name"): ResourceInstance | undefined {
  if (typeof value !== "string") return undefined;
  const candidates = model.instances.filter((i) => i.type === type && i.kind === "resource");
  if (!isLiteral(value)) {
    const reference = referenceOf(value);
    return reference?.type === type && reference.kind === "resource" ? candidates.find((i) => i.id === reference.id) : undefined;
  }
  const name = value.startsWith("arn:") ? value.split("/").pop() : value;
  return candidates.find((i) => i.attributes[by] === value || i.attributes[by] === name);
}
