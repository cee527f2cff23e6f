/**
 * Every stack of the configured environments in deploy order (bootstrap, then
 * provisioner, then vendor stacks), and the vendor stacks CI plans and deploys with
 * their roles, region and GitHub environment: what `npm run stacks` prints and
 * what `npm run workflows` writes the GitHub workflows from. Stacks are defined in
 * process (not synthesized) and their ids read back, never guessed from naming rules.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { EnvironmentConfig, isProduction } from "../config";
import { awsTargetOf, partitionOf } from "../config/aws";
import { deployerRoleArn, planObjectPrefix, plannerRoleArn, poolsideKubernetesStackId, stateKeyAlias } from "../config/naming";
import { regionalArn } from "../lib/arn";
import { defineStacks } from "../stacks/app";
import { modelOfStack, worksInsideACluster } from "../permissions/model";
import { ProvisionerStack } from "../stacks/provisioner-stack";
import { StateBackendStack } from "../stacks/state-backend-stack";
import { UsageError } from "./cli";

export interface PlannedStack {
  readonly stack: string;
  readonly environment: string;
  /**
   * bootstrap and provisioner stacks are deployed by an administrator; vendor stacks (AWS)
   * by CI, then cluster stacks (inside a vendor stack's cluster), which need it applied first.
   */
  readonly kind: "vendor" | "cluster" | "provisioner" | "bootstrap";
  /** Labels of the runner CI plans and deploys it on (cluster stacks: one that reaches the cluster's API). */
  readonly runsOn?: readonly string[];
  /** The role CI assumes to deploy the stack (vendor stacks only). */
  readonly roleArn?: string;
  /** The read-only role CI assumes to plan it (vendor stacks of environments with GitHub only). */
  readonly planRoleArn?: string;
  readonly region: string;
  /** GitHub environment named in the deployer role's OIDC trust (`sub`). */
  readonly githubEnvironment: string;
  /** Where the deploy workflow keeps the stack's reviewed plans: `s3://<state bucket>/[<prefix>/]plans/<stack>/` (vendor and cluster stacks). */
  readonly planObjects?: string;
  /** The state bucket's key (its alias ARN), which the reviewed plans are encrypted with. */
  readonly stateKey?: string;
  /** The state bucket's region (it may differ from the stack's). */
  readonly stateRegion?: string;
}

export interface DeployPlan {
  /** The branch the deploy workflow runs on (`provisioner.github.deployBranch`). */
  readonly deployBranch: string;
  readonly plan: PlannedStack[];
  /** The vendor stacks whose deployer role trusts GitHub, for `strategy.matrix`. */
  readonly matrix: { include: PlannedStack[] };
}

const KIND_ORDER = { bootstrap: 0, provisioner: 1, vendor: 2, cluster: 3 } as const;

function kindOf(stack: TerraformStack): PlannedStack["kind"] {
  if (stack instanceof StateBackendStack) return "bootstrap";
  if (stack instanceof ProvisionerStack) return "provisioner";
  // The same test as the plan roles' trust (a pull request never plans such a stack): it works through a cluster's API.
  if (worksInsideACluster(modelOfStack(stack))) return "cluster";
  return "vendor";
}

/** The runner labels of a stack inside a cluster: its Kubernetes side's `ciRunsOn` (a runner that reaches the API). */
function clusterRunner(env: EnvironmentConfig, stackId: string): readonly string[] {
  const runsOn = stackId === poolsideKubernetesStackId(env.name) ? env.poolside?.kubernetes?.ciRunsOn : env.iomete?.kubernetes?.ciRunsOn;
  if (!runsOn) throw new Error(`${stackId} works inside a cluster but its environment ${env.name} names no runner for it`);
  return runsOn;
}

/** Whether CI deploys the stack with a role of its own (vendor and cluster stacks). */
export const deployedByCi = (kind: PlannedStack["kind"]) => kind === "vendor" || kind === "cluster";

/** Bootstrap stacks, then provisioners, before anything CI deploys (administrators deploy them first). */
function adminFirst(a: PlannedStack, b: PlannedStack): number {
  const rank = (s: PlannedStack) => (deployedByCi(s.kind) ? 2 : KIND_ORDER[s.kind]);
  return rank(a) - rank(b);
}

export function deployPlan(environments: readonly EnvironmentConfig[]): DeployPlan {
  // As configured, but production last: files are read in name order (prod.json before staging.json).
  const ordered = [...environments.filter((e) => !isProduction(e)), ...environments.filter(isProduction)];
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
        const ci = deployedByCi(kind);
        entries.set(id, {
          order,
          stack: id,
          environment: env.name,
          kind,
          ...(kind === "cluster" ? { runsOn: clusterRunner(env, id) } : {}),
          ...(ci ? { roleArn: deployerRoleArn(awsTargetOf(env.account), id) } : {}),
          ...(ci && env.provisioner.github ? { planRoleArn: plannerRoleArn(awsTargetOf(env.account), id) } : {}),
          region: kind === "bootstrap" ? env.stateBackend.region : env.account.region,
          githubEnvironment: env.provisioner.github?.environment ?? env.name,
          ...(ci ? reviewedPlanStore(env, id) : {}),
        });
      }
    });
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  const plan = [...entries.values()]
    // Environment by environment for CI's stacks: a cluster stack after its environment's vendor stacks.
    .sort((a, b) => adminFirst(a, b) || a.order - b.order || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.stack.localeCompare(b.stack))
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
    matrix: { include: plan.filter((e) => deployedByCi(e.kind) && ciEnvironments.has(e.environment)) },
  };
}

/** Where a stack's reviewed plans go: beside its state, encrypted with the state's key (the stack's backend names the same alias). */
function reviewedPlanStore(env: EnvironmentConfig, stackId: string): { planObjects: string; stateKey: string; stateRegion: string } {
  const backend = env.stateBackend;
  return {
    stateRegion: backend.region,
    planObjects: `s3://${backend.bucket}/${planObjectPrefix(backend, stackId)}`,
    stateKey: regionalArn({ partition: partitionOf(backend.region), region: backend.region, account: env.account.id }, "kms", stateKeyAlias(backend)),
  };
}
