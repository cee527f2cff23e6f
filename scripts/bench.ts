/**
 * `npm run bench`: wall time and peak memory of synthesizing every stack in one
 * process (`npm run synth`; `cdktf synth` runs the same after its own start-up,
 * measured too), for the built-in environments and for 10, 100 and 200 generated ones,
 * so the cost per added environment shows, and whether it stays linear; then the deployer
 * policies' derivation.
 * `npm run bench -- --suite` adds the full simulation and the whole test suite.
 * Prints figures next to their targets and to what they were before the speed work
 * (issue 17); asserts nothing, so it never flakes a test run.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { App } from "cdktf";
import { builtInEnvironments } from "../config";
import { BUILT_IN_ENVIRONMENTS } from "../config/environments";
import { deployerPolicySet, planPolicySet } from "../permissions";
import { defineStacks } from "../stacks/app";
import { ProvisionerStack } from "../stacks/provisioner-stack";
import { Command, parseSwitches, runCommand } from "./cli";

// run-ts compiles this file as itself, so __dirname is scripts/.
const ROOT = path.resolve(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET = { builtInWallMs: 500, builtInPeakMiB: 150, perEnvironmentMs: 50, suiteWallS: 30 };
/** Measured on this 2-core machine before the speed work (issue 17, 2026-11; 12 built-in stacks then, 15 now). */
const BEFORE = { builtInWallMs: 860, builtInPeakMiB: 117, perEnvironmentMs: 72, cliSynthMs: 6000, simulationWallS: 17, suiteWallS: 63 };
/**
 * The same figures while the app and the tests still wrote into cdktf's and Node's internals (until
 * issue 29, measured 2026-12-08 on this machine, 18 stacks): cdktf's token stack traces switched off
 * and its cross-stack preparation skipped. What removing them cost is the difference to "now":
 * cdktf records a full stack trace for every token (about 1,400 per environment) and keeps it.
 */
const PATCHED = {
  builtInWallMs: 1652,
  builtInPeakMiB: 146,
  perEnvironmentMs: 70.9,
  twoHundred: "14.9 s, 406 MiB",
  cliSynthMs: 4653,
  simulationWallS: 25.0,
  suiteWallS: 118.6,
};

interface Scenario {
  readonly label: string;
  readonly environments: number;
  /** Folder of the environment files: the built-in set written out, or generated ones (never the team's environments/). */
  readonly configDir: string;
  /** How many measured runs (their median); large sets take tens of seconds each. @default RUNS */
  readonly runs?: number;
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
      kind: "development",
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
      env: { ...process.env, CDKTF_OUTDIR: path.join(outdir, "cdktf.out"), STACKS_CONFIG_DIR: scenario.configDir, BENCH_USAGE_FILE: usageFile },
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

function main(withSuite: boolean): void {
  const scenarios: Scenario[] = [
    { label: "built-in (dev, staging, prod)", environments: BUILT_IN_ENVIRONMENTS.length, configDir: builtInEnvironmentFiles() },
    { label: "10 generated environments", environments: 10, configDir: generateEnvironments(10) },
    { label: "100 generated environments", environments: 100, configDir: generateEnvironments(100), runs: 1 },
    { label: "200 generated environments", environments: 200, configDir: generateEnvironments(200), runs: 1 },
  ];
  console.log(`Synth of all stacks in one process, median of ${RUNS} runs (${os.cpus().length} cores, Node ${process.version})\n`);
  console.log("scenario                          envs  stacks   wall ms   peak MiB");
  const results = scenarios.map((scenario) => {
    if (!scenario.runs) synthOnce(scenario); // warm the file-system cache
    const runs = Array.from({ length: scenario.runs ?? RUNS }, () => synthOnce(scenario));
    const result = { scenario, wallMs: median(runs.map((r) => r.wallMs)), peakMiB: median(runs.map((r) => r.peakMiB)), stacks: runs[0].stacks };
    console.log(
      `${scenario.label.padEnd(32)} ${String(scenario.environments).padStart(5)} ${String(result.stacks).padStart(7)} ${result.wallMs.toFixed(0).padStart(9)} ${result.peakMiB.toFixed(0).padStart(10)}`,
    );
    return result;
  });

  const [builtIn, ten, hundred, twoHundred] = results;
  const slope = (from: (typeof results)[number], to: (typeof results)[number], of: "wallMs" | "peakMiB") =>
    (to[of] - from[of]) / (to.scenario.environments - from.scenario.environments);
  const perEnvironment = slope(ten, twoHundred, "wallMs");
  const verdict = (ok: boolean) => (ok ? "within target" : "OVER TARGET");
  for (const [from, to] of [
    [ten, hundred],
    [hundred, twoHundred],
  ]) {
    const range = `${from.scenario.environments} -> ${to.scenario.environments}`;
    console.log(`cost per added environment (${range}): ${slope(from, to, "wallMs").toFixed(1)} ms, ${slope(from, to, "peakMiB").toFixed(1)} MiB`);
  }
  // Linear: the second hundred environments cost each about what the first ones did (within a quarter).
  const linear = slope(hundred, twoHundred, "wallMs") <= 1.25 * slope(ten, hundred, "wallMs");
  console.log(`cost per environment stays linear up to 200: ${linear ? "yes" : "NO, it grows with the set"}`);
  console.log(
    `built-in wall   ${builtIn.wallMs.toFixed(0)} ms  (target <= ${TARGET.builtInWallMs} ms): ${verdict(builtIn.wallMs <= TARGET.builtInWallMs)}`,
  );
  console.log(
    `built-in peak   ${builtIn.peakMiB.toFixed(0)} MiB (target <= ${TARGET.builtInPeakMiB} MiB): ${verdict(builtIn.peakMiB <= TARGET.builtInPeakMiB)}`,
  );
  console.log(
    `per environment ${perEnvironment.toFixed(1)} ms  (target <= ${TARGET.perEnvironmentMs} ms): ${verdict(perEnvironment <= TARGET.perEnvironmentMs)}`,
  );

  const cli = median(
    Array.from({ length: 3 }, () =>
      timed(() =>
        run(path.join(ROOT, "node_modules/.bin/cdktf"), ["synth", "--output", scratch("bench-cli-")], {
          STACKS_CONFIG_DIR: builtIn.scenario.configDir,
        }),
      ),
    ),
  );
  const derivation = derivationMs();
  printComparison({ builtIn, perEnvironment, twoHundred, cli, derivation }, withSuite);
  for (const s of scenarios) fs.rmSync(s.configDir, { recursive: true, force: true });
}

/** The figures beside those before the speed work, those with cdktf patched, and the targets. */
function printComparison(
  now: { builtIn: Measurement; perEnvironment: number; twoHundred: Measurement; cli: number; derivation: number },
  withSuite: boolean,
): void {
  const { builtIn, perEnvironment, twoHundred, cli, derivation } = now;
  const rows: Array<[string, string, string, string, string]> = [
    [
      "app synth, built-in set",
      `${BEFORE.builtInWallMs} ms`,
      `${PATCHED.builtInWallMs} ms`,
      `${builtIn.wallMs.toFixed(0)} ms`,
      `${TARGET.builtInWallMs} ms`,
    ],
    [
      "app synth peak memory",
      `${BEFORE.builtInPeakMiB} MiB`,
      `${PATCHED.builtInPeakMiB} MiB`,
      `${builtIn.peakMiB.toFixed(0)} MiB`,
      `${TARGET.builtInPeakMiB} MiB`,
    ],
    [
      "cost per added environment (10 -> 200)",
      `${BEFORE.perEnvironmentMs} ms`,
      `${PATCHED.perEnvironmentMs} ms`,
      `${perEnvironment.toFixed(1)} ms`,
      `${TARGET.perEnvironmentMs} ms`,
    ],
    [
      "200 environments, wall and peak",
      "26.6 s, 427 MiB",
      PATCHED.twoHundred,
      `${(twoHundred.wallMs / 1000).toFixed(1)} s, ${twoHundred.peakMiB.toFixed(0)} MiB`,
      "-",
    ],
    ["npx cdktf synth (CLI start-up + app)", `${BEFORE.cliSynthMs} ms`, `${PATCHED.cliSynthMs} ms`, `${cli.toFixed(0)} ms`, "-"],
    ["policy derivation, built-in set", "-", "-", `${derivation.toFixed(0)} ms`, "-"],
  ];
  if (withSuite) rows.push(...suiteRows());
  console.log("\nbefore the speed work (issue 17) / with cdktf patched (until issue 29) / now / target");
  for (const [what, before, patched, now, target] of rows)
    console.log(`${what.padEnd(38)} ${before.padStart(16)} ${patched.padStart(16)} ${now.padStart(16)} ${target.padStart(9)}`);
}

/** The full simulation and the whole suite, warm and as a new machine runs them, as rows of the comparison. */
function suiteRows(): Array<[string, string, string, string, string]> {
  const jest = path.join(ROOT, "node_modules/.bin/jest");
  const simulation = timed(() => run(jest, ["test/permissions/simulation-"])) / 1000;
  const suite = timed(() => run(jest, [])) / 1000;
  // As a new machine (CI) runs it: Jest's cache and the tools' caches (scripts/cache-dir.cjs) empty.
  const empty = path.dirname(scratch("bench-cold-"));
  const cold =
    timed(() => run(jest, ["--cacheDirectory", path.join(empty, "jest")], { PLATFORM_STACKS_CACHE_DIR: path.join(empty, "tools") })) / 1000;
  return [
    ["full simulation (3 files)", `${BEFORE.simulationWallS} s`, `${PATCHED.simulationWallS} s`, `${simulation.toFixed(1)} s`, "-"],
    ["test suite, wall", `${BEFORE.suiteWallS} s`, `${PATCHED.suiteWallS} s`, `${suite.toFixed(1)} s`, `${TARGET.suiteWallS} s`],
    ["test suite, wall, no caches", "-", "-", `${cold.toFixed(1)} s`, `${TARGET.suiteWallS} s`],
  ];
}

/**
 * The built-in environments as files (`<name>.json`) in a new folder under TMPDIR, for a process that
 * must read them from files: so a team's environments/ in this checkout is not what the bench
 * measures, nor what the tests that start the cdktf CLI synthesize.
 */
export function builtInEnvironmentFiles(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "built-in-environments-"));
  for (const input of BUILT_IN_ENVIRONMENTS) fs.writeFileSync(path.join(dir, `${input.name}.json`), JSON.stringify(input));
  return dir;
}

function scratch(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, "out");
}

function run(command: string, args: string[], env: Record<string, string> = {}): void {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", STACKS_CONFIG_DIR: "", ...env },
  });
  if (result.status !== 0) throw new Error(`${path.basename(command)} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
}

function timed(action: () => void): number {
  const started = performance.now();
  action();
  return performance.now() - started;
}

/** Deriving every vendor stack's deployer and plan policies of the built-in set (the stacks defined once, outside the timing). */
function derivationMs(): number {
  const environments = builtInEnvironments();
  const app = new App({ outdir: scratch("bench-derive-"), stackTraces: false });
  const stacks = defineStacks(app, environments);
  const provisioners = stacks.filter((s): s is ProvisionerStack => s instanceof ProvisionerStack);
  return median(
    Array.from({ length: RUNS }, () =>
      timed(() => {
        for (const provisioner of provisioners) {
          const env = environments.find((e) => provisioner.node.id === `provisioner-${e.name}`)!;
          for (const vendor of provisioner.vendors) {
            deployerPolicySet(env, vendor);
            planPolicySet(env, vendor);
          }
        }
      }),
    ),
  );
}

const USAGE = "usage: npm run bench [-- --suite]";
const ABOUT =
  "Measures synthesis of every stack (wall time, peak memory) for the built-in set and 10, 100 and 200 generated environments, " +
  "`npx cdktf synth`, and the policies' derivation, beside their targets; takes about a minute and asserts nothing.";

export const benchCommand: Command = (context) => {
  const suite = "also times the simulation tests and the whole suite, warm and cold (minutes)";
  // No environments footer: the bench measures the built-in set and generated ones, never the project's.
  const switches = parseSwitches(context.args, { suite }, USAGE, ABOUT, "");
  main(switches.has("suite"));
};

// Run as a command, not when a test imports generateEnvironments.
if (process.argv[1] === __filename) runCommand(benchCommand, process.argv.slice(2), "bench");
