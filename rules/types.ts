/**
 * The security rule pack's vocabulary. Rules are pure functions over one
 * synthesized resource (its Terraform JSON, references resolved to
 * `${type.id.attr}`) and the stack around it, in cdk-nag's style: an id, a
 * level, a one-line finding and how to fix it.
 */
import { EnvironmentKind } from "../config/environment-kind";

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
  /** Environment the stack belongs to. */
  readonly environmentName: string;
  /** Its posture: `production` makes some warnings errors. */
  readonly environmentKind: EnvironmentKind;
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
  /** The stack's provider configurations by provider name (`kubernetes`, `helm`, `aws`). */
  readonly providers: Record<string, readonly Record<string, any>[]>;
  /** `terraform.backend` of the stack. */
  readonly backend: Record<string, Record<string, unknown>>;
  /** The stack's cdk.tf.json as a whole, for rules over more than its resources. */
  readonly document: Record<string, any>;
  /** Resources of a type. */
  ofType(type: string): SynthResource[];
  /** Resources whose argument refers to the given resource (`${type.id.`...). */
  referring(type: string, attribute: string, target: SynthResource): SynthResource[];
}

export type Level = "error" | "warning";

/**
 * What a check returns: nothing when it passes, or what is wrong (a detail for the
 * finding), with a level that overrides the rule's where it differs (errors in prod only).
 */
export type CheckResult = undefined | string | { detail: string; level: Level };

interface RuleBase {
  /** The rule's file name, upper-cased (`s3-versioning.ts` is S3-VERSIONING); a test holds them together. */
  readonly id: string;
  readonly level: Level;
  /** One line: what is wrong. */
  readonly finding: string;
  /** How to fix it. */
  readonly fix: string;
}

/** A rule over each resource of the types it names. */
export interface ResourceRule extends RuleBase {
  readonly appliesTo: readonly string[];
  check(resource: SynthResource, stack: StackView): CheckResult;
}

/** A rule over the stack as a whole (its backend, its default tags). */
export interface StackRule extends RuleBase {
  readonly appliesTo: "stack";
  check(stack: StackView): CheckResult;
}

export type Rule = ResourceRule | StackRule;

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
