/**
 * The GitHub workflows, written from the app's deploy plan (scripts/deploy-plan.ts):
 *
 * - `pull-request.yml`: tests (with Terraform installed), then a plan of every vendor
 *   stack as its read-only plan role; the plan text in the job summary, the binary plan
 *   as an artifact. A pull request can read what a stack reads and take its lock, and
 *   write nothing else, whatever it changes in this file.
 * - `deploy.yml`: per environment, in order, a plan job (plan role, no approval) and an
 *   apply job in the environment's GitHub environment (its required reviewers approve)
 *   that applies exactly the plan file the plan job produced and showed.
 *
 * Every third-party action is pinned by commit; `ACTIONS` says which release each is.
 */
import { DeployPlan, PlannedStack } from "./deploy-plan";

/** Third-party actions by full commit SHA, with the release it is. README: "Bumping an action". */
// Each runs on Node 24 (`runs.using: node24` in its action.yml at that commit; GitHub removes Node 20 from its runners),
// which needs runner 2.327.1 or later on self-hosted runners. Read from each action's repository at its release tag.
export const ACTIONS = {
  checkout: { uses: "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1", version: "v7.0.1" },
  setupNode: { uses: "actions/setup-node@820762786026740c76f36085b0efc47a31fe5020", version: "v7.0.0" },
  setupTerraform: { uses: "hashicorp/setup-terraform@dfe3c3f87815947d99a8997f908cb6525fc44e9e", version: "v4.0.1" },
  awsCredentials: { uses: "aws-actions/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c", version: "v6.2.3" },
  uploadArtifact: { uses: "actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", version: "v7.0.0" },
  downloadArtifact: { uses: "actions/download-artifact@3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", version: "v8.0.1" },
} as const;

/** Node on the runners: the current LTS (20 reached its end of life on 2026-04-30). */
export const WORKFLOW_NODE_VERSION = 22;
/** The Terraform the workflows install: within the stacks' required_version. */
export const WORKFLOW_TERRAFORM_VERSION = "1.11.4";

/**
 * What a push may touch without deploying: documentation only. Everything else may change what
 * is synthesized or how (a new folder the app imports, the charts it installs, the lock file),
 * so it deploys; a list of what deploys would miss the next folder someone adds.
 */
export const DEPLOY_PATHS_IGNORED = ["**/*.md", "docs/**"];

export const GENERATED_MARKER = "# Written by `npm run workflows` from the app's stacks; edit scripts/workflow-files.ts, not this file.";

const use = (action: keyof typeof ACTIONS) => `${ACTIONS[action].uses} # ${ACTIONS[action].version}`;
const indent = (text: string, spaces: number) =>
  text
    .split("\n")
    .map((line) => (line ? " ".repeat(spaces) + line : line))
    .join("\n");

const HEADER = `permissions:
  contents: read

env:
  # No HashiCorp checkpoint (version and telemetry) calls from Terraform or the cdktf CLI.
  CHECKPOINT_DISABLE: "1"

# bash -eo pipefail: a failing command anywhere in a pipeline (terraform ... | tee) fails its step.
defaults:
  run:
    shell: bash`;

function setupSteps(options: { node: boolean; terraform: boolean }): string {
  return [
    `- uses: ${use("checkout")}
  with:
    persist-credentials: false`,
    ...(options.node
      ? [
          `- uses: ${use("setupNode")}
  with:
    node-version: ${WORKFLOW_NODE_VERSION}
    cache: npm`,
        ]
      : []),
    ...(options.terraform
      ? [
          `- uses: ${use("setupTerraform")}
  with:
    terraform_version: ${WORKFLOW_TERRAFORM_VERSION}
    # The wrapper rewrites terraform's output and exit code handling; plain terraform here.
    terraform_wrapper: false`,
        ]
      : []),
    ...(options.node ? ["- run: npm ci"] : []),
  ].join("\n");
}

function credentials(roleExpression: string): string {
  return `- uses: ${use("awsCredentials")}
  with:
    role-to-assume: \${{ ${roleExpression} }}
    aws-region: \${{ matrix.region }}`;
}

/** A plan job's permissions and first steps: checkout, Node, Terraform, npm ci, then the stack's read-only plan role. */
const PLANNER_ACCESS = `  permissions:
    id-token: write # the OIDC token exchanged for the read-only plan role
    contents: read
  steps:
${indent(setupSteps({ node: true, terraform: true }), 4)}
${indent(credentials("matrix.planRoleArn"), 4)}`;

function matrixOf(stacks: readonly PlannedStack[], options: { reviewedPlans?: boolean } = {}): string {
  const runner = (s: PlannedStack) => (s.runsOn ? `\n  runsOn: [${s.runsOn.join(", ")}]` : "");
  const store = (s: PlannedStack) =>
    options.reviewedPlans ? `\n  planObjects: ${s.planObjects}\n  stateKey: ${s.stateKey}\n  stateRegion: ${s.stateRegion}` : "";
  return stacks
    .map(
      (s) =>
        `- stack: ${s.stack}\n  environment: ${s.environment}\n  region: ${s.region}\n  planRoleArn: ${s.planRoleArn}\n  roleArn: ${s.roleArn}${runner(s)}${store(s)}`,
    )
    .join("\n");
}

/**
 * The stacks of one job split by where they run: the AWS stacks as `<id>`, the stacks inside
 * a cluster (their own runner, after the AWS stacks) as `<id>-cluster`; empty groups left out.
 */
function jobGroups(id: string, stacks: readonly PlannedStack[]): Array<[string, PlannedStack[]]> {
  const groups: Array<[string, PlannedStack[]]> = [
    [id, stacks.filter((s) => s.kind !== "cluster")],
    [`${id}-cluster`, stacks.filter((s) => s.kind === "cluster")],
  ];
  return groups.filter(([, group]) => group.length > 0);
}

/** The runner of a job's stacks: GitHub's, or for cluster stacks the configured labels (a runner that reaches the API). */
function runsOnOf(stacks: readonly PlannedStack[]): string {
  return stacks.some((s) => s.runsOn) ? "${{ matrix.runsOn }}" : "ubuntu-latest";
}

/** The run's id: names the reviewed plan object a deploy run writes and applies. */
const PLAN_OBJECT = "${{ matrix.planObjects }}${{ github.run_id }}.tfplan";

/** The artifact a deploy's plan job `plan-<id>` leaves its apply job `apply-<id>`: the stack's JSON, lock file and plan digest. */
const reviewedPlanArtifact = (id: string) => `deploy-${id}-\${{ matrix.stack }}`;

/**
 * Plans one stack and shows the plan's text in the run's summary. A pull request keeps no binary
 * plan: it holds the prior state, which a Kubernetes-side stack's includes generated keys. A deploy
 * keeps it beside the state, encrypted with the state's key, where only the stack's deployer reads
 * it, and records its digest in the run; the stack's JSON and lock file go to the run's artifact
 * `artifact` (a deploy's plan only).
 */
function planSteps(artifact?: string): string {
  const plan =
    artifact !== undefined
      ? "terraform plan -input=false -no-color -lock-timeout=10m -out=tfplan | tee plan.txt"
      : "terraform plan -input=false -no-color -lock-timeout=10m | tee plan.txt";
  const steps = [
    `- name: terraform plan
  env:
    STACK: \${{ matrix.stack }}
  run: |
    npx cdktf synth
    cd "cdktf.out/stacks/$STACK"
    terraform init -input=false -no-color
    # Plans take the state lock, as applies do: neither runs over the other.
    ${plan}`,
    `- name: Plan summary
  if: \${{ !cancelled() }}
  env:
    STACK: \${{ matrix.stack }}
  run: |
    plan="cdktf.out/stacks/$STACK/plan.txt"
    {
      echo "### Plan of \\\`$STACK\\\`"
      echo
      echo '\`\`\`'
      if [ -s "$plan" ]; then tail -n 1000 "$plan"; else echo "(no plan output: see the job's log)"; fi
      echo '\`\`\`'
    } >> "$GITHUB_STEP_SUMMARY"`,
  ];
  if (artifact === undefined) return [...steps, POLICY_CHECKS].join("\n");
  return [
    ...steps,
    `- name: Keep the reviewed plan beside the state, and its digest in the run
  env:
    STACK: \${{ matrix.stack }}
    PLAN_OBJECT: ${PLAN_OBJECT}
    STATE_KEY: \${{ matrix.stateKey }}
    STATE_REGION: \${{ matrix.stateRegion }}
  run: |
    cd "cdktf.out/stacks/$STACK"
    aws s3 cp tfplan "$PLAN_OBJECT" --sse aws:kms --sse-kms-key-id "$STATE_KEY" --region "$STATE_REGION" --no-progress
    sha256sum tfplan | cut -d ' ' -f 1 > tfplan.sha256
    rm tfplan`,
    `- uses: ${use("uploadArtifact")}
  with:
    name: ${artifact}
    # The stack's JSON, its lock file and the plan's digest: no plan, no state.
    path: |
      cdktf.out/stacks/\${{ matrix.stack }}
      !cdktf.out/stacks/\${{ matrix.stack }}/.terraform
    include-hidden-files: true
    retention-days: 30
    if-no-files-found: error`,
  ].join("\n");
}

/**
 * A pull request's policy checks, as the stack's plan role: Access Analyzer validates every generated
 * policy of the stack, and compares its deployer's with the version deployed (new access fails the
 * job, for a security reviewer to see before merging). The findings go to the run's summary.
 */
const POLICY_CHECKS = `- name: Policy checks (Access Analyzer)
  if: \${{ !cancelled() }}
  env:
    STACK: \${{ matrix.stack }}
    ENVIRONMENT: \${{ matrix.environment }}
  run: |
    status=0
    npm run -s preflight -- --validate --env "$ENVIRONMENT" --stack "$STACK" --out "$RUNNER_TEMP/policy-checks.md" || status=$?
    if [ -f "$RUNNER_TEMP/policy-checks.md" ]; then cat "$RUNNER_TEMP/policy-checks.md" >> "$GITHUB_STEP_SUMMARY"; fi
    exit "$status"`;

/** A job that plans each of its stacks as the stack's read-only plan role (pull requests and deploys alike). */
function planJob(job: {
  id: string;
  needs?: string;
  failFast: boolean;
  stacks: readonly PlannedStack[];
  concurrencyGroup: string;
  concurrencyComment?: string;
  /** A deploy's plan: kept for the apply job, which checks it against the digest in this artifact. A pull request's: none. */
  reviewedPlanArtifact?: string;
}): string {
  return `${job.id}:
  name: plan \${{ matrix.stack }}
${job.needs ? `  needs: ${job.needs}\n` : ""}  runs-on: ${runsOnOf(job.stacks)}
  timeout-minutes: 30
  strategy:
    fail-fast: ${job.failFast}
    matrix:
      include:
${indent(matrixOf(job.stacks, { reviewedPlans: job.reviewedPlanArtifact !== undefined }), 8)}
${job.concurrencyComment ? `  # ${job.concurrencyComment}\n` : ""}  concurrency:
    group: ${job.concurrencyGroup}
    cancel-in-progress: false
${PLANNER_ACCESS}
${indent(planSteps(job.reviewedPlanArtifact), 4)}`;
}

/**
 * A job that waits in the environment's GitHub environment for its reviewers, then applies
 * exactly the plan its plan job (`plan-<id>`) kept, as each stack's deployer role: it fetches the
 * plan from beside the state and refuses it unless its digest is the one that job recorded.
 */
function applyJob(id: string, stacks: readonly PlannedStack[]): string {
  const githubEnvironment = stacks[0].githubEnvironment;
  return `apply-${id}:
  name: apply \${{ matrix.stack }}
  needs: plan-${id}
  runs-on: ${runsOnOf(stacks)}
  timeout-minutes: 60
  strategy:
    fail-fast: true
    max-parallel: 1
    matrix:
      include:
${indent(matrixOf(stacks, { reviewedPlans: true }), 8)}
  # The GitHub environment the deployer role trusts (sub = repo:<owner>/<repo>:environment:${githubEnvironment}).
  # Give it required reviewers: they approve the plan shown in the plan job's summary.
  environment: ${githubEnvironment}
  # Never cancel a running apply (it can leave the state locked).
  concurrency:
    group: deploy-${id}-apply-\${{ matrix.stack }}
    cancel-in-progress: false
  permissions:
    id-token: write # the OIDC token exchanged for the deployer role
    contents: read
  steps:
    - uses: ${use("setupTerraform")}
      with:
        terraform_version: ${WORKFLOW_TERRAFORM_VERSION}
        terraform_wrapper: false
    - uses: ${use("downloadArtifact")}
      with:
        name: ${reviewedPlanArtifact(id)}
        path: stack
${indent(credentials("matrix.roleArn"), 4)}
    - name: Fetch the reviewed plan and check it is the one shown
      working-directory: stack
      env:
        PLAN_OBJECT: ${PLAN_OBJECT}
        STATE_REGION: \${{ matrix.stateRegion }}
      run: |
        aws s3 cp "$PLAN_OBJECT" tfplan --region "$STATE_REGION" --no-progress
        # The digest this run's plan job recorded: any other plan (one a pull request's planner wrote there) is refused.
        echo "$(cat tfplan.sha256)  tfplan" | sha256sum --check --strict
    - name: terraform apply of the reviewed plan
      working-directory: stack
      run: |
        terraform init -input=false -no-color
        # Exactly the plan the plan job showed; Terraform refuses it if the state moved since.
        terraform apply -input=false -no-color tfplan`;
}

export function pullRequestWorkflow(plan: DeployPlan): string {
  // A pull request's code runs where its plan runs: never on a runner inside a cluster's network, with a role
  // that reads the cluster (those plan roles do not trust pull requests). The deploy workflow plans those stacks.
  const stacks = plan.matrix.include.filter((s) => s.planRoleArn && s.kind !== "cluster");
  const jobs = [
    `test:
  runs-on: ubuntu-latest
  timeout-minutes: 30
  steps:
${indent(setupSteps({ node: true, terraform: true }), 4)}
    - run: npm test
    - run: npx cdktf synth`,
  ];
  // Stacks inside a cluster plan on their own runner (one that reaches the API), as their own job.
  for (const [id, group] of jobGroups("plan", stacks)) {
    jobs.push(
      planJob({
        id,
        needs: "test",
        failFast: false,
        stacks: group,
        concurrencyGroup: "plan-${{ matrix.stack }}",
        concurrencyComment: "One plan per stack at a time: plans take the same lock as deploys.",
      }),
    );
  }
  return `${GENERATED_MARKER}
#
# Checks a pull request: tests (Terraform installed, as the end-to-end backend test
# needs it) and synthesis, then a plan of every vendor stack, each as its read-only
# plan role (<stack>-planner, trusted for this repository's pull requests only). The
# plan's text is in the run's summary; no binary plan is kept (it holds the prior state).
# Stacks inside a cluster (iomete-kubernetes-<env>) never plan here: a pull request's code
# would run next to the cluster with a role that reads it. The deploy workflow plans them.
name: pull request

on:
  pull_request:

${HEADER}

jobs:
${indent(jobs.join("\n\n"), 2)}
`;
}

export function deployWorkflow(plan: DeployPlan): string {
  const byEnvironment = new Map<string, PlannedStack[]>();
  for (const s of plan.matrix.include) byEnvironment.set(s.environment, [...(byEnvironment.get(s.environment) ?? []), s]);
  // Configured order, production last: deploy-plan orders them so.
  const environments = [...byEnvironment.keys()];
  const jobs: string[] = [];
  let previous: string | undefined;
  for (const environment of environments) {
    const all = byEnvironment.get(environment)!;
    const name = environment.replace(/[^A-Za-z0-9_-]/g, "-");
    // The AWS stacks first; the stacks inside their clusters are planned only once those are applied (they read their state).
    for (const [id, stacks] of jobGroups(name, all)) {
      jobs.push(
        planJob({
          id: `plan-${id}`,
          needs: previous ? `apply-${previous}` : undefined,
          failFast: true,
          stacks,
          concurrencyGroup: `deploy-${id}-plan-\${{ matrix.stack }}`,
          reviewedPlanArtifact: reviewedPlanArtifact(id),
        }),
      );
      jobs.push(applyJob(id, stacks));
      previous = id;
    }
  }
  return `${GENERATED_MARKER}
#
# Deploys the vendor stacks on a push to the default branch that changes anything but
# documentation, or by hand. Environment by environment (${environments.join(" -> ") || "none configured"}):
# a plan job, as the stack's read-only plan role, shows the plan and keeps it beside the
# state (encrypted with the state's key; only the stack's deployer reads it), its digest
# in the run's artifacts; the apply job waits in the environment's GitHub environment for
# its reviewers, then applies exactly that plan as the stack's deployer role. Stacks
# inside a cluster (iomete-kubernetes-<env>) are planned and applied after their
# environment's AWS stacks, on the runner their config names. The next environment
# starts only when the previous one is applied.
#
# Deployed by an administrator, never here: state-backend-<account>-<region> (the state
# CI relies on) and provisioner-<env> (CI cannot widen its own permissions).
name: deploy

on:
  push:
    branches: [${plan.deployBranch}]
    # Documentation only: any other change may change what is deployed.
    paths-ignore:
${DEPLOY_PATHS_IGNORED.map((p) => `      - "${p}"`).join("\n")}
  workflow_dispatch:

${HEADER}

jobs:
${jobsOrNone(jobs, "deploy")}
`;
}

/** A workflow's jobs, or one that says why there are none (a workflow must have a job). */
function jobsOrNone(jobs: readonly string[], what: string): string {
  if (jobs.length) return indent(jobs.join("\n\n"), 2);
  return `  none:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - run: echo "No environment has provisioner.github: nothing for CI to ${what}."`;
}

/** When the drift workflow runs: weekdays before office hours in Europe (GitHub may start it late). */
export const DRIFT_SCHEDULE = "23 4 * * 1-5";

/** One drift-plan job: every stack of the group as its planner, `-detailed-exitcode`, its result as a one-line artifact. */
function driftJob(id: string, stacks: readonly PlannedStack[]): string {
  return `${id}:
  name: drift \${{ matrix.stack }}
  runs-on: ${runsOnOf(stacks)}
  timeout-minutes: 30
  strategy:
    fail-fast: false
    matrix:
      include:
${indent(matrixOf(stacks), 8)}
  # Shares the pull requests' group: one plan per stack at a time (plans take the lock deploys take).
  concurrency:
    group: plan-\${{ matrix.stack }}
    cancel-in-progress: false
${PLANNER_ACCESS}
    - name: terraform plan -detailed-exitcode
      env:
        STACK: \${{ matrix.stack }}
        ENVIRONMENT: \${{ matrix.environment }}
      run: |
        npx cdktf synth
        cd "cdktf.out/stacks/$STACK"
        terraform init -input=false -no-color
        # 0: as configured; 2: something changed outside Terraform, or the code changed since the last deploy; else the plan failed.
        status=0
        terraform plan -input=false -no-color -lock-timeout=10m -detailed-exitcode > plan.txt 2>&1 || status=$?
        case "$status" in 0) result=none ;; 2) result=drift ;; *) result=error ;; esac
        mkdir -p "$RUNNER_TEMP/drift"
        printf '%s\\t%s\\t%s\\n' "$ENVIRONMENT" "$STACK" "$result" > "$RUNNER_TEMP/drift/$STACK.tsv"
        {
          echo "### $STACK: $result"
          echo
          echo '\`\`\`'
          tail -n 300 plan.txt
          echo '\`\`\`'
        } >> "$GITHUB_STEP_SUMMARY"
        # A plan that failed fails the job (after its result is recorded for the report).
        test "$result" != error
    - uses: ${use("uploadArtifact")}
      if: \${{ !cancelled() }}
      with:
        name: drift-\${{ matrix.stack }}
        path: \${{ runner.temp }}/drift/
        retention-days: 7
        if-no-files-found: error`;
}

/** The report job: one GitHub issue per environment, opened or updated while it drifts, closed when it does not. */
function driftReportJob(needs: readonly string[], environments: readonly string[]): string {
  return `report:
  name: drift report
  needs: [${needs.join(", ")}]
  if: \${{ !cancelled() }}
  runs-on: ubuntu-latest
  timeout-minutes: 10
  permissions:
    issues: write # opens, updates and closes the drift issues; nothing else
  steps:
    - uses: ${use("downloadArtifact")}
      with:
        pattern: drift-*
        path: drift
        merge-multiple: true
    - name: One issue per environment
      env:
        GH_TOKEN: \${{ github.token }}
        GH_REPO: \${{ github.repository }}
        RUN_URL: \${{ github.server_url }}/\${{ github.repository }}/actions/runs/\${{ github.run_id }}
        ENVIRONMENTS: ${environments.join(" ")}
      run: |
        # One line per planned stack: environment, stack, result (none, drift or error); none at all if every job failed early.
        mkdir -p drift
        all=$(find drift -name '*.tsv' -exec cat {} +)
        for environment in $ENVIRONMENTS; do
          title="Drift in $environment"
          found=$(printf '%s\\n' "$all" | awk -F '\\t' -v e="$environment" '$1 == e && $3 != "none" { print "| \`" $2 "\` | " $3 " |" }')
          results=$(printf '%s\\n' "$all" | awk -F '\\t' -v e="$environment" '$1 == e' | wc -l)
          number=$(gh issue list --state open --search "\\"$title\\" in:title" --json number,title --jq "[.[] | select(.title == \\"$title\\")][0].number // empty")
          if [ -n "$found" ] || [ "$results" -eq 0 ]; then
            {
              echo "The scheduled plan of $RUN_URL found stacks of \\\`$environment\\\` that differ from the code, or could not plan them."
              echo
              echo "| stack | result |"
              echo "| --- | --- |"
              echo "\${found:-| (no result: see the run) | error |}"
              echo
              echo "Each plan is in the run's summary. Deploy the default branch to bring a stack back, or change the code to what is there."
            } > body.md
            if [ -n "$number" ]; then gh issue edit "$number" --body-file body.md; else gh issue create --title "$title" --body-file body.md; fi
          elif [ -n "$number" ]; then
            gh issue close "$number" --comment "No drift in $environment: $RUN_URL"
          fi
        done`;
}

/** The scheduled drift check: every stack CI plans, as its planner, and one issue per environment with what differs. */
export function driftWorkflow(plan: DeployPlan): string {
  const stacks = plan.matrix.include.filter((s) => s.planRoleArn);
  const groups = jobGroups("drift", stacks);
  const environments = [...new Set(stacks.map((s) => s.environment))];
  const jobs = groups.map(([id, group]) => driftJob(id, group));
  if (groups.length)
    jobs.push(
      driftReportJob(
        groups.map(([id]) => id),
        environments,
      ),
    );
  return `${GENERATED_MARKER}
#
# Finds drift before users do: on a schedule (and by hand) plans every stack CI deploys,
# each as its read-only plan role, with -detailed-exitcode. A stack changed outside
# Terraform (a console edit, a deleted tag) or not yet deployed since the code changed
# shows as drift. Each plan is in the run's summary; per environment, one GitHub issue
# ("Drift in <env>") is opened or updated while anything differs and closed when nothing
# does. Stacks inside a cluster plan on the runner their config names.
name: drift

on:
  schedule:
    - cron: "${DRIFT_SCHEDULE}"
  workflow_dispatch:

${HEADER}

jobs:
${jobsOrNone(jobs, "plan")}
`;
}

/** Every workflow `npm run workflows` writes, by file name. */
export function workflowFiles(plan: DeployPlan): Record<string, string> {
  return { "pull-request.yml": pullRequestWorkflow(plan), "deploy.yml": deployWorkflow(plan), "drift.yml": driftWorkflow(plan) };
}
