/**
 * `npm run docs`: writes what the documentation states that the code decides, so it is never
 * typed by hand: docs/configuration.md (every field of an environment file, from the schema)
 * and the README's figures (stacks of the built-in set, the built-in prod's policy figures).
 * It rewrites only its own file (it starts with its marker) and the README's marked block.
 * `npm test` fails while either is stale.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { builtInEnvironments } from "../../config";
import { modelOfStack } from "../../permissions/model";
import { figuresOf, providerOperationCount } from "../../permissions/review/report";
import { iometePublishedActionCount } from "../../permissions/review/vendor-baseline";
import { defineStacks } from "../../stacks/app";
import { ProvisionerStack } from "../../stacks/provisioner-stack";
import { Command, parseFlags, UsageError } from "../cli";
import { configurationReference, markdownTable, REFERENCE_MARKER } from "../config-reference";
import { writeFileWhole } from "../owned-folder";

const USAGE = "usage: npm run docs";
const ABOUT =
  "Writes docs/configuration.md from the schema (config/schema.ts: types, defaults, doc comments) and the README's figures " +
  "(between its figures markers) from the built-in set. Run it after changing the schema or the policies; npm test fails while they are stale.";

export const FIGURES_START = "<!-- figures: written by `npm run docs` from the built-in set; do not edit by hand -->";
export const FIGURES_END = "<!-- end of figures -->";
export const REFERENCE_FILE = path.join("docs", "configuration.md");

export const docsCommand: Command = async (context) => {
  parseFlags(context.args, {}, USAGE, ABOUT);
  const reference = path.join(context.cwd, REFERENCE_FILE);
  const readme = path.join(context.cwd, "README.md");
  if (fs.existsSync(reference) && !fs.readFileSync(reference, "utf8").startsWith(REFERENCE_MARKER)) {
    throw new UsageError(`${reference} exists and was not written by this command (no marker line); move it away, nothing was written`);
  }
  const files = await generatedDocs(readFile(readme), readme, reference);
  for (const [file, text] of Object.entries(files)) writeFileWhole(file, text);
  context.print(`Wrote ${Object.keys(files).join(", ")}`);
};

/** What the command writes, by file: the reference, and the README with its figures. */
export async function generatedDocs(readme: string, readmeFile: string, referenceFile: string): Promise<Record<string, string>> {
  return { [referenceFile]: configurationReference(), [readmeFile]: withFigures(readme, readmeFile, await builtInFigures()) };
}

function readFile(file: string): string {
  if (!fs.existsSync(file)) throw new UsageError(`${file} does not exist; nothing was written`);
  return fs.readFileSync(file, "utf8");
}

/** The README with its figures block replaced; refused when the markers are not there once each, in order. */
export function withFigures(readme: string, file: string, figures: string): string {
  const start = readme.indexOf(FIGURES_START);
  const end = readme.indexOf(FIGURES_END);
  if (start < 0 || end < start || readme.indexOf(FIGURES_START, start + 1) >= 0) {
    throw new UsageError(`${file} needs the lines ${FIGURES_START} and ${FIGURES_END}, once each, in that order; nothing was written`);
  }
  return `${readme.slice(0, start + FIGURES_START.length)}\n\n${figures}\n\n${readme.slice(end)}`;
}

/** The README's figures: what the built-in set defines and the built-in prod's deployer policies beside the vendors' lists. */
export async function builtInFigures(): Promise<string> {
  const environments = builtInEnvironments();
  const app = new App({ outdir: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "docs-")), "out"), stackTraces: false });
  const stacks = defineStacks(app, environments);
  const prod = stacks.find((s): s is ProvisionerStack => s instanceof ProvisionerStack && s.node.id === "provisioner-prod")!;
  const iomete = (await iometePublishedActionCount()).actions;
  const number = (n: number) => n.toLocaleString("en-US");
  const rows: string[][] = [...prod.policySets].map(([stackId, set]) => {
    const f = figuresOf(set);
    const model = modelOfStack(app.node.findChild(stackId) as never);
    const vendor = stackId.startsWith("iomete-data-plane-")
      ? `${number(iomete)} actions on any resource`
      : stackId.startsWith("iomete-")
        ? "(in the data plane's list)"
        : 'none published ("extensive permissions on *")';
    const figures = [f.actions, f.statements, f.policies, f.characters, f.wildcardActions, providerOperationCount(model)];
    return [`\`${stackId}\``, ...figures.map(number), vendor];
  });
  fs.rmSync(path.dirname(app.outdir), { recursive: true, force: true });
  return [
    `The built-in set (${environments.map((e) => `\`${e.name}\``).join(", ")}) defines ${stacks.length} stacks. The deployer policies of the built-in \`prod\`,`,
    "derived from its stacks (`npm run report -- --env <env>` prints them for any environment):",
    "",
    markdownTable(
      [
        "stack",
        "actions granted",
        "statements",
        "managed policies",
        "characters",
        "actions on `*`",
        "Terraform operations proven",
        "vendor's published list",
      ],
      rows,
    ),
  ].join("\n");
}
