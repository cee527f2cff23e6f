import { GUARDS, deployerGuardRequests } from "../../permissions/guard-requests";
import { PolicyDocument } from "../../lib/policy-document";
import { deployerRoleName } from "../../stacks/provisioner-stack";
import { proveCalls } from "./call-proofs";
import { deployedPolicies } from "./deployed-policies";
import { decide } from "./harness";
import { builtInDeployments, DeployedEnvironment } from "./fixtures";

/**
 * The deployer's named denials (the ownership tag, the boundary, regions, the state backend,
 * passing roles: permissions/guard-requests.ts, which the preflight asks of IAM too), against
 * the policies the provisioner deploys; every call Terraform makes is proven in call-proofs.ts.
 */

/** Declares the proof for one built-in environment's vendor stacks (one test file per environment, so they run in parallel). */
export function proveDeployers(
  environmentName: "dev" | "staging" | "prod",
  deployment: DeployedEnvironment = builtInDeployments(environmentName)[0],
): void {
  proveCalls(environmentName, () => deployment);
  const { env, provisioner, models } = deployment;
  for (const [stackId, model] of models) {
    describe(`deployer of ${stackId}`, () => {
      const principal = `arn:aws:iam::${env.account.id}:role/${deployerRoleName(stackId)}`;
      const policies: PolicyDocument[] = deployedPolicies(env, "after the first deploy").roles.get(deployerRoleName(stackId))!;
      const requests = deployerGuardRequests(env, stackId, provisioner.policySets.get(stackId)!, model);

      for (const guard of Object.values(GUARDS)) {
        it(guard, async () => {
          const mine = requests.filter((r) => r.guard === guard);
          expect(mine.length).toBeGreaterThan(0);
          for (const request of mine) {
            const decision = await decide({
              principal,
              action: request.action,
              resource: request.resource,
              account: env.account.id,
              identityPolicies: policies,
              shape: request.shape,
            });
            // "Denied": any denial (explicit or implicit), as the proof's `not.toBe("Allowed")` said.
            expect(`${request.label}: ${request.expect === "Denied" && decision !== "Allowed" ? "Denied" : decision}`).toBe(
              `${request.label}: ${request.expect}`,
            );
          }
        });
      }
    });
  }
}
