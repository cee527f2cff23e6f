import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { builtInEnvironments } from "../config";
import { deployPlan } from "../scripts/deploy-plan";
import { driftWorkflow } from "../scripts/workflow-files";

// The drift workflow's two scripts, run as GitHub runs a step (bash -eo pipefail), with
// terraform, npx and gh stood in by scripts that record how they were called.
const workflow = parse(driftWorkflow(deployPlan(builtInEnvironments())));
type Step = { name?: string; run?: string };
const step = (job: string, name: string) => (workflow.jobs[job].steps as Step[]).find((s) => s.name === name)!.run!;

/** Runs a step's script in a new folder; `env` names files in it by absolute path, as GitHub does. */
function runStep(
  script: string,
  fakes: Record<string, string>,
  env: (dir: string) => Record<string, string>,
  prepare: (dir: string) => void = () => undefined,
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "drift-"));
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin);
  for (const [name, body] of Object.entries(fakes)) fs.writeFileSync(path.join(bin, name), `#!/bin/bash\n${body}\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, "step.sh"), script);
  prepare(dir);
  const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "step.sh"], {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: `${bin}:${process.env.PATH}`, CALLS: path.join(dir, "calls.log"), ...env(dir) },
  });
  const read = (file: string) => (fs.existsSync(path.join(dir, file)) ? fs.readFileSync(path.join(dir, file), "utf8") : "");
  return { status: result.status, stderr: result.stderr, read, dir };
}

describe("the drift workflow's plan step", () => {
  const plan = step("drift", "terraform plan -detailed-exitcode");
  const fakes = (code: number) => ({
    npx: 'echo "npx $*" >> "$CALLS"',
    terraform: `echo "terraform $*" >> "$CALLS"; if [ "$1" = plan ]; then echo "~ resource changed outside Terraform"; exit ${code}; fi`,
  });

  it.each([
    [0, "none", 0],
    [2, "drift", 0],
    [1, "error", 1],
  ])("maps terraform's exit code %i to %s, and fails the job only when the plan failed", (code, result, status) => {
    const run = runStep(
      plan,
      fakes(code),
      (dir) => ({
        STACK: "poolside-dev",
        ENVIRONMENT: "dev",
        RUNNER_TEMP: path.join(dir, "temp"),
        GITHUB_STEP_SUMMARY: path.join(dir, "summary.md"),
      }),
      (dir) => fs.mkdirSync(path.join(dir, "cdktf.out/stacks/poolside-dev"), { recursive: true }),
    );
    expect(run.status).toBe(status);
    expect(run.read("temp/drift/poolside-dev.tsv")).toBe(`dev\tpoolside-dev\t${result}\n`);
    expect(run.read("summary.md")).toContain(`### poolside-dev: ${result}`);
    expect(run.read("calls.log")).toMatch(/terraform plan -input=false -no-color -lock-timeout=10m -detailed-exitcode/);
  });
});

describe("the drift workflow's report", () => {
  const report = step("report", "One issue per environment");
  // gh: `issue list` answers the open issue's number for a title (from open/<title>); every call is recorded.
  const gh = [
    'echo "gh $*" >> "$CALLS"',
    'if [ "$2" = list ]; then title=$(printf "%s" "$6" | sed -e "s/^\\"//" -e "s/\\" in:title$//"); cat "open/$title" 2>/dev/null; fi',
    'if [ "$2" = create ] || [ "$2" = edit ]; then cp body.md "body-$2.md"; fi',
  ].join("\n");
  const env = () => ({ ENVIRONMENTS: "dev staging prod", RUN_URL: "https://github.com/acme/stacks/actions/runs/42" });
  const results = (lines: string[], open: Record<string, string>) => (dir: string) => {
    fs.mkdirSync(path.join(dir, "drift"));
    lines.forEach((line, i) => fs.writeFileSync(path.join(dir, "drift", `${i}.tsv`), `${line}\n`));
    fs.mkdirSync(path.join(dir, "open"));
    for (const [title, number] of Object.entries(open)) fs.writeFileSync(path.join(dir, "open", title), `${number}\n`);
  };

  it("opens an issue for an environment that drifts, closes the one of an environment that no longer does, leaves the rest alone", () => {
    const run = runStep(
      report,
      { gh },
      env,
      results(["dev\tiomete-data-plane-dev\tnone", "dev\tpoolside-dev\tdrift", "staging\tpoolside-staging\tnone", "prod\tpoolside-prod\tnone"], {
        "Drift in staging": "7",
      }),
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const calls = run
      .read("calls.log")
      .split("\n")
      .filter((c) => !c.startsWith("gh issue list"));
    expect(calls).toEqual([
      "gh issue create --title Drift in dev --body-file body.md",
      "gh issue close 7 --comment No drift in staging: https://github.com/acme/stacks/actions/runs/42",
      "",
    ]);
    expect(run.read("body-create.md")).toContain("| `poolside-dev` | drift |");
    expect(run.read("body-create.md")).not.toContain("iomete-data-plane-dev");
  });

  it("updates the open issue of an environment that still drifts, and reports an environment with no result at all", () => {
    const run = runStep(report, { gh }, env, results(["dev\tpoolside-dev\terror", "staging\tpoolside-staging\tnone"], { "Drift in dev": "3" }));
    expect(run.status).toBe(0);
    const calls = run
      .read("calls.log")
      .split("\n")
      .filter((c) => !c.startsWith("gh issue list"));
    expect(calls).toEqual(["gh issue edit 3 --body-file body.md", "gh issue create --title Drift in prod --body-file body.md", ""]);
    expect(run.read("body-edit.md")).toContain("| `poolside-dev` | error |");
    expect(run.read("body-create.md")).toContain("| (no result: see the run) | error |");
  });
});
