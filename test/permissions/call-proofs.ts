import { EnvironmentConfig } from "../../config";
import { deployerRoleName, plannerRoleName } from "../../config/naming";
import { PolicyDocument } from "../../lib/policy-document";
import { DeployedEnvironment } from "./fixtures";
import { deployedPolicies, DeployPhase, protectedOnceDeployed } from "./deployed-policies";
import { decide, Decision } from "./harness";
import { CallRequest, callRequests } from "../../permissions/requests";
import { lookalikes, stackTagsOf, writes } from "../../permissions/lookalikes";

/**
 * The proofs against Terraform's real calls (see requests.ts): the deployer of each vendor
 * stack is allowed every call of every create, update and delete the stack can make, before
 * and after its first deploy, and denied the same call on a resource that is not the stack's;
 * the planner is allowed every call of every refresh and import, and none of the deployer's
 * writes.
 */

const allowed = (d: Decision) => d === "Allowed";

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
  const tags = stackTagsOf(provisioner.policySets, stackId);
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
        const tags = stackTagsOf(provisioner.policySets, stackId);
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
