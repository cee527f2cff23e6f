import { EnvironmentConfig } from "../config";
import { deployerRoleName } from "../config/naming";
import { PolicyStatement } from "../lib/policy-document";
import { GuardRequest, guardRequests } from "./expectations";

/**
 * What a pull request's policy checks need of the stack's plan role (`npm run preflight --
 * --validate`): Access Analyzer's checks, which read no resource, and the deployed versions of
 * the stack's own deployer policies, to compare the changed ones with. Nothing else of IAM.
 */

export const POLICY_CHECKS_GUARD = "checks the stack's policies with Access Analyzer, reading only its own deployer's";

/** The deployer's customer managed policies, by name pattern: `<stack>-deployer-<n>` (and staging's `-once-deployed`). */
const deployerPolicies = (env: EnvironmentConfig, stackId: string) => `arn:aws:iam::${env.account.id}:policy/${deployerRoleName(stackId)}-*`;

export function policyCheckStatements(env: EnvironmentConfig, stackId: string): PolicyStatement[] {
  return [
    // Both act on no resource: AWS authorizes them on "*" only.
    { Sid: "PolicyChecks", Effect: "Allow", Action: ["access-analyzer:CheckNoNewAccess", "access-analyzer:ValidatePolicy"], Resource: "*" },
    { Sid: "DeployedDeployerPolicies", Effect: "Allow", Action: ["iam:GetPolicy", "iam:GetPolicyVersion"], Resource: deployerPolicies(env, stackId) },
  ];
}

/** The requests that prove it: the checks allowed, the stack's deployer policies readable, another stack's not. */
export function policyCheckRequests(env: EnvironmentConfig, stackId: string): GuardRequest[] {
  const guarded = guardRequests(POLICY_CHECKS_GUARD, env.account.region);
  const request = (label: string, action: string, resource: string, expect: GuardRequest["expect"]) => guarded(label, action, resource, {}, expect);
  const own = `arn:aws:iam::${env.account.id}:policy/${deployerRoleName(stackId)}-1`;
  const other = `arn:aws:iam::${env.account.id}:policy/${deployerRoleName(`other-${stackId}`)}-1`;
  return [
    request("of a policy's text", "access-analyzer:ValidatePolicy", "*", "Allowed"),
    request("of a policy's text", "access-analyzer:CheckNoNewAccess", "*", "Allowed"),
    ...["iam:GetPolicy", "iam:GetPolicyVersion"].flatMap((action) => [
      request("of its deployer's policy", action, own, "Allowed"),
      request("of another stack's deployer policy", action, other, "Denied"),
    ]),
    request("of its deployer's policy", "iam:CreatePolicyVersion", own, "Denied"),
  ];
}
