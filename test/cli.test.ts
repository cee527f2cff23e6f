import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { builtInEnvironmentsFolder } from "./support/projects";

// End-to-end: the app as `cdktf synth` runs it, and the cdktf CLI itself. Both run in this
// checkout (the CLI reads its cdktf.json) on the built-in set as files the tests own, never
// on what a team keeps in environments/.
const root = path.resolve(__dirname, "..");
const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

function run(command: string, args: string[], env: Record<string, string>) {
  const result = spawnSync(command, args, {
    cwd: root,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", STACKS_CONFIG_DIR: builtInEnvironmentsFolder(), STACKS_ENVIRONMENTS: "", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const runApp = (env: Record<string, string>) => run(process.execPath, ["scripts/run-ts.cjs", "main.ts"], env);

/** One synthesis of the built-in environments by the app itself (what `npm run synth` runs), shared by the tests that read it. */
let appOutput: { outdir: string; result: ReturnType<typeof run> } | undefined;
const synthesizedByApp = () => {
  if (!appOutput) {
    // As deep as the CLI test's output: the bootstrap stacks' local state path is relative to it.
    const outdir = path.join(tempDir("app-"), "cdktf.out");
    appOutput = { outdir, result: runApp({ CDKTF_OUTDIR: outdir }) };
  }
  return appOutput;
};

function badEnvironmentFolder(): string {
  const dir = tempDir("bad-env-");
  fs.writeFileSync(
    path.join(dir, "acme.json"),
    JSON.stringify({ name: "acme", account: { id: "12345", region: "mars-1" }, iomete: { clusterName: "acme", lakehouseBucketName: "Acme_Data" } }),
  );
  return dir;
}

/** Every file below a folder with its content, to compare before and after. */
function snapshotFolder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      files[path.relative(dir, full)] = fs.readFileSync(full, "utf8");
    }
  }
  return files;
}

describe("main.ts", () => {
  it("synthesizes the built-in environments", () => {
    const { outdir, result } = synthesizedByApp();
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual([
      "iomete-data-plane-dev",
      "iomete-data-plane-prod",
      "iomete-data-plane-staging",
      "iomete-kubernetes-dev",
      "iomete-kubernetes-prod",
      "iomete-kubernetes-staging",
      "poolside-dev",
      "poolside-kubernetes-dev",
      "poolside-kubernetes-prod",
      "poolside-kubernetes-staging",
      "poolside-prod",
      "poolside-staging",
      "provisioner-dev",
      "provisioner-prod",
      "provisioner-staging",
      "state-backend-111111111111-eu-west-1",
      "state-backend-222222222222-eu-west-1",
      "state-backend-333333333333-eu-west-1",
    ]);
  });

  it("exits non-zero on bad config, lists every problem without a stack trace, and writes nothing", () => {
    const { outdir, result: good } = synthesizedByApp();
    expect(good.status).toBe(0);
    const before = snapshotFolder(outdir);

    const result = runApp({ CDKTF_OUTDIR: outdir, STACKS_CONFIG_DIR: badEnvironmentFolder() });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Invalid configuration \(3 problems\)/);
    expect(result.stderr).toMatch(/environments\.acme\.account\.id: "12345" must be a 12-digit AWS account id/);
    expect(result.stderr).toMatch(/environments\.acme\.account\.region: "mars-1" must be a known AWS region/);
    expect(result.stderr).toMatch(/environments\.acme\.iomete\.lakehouseBucketName: "Acme_Data" is not a valid S3 bucket name/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(snapshotFolder(outdir)).toEqual(before);
  });

  it("exits non-zero on an unknown environment selection", () => {
    const result = runApp({ CDKTF_OUTDIR: tempDir("out-"), STACKS_ENVIRONMENTS: "qa" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/STACKS_ENVIRONMENTS: "qa" names unknown environment qa; known: dev, prod, staging/);
  });
});

describe("cdktf synth", () => {
  const cdktf = path.join(root, "node_modules", ".bin", "cdktf");

  it("writes every stack, then on bad config fails and leaves cdktf.out as it was", () => {
    const outdir = path.join(tempDir("cli-"), "cdktf.out");
    // Over an earlier output holding a stack of an environment since removed: the CLI removes
    // its folder (the app leaves that to the CLI rather than race it).
    fs.cpSync(synthesizedByApp().outdir, outdir, { recursive: true });
    const removed = path.join(outdir, "stacks", "poolside-gone");
    fs.mkdirSync(path.join(removed, ".terraform"), { recursive: true });
    const good = run(cdktf, ["synth", "--output", outdir], {});
    expect(good.stderr).not.toMatch(/ENOENT|ERROR/);
    expect(good.status).toBe(0);
    expect(fs.existsSync(removed)).toBe(false);
    expect(fs.existsSync(path.join(outdir, "stacks", "iomete-data-plane-prod", "cdk.tf.json"))).toBe(true);
    const before = snapshotFolder(outdir);
    // The CLI and the app run directly (`npm run synth`, a third of the time) write the same bytes.
    expect(before).toEqual(snapshotFolder(synthesizedByApp().outdir));

    const bad = run(cdktf, ["synth", "--output", outdir], { STACKS_CONFIG_DIR: badEnvironmentFolder() });
    expect(bad.status).not.toBe(0);
    expect(bad.stdout + bad.stderr).toMatch(/environments\.acme\.account\.id: "12345" must be a 12-digit AWS account id/);
    expect(snapshotFolder(outdir)).toEqual(before);
  });
});
