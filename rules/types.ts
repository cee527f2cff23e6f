/**
 * The security rule pack's vocabulary. Rules are pure functions over one
 * synthesized resource (its Terraform JSON, references resolved to
 * `${type.id.attr}`) and the stack around it, in cdk-nag's style: an id, a
 * level, a one-line finding and how to fix it.
 */

/** One resource as the stack's cdk.tf.json holds it. */
export interface SynthResource {
  readonly type: string;
  /** Logical id in the JSON. */
  readonly id: string;
  /** Construct path (for findings and suppressions). */
  readonly path: string;
  readonly attributes: Record<string, any>;
}

/** What rules know about the stack beyond its resources. */
export interface StackRuleContext {
  /** Environment the stack belongs to (`prod` makes some warnings errors). */
  readonly environmentName: string;
  /** Tag key every taggable resource must carry. */
  readonly ownershipTagKey: string;
  /** Boundary every role must carry: one ARN for all, or each role's own (by role name). */
  readonly permissionsBoundaryArn?: string | ((roleName: string) => string);
  /** Bootstrap stacks keep local state until migrated. */
  readonly isBootstrap: boolean;
}

export interface StackView {
  readonly stackId: string;
  readonly context: StackRuleContext;
  readonly resources: readonly SynthResource[];
  /** The AWS provider's default tags. */
  readonly defaultTags: Record<string, string>;
  /** `terraform.backend` of the stack. */
  readonly backend: Record<string, Record<string, unknown>>;
  /** Resources of a type. */
  ofType(type: string): SynthResource[];
  /** Resources whose argument refers to the given resource (`${type.id.`...). */
  referring(type: string, attribute: string, target: SynthResource): SynthResource[];
}

export type Level = "error" | "warning";

export interface Rule {
  readonly id: string;
  readonly level: Level;
  /** One line: what is wrong. */
  readonly finding: string;
  /** How to fix it. */
  readonly fix: string;
  /** Resource types it looks at; `"stack"` for a rule over the whole stack. */
  readonly appliesTo: readonly string[] | "stack";
  /**
   * Returns nothing when the resource passes, or what is wrong (a detail for
   * the finding); may return a level to override the rule's (errors in prod only).
   */
  check(resource: SynthResource | undefined, stack: StackView): undefined | string | { detail: string; level: Level };
}

export interface Finding {
  readonly stackId: string;
  readonly path: string;
  readonly ruleId: string;
  readonly level: Level;
  readonly message: string;
  readonly fix: string;
}

export interface Suppression {
  readonly path: string;
  readonly ruleId: string;
  readonly reason: string;
}
