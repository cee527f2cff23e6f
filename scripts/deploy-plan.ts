/**
 * Every stack of the configured environments in deploy order (bootstrap, then
 * provisioner, then vendor stacks), and the vendor stacks CI plans and deploys with
 * their roles, region and GitHub environment: what `scripts/stacks.ts` prints and
 * what `scripts/workflows.ts` writes the GitHub workflows from. Stacks are defined in
 * process (not synthesized) and their ids read back, never guessed from naming rules.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { EnvironmentConfig, isProduction } from "../config";
import { awsTargetOf } from "../config/aws";
import { defineStacks } from "../stacks/app";
import { deployerRoleName, plannerRoleName, ProvisionerStack } from "../stacks/provisioner-stack";
import { StateBackendStack } from "../stacks/state-backend-stack";
import { UsageError } from "./cli";
import { iamArn } from "../lib/arn";

export interface PlannedStack {
  readonly stack: string;
  readonly environment: string;
  /** bootstrap and provisioner stacks are deployed by an administrator; vendor stacks by CI. */
  readonly kind: "vendor" | "provisioner" | "bootstrap";
  /** The role CI assumes to deploy the stack (vendor stacks only). */
  readonly roleArn?: string;
  /** The read-only role CI assumes to plan it (vendor stacks of environments with GitHub only). */
  readonly planRoleArn?: string;
  readonly region: string;
  /** GitHub environment named in the deployer role's OIDC trust (`sub`). */
  readonly githubEnvironment: string;
}

export interface DeployPlan {
  /** The branch the deploy workflow runs on (`provisioner.github.deployBranch`). */
  readonly deployBranch: string;
  readonly plan: PlannedStack[];
  /** The vendor stacks whose deployer role trusts GitHub, for `strategy.matrix`. */
  readonly matrix: { include: PlannedStack[] };
}

const KIND_ORDER = { bootstrap: 0, provisioner: 1, vendor: 2 } as const;

function kindOf(stack: TerraformStack): PlannedStack["kind"] {
  if (stack instanceof StateBackendStack) return "bootstrap";
  if (stack instanceof ProvisionerStack) return "provisioner";
  return "vendor";
}

export function deployPlan(environments: readonly EnvironmentConfig[]): DeployPlan {
  // As configured, but production last: files are read in name order (prod.json before staging.json).
  const ordered = [...environments.filter((e) => !isProduction(e.name)), ...environments.filter((e) => isProduction(e.name))];
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-"));
  const entries = new Map<string, PlannedStack & { order: number }>();
  try {
    ordered.forEach((env, order) => {
      // One app per environment tells which stacks are its own; a bootstrap stack shared by
      // environments of one account and region is listed once, under the first.
      const app = new App({ outdir, stackTraces: false });
      for (const stack of defineStacks(app, [env])) {
        const id = stack.node.id;
        if (entries.has(id)) continue;
        const kind = kindOf(stack);
        entries.set(id, {
          order,
          stack: id,
          environment: env.name,
          kind,
          ...(kind === "vendor" ? { roleArn: iamArn(awsTargetOf(env.account), `role/${deployerRoleName(id)}`) } : {}),
          ...(kind === "vendor" && env.provisioner.github ? { planRoleArn: iamArn(awsTargetOf(env.account), `role/${plannerRoleName(id)}`) } : {}),
          region: kind === "bootstrap" ? env.stateBackend.region : env.account.region,
          githubEnvironment: env.provisioner.github?.environment ?? env.name,
        });
      }
    });
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  const plan = [...entries.values()]
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.order - b.order || a.stack.localeCompare(b.stack))
    .map(({ order: _order, ...entry }) => entry);
  const ciEnvironments = new Set(environments.filter((e) => e.provisioner.github).map((e) => e.name));
  const branches = [...new Set(environments.flatMap((e) => (e.provisioner.github ? [e.provisioner.github.deployBranch] : [])))];
  if (branches.length > 1) {
    throw new UsageError(
      `provisioner.github.deployBranch: environments name different branches (${branches.join(", ")}); one deploy workflow runs on one branch`,
    );
  }
  return {
    deployBranch: branches[0] ?? "main",
    plan,
    matrix: { include: plan.filter((e) => e.kind === "vendor" && ciEnvironments.has(e.environment)) },
  };
}
