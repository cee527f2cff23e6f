import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { builtInEnvironmentFiles } from "../../scripts/bench";

/**
 * Folders the tests own, so that what a team keeps in this checkout's `environments/`
 * never decides a product test: a project folder stands in for a checkout, and the
 * built-in and team environment sets are written out as files.
 */

/** The team set the suite proves the product with: three files, JSON and YAML, each setting `kind`. */
export const TEAM_ENVIRONMENTS_FOLDER = path.join(__dirname, "..", "fixtures", "team-environments");

/** The team set's files by name, to copy or alter. */
export function teamEnvironmentFiles(): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(TEAM_ENVIRONMENTS_FOLDER)
      .filter((name) => /\.(json|ya?ml)$/.test(name))
      .map((name) => [name, fs.readFileSync(path.join(TEAM_ENVIRONMENTS_FOLDER, name), "utf8")]),
  );
}

/**
 * A new folder standing in for a team's checkout: with files, they are its `environments/`;
 * without, it has none, so the commands and the app read the built-in set.
 */
export function projectFolder(environmentFiles?: Record<string, string>): string {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "project-"));
  if (environmentFiles) {
    fs.mkdirSync(path.join(project, "environments"));
    for (const [name, text] of Object.entries(environmentFiles)) fs.writeFileSync(path.join(project, "environments", name), text);
  }
  return project;
}

let builtInFolder: string | undefined;
/** The built-in environments as files, once per test file, for a process that must run in this checkout (the cdktf CLI reads its cdktf.json). */
export function builtInEnvironmentsFolder(): string {
  return (builtInFolder ??= builtInEnvironmentFiles());
}

let emptyProject: string | undefined;
/** One project folder without environments/ for a test file's commands: they read the built-in set and write nothing here. */
export function builtInProject(): string {
  return (emptyProject ??= projectFolder());
}
