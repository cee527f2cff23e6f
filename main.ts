import { ConfigError, loadEnvironments } from "./config";
import { formatFindings, RuleViolationError } from "./rules";
import { defineStacks, OutputWriteError, synthesizeAtomically } from "./stacks/app";

// Wiring only: load and validate the environments, define their stacks, synthesize.
try {
  const environments = loadEnvironments();
  const warnings = synthesizeAtomically(
    process.env.CDKTF_OUTDIR ?? "cdktf.out",
    (app) => defineStacks(app, environments, { bootstrapStateDir: "bootstrap-state" }),
    // The cdktf CLI (it sets SYNTH_HCL_OUTPUT) lists the stack folders before it starts the app and removes those
    // no longer defined after: removed here first, its removal would fail.
    { removeStacksNoLongerDefined: process.env.SYNTH_HCL_OUTPUT === undefined },
  );
  if (warnings.length) console.error(`Security rule warnings (${warnings.length}):\n${formatFindings(warnings)}`);
} catch (error) {
  if (error instanceof ConfigError || error instanceof RuleViolationError) {
    console.error(error.message);
  } else {
    console.error(`Synthesis failed: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.DEBUG) console.error(error);
  }
  if (!(error instanceof OutputWriteError)) console.error("Nothing was written; the previous cdktf.out is unchanged.");
  process.exit(1);
}
