import { EnvironmentConfig } from "../config";
import { renderPolicy } from "../lib/policy-document";
import { replaceTokens } from "../permissions/quotas";
import { deployerRoleName, deployerTrust, GITHUB_OIDC_HOST, plannerRoleName, planTrust, ProvisionerStack } from "../stacks/provisioner-stack";

/**
 * The policy documents an environment's provisioner deploys, as files: what `npm run policy`
 * writes for review and what `npm run preflight -- --validate` sends to Access Analyzer.
 */
export interface GeneratedPolicy {
  /** Its path under the policy folder: `<stack>/<role>-<n>.json`, `<stack>/boundaries/<name>.json`, `scp.json`. */
  readonly file: string;
  readonly stackId?: string;
  readonly kind: "deployer" | "deployer-once-deployed" | "planner" | "trust" | "boundary" | "scp" | "rcp";
  /** The customer managed policy it becomes (deployer and planner parts): its name in IAM. */
  readonly managedPolicyName?: string;
  /** Pretty JSON, as deployed before the vendor stacks' first deploy (see below). */
  readonly text: string;
}

export function generatedPolicies(
  env: EnvironmentConfig,
  provisioner: ProvisionerStack,
  onlyStack?: string,
): { policies: GeneratedPolicy[]; used: Set<string> } {
  // What the provisioner reads from a vendor stack's state when applied is written as it reads before that stack's
  // first deploy: these are the documents it attaches then (deploy-time-values.json says what each becomes after).
  const used = new Set<string>();
  const asDeployedFirst = (text: string) =>
    replaceTokens(text, (token) => {
      const value = provisioner.deployTimeValues.get(token);
      if (!value) throw new Error(`a value of the provisioner's policies (${token}) is not one it reads from a vendor stack's state`);
      used.add(token);
      return value.firstDeploy;
    });
  const pretty = (value: unknown) => asDeployedFirst(`${JSON.stringify(value, null, 2)}\n`);
  const policies: GeneratedPolicy[] = [];
  const add = (file: string, kind: GeneratedPolicy["kind"], value: unknown, more: Partial<GeneratedPolicy> = {}) =>
    policies.push({ file, kind, text: pretty(value), ...more });
  const githubProvider = `arn:aws:iam::${env.account.id}:oidc-provider/${GITHUB_OIDC_HOST}`;
  for (const [stackId, set] of provisioner.policySets) {
    if (onlyStack && stackId !== onlyStack) continue;
    const deployer = deployerRoleName(stackId);
    set.documents.forEach((document, i) =>
      add(`${stackId}/${deployer}-${i + 1}.json`, "deployer", document, { stackId, managedPolicyName: `${deployer}-${i + 1}` }),
    );
    // Staging's: the provisioner attaches it once the stack is deployed.
    if (set.onceDeployed) {
      add(`${stackId}/${deployer}-once-deployed.json`, "deployer-once-deployed", set.onceDeployed, {
        stackId,
        managedPolicyName: `${deployer}-once-deployed`,
      });
    }
    add(`${stackId}/${deployer}-trust.json`, "trust", JSON.parse(renderPolicy(deployerTrust(env, githubProvider))), { stackId });
    const plan = provisioner.planPolicySets.get(stackId);
    if (plan) {
      const planner = plannerRoleName(stackId);
      plan.documents.forEach((document, i) =>
        add(`${stackId}/${planner}-${i + 1}.json`, "planner", document, { stackId, managedPolicyName: `${planner}-${i + 1}` }),
      );
      const model = provisioner.vendors.find((v) => v.model.stackId === stackId)!.model;
      add(`${stackId}/${planner}-trust.json`, "trust", JSON.parse(renderPolicy(planTrust(env, githubProvider, model))), { stackId });
    }
  }
  for (const boundary of provisioner.roleBoundaries) {
    if (!onlyStack || boundary.stackId === onlyStack) {
      add(`${boundary.stackId}/boundaries/${boundary.policyName}.json`, "boundary", JSON.parse(renderPolicy(boundary.statements)), {
        stackId: boundary.stackId,
      });
    }
  }
  if (provisioner.scpDocument) add("scp.json", "scp", JSON.parse(renderPolicy(provisioner.scpDocument)));
  if (provisioner.rcpDocument) add("rcp.json", "rcp", JSON.parse(renderPolicy(provisioner.rcpDocument)));
  return { policies, used };
}
