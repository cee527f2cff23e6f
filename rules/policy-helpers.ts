/** Reading IAM policy documents out of synthesized JSON for the rules. */
export interface Statement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export function statementsOf(policy: unknown): Statement[] {
  if (typeof policy !== "string") return [];
  try {
    const document = JSON.parse(policy) as { Statement?: Statement | Statement[] };
    return ([] as Statement[]).concat(document.Statement ?? []);
  } catch {
    return [];
  }
}

export const list = (value: unknown): string[] => ([] as string[]).concat((value as string | string[] | undefined) ?? []);

/** Principals of a statement, flattened: `*`, or every AWS/Service/Federated value. */
export function principalsOf(statement: Statement): string[] {
  const principal = statement.Principal;
  if (principal === undefined) return [];
  if (typeof principal === "string") return [principal];
  return Object.values(principal as Record<string, string | string[]>).flatMap(list);
}
