import { DeployerShape } from "../config/environment-kind";
import { ResourceInstance } from "./model";
import { ActionRule, Operation, operationsOfInstance, Phase, serviceFolderOf, TypePermissions } from "./types";

/** Who makes the calls: the read-only plan role (refresh and import) or the deployer (everything). */
export type CallerRole = "planner" | "deployer";

/** The rule phases a call of an operation may be confined by, in the order they are looked in. */
const PHASES_OF: Record<"create" | "read" | "update" | "delete", readonly Phase[]> = {
  // A create also reads back and sets what it could not send in the create call.
  create: ["create", "update", "read"],
  // A refresh or an import: the planner's whole job, so only read rules confine it.
  read: ["read"],
  update: ["update", "create", "read"],
  // Removing a setting is a write of it (an S3 bucket setting, a group's rules revoked before it goes).
  delete: ["delete", "update", "create", "read"],
};

const phaseOf = (operation: Operation): keyof typeof PHASES_OF =>
  operation === "import" ? "read" : operation.startsWith("update ") ? "update" : (operation as "create" | "read" | "delete");

/** A call of the provider that no rule of its type confines and no accepted gap names. */
export class UngatedCallError extends Error {
  constructor(entry: TypePermissions, operation: Operation, action: string) {
    const file = `permissions/types/${serviceFolderOf(entry.calls.type)}/${entry.calls.type}.ts`;
    super(
      `${entry.calls.type} ${operation}: the provider calls ${action} (${entry.calls.source.files[0]} @ ${entry.calls.source.commit.slice(0, 12)}), ` +
        `but no ${PHASES_OF[phaseOf(operation)].join("/")} rule in ${file} confines it; add a rule, or an accepted gap with the reason`,
    );
    this.name = "UngatedCallError";
  }
}

const rulesByPhase = new WeakMap<TypePermissions, Map<Phase, Map<string, ActionRule[]>>>();

/** The rules of a type that confine an action in an operation: those of the first phase (in PHASES_OF order) that names it. */
export function gatesFor(entry: TypePermissions, operation: Operation, action: string): ActionRule[] {
  let index = rulesByPhase.get(entry);
  if (!index) {
    index = new Map();
    for (const rule of entry.rules) {
      const byAction = index.get(rule.phase) ?? new Map<string, ActionRule[]>();
      for (const a of rule.actions) byAction.set(a, [...(byAction.get(a) ?? []), rule]);
      index.set(rule.phase, byAction);
    }
    rulesByPhase.set(entry, index);
  }
  for (const phase of PHASES_OF[phaseOf(operation)]) {
    const rules = index.get(phase)?.get(action);
    if (rules) return rules;
  }
  return [];
}

/** The accepted gap that names an action of an operation, if any. */
export function acceptedGapFor(entry: TypePermissions, operation: Operation, action: string, instance?: ResourceInstance) {
  return entry.acceptedGaps?.find(
    (g) => g.action === action && (g.operations === "*" || g.operations.includes(operation)) && (!g.when || !instance || g.when(instance)),
  );
}

/** The operations a role runs on an instance: the planner refreshes and imports; staging's deployer never deletes. */
export function operationsFor(entry: TypePermissions, instance: ResourceInstance, role: CallerRole, shape: DeployerShape) {
  return operationsOfInstance(instance, entry.calls).filter((o) =>
    role === "planner" ? o.operation === "read" || o.operation === "import" : !(shape === "staging" && o.operation === "delete"),
  );
}

/**
 * Which of an instance's calls each rule confines, for a role: every call the provider makes
 * in the operations the role runs (and AWS's own checks during them), through the rules of its
 * type; an accepted gap is left out. Fails for a call nothing confines.
 */
export function gatedCalls(entry: TypePermissions, instance: ResourceInstance, role: CallerRole, shape: DeployerShape): Map<ActionRule, Set<string>> {
  const byRule = new Map<ActionRule, Set<string>>();
  for (const { operation, actions } of operationsFor(entry, instance, role, shape)) {
    for (const action of actions) {
      if (acceptedGapFor(entry, operation, action, instance)) continue;
      const rules = gatesFor(entry, operation, action);
      if (!rules.length) throw new UngatedCallError(entry, operation, action);
      for (const rule of rules) {
        const actions = byRule.get(rule) ?? new Set<string>();
        actions.add(action);
        byRule.set(rule, actions);
      }
    }
  }
  return byRule;
}
