import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { ConfigError, loadEnvironments } from "../config";
import { COMMANDS } from "../scripts/commands";
import { defineStacks } from "../stacks/app";
import { workflowsOf } from "./support/active-set";
import { runInProcess } from "./support/commands";
import { projectFolder, teamEnvironmentFiles } from "./support/projects";

// The product as a team uses it: their environments/ in place of ours. The checks that
// depend on the active set run over a copy of a team's folder (test/fixtures/team-environments:
// aster.json, production without Poolside, named to sort first; harbor.yaml, staging in an existing VPC;
// meadow.yaml, development; none of the names says its posture, so each sets kind).
const root = path.resolve(__dirname, "..");
const team = teamEnvironmentFiles();
const project = projectFolder(team);
const stackFolders = (outdir: string) => fs.readdirSync(path.join(outdir, "stacks")).sort();
const idsOf = (dir: string) =>
  defineStacks(new App({ outdir: path.join(dir, "defined"), stackTraces: false }), loadEnvironments({}, dir)).map((s) => s.node.id);

describe("a team's own environments/", () => {
  it("npm run workflows writes what the suite's workflow check expects for that set", async () => {
    const written = await runInProcess(COMMANDS.workflows, [], { cwd: project });
    expect(written.stderr).toBe("");
    expect(written.status).toBe(0);
    const { expected, committed } = workflowsOf(project, {});
    expect(committed).toEqual(expected);
    // Production deploys last, though its file is read first: by its kind, not its name or its file's.
    expect(expected["deploy.yml"]).toMatch(/plan-harbor:[\s\S]*plan-meadow:[\s\S]*plan-aster:\n\s+name: [^\n]*\n\s+needs: apply-meadow\n/);
    expect(expected["deploy.yml"]).not.toMatch(/-dev\b|-prod\b|-staging\b/);
  });

  it("synthesizes exactly its stacks with npm run synth, keeps the others' with a selection, and none of an environment removed since", () => {
    const outdir = path.join(project, "cdktf.out");
    const synth = (selection = "") =>
      spawnSync(process.execPath, [path.join(root, "scripts/run-ts.cjs"), path.join(root, "main.ts")], {
        cwd: project,
        encoding: "utf8",
        env: { ...process.env, STACKS_CONFIG_DIR: "", STACKS_ENVIRONMENTS: selection },
        timeout: 60_000,
      });
    expect(synth().status).toBe(0);
    const ids = idsOf(project);
    expect(stackFolders(outdir)).toEqual([...ids].sort());
    expect(ids).toEqual(
      expect.arrayContaining(["iomete-data-plane-aster", "poolside-harbor", "iomete-data-plane-meadow", "state-backend-777788889999-eu-central-1"]),
    );
    expect(ids).not.toContain("poolside-aster");
    // A selection synthesizes some environments; the others are still defined, and their folders stay.
    expect(synth("harbor").status).toBe(0);
    expect(stackFolders(outdir)).toEqual([...ids].sort());

    fs.rmSync(path.join(project, "environments", "meadow.yaml"));
    expect(synth().status).toBe(0);
    expect(stackFolders(outdir)).toEqual(idsOf(project).sort());
    expect(stackFolders(outdir).filter((id) => id.endsWith("-meadow") || id.includes("777788889999"))).toEqual([]);
    fs.writeFileSync(path.join(project, "environments", "meadow.yaml"), team["meadow.yaml"]);
  });

  it("gives the production environment's people MFA and staging's deployer no deletes, by kind, not by name", async () => {
    const out = path.join(project, "policies");
    for (const env of ["aster", "harbor"])
      expect((await runInProcess(COMMANDS.policy, ["--env", env, "--out", path.join(out, env)], { cwd: project })).status).toBe(0);
    const trust = JSON.parse(fs.readFileSync(path.join(out, "aster/iomete-data-plane-aster/iomete-data-plane-aster-deployer-trust.json"), "utf8"));
    expect(trust.Statement.find((s: { Sid: string }) => s.Sid === "People").Condition).toEqual({ Bool: { "aws:MultiFactorAuthPresent": "true" } });
    const staging = fs
      .readdirSync(path.join(out, "harbor/poolside-harbor"))
      .filter((f) => /-deployer-\d+\.json$/.test(f))
      .flatMap((f) => JSON.parse(fs.readFileSync(path.join(out, "harbor/poolside-harbor", f), "utf8")).Statement)
      .filter((s: { Effect: string }) => s.Effect === "Allow")
      .flatMap((s: { Action: string | string[] }) => [s.Action].flat());
    expect(staging.length).toBeGreaterThan(20);
    // Only the state lock's (releasing a lock deletes its lock file and item).
    expect(staging.filter((action: string) => /:Delete/.test(action)).sort()).toEqual(["dynamodb:DeleteItem", "s3:DeleteObject"]);
  });

  it("is refused without kind, naming the field and each file", () => {
    const bare = projectFolder(Object.fromEntries(Object.entries(team).map(([name, text]) => [name, text.replace(/^\s*"?kind"?: .*\n/m, "")])));
    let problems: string[] = [];
    try {
      loadEnvironments({}, bare);
    } catch (error) {
      problems = [...(error as ConfigError).problems];
    }
    expect(problems).toHaveLength(3);
    for (const name of ["harbor", "meadow", "aster"]) {
      expect(problems.find((p) => p.startsWith(`environments.${name}.kind: (missing) is required`))).toMatch(
        new RegExp(`allowed: production, staging, development \\(from .*environments/${name}\\.(json|yaml)\\)$`),
      );
    }
  });
});
