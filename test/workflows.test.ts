import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { parse } from "yaml";
import { EnvironmentConfig, validateEnvironments } from "../config";
import { BUILT_IN_ENVIRONMENTS } from "../config/environments";
import { defineStacks } from "../stacks/app";
import { IometeDataPlaneStack } from "../stacks/iomete-data-plane-stack";
import { PoolsideStack } from "../stacks/poolside-stack";
import { deployerTrust, GITHUB_OIDC_HOST, ProvisionerStack } from "../stacks/provisioner-stack";
import { StateBackendStack } from "../stacks/state-backend-stack";

// The GitHub workflows users copy, and the matrix they take from the app (scripts/stacks.ts).
const root = path.resolve(__dirname, "..");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  if?: string;
}
interface Job {
  needs?: string | string[];
  if?: string;
  environment?: string;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  strategy?: { matrix: unknown; "fail-fast"?: boolean; "max-parallel"?: number };
  outputs?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const workflow = (file: string): Workflow => parse(fs.readFileSync(path.join(root, ".github/workflows", file), "utf8"));
const pullRequest = workflow("pull-request.yml");
const deploy = workflow("deploy.yml");
const both: Array<[string, Workflow]> = [
  ["pull-request.yml", pullRequest],
  ["deploy.yml", deploy],
];
const FROM_STACKS = "${{ fromJSON(needs.stacks.outputs.matrix) }}";
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((job) => job.steps);
const needs = (job: Job) => ([] as string[]).concat(job.needs ?? []);

interface PlannedStack {
  stack: string;
  environment: string;
  kind: "vendor" | "provisioner" | "bootstrap";
  roleArn?: string;
  region: string;
  githubEnvironment: string;
}
const stacksScript = (...args: string[]) =>
  spawnSync(process.execPath, ["scripts/run-ts.cjs", "scripts/stacks.ts", ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, STACKS_CONFIG_DIR: "", STACKS_ENVIRONMENTS: "" },
    timeout: 60_000,
  });

describe("the workflows", () => {
  it("parse as YAML with jobs", () => {
    for (const [, w] of both) expect(Object.keys(w.jobs).length).toBeGreaterThan(0);
  });

  it("run on pull requests, and on pushes to main or by hand", () => {
    expect(Object.keys(pullRequest.on)).toEqual(["pull_request"]);
    expect(Object.keys(deploy.on).sort()).toEqual(["push", "workflow_dispatch"]);
    expect(deploy.on.push).toEqual({ branches: ["main"] });
  });

  it("test, synthesize, and plan only after both", () => {
    const runs = pullRequest.jobs.test.steps.map((s) => s.run).filter(Boolean);
    expect(runs).toEqual(["npm ci", "npm test", "npx cdktf synth"]);
    expect(needs(pullRequest.jobs.plan).sort()).toEqual(["stacks", "test"]);
  });

  it.each(both)("%s takes its matrix from scripts/stacks.ts", (_file, w) => {
    const stacks = w.jobs.stacks;
    const script = stacks.steps.find((s) => s.run?.includes("scripts/stacks.ts"));
    expect(script?.run).toMatch(/node scripts\/run-ts\.cjs scripts\/stacks\.ts/);
    expect(script?.run).toMatch(/jq -c \.matrix/);
    expect(script?.run).toMatch(/"\$GITHUB_OUTPUT"/);
    expect(stacks.outputs?.matrix).toBe(`\${{ steps.${(script as { id?: string }).id}.outputs.matrix }}`);
  });

  it.each<[string, Job]>([
    ["plan", pullRequest.jobs.plan],
    ["deploy", deploy.jobs.deploy],
  ])("the %s job runs one job per vendor stack in its GitHub environment, with an OIDC token", (_name, job) => {
    expect(needs(job)).toContain("stacks");
    expect(job.strategy?.matrix).toBe(FROM_STACKS);
    expect(job.environment).toBe("${{ matrix.githubEnvironment }}");
    expect(job.permissions).toEqual({ "id-token": "write", contents: "read" });
  });

  it("plans every stack even when one fails", () => {
    expect(pullRequest.jobs.plan.strategy?.["fail-fast"]).toBe(false);
    const plan = pullRequest.jobs.plan.steps.find((s) => s.run?.includes("cdktf plan"));
    expect(plan?.run).toBe("npx cdktf plan ${{ matrix.stack }} --no-color | tee plan.txt");
    const summary = pullRequest.jobs.plan.steps.find((s) => s.run?.includes("GITHUB_STEP_SUMMARY"));
    expect(summary?.run).toContain("```diff");
    expect(summary?.run).toContain("tail -n 1000 plan.txt");
  });

  it("deploys one stack at a time, stops at the first failure, never two deploys of an environment at once", () => {
    const job = deploy.jobs.deploy;
    expect(job.strategy).toMatchObject({ "max-parallel": 1, "fail-fast": true });
    expect(job.concurrency).toEqual({ group: "deploy-${{ matrix.environment }}", "cancel-in-progress": false });
    const commands = job.steps.map((s) => s.run ?? "").filter((run) => run.includes("cdktf deploy"));
    expect(commands).toEqual(["npx cdktf deploy ${{ matrix.stack }} --auto-approve --no-color"]);
  });

  it.each(both)("%s assumes the stack's deployer role wherever it takes AWS credentials", (_file, w) => {
    const aws = steps(w).filter((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
    expect(aws.length).toBeGreaterThan(0);
    for (const step of aws) {
      expect(step.with?.["role-to-assume"]).toBe("${{ matrix.roleArn }}");
      expect(step.with?.["aws-region"]).toBe("${{ matrix.region }}");
    }
  });

  it.each(both)("%s pins every action by major version, and keeps Terraform's wrapper off", (_file, w) => {
    for (const step of steps(w).filter((s) => s.uses)) expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/);
    for (const step of steps(w).filter((s) => s.uses?.startsWith("hashicorp/setup-terraform@"))) expect(step.with?.terraform_wrapper).toBe(false);
  });
});

describe("scripts/stacks.ts", () => {
  const environments: EnvironmentConfig[] = validateEnvironments(BUILT_IN_ENVIRONMENTS.map((input) => ({ source: "built-in", input })));
  const byName = new Map(environments.map((env) => [env.name, env]));
  const app = Testing.app();
  const appStacks = defineStacks(app, environments);
  const ids = (predicate: (stack: unknown) => boolean) => appStacks.filter(predicate).map((s) => s.node.id).sort();
  let output: { plan: PlannedStack[]; matrix: { include: PlannedStack[] } };

  beforeAll(() => {
    const result = stacksScript();
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    output = JSON.parse(result.stdout);
  });

  it("lists every stack of the app with its kind", () => {
    const ofKind = (kind: PlannedStack["kind"]) => output.plan.filter((e) => e.kind === kind).map((e) => e.stack).sort();
    expect(ofKind("bootstrap")).toEqual(ids((s) => s instanceof StateBackendStack));
    expect(ofKind("provisioner")).toEqual(ids((s) => s instanceof ProvisionerStack));
    expect(ofKind("vendor")).toEqual(ids((s) => s instanceof IometeDataPlaneStack || s instanceof PoolsideStack));
    expect(output.plan.length).toBe(appStacks.length);
    expect(output.plan.filter((e) => e.kind !== "vendor").every((e) => e.roleArn === undefined)).toBe(true);
  });

  it("gives the matrix exactly the vendor stacks, dev before staging before prod", () => {
    const matrix = output.matrix.include;
    expect(matrix.map((e) => e.stack).sort()).toEqual(ids((s) => s instanceof IometeDataPlaneStack || s instanceof PoolsideStack));
    expect(matrix).toEqual(output.plan.filter((e) => e.kind === "vendor"));
    const order = matrix.map((e) => ["dev", "staging", "prod"].indexOf(e.environment));
    expect(order).toEqual([...order].sort());
    expect(new Set(matrix.map((e) => e.environment))).toEqual(new Set(["dev", "staging", "prod"]));
  });

  it("gives each vendor stack its deployer role, region and the GitHub environment its role trusts", () => {
    for (const entry of output.matrix.include) {
      const env = byName.get(entry.environment) as EnvironmentConfig;
      expect(entry.stack.endsWith(`-${env.name}`)).toBe(true);
      expect(entry.roleArn).toBe(`arn:aws:iam::${env.account.id}:role/${entry.stack}-deployer`);
      expect(entry.region).toBe(env.account.region);
      const trust = deployerTrust(env, `arn:aws:iam::${env.account.id}:oidc-provider/${GITHUB_OIDC_HOST}`);
      const sub = (trust[0].Condition as Record<string, Record<string, string>>).StringEquals[`${GITHUB_OIDC_HOST}:sub`];
      expect(sub).toBe(`repo:${env.provisioner.github?.repository}:environment:${entry.githubEnvironment}`);
    }
  });

  it("limits the plan to one environment with --env", () => {
    const result = stacksScript("--env", "prod");
    expect(result.status).toBe(0);
    const prod = JSON.parse(result.stdout);
    expect(prod.matrix.include.map((e: PlannedStack) => e.stack)).toEqual(["iomete-data-plane-prod", "poolside-prod"]);
    expect(prod.plan.every((e: PlannedStack) => e.environment === "prod")).toBe(true);
  });

  it.each<[string, string[], RegExp]>([
    ["an unknown flag", ["--bogus"], /"--bogus" is not a flag of this command; allowed: --env/],
    ["an unknown environment", ["--env", "qa"], /--env "qa" is not a configured environment; known: dev, staging, prod/],
  ])("exits 2 for %s, printing nothing on stdout", (_what, args, message) => {
    const result = stacksScript(...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });
});
