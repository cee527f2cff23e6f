import * as fs from "fs";
import * as path from "path";
import { EnvironmentConfig, loadEnvironments } from "../../config";
import { deployPlan } from "../../scripts/deploy-plan";
import { workflowFiles } from "../../scripts/workflow-files";

/**
 * The checks that depend on a project's active environment set (its environments/, or the
 * built-in set), as one function each: the suite runs them over this checkout
 * (test/workflows.test.ts) and over a team's folder (test/team-folder.test.ts).
 */

/** What `npm run workflows` would write for the project's active set beside what its .github/workflows holds. */
export function workflowsOf(
  project: string,
  variables: NodeJS.ProcessEnv,
  planOf: (environments: EnvironmentConfig[]) => ReturnType<typeof deployPlan> = deployPlan,
): { expected: Record<string, string>; committed: Record<string, string | undefined> } {
  const plan = planOf(loadEnvironments(variables, project));
  const expected = workflowFiles(plan);
  const read = (name: string) => {
    const file = path.join(project, ".github", "workflows", name);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  };
  return { expected, committed: Object.fromEntries(Object.keys(expected).map((name) => [name, read(name)])) };
}
