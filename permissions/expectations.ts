import { RequestShape } from "./action-data";

/**
 * A request with the decision the generated policies must give it: what the guard, state-backend
 * and policy-check request lists are made of (the offline proof and the preflight ask them).
 */

/** What a request must get: `Denied` is any denial, explicit or implicit; `ExplicitlyDenied` a deny statement's. */
export type ExpectedDecision = "Allowed" | "ExplicitlyDenied" | "Denied";

export interface GuardRequest {
  /** What the denial (or allowance) is about: the offline proof names its test after it. */
  readonly guard: string;
  readonly label: string;
  readonly action: string;
  readonly resource: string;
  readonly shape: RequestShape;
  readonly expect: ExpectedDecision;
}

/** What a request's shape gives beyond the region, which defaults to the environment's (a request may name another). */
export type ShapeInRegion = Omit<RequestShape, "region"> & { readonly region?: string };

/** Makes the requests of one guard: `<action> <label>`, in the environment's region unless the shape names another. */
export function guardRequests(guard: string, region: string) {
  return (label: string, action: string, resource: string, shape: ShapeInRegion, expect: ExpectedDecision): GuardRequest => ({
    guard,
    label: `${action} ${label}`,
    action,
    resource,
    shape: { region, ...shape },
    expect,
  });
}
