import { runSimulation } from "@cloud-copilot/iam-simulate";
import * as path from "path";
import { PolicyDocument } from "../../lib/policy-document";
import { contextFor, principalKeys, RequestShape } from "../../permissions/action-data";

/**
 * Offline IAM decisions through @cloud-copilot/iam-simulate (AGPL: a
 * devDependency used by tests only). The simulator accepts any tag key on any
 * action, so a request here carries tag keys only where iam-data says the
 * action (or one of its resource types) supports them — as AWS would.
 */

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

/**
 * iam-simulate matches each request's resource against the action's resource-type
 * patterns by intersecting automata: most of a simulation's time, for answers that
 * depend only on the strings. Remembering them keeps every decision the simulator's
 * own while a proof makes thousands of requests over the same few patterns. (The
 * package exports no path to the module, so it is found next to its entry point; the
 * index reads these functions off this module at each call.) The same for the
 * case-insensitive comparisons iam-policy makes for every key of every policy.
 */
function remember(module: Record<string, (...args: any[]) => unknown>, name: string, keyOf: (...args: any[]) => string): void {
  const original = module[name];
  if (typeof original !== "function") throw new Error(`@cloud-copilot has no ${name} to remember: update the harness`);
  const answers = new Map<string, unknown>();
  module[name] = (...args: any[]) => {
    const key = keyOf(...args);
    if (!answers.has(key)) answers.set(key, original(...args));
    return answers.get(key);
  };
}

/** A module of a package that exports no path to it, found next to the package's entry point (the one way to reach it). */
function packageModule(packageName: string, file: string): Record<string, (...args: any[]) => unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path the package's exports do not offer
  return require(path.join(path.dirname(require.resolve(packageName)), file));
}

const resourceTypes = packageModule("@cloud-copilot/iam-utils", "resourceTypes.js");
remember(resourceTypes, "mostSpecificMatchingResourceTypePatterns", (resource: string, patterns: string[]) => `${resource}\n${patterns.join("\n")}`);
remember(resourceTypes, "resourceStringMatchesResourceTypePattern", (resource: string, pattern: string) => `${resource}\n${pattern}`);
// iam-policy compares every policy key and operator case-insensitively with localeCompare, per request.
const iamPolicyEntry = require.resolve("@cloud-copilot/iam-policy", { paths: [path.dirname(require.resolve("@cloud-copilot/iam-simulate"))] });
const policyUtils = packageModule(iamPolicyEntry, "utils.js");
remember(policyUtils, "caseInsensitiveEquals", (first: string, second: string) => `${first}\n${second}`);
// Every condition operator is asked whether it ends in IfExists (and what it is without it), per request.
remember(policyUtils, "caseInsensitiveEndsWith", (value: string, suffix: string) => `${value}\n${suffix}`);
// The simulator validates each policy on every request unless it is given one validated already.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the simulator's own copy of the package
const iamPolicy = require(iamPolicyEntry) as {
  createValidatedPolicy: (document: PolicyDocument, validate: (document: unknown) => unknown[]) => unknown;
  validateIdentityPolicy: (document: unknown) => unknown[];
  validateServiceControlPolicy: (document: unknown) => unknown[];
  validateResourceControlPolicy: (document: unknown) => unknown[];
  validateResourcePolicy: (document: unknown) => unknown[];
};
type PolicyKind = "identity" | "scp" | "rcp" | "resource";
const validators: Record<PolicyKind, (document: unknown) => unknown[]> = {
  identity: iamPolicy.validateIdentityPolicy,
  scp: iamPolicy.validateServiceControlPolicy,
  rcp: iamPolicy.validateResourceControlPolicy,
  resource: iamPolicy.validateResourcePolicy,
};
const validated = new Map<PolicyKind, WeakMap<PolicyDocument, unknown>>(Object.keys(validators).map((k) => [k as PolicyKind, new WeakMap()]));
/** A document validated as the simulator would validate it for its kind, once per document. */
function validatedAs(kind: PolicyKind, document: PolicyDocument): unknown {
  const cache = validated.get(kind)!;
  let policy = cache.get(document);
  if (!policy) cache.set(document, (policy = iamPolicy.createValidatedPolicy(document, validators[kind])));
  return policy;
}

export interface SimulationInput {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly account: string;
  readonly identityPolicies?: PolicyDocument[];
  readonly resourcePolicy?: PolicyDocument;
  /** The principal's permissions boundary. */
  readonly boundary?: PolicyDocument;
  /** Organizations policies over the account: SCPs (on the principal's account) and RCPs (on the resource's). */
  readonly scps?: PolicyDocument[];
  readonly rcps?: PolicyDocument[];
  readonly shape: RequestShape;
}

/** An organization policy as the simulator takes it, beside the full-access one AWS attaches by default. */
const FULL_AWS_ACCESS: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
const orgPolicies = (kind: "scp" | "rcp", documents: PolicyDocument[] | undefined) =>
  documents?.length
    ? [
        {
          orgIdentifier: "r-root",
          policies: [
            ...(kind === "scp" ? [{ name: "FullAWSAccess", policy: validatedAs("scp", FULL_AWS_ACCESS) }] : []),
            ...documents.map((policy, i) => ({ name: `${kind}${i + 1}`, policy: validatedAs(kind, policy) })),
          ],
        },
      ]
    : [];

const wildcards = new Map<string, RegExp>();
const wildcard = (pattern: string) => {
  let compiled = wildcards.get(pattern);
  if (!compiled) wildcards.set(pattern, (compiled = wildcardOf(pattern)));
  return compiled;
};
const wildcardOf = (pattern: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    "i",
  );
interface Relevant {
  readonly policies: unknown[];
  /** Their text's number: two sets of documents with the same relevant statements decide alike. */
  readonly key: number;
  /** The tag condition keys they name (lower case). */
  readonly tagKeys: Set<string>;
}
const relevantCache = new WeakMap<PolicyDocument[], Map<string, Relevant>>();

/**
 * The statements that can bear on an action: a statement whose Action does not
 * match it (or whose NotAction does) cannot change the decision, so leaving it
 * out is exact; it spares the simulator re-reading 25 kB of policy per request.
 * Each comes validated (by the simulator's own validation), once, not per request.
 */
function relevantPolicies(documents: PolicyDocument[], action: string): Relevant {
  let byAction = relevantCache.get(documents);
  if (!byAction) relevantCache.set(documents, (byAction = new Map()));
  let relevant = byAction.get(action);
  if (!relevant) {
    const matches = (patterns: unknown) => ([] as string[]).concat((patterns as string | string[]) ?? []).some((p) => wildcard(p).test(action));
    const filtered = documents
      .map((d) => ({ ...d, Statement: d.Statement.filter((s) => (s.NotAction ? !matches(s.NotAction) : matches(s.Action))) }))
      .filter((d) => d.Statement.length > 0);
    relevant = {
      policies: filtered.map((d) => iamPolicy.createValidatedPolicy(d, iamPolicy.validateIdentityPolicy)),
      key: numberOf(JSON.stringify(filtered.map((d) => d.Statement))),
      tagKeys: tagKeysNamedIn(filtered),
    };
    byAction.set(action, relevant);
  }
  return relevant;
}

/** A number per distinct text, so that a decision's key stays short however long its policies are. */
const numbers = new Map<string, number>();
const numberOf = (text: string): number => {
  let n = numbers.get(text);
  if (n === undefined) numbers.set(text, (n = numbers.size));
  return n;
};
const textNumbers = new WeakMap<object, number>();
/** The number of a document's (or list's) text, computed once per object. */
const textOf = (value: object | undefined): number => {
  if (!value) return -1;
  let n = textNumbers.get(value);
  if (n === undefined) textNumbers.set(value, (n = numberOf(JSON.stringify(value))));
  return n;
};

/**
 * Decisions already made, by what decides them (the relevant statements, the request, the other
 * policies): the proofs ask the same request of policies that differ only where it does not
 * matter (before and after the first deploy, a planner and a deployer), and the simulator's answer
 * depends on nothing else.
 */
const decisions = new Map<string, Promise<Decision>>();

const TAG_KEY = /aws:(?:resource|request)tag\/[^"$}\s]+/g;
const namedTagKeys = new WeakMap<object, Set<string>>();
/** The aws:ResourceTag/* and aws:RequestTag/* keys a policy (or list of them) names, in lower case, as conditions or variables. */
function tagKeysNamedIn(value: object | undefined): Set<string> {
  if (!value) return new Set();
  let keys = namedTagKeys.get(value);
  if (!keys) namedTagKeys.set(value, (keys = new Set(JSON.stringify(value).toLowerCase().match(TAG_KEY) ?? [])));
  return keys;
}

/**
 * The request's context without the tags no policy of the request names: they cannot change the
 * decision (a Name tag, say), and leaving them out lets requests that differ only there share one.
 */
function withoutUnnamedTags(context: Record<string, string | string[]>, named: Set<string>[]): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(context).filter(([key]) => {
      const lower = key.toLowerCase();
      return !/^aws:(resource|request)tag\//.test(lower) || named.some((keys) => keys.has(lower));
    }),
  );
}

export async function decide(input: SimulationInput): Promise<Decision> {
  return decideInContext(input, { ...principalKeys(input.principal), ...(await contextFor(input.action, input.resource, input.shape)) });
}

/** A decision on a request whose context is given whole (as IAM's SimulatePrincipalPolicy takes it), not built from a shape. */
export async function decideInContext(input: Omit<SimulationInput, "shape">, context: Record<string, string | string[]>): Promise<Decision> {
  const relevant = relevantPolicies(input.identityPolicies ?? [], input.action);
  const contextVariables = withoutUnnamedTags(context, [
    relevant.tagKeys,
    ...[input.boundary, input.scps, input.rcps, input.resourcePolicy].map(tagKeysNamedIn),
  ]);
  const key = [
    relevant.key,
    input.principal,
    input.action,
    input.resource,
    input.account,
    JSON.stringify(contextVariables),
    textOf(input.boundary),
    textOf(input.scps),
    textOf(input.rcps),
    textOf(input.resourcePolicy),
  ].join("\n");
  let decision = decisions.get(key);
  if (!decision) decisions.set(key, (decision = simulate(input, contextVariables, relevant.policies)));
  return decision;
}

async function simulate(
  input: Omit<SimulationInput, "shape">,
  contextVariables: Record<string, string | string[]>,
  identityPolicies: unknown[],
): Promise<Decision> {
  const response = await runSimulation(
    {
      request: {
        principal: input.principal,
        action: input.action,
        resource: { resource: input.resource, accountId: input.account },
        contextVariables,
      },
      identityPolicies: identityPolicies.map((policy, i) => ({ name: `policy${i + 1}`, policy })),
      serviceControlPolicies: orgPolicies("scp", input.scps),
      resourceControlPolicies: orgPolicies("rcp", input.rcps),
      ...(input.boundary ? { permissionBoundaryPolicies: [{ name: "boundary", policy: validatedAs("identity", input.boundary) }] } : {}),
      // KMS consults the key policy first; ours delegate to IAM through the account root, as KmsKey writes them.
      resourcePolicy: resourcePolicyOf(input),
    },
    {},
  );
  if (response.resultType === "error") {
    throw new Error(`simulation of ${input.action} on ${input.resource} failed: ${JSON.stringify(response.errors)}`);
  }
  return response.overallResult as Decision;
}

function resourcePolicyOf(input: Omit<SimulationInput, "shape">): unknown {
  if (input.resourcePolicy) return validatedAs("resource", input.resourcePolicy);
  return input.action.startsWith("kms:") && input.resource.includes(":key/") ? validatedAs("resource", keyPolicyOf(input.account)) : undefined;
}

const keyPolicies = new Map<string, PolicyDocument>();
function keyPolicyOf(account: string): PolicyDocument {
  let policy = keyPolicies.get(account);
  if (!policy) {
    policy = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }],
    };
    keyPolicies.set(account, policy);
  }
  return policy;
}
