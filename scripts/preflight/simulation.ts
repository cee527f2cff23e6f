import { AwsAccess, Evaluation, SimulationCall } from "./aws";
import { contextEntries, PreflightRequest } from "./requests";

/**
 * The requests put to SimulatePrincipalPolicy in batches IAM accepts, and IAM's answers set
 * beside the offline proof's. A batch is one role, one resource and one context (IAM applies
 * one set of context entries to every action and resource of a call, and a request's context
 * depends on its action), with up to MAX_ACTIONS_PER_CALL actions.
 */

/** Actions per call: IAM documents no limit on ActionNames; this keeps each request well under its size limit. */
export const MAX_ACTIONS_PER_CALL = 50;
/** Calls in flight at once: IAM's control-plane rate is low; the SDK retries what it throttles. */
const CONCURRENT_CALLS = 4;

export interface Batch {
  readonly call: SimulationCall;
  readonly requests: PreflightRequest[];
}

export async function batchesOf(requests: readonly PreflightRequest[]): Promise<Batch[]> {
  const groups = new Map<string, PreflightRequest[]>();
  for (const request of requests) {
    const key = JSON.stringify([request.roleArn, request.resource, request.context]);
    const group = groups.get(key);
    if (group) group.push(request);
    else groups.set(key, [request]);
  }
  const batches: Batch[] = [];
  for (const group of groups.values()) {
    const ContextEntries = await contextEntries(group[0].context);
    for (let i = 0; i < group.length; i += MAX_ACTIONS_PER_CALL) {
      const chosen = group.slice(i, i + MAX_ACTIONS_PER_CALL);
      batches.push({
        call: { PolicySourceArn: group[0].roleArn, ActionNames: chosen.map((r) => r.action), ResourceArns: [group[0].resource], ContextEntries },
        requests: chosen,
      });
    }
  }
  return batches;
}

export type Decision = "allowed" | "explicitDeny" | "implicitDeny";

export interface Answer {
  readonly request: PreflightRequest;
  readonly decision: Decision;
  /** The policies whose statements decided (IAM's SourcePolicyId), where IAM says. */
  readonly decidedBy: string[];
  /** Context keys the role's policies name that the request did not carry: IAM decided without them. */
  readonly missingContext: string[];
  /** false when the account's SCPs deny it (as IAM's simulator evaluates them). */
  readonly allowedByOrganizations?: boolean;
  readonly allowedByBoundary?: boolean;
}

/** Asks IAM every batch, a few at a time, and reports progress after each. */
export async function simulate(aws: AwsAccess, batches: readonly Batch[], progress: (done: number) => void): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next = 0;
  let done = 0;
  let failed = false;
  const worker = async () => {
    // After a failure no worker starts another call: the first error is the answer.
    while (next < batches.length && !failed) {
      const batch = batches[next++];
      try {
        answers.push(...answersOf(batch, await aws.simulate(batch.call)));
      } catch (error) {
        failed = true;
        throw error;
      }
      progress(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_CALLS, batches.length) }, worker));
  return answers;
}

function answersOf(batch: Batch, evaluations: Evaluation[]): Answer[] {
  return batch.requests.map((request) => {
    const evaluation = evaluations.find((e) => e.EvalActionName?.toLowerCase() === request.action.toLowerCase());
    if (!evaluation) throw new Error(`IAM returned no evaluation of ${request.action} on ${request.resource} for ${request.roleArn}`);
    const decision = evaluation.EvalDecision as Decision;
    if (!["allowed", "explicitDeny", "implicitDeny"].includes(decision)) {
      throw new Error(`IAM answered ${JSON.stringify(evaluation.EvalDecision)} for ${request.action}, not allowed, explicitDeny or implicitDeny`);
    }
    return {
      request,
      decision,
      decidedBy: [...new Set((evaluation.MatchedStatements ?? []).map((s) => s.SourcePolicyId).filter((id): id is string => !!id))],
      missingContext: evaluation.MissingContextValues ?? [],
      allowedByOrganizations: evaluation.OrganizationsDecisionDetail?.AllowedByOrganizations,
      allowedByBoundary: evaluation.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary,
    };
  });
}

/** How an answer stands against the offline proof. */
export type Verdict = "agrees" | "allowed, the proof denies it" | "denied, a deploy needs it" | "denied by no deny statement" | "either";

export function verdictOf(answer: Answer): Verdict {
  const { expect } = answer.request;
  const allowed = answer.decision === "allowed";
  if (expect === "Either") return "either";
  if (expect === "Allowed") return allowed ? "agrees" : "denied, a deploy needs it";
  if (allowed) return "allowed, the proof denies it";
  // The generated policies deny it with a statement; a role denied only implicitly is not the role generated.
  return expect === "ExplicitlyDenied" && answer.decision !== "explicitDeny" ? "denied by no deny statement" : "agrees";
}
