/**
 * `npm run bench`: wall time and peak memory of synthesizing every stack in one
 * process (what `cdktf synth` runs after its own ~2 s start-up), for the
 * built-in environments and for 10 and 30 generated ones, so the cost per added
 * environment shows. Prints figures; asserts nothing (targets are printed next
 * to them), so it never flakes a test run.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { BUILT_IN_ENVIRONMENTS } from "../config/environments";

// run-ts compiles this file as itself, so __dirname is scripts/.
const ROOT = path.resolve(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET = { builtInWallMs: 1000, builtInPeakMiB: 300, perEnvironmentMs: 100 };

interface Scenario {
  readonly label: string;
  readonly environments: number;
  /** Folder of generated environment files; undefined = the built-in set. */
  readonly configDir?: string;
}

interface Measurement {
  readonly wallMs: number;
  readonly peakMiB: number;
  readonly stacks: number;
}

/** Writes `count` valid environment files into a new folder; exported for the test that keeps them valid. */
export function generateEnvironments(count: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-envs-${count}-`));
  for (let i = 0; i < count; i++) {
    // Each environment in its own account, as the built-in ones are: two stacks per environment.
    const account = String(100000000000 + i);
    const env = {
      name: `env${i}`,
      account: { id: account, region: "eu-west-1" },
      tags: { Environment: `env${i}` },
      iomete: {
        clusterName: `iomete-env${i}`,
        lakehouseBucketName: `bench-iomete-env${i}-lakehouse`,
        network: { mode: "create", vpcCidr: `10.${i % 250}.0.0/16`, azCount: 3, natMode: i % 2 ? "per-az" : "single" },
        eks: { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"], clusterAdminArns: [`arn:aws:iam::${account}:role/admin`] },
      },
      provisioner: { github: { repository: "example-org/platform-stacks" } },
    };
    fs.writeFileSync(path.join(dir, `env${i}.json`), JSON.stringify(env));
  }
  return dir;
}

function synthOnce(scenario: Scenario): Measurement {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-out-"));
  const usageFile = path.join(outdir, "usage.json");
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    ["--require", path.join(ROOT, "scripts/peak-memory.cjs"), path.join(ROOT, "scripts/run-ts.cjs"), "main.ts"],
    {
      cwd: ROOT,
      env: { ...process.env, CDKTF_OUTDIR: path.join(outdir, "cdktf.out"), STACKS_CONFIG_DIR: scenario.configDir ?? "", BENCH_USAGE_FILE: usageFile },
      encoding: "utf8",
    },
  );
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`synth failed for ${scenario.label}:\n${result.stderr}`);
  const { maxRssKiB } = JSON.parse(fs.readFileSync(usageFile, "utf8"));
  const stacks = fs.readdirSync(path.join(outdir, "cdktf.out", "stacks")).length;
  fs.rmSync(outdir, { recursive: true, force: true });
  return { wallMs, peakMiB: maxRssKiB / 1024, stacks };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function main(): void {
  const scenarios: Scenario[] = [
    { label: "built-in (dev, staging, prod)", environments: BUILT_IN_ENVIRONMENTS.length },
    { label: "10 generated environments", environments: 10, configDir: generateEnvironments(10) },
    { label: "30 generated environments", environments: 30, configDir: generateEnvironments(30) },
  ];
  console.log(`Synth of all stacks in one process, median of ${RUNS} runs (${os.cpus().length} cores, Node ${process.version})\n`);
  console.log("scenario                          envs  stacks   wall ms   peak MiB");
  const results = scenarios.map((scenario) => {
    synthOnce(scenario); // warm the file-system cache
    const runs = Array.from({ length: RUNS }, () => synthOnce(scenario));
    const result = { scenario, wallMs: median(runs.map((r) => r.wallMs)), peakMiB: median(runs.map((r) => r.peakMiB)), stacks: runs[0].stacks };
    console.log(
      `${scenario.label.padEnd(32)} ${String(scenario.environments).padStart(5)} ${String(result.stacks).padStart(7)} ${result.wallMs.toFixed(0).padStart(9)} ${result.peakMiB.toFixed(0).padStart(10)}`,
    );
    return result;
  });
  for (const s of scenarios) if (s.configDir) fs.rmSync(s.configDir, { recursive: true, force: true });

  const [builtIn, ten, thirty] = results;
  const perEnvironment = (thirty.wallMs - ten.wallMs) / (thirty.scenario.environments - ten.scenario.environments);
  const perEnvironmentMiB = (thirty.peakMiB - ten.peakMiB) / (thirty.scenario.environments - ten.scenario.environments);
  const verdict = (ok: boolean) => (ok ? "within target" : "OVER TARGET");
  console.log(`\ncost per added environment (10 -> 30): ${perEnvironment.toFixed(1)} ms, ${perEnvironmentMiB.toFixed(1)} MiB`);
  console.log(
    `built-in wall   ${builtIn.wallMs.toFixed(0)} ms  (target <= ${TARGET.builtInWallMs} ms): ${verdict(builtIn.wallMs <= TARGET.builtInWallMs)}`,
  );
  console.log(
    `built-in peak   ${builtIn.peakMiB.toFixed(0)} MiB (target <= ${TARGET.builtInPeakMiB} MiB): ${verdict(builtIn.peakMiB <= TARGET.builtInPeakMiB)}`,
  );
  console.log(
    `per environment ${perEnvironment.toFixed(1)} ms  (target <= ${TARGET.perEnvironmentMs} ms): ${verdict(perEnvironment <= TARGET.perEnvironmentMs)}`,
  );
}

// Run as a command, not when a test imports generateEnvironments.
if (process.argv[1] === __filename) main();
