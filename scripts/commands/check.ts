/**
 * `npm run check`: synthesizes every stack, runs the security rule pack and
 * prints every finding (errors and warnings) and every suppression with its
 * reason. Exits 1 when a rule finds an error, as `cdktf synth` does.
 */
import { App } from "cdktf";
import { loadEnvironments } from "../../config";
import { checkSynthesizedApp, suppressionsOf } from "../../rules";
import { defineStacks } from "../../stacks/app";
import { Command, parseFlags } from "../cli";

export const checkCommand: Command = (context) => {
  parseFlags(
    context.args,
    {},
    "usage: npm run check",
    "Synthesizes every stack in a scratch folder, runs the security rule pack and prints every finding and every suppression " +
      "with its reason. Exits 1 when a rule finds an error, as synthesis does.",
  );
  const outdir = context.scratch("check-");
  const app = new App({ outdir, stackTraces: false });
  const stacks = defineStacks(app, loadEnvironments(context.env, context.cwd));
  app.synth();
  const findings = checkSynthesizedApp(app, outdir);
  const rows = findings.map((f) => [f.level, f.ruleId, f.stackId, f.path, f.message]);
  const header = ["level", "rule", "stack", "construct", "finding"];
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const line = (cells: string[]) => cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i]) : c)).join("  ");
  context.print(
    `Security rules over ${stacks.length} stacks: ${findings.filter((f) => f.level === "error").length} errors, ${findings.filter((f) => f.level === "warning").length} warnings\n`,
  );
  if (rows.length) context.print([line(header), ...rows.map(line)].join("\n"));
  const suppressed = suppressionsOf(app);
  context.print(`\nSuppressions (${suppressed.length}):`);
  for (const s of suppressed) context.print(`  ${s.ruleId} at ${s.path}: ${s.reason}`);
  return findings.some((f) => f.level === "error") ? 1 : 0;
};
