import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformVariable, Testing } from "cdktf";
import { parse } from "yaml";
import { ClusterSideStack } from "../../stacks/cluster-side-stack";
import { resources } from "../support/helpers";
import { runTerraform, terraformBinary } from "./terraform";

/**
 * Helm values reach Terraform as one `yamlencode(...)` expression that cdktf writes out, and a
 * user's values (Poolside's application values) may hold any text. Terraform itself evaluates
 * the expression the stack wrote: what the chart gets must be what was given.
 */
const TRICKY = {
  quote: 'say "hi"',
  backslash: "C:\\path\\to",
  newline: "two\nlines",
  interpolation: "literal ${not.a.reference}",
  directive: "literal %{ if true }x%{ endif }",
  both: 'a "quoted" \\ mix of %{ all } ${ three }',
  unicode: "café ✓",
  nested: [{ 'key "with" quote': "value" }],
};

class ValuesProbe extends ClusterSideStack {
  constructor(scope: App) {
    super(scope, "values-probe");
    const reference = new TerraformVariable(this, "reference", { type: "string" });
    this.release("probe", {
      name: "probe",
      chart: "probe",
      namespace: "default",
      values: { ...TRICKY, mixed: `"${reference.stringValue}" \\ %{ ok }` },
    });
  }
}

it("gives a chart exactly the values it was given, quotes, backslashes and template markers included, references resolved", async () => {
  const json = JSON.parse(Testing.synth(new ValuesProbe(Testing.app())));
  const [release] = resources(json, "helm_release");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "helm-values-"));
  try {
    fs.writeFileSync(
      path.join(dir, "main.tf.json"),
      JSON.stringify({ variable: { reference: { default: "resolved" } }, output: { values: { value: release.values[0] } } }),
    );
    const binary = terraformBinary();
    for (const args of [
      ["init", "-input=false"],
      ["apply", "-auto-approve", "-input=false"],
    ]) {
      const result = await runTerraform(binary, args, dir);
      if (result.status !== 0) throw new Error(`terraform ${args[0]} failed:\n${result.output}`);
    }
    const result = await runTerraform(binary, ["output", "-json", "values"], dir);
    // The YAML, as one JSON string on its own line (after any warning of Terraform's about its CLI configuration).
    const yaml: string = JSON.parse(result.output.split("\n").find((line) => line.startsWith('"'))!);
    expect(parse(yaml)).toEqual({ ...TRICKY, mixed: '"resolved" \\ %{ ok }' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
