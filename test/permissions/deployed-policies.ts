import { Testing } from "cdktf";
import { EnvironmentConfig } from "../../config";
import { shapeOf } from "../../config/environment-kind";
import { roleBoundaryPolicyName } from "../../config/naming";
import { STAGING_PROTECTED_UPDATES } from "../../permissions/derive";
import { PolicyDocument } from "../../lib/policy-document";
import { defineStacks } from "../../stacks/app";
import { DEPLOYED_OUTPUT, OIDC_PROVIDER_OUTPUT, provisionerStackId, VPC_ID_OUTPUT } from "../../stacks/provisioner-stack";
import { SynthJson } from "../support/helpers";
import { deployedFactsOf } from "../../permissions/sample-world";

/**
 * The policies `provisioner-<env>` really deploys: its synthesized Terraform JSON, with the
 * values it reads from the vendor stacks' state resolved as Terraform resolves them, either
 * before the vendor stacks' first deploy (the remote-state defaults) or after it (the ids the
 * first deploy produced, as the proof takes them).
 */
export type DeployPhase = "first deploy" | "after the first deploy";

export interface DeployedPolicies {
  readonly phase: DeployPhase;
  /** The managed policies attached to a role of the provisioner (a deployer or planner), by role name. */
  readonly roles: ReadonlyMap<string, PolicyDocument[]>;
  /** Each generated permissions boundary, by policy name. */
  readonly boundaries: ReadonlyMap<string, PolicyDocument>;
  /** The trust policy of each role the provisioner creates, by role name. */
  readonly trusts: ReadonlyMap<string, PolicyDocument>;
  /** The Organizations policies it attaches (`provisioner.scp`), by type. */
  readonly scp?: PolicyDocument;
  readonly rcp?: PolicyDocument;
  /** The provisioner's synthesized JSON. */
  readonly json: SynthJson;
}

const STATE_OUTPUTS: Record<string, "vpcId" | "oidcProviderArn" | "deployed"> = {
  [VPC_ID_OUTPUT]: "vpcId",
  [OIDC_PROVIDER_OUTPUT]: "oidcProviderArn",
  [DEPLOYED_OUTPUT]: "deployed",
};

/** A value of the provisioner's JSON with each remote-state output resolved for the phase. */
function resolver(env: EnvironmentConfig, json: SynthJson, phase: DeployPhase): (text: string) => string {
  return (text) =>
    text.replace(/\$\{data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([a-z_]+)\}/g, (whole, id: string, output: string) =>
      valueOf(whole, id, output),
    );
  function valueOf(whole: string, id: string, output: string): string {
    const state = json.data?.terraform_remote_state?.[id];
    if (!state) throw new Error(`${whole}: no such remote state in the provisioner`);
    if (phase === "first deploy") {
      const value = state.defaults?.[output];
      if (typeof value !== "string") throw new Error(`${whole}: no default, so Terraform fails before the first deploy`);
      return value;
    }
    const fact = deployedFactsOf(env, id.replace(/_state$/, ""))[STATE_OUTPUTS[output]];
    if (!fact) throw new Error(`${whole}: the proof has no deployed value for it`);
    return fact;
  }
}

/** Whether an attachment is made: its `count`, the one Terraform expression the provisioner writes (is the stack deployed). */
function isAttached(env: EnvironmentConfig, json: SynthJson, phase: DeployPhase, count: unknown): boolean {
  if (count === undefined) return true;
  const expression = /^\$\{\(data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([a-z_]+) != "([^"]*)"\) \? 1 : 0\}$/.exec(String(count));
  if (!expression) throw new Error(`the proof cannot evaluate the count ${String(count)}`);
  const [, id, output, unlike] = expression;
  const value = resolver(env, json, phase)(`\${data.terraform_remote_state.${id}.outputs.${output}}`);
  return value !== unlike;
}

// By environment object: a test's variant of a built-in environment (an SCP added) is its own.
const cache = new WeakMap<EnvironmentConfig, Map<DeployPhase, DeployedPolicies>>();

const synthesized = new WeakMap<EnvironmentConfig, SynthJson>();

/** The provisioner stack's JSON, as cdktf writes it (once per environment: the phases differ only in what Terraform reads). */
function provisionerJsonOf(env: EnvironmentConfig): SynthJson {
  let json = synthesized.get(env);
  if (!json) {
    const provisioner = defineStacks(Testing.app(), [env]).find((s) => s.node.id === provisionerStackId(env.name))!;
    synthesized.set(env, (json = JSON.parse(Testing.synth(provisioner)) as SynthJson));
  }
  return json;
}

/** The provisioner's policies for an environment, as deployed in the given phase. */
export function deployedPolicies(env: EnvironmentConfig, phase: DeployPhase): DeployedPolicies {
  let byPhase = cache.get(env);
  if (!byPhase) cache.set(env, (byPhase = new Map()));
  const cached = byPhase.get(phase);
  if (cached) return cached;
  const json = provisionerJsonOf(env);
  const resolve = resolver(env, json, phase);
  const parse = (text: string) => JSON.parse(resolve(text)) as PolicyDocument;
  const roleNames = new Map(Object.entries(json.resource.aws_iam_role ?? {}).map(([id, role]) => [id, role.name as string]));
  const policies = new Map(Object.entries(json.resource.aws_iam_policy ?? {}).map(([id, policy]) => [id, policy]));
  const roles = new Map<string, PolicyDocument[]>();
  // In the order of their parts (Terraform's JSON sorts ids as text: _10 before _2).
  const byPart = ([a]: [string, unknown], [b]: [string, unknown]) => a.localeCompare(b, "en", { numeric: true });
  for (const [, attachment] of Object.entries(json.resource.aws_iam_role_policy_attachment ?? {}).sort(byPart)) {
    if (!isAttached(env, json, phase, attachment.count)) continue;
    const role = roleNames.get(/^\$\{aws_iam_role\.([^.]+)\.name\}$/.exec(attachment.role)![1])!;
    const policy = policies.get(/^\$\{aws_iam_policy\.([^.]+)\.arn\}$/.exec(attachment.policy_arn)![1])!;
    roles.set(role, [...(roles.get(role) ?? []), parse(policy.policy)]);
  }
  const attached = new Set(Object.values(json.resource.aws_iam_role_policy_attachment ?? {}).map((a) => a.policy_arn as string));
  const boundaries = new Map(
    [...policies].filter(([id]) => !attached.has(`\${aws_iam_policy.${id}.arn}`)).map(([, policy]) => [policy.name as string, parse(policy.policy)]),
  );
  const trusts = new Map(Object.values(json.resource.aws_iam_role ?? {}).map((role) => [role.name as string, parse(role.assume_role_policy)]));
  const organizations = Object.values(json.resource.aws_organizations_policy ?? {});
  const ofType = (type: string) => organizations.filter((p) => p.type === type).map((p) => parse(p.content))[0];
  const result: DeployedPolicies = {
    phase,
    roles,
    boundaries,
    trusts,
    scp: ofType("SERVICE_CONTROL_POLICY"),
    rcp: ofType("RESOURCE_CONTROL_POLICY"),
    json,
  };
  byPhase.set(phase, result);
  return result;
}

/** A workload role's generated boundary, as the provisioner deploys it in the phase (none when the config names its own). */
export function deployedBoundaryOf(env: EnvironmentConfig, roleName: string, phase: DeployPhase): PolicyDocument | undefined {
  return deployedPolicies(env, phase).boundaries.get(roleBoundaryPolicyName(roleName, env.provisioner.boundaryPolicyName));
}

/** Whether staging's once-deployed policy denies an action in the phase (STAGING_PROTECTED_UPDATES, attached once deployed). */
export function protectedOnceDeployed(env: EnvironmentConfig, phase: DeployPhase, action: string): boolean {
  return shapeOf(env) === "staging" && phase !== "first deploy" && STAGING_PROTECTED_UPDATES.includes(action);
}
