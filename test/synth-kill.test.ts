import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * A synth killed (SIGKILL: nothing of it runs after) at each point of putting its output in
 * place leaves the earlier output or the new one, whole, or (between the two renames) the
 * earlier one set aside, which the next synth puts back; the next synth then finishes, keeps
 * Terraform's files of the live stack, and leaves no scratch folder behind.
 */
const root = path.resolve(__dirname, "..");
const CHILD = path.join(root, "test", "fixtures", "synth-kill", "child.ts");

function synth(outdir: string, label: string, killAt?: string) {
  return spawnSync(process.execPath, [path.join(root, "scripts", "run-ts.cjs"), CHILD, outdir, label, ...(killAt ? [killAt] : [])], {
    encoding: "utf8",
    timeout: 60_000,
  });
}

/** Which run's output the folder holds: the label its one stack outputs, or "none" when there is no output. */
function labelIn(outdir: string): string {
  if (!fs.existsSync(outdir)) return "none";
  return JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "alone", "cdk.tf.json"), "utf8")).output.label.value;
}

it.each([
  ["synthesized", ["old"]],
  ["carried", ["old"]],
  ["old-set-aside", ["none"]],
  ["new-in-place", ["new"]],
])("killed once %s, leaves the earlier or the new output whole, and the next synth finishes cleanly", (step, states) => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "kill-"));
  const outdir = path.join(parent, "cdktf.out");
  expect(synth(outdir, "old").status).toBe(0);
  const terraformFile = path.join(outdir, "stacks", "alone", ".terraform", "terraform.tfstate");
  fs.mkdirSync(path.dirname(terraformFile));
  fs.writeFileSync(terraformFile, "the backend's settings");

  const killed = synth(outdir, "new", step);
  expect(killed.signal).toBe("SIGKILL");
  expect(states).toContain(labelIn(outdir));
  if (labelIn(outdir) !== "none") expect(fs.readFileSync(terraformFile, "utf8")).toBe("the backend's settings");

  const next = synth(outdir, "next");
  expect(next.status).toBe(0);
  expect(labelIn(outdir)).toBe("next");
  expect(fs.readFileSync(terraformFile, "utf8")).toBe("the backend's settings");
  expect(fs.readdirSync(parent)).toEqual(["cdktf.out"]);
});

it("a synth into another folder of the same parent leaves a killed synth's set-aside output alone", () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "kill-"));
  const [a, b] = ["a.out", "b.out"].map((name) => path.join(parent, name));
  expect(synth(a, "old").status).toBe(0);
  expect(synth(a, "new", "old-set-aside").signal).toBe("SIGKILL");
  expect(synth(b, "other").status).toBe(0);
  expect(labelIn(b)).toBe("other");
  // a's earlier output is still beside it, and its next synth puts it back before replacing it.
  expect(fs.readdirSync(parent).filter((name) => name.endsWith("-old"))).toHaveLength(1);
  expect(synth(a, "next").status).toBe(0);
  expect(labelIn(a)).toBe("next");
  expect(fs.readdirSync(parent).sort()).toEqual(["a.out", "b.out"]);
});
