/**
 * `npm run workflows`: writes `.github/workflows/pull-request.yml`, `deploy.yml` and `drift.yml` from
 * the configured environments (scripts/workflow-files.ts). Run it after adding or
 * renaming an environment or stack; `npm test` fails while the files are out of date.
 * It overwrites only files it wrote itself (they start with its marker line).
 */
import * as fs from "fs";
import * as path from "path";
import { loadEnvironments } from "../../config";
import { deployPlan } from "../deploy-plan";
import { Command, parseFlags, UsageError } from "../cli";
import { writeFileWhole } from "../owned-folder";
import { GENERATED_MARKER, workflowFiles } from "../workflow-files";

const USAGE = "usage: npm run workflows [-- --out <folder>]";
const ABOUT =
  "Writes the GitHub workflows (pull-request.yml: tests and read-only plans; deploy.yml: plan and apply, environment after " +
  "environment; drift.yml: scheduled plans, an issue per environment that drifts) for the configured environments. Run it after adding, renaming or removing an environment; npm test fails " +
  "while they are out of date. It overwrites only the files it wrote (they start with its marker line).";

export const workflowsCommand: Command = (context) => {
  const flags = parseFlags(context.args, { out: "a folder to write (default: .github/workflows in the project)" }, USAGE, ABOUT);
  const out = flags.out ? path.resolve(context.invokedFrom, flags.out) : path.join(context.cwd, ".github", "workflows");
  const plan = deployPlan(loadEnvironments(context.env, context.cwd));
  const files = workflowFiles(plan);
  for (const name of Object.keys(files)) {
    const target = path.join(out, name);
    if (fs.existsSync(target) && !fs.readFileSync(target, "utf8").startsWith(GENERATED_MARKER)) {
      throw new UsageError(
        `${target} exists and was not written by this command (no marker line); move it away or merge by hand, nothing was written`,
      );
    }
  }
  // Each file whole: a kill leaves a workflow as it was or as it is now, never cut short.
  for (const [name, text] of Object.entries(files)) writeFileWhole(path.join(out, name), text);
  context.print(
    `Wrote ${Object.keys(files)
      .map((f) => path.join(out, f))
      .join(", ")}`,
  );
};
