import { ConfigError, loadEnvironments, SELECT_VARIABLE } from "./config";
import { formatFindings, RuleViolationError } from "./rules";
import * as path from "path";
import { parseSwitches, runCommand, userFolder, withUserPaths } from "./scripts/cli";
import { defineStacks, OutputWriteError, synthesizeAtomically } from "./stacks/app";

const USAGE = "usage: npm run synth (npx cdktf synth runs the same app)";
const ABOUT =
  "Validates the environments, synthesizes every stack into cdktf.out/stacks/<stack>/cdk.tf.json (CDKTF_OUTDIR names another " +
  "folder) and runs the security rule pack: the whole output or, on any error, nothing. Removes the folders of stacks no longer defined.";

// Wiring only: load and validate the environments, define their stacks, synthesize.
function synthesize(): void {
  try {
    // `npm run synth` runs in the project; paths the user gives are from where they stood.
    const invokedFrom = userFolder(process.env, "synth", process.cwd());
    const environments = loadEnvironments(withUserPaths(process.env, invokedFrom));
    const warnings = synthesizeAtomically(
      // Empty or blank: unset, not the current folder.
      process.env.CDKTF_OUTDIR?.trim() ? path.resolve(invokedFrom, process.env.CDKTF_OUTDIR) : "cdktf.out",
      (app) => defineStacks(app, environments, { bootstrapStateDir: "bootstrap-state" }),
      // The cdktf CLI (it sets SYNTH_HCL_OUTPUT) lists the stack folders before it starts the app and removes those
      // no longer defined after: removed here first, its removal would fail. With a selection (STACKS_ENVIRONMENTS),
      // the other environments' stacks are still defined: their folders stay.
      { removeStacksNoLongerDefined: process.env.SYNTH_HCL_OUTPUT === undefined && !process.env[SELECT_VARIABLE]?.trim() },
    );
    if (warnings.length) console.error(`Security rule warnings (${warnings.length}):\n${formatFindings(warnings)}`);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof RuleViolationError) {
      console.error(error.message);
    } else {
      // cdktf's advice to skip validations would only move the failure to apply.
      const message = error instanceof Error ? error.message.replace(/\n+If you wish to ignore these validations.*$/s, "") : String(error);
      console.error(`Synthesis failed: ${message}`);
      if (process.env.DEBUG) console.error(error);
    }
    if (!(error instanceof OutputWriteError)) console.error("Nothing was written; the previous cdktf.out is unchanged.");
    process.exit(1);
  }
}

// The app takes no arguments (the cdktf CLI passes none): --help answers, anything else is a usage error.
if (process.argv.length > 2) runCommand((context) => void parseSwitches(context.args, {}, USAGE, ABOUT), process.argv.slice(2), "synth");
else synthesize();
