import { StackRule } from "./types";

export const TagsOwnership: StackRule = {
  id: "TAGS-OWNERSHIP",
  level: "error",
  finding: "Resources do not all carry the ownership tag the deployer policy gates on",
  fix: "Put the ownership tag in the AWS provider's default_tags, do not override it, and repeat it in launch-template tag specifications.",
  appliesTo: "stack",
  check(stack) {
    // A stack that creates nothing in AWS (the Kubernetes side) has nothing to tag; its namespaces carry labels instead.
    if (!stack.resources.some((r) => r.type.startsWith("aws_"))) return undefined;
    const key = stack.context.ownershipTagKey;
    const value = stack.defaultTags[key];
    if (value === undefined) return `the provider's default_tags lack ${key}`;
    for (const r of stack.resources) {
      const own = r.attributes.tags?.[key] ?? r.attributes.volume_tags?.[key];
      if (own !== undefined && own !== value) return `${r.path} sets ${key} to ${own}`;
      for (const spec of ([] as any[]).concat(r.attributes.tag_specifications ?? [])) {
        if (spec.tags?.[key] !== value) return `${r.path} launches ${spec.resource_type} without ${key}`;
      }
    }
    return undefined;
  },
};
