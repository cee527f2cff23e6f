/** Reading IAM policy documents out of synthesized JSON for the rules. */
import { asList, ParsedStatement, statementsOf } from "../lib/policy-document";

export type Statement = ParsedStatement;
export { statementsOf };
export const list = asList;

/** Principals of a statement, flattened: `*`, or every AWS/Service/Federated value. */
export function principalsOf(statement: Statement): string[] {
  const principal = statement.Principal;
  if (principal === undefined) return [];
  if (typeof principal === "string") return [principal];
  return Object.values(principal as Record<string, string | string[]>).flatMap(list);
}
