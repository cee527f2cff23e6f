import { spawn, spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { COMMANDS } from "../scripts/commands";
import { execute, userFolder } from "../scripts/cli";
import { runInProcess } from "./support/commands";
import { builtInProject, projectFolder } from "./support/projects";

// The policy and report commands as a security team runs them. Most cases run the
// command in this process (test/support/commands.ts); a few start it as `npm run` does, to
// prove the entry (scripts/run-command.ts), its exit codes and its streams.
const root = path.resolve(__dirname, "..");
const run = (script: string, args: string[], options: { cwd?: string; tmpdir?: string } = {}) =>
  runInProcess(COMMANDS[script], args, { cwd: options.cwd, env: options.tmpdir ? { TMPDIR: options.tmpdir } : {} });
/** The command line package.json runs for `npm run <command> -- <args>`: the entry, then the command and its arguments. */
const commandLine = (...commandAndArgs: string[]) => [
  path.join(root, "scripts/run-ts.cjs"),
  path.join(root, "scripts/run-command.ts"),
  ...commandAndArgs,
];
// In a project folder of the tests' own (the built-in set), as runInProcess does.
const spawned = (...commandAndArgs: string[]) =>
  spawnSync(process.execPath, commandLine(...commandAndArgs), {
    cwd: builtInProject(),
    encoding: "utf8",
    env: { ...process.env, STACKS_CONFIG_DIR: "" },
    timeout: 60_000,
  });
const made: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "out-"));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Every file below a folder with its content, to prove a refused command touched nothing. */
const contents = (dir: string) =>
  Object.fromEntries(
    (fs.readdirSync(dir, { recursive: true }) as string[])
      .map(String)
      .filter((f) => fs.statSync(path.join(dir, f)).isFile())
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]),
  );

const MARKER = ".platform-stacks-output.json";

describe("output folders: a command writes only what it owns", () => {
  it("writes into a new folder, marks it, rewrites its own output (--stack: that stack's files only), and leaves no temp folder", async () => {
    const tmp = tempDir();
    const out = path.join(tempDir(), "review");
    expect((await run("policy", ["--env", "dev", "--out", out], { tmpdir: tmp })).status).toBe(0);
    const marker = JSON.parse(fs.readFileSync(path.join(out, ".platform-stacks-output.json"), "utf8"));
    expect(marker.command).toBe("npm run policy");
    const first = contents(out);
    // Each file with the hash of what was written, so a later run can tell a file the user changed.
    const deployer = "iomete-data-plane-dev/iomete-data-plane-dev-deployer-1.json";
    expect(marker.files[deployer]).toBe(crypto.createHash("sha256").update(first[deployer]).digest("hex"));
    // Readable as any new folder is (the umask's mode), not private to its writer.
    expect(fs.statSync(out).mode & 0o777).toBe(0o777 & ~process.umask());
    // --stack rewrites that stack's files; the other stacks' stay as they were.
    fs.rmSync(path.join(out, "poolside-dev", "poolside-dev-deployer-1.json"));
    expect((await run("policy", ["--env", "dev", "--stack", "poolside-dev", "--out", out], { tmpdir: tmp })).status).toBe(0);
    expect(contents(out)).toEqual(first);
    // A file an earlier run wrote and this one no longer writes (a stack since removed) is dropped.
    fs.mkdirSync(path.join(out, "poolside-gone"));
    fs.writeFileSync(path.join(out, "poolside-gone", "old.json"), "{}\n");
    marker.files["poolside-gone/old.json"] = crypto.createHash("sha256").update("{}\n").digest("hex");
    fs.writeFileSync(path.join(out, ".platform-stacks-output.json"), JSON.stringify(marker));
    expect((await run("policy", ["--env", "dev", "--out", out], { tmpdir: tmp })).status).toBe(0);
    expect(contents(out)).toEqual(first);
    expect((await run("report", ["--env", "dev", "--out", path.join(path.dirname(out), "reports")], { tmpdir: tmp })).status).toBe(0);
    // Nothing left behind: no scratch folder beside the output, nothing in TMPDIR.
    expect(fs.readdirSync(path.dirname(out)).sort()).toEqual(["reports", "review"]);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it("keeps a file the user changed since it wrote it, names it, and rewrites the rest", async () => {
    const out = path.join(tempDir(), "review");
    expect((await run("policy", ["--env", "dev", "--out", out])).status).toBe(0);
    const first = contents(out);
    const edited = "iomete-data-plane-dev/iomete-data-plane-dev-deployer-1.json";
    const deleted = "iomete-data-plane-dev/iomete-data-plane-dev-deployer-trust.json";
    const reviewed = '{ "reviewed": "by the security team" }\n';
    fs.writeFileSync(path.join(out, edited), reviewed);
    // Whether the run writes that stack (no --stack) or another (--stack poolside-dev), the edited file is kept and named.
    for (const args of [["--stack", "poolside-dev"], []]) {
      fs.rmSync(path.join(out, deleted), { force: true });
      const result = await run("policy", ["--env", "dev", ...args, "--out", out]);
      expect(result.status).toBe(0);
      expect(result.stderr).toBe(
        `Kept 1 file(s) changed since this command wrote them, as they are: ${edited}. Move or delete one and run the command again to get what it writes now.\n`,
      );
      expect(result.stdout.includes(`  ${edited} (kept yours: see below)`)).toBe(args.length === 0);
      // The rest is what the command writes: a file deleted since comes back when the run writes its stack.
      const { [MARKER]: _now, ...now } = contents(out);
      const { [MARKER]: _before, [deleted]: deletedText, ...rest } = first;
      expect(now).toEqual({ ...rest, [edited]: reviewed, ...(args.length ? {} : { [deleted]: deletedText }) });
    }
  });

  it("finishes a write a kill interrupted between its two renames, and keeps an edit's bytes and mode as they are", async () => {
    const parent = tempDir();
    const out = path.join(parent, "review");
    expect((await runInProcess(COMMANDS.policy, ["--env", "dev", "--out", out])).status).toBe(0);
    const edited = path.join(out, "poolside-dev", "poolside-dev-deployer-1.json");
    // Latin-1, not UTF-8, and executable: kept byte for byte, mode too.
    fs.writeFileSync(edited, Buffer.from([0x7b, 0xe9, 0x7d, 0x0a]));
    fs.chmodSync(edited, 0o750);
    // The kill: the previous output moved aside, the new one never put in place.
    fs.renameSync(out, path.join(parent, ".review-new-0123456789ab-old"));
    fs.mkdirSync(path.join(parent, ".review-new-ba9876543210"));
    const result = await runInProcess(COMMANDS.policy, ["--env", "dev", "--out", out]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(
      /^Kept 1 file\(s\) changed since this command wrote them, as they are: poolside-dev\/poolside-dev-deployer-1\.json\./,
    );
    expect(fs.readFileSync(edited)).toEqual(Buffer.from([0x7b, 0xe9, 0x7d, 0x0a]));
    expect(fs.statSync(edited).mode & 0o777).toBe(0o750);
    expect(fs.readdirSync(parent)).toEqual(["review"]);
  });

  it("keeps every file of an output written before the marker held hashes, then and on the next run", async () => {
    const out = path.join(tempDir(), "review");
    fs.mkdirSync(path.join(out, "poolside-dev"), { recursive: true });
    fs.writeFileSync(path.join(out, "poolside-dev", "poolside-dev-deployer-1.json"), "{}\n");
    fs.writeFileSync(path.join(out, MARKER), JSON.stringify({ command: "npm run policy", files: ["poolside-dev/poolside-dev-deployer-1.json"] }));
    for (let run = 0; run < 2; run++) {
      const result = await runInProcess(COMMANDS.policy, ["--env", "dev", "--out", out]);
      expect(result.status).toBe(0);
      expect(result.stderr).toMatch(
        /^Kept 1 file\(s\) changed since this command wrote them, as they are: poolside-dev\/poolside-dev-deployer-1\.json\./,
      );
      expect(fs.readFileSync(path.join(out, "poolside-dev", "poolside-dev-deployer-1.json"), "utf8")).toBe("{}\n");
    }
  });

  it("resolves a relative --out from where the user stood (npm's INIT_CWD), the default from the project", async () => {
    const project = projectFolder();
    const subfolder = path.join(project, "review", "q4");
    fs.mkdirSync(subfolder, { recursive: true });
    let stdout = "";
    const status = await execute(COMMANDS.policy, ["--env", "dev", "--out", "policies"], {
      cwd: project,
      invokedFrom: subfolder,
      env: { ...process.env, STACKS_CONFIG_DIR: "", STACKS_ENVIRONMENTS: "" },
      stdout: (text) => (stdout += text),
      stderr: () => undefined,
    });
    expect(status).toBe(0);
    expect(fs.existsSync(path.join(subfolder, "policies", "poolside-dev"))).toBe(true);
    expect(stdout).toMatch(/^Wrote the policy documents for dev \(\d+ files\) to policies\/:/);
    expect((await runInProcess(COMMANDS.policy, ["--env", "dev"], { cwd: project })).status).toBe(0);
    expect(fs.existsSync(path.join(project, "policies", "dev", "poolside-dev"))).toBe(true);
    // npm names that folder only for the script it runs; a process another script started keeps its own folder.
    expect(userFolder({ npm_lifecycle_event: "policy", INIT_CWD: subfolder }, "policy", project)).toBe(subfolder);
    expect(userFolder({ npm_lifecycle_event: "test", INIT_CWD: subfolder }, "policy", project)).toBe(project);
    expect(userFolder({ npm_lifecycle_event: "policy" }, "policy", project)).toBe(project);
  });

  it("writes into an empty folder", async () => {
    const out = tempDir();
    expect((await run("report", ["--env", "dev", "--out", out])).status).toBe(0);
    expect(fs.existsSync(path.join(out, "iomete-data-plane-dev.md"))).toBe(true);
  });

  it.each<[string, (dir: string) => void, RegExp]>([
    [
      "a folder of someone's notes",
      (dir) => fs.writeFileSync(path.join(dir, "notes.txt"), "mine"),
      /holds 1 file\(s\) this command did not write \(notes\.txt\)/,
    ],
    [
      "its own output with a file added since",
      (dir) => {
        fs.writeFileSync(path.join(dir, ".platform-stacks-output.json"), JSON.stringify({ command: "npm run policy", files: ["a.json"] }));
        fs.writeFileSync(path.join(dir, "a.json"), "{}");
        fs.writeFileSync(path.join(dir, "review-notes.md"), "mine");
      },
      /holds file\(s\) added after npm run policy wrote it \(review-notes\.md\)/,
    ],
    [
      "another command's output",
      (dir) => fs.writeFileSync(path.join(dir, ".platform-stacks-output.json"), JSON.stringify({ command: "npm run report", files: [] })),
      /holds the output of "npm run report", not of npm run policy/,
    ],
  ])("refuses %s with exit 2, touching nothing", async (_what, prepare, message) => {
    const out = tempDir();
    prepare(out);
    const before = contents(out);
    const result = await run("policy", ["--env", "dev", "--out", out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/Nothing was written\./);
    expect(contents(out)).toEqual(before);
    expect(fs.readdirSync(path.dirname(out)).filter((f) => f.startsWith(`.${path.basename(out)}`))).toEqual([]);
  });

  it.each([".", "..", "$PWD"])("refuses --out %s in a checkout, touching nothing", async (out) => {
    const checkout = path.join(tempDir(), "checkout");
    fs.mkdirSync(path.join(checkout, ".git"), { recursive: true });
    fs.writeFileSync(path.join(checkout, ".git", "HEAD"), "ref: refs/heads/main\n");
    fs.writeFileSync(path.join(checkout, "main.ts"), "// the user's code\n");
    const before = contents(path.dirname(checkout));
    const result = await run("policy", ["--env", "dev", "--out", out === "$PWD" ? checkout : out], { cwd: checkout });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/this command did not write/);
    expect(contents(path.dirname(checkout))).toEqual(before);
  });

  it.each([
    ["the root of the file system", () => "/", /--out "\/": is the root of the file system/],
    ["a system folder", () => "/etc", /--out "\/etc": is a system folder/],
    [
      "a path through a file",
      () => {
        const file = path.join(tempDir(), "notes.txt");
        fs.writeFileSync(file, "mine\n");
        return path.join(file, "review");
      },
      /goes through .*notes\.txt, which is a file/,
    ],
    [
      "an empty folder made read-only",
      () => {
        const folder = path.join(tempDir(), "locked");
        fs.mkdirSync(folder, { mode: 0o555 });
        return folder;
      },
      /is read-only/,
    ],
  ])("refuses %s at once, with exit 2 and a sentence, and writes nothing", async (_, outOf, message) => {
    const out = outOf();
    const result = await run("policy", ["--env", "dev", "--out", out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("Nothing was written.");
    if (out.endsWith("locked")) expect(fs.readdirSync(out)).toEqual([]);
  });

  it("refuses a file as --out", async () => {
    const file = path.join(tempDir(), "policy.json");
    fs.writeFileSync(file, "{}");
    const result = await run("policy", ["--env", "dev", "--out", file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/is a file, not a folder/);
    expect(fs.readFileSync(file, "utf8")).toBe("{}");
  });
});

describe("npm run policy", () => {
  it("writes each deployer policy, trust policy and role boundary as JSON, without deploying", async () => {
    const out = path.join(tempDir(), "policies");
    const result = await run("policy", ["--env", "dev", "--out", out]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const files = fs.readdirSync(out, { recursive: true }).map(String).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        "iomete-data-plane-dev/boundaries/iomete-dev-lakehouse-role-boundary.json",
        "iomete-data-plane-dev/iomete-data-plane-dev-deployer-1.json",
        "poolside-dev/poolside-dev-deployer-trust.json",
        "poolside-dev/poolside-dev-planner-1.json",
        "poolside-dev/poolside-dev-planner-trust.json",
      ]),
    );
    const first = JSON.parse(fs.readFileSync(path.join(out, "iomete-data-plane-dev/iomete-data-plane-dev-deployer-1.json"), "utf8"));
    expect(first.Version).toBe("2012-10-17");
    expect(first.Statement.length).toBeGreaterThan(0);
  });

  it("writes one stack's documents with --stack", async () => {
    const out = path.join(tempDir(), "policies");
    expect((await run("policy", ["--env", "prod", "--stack", "poolside-prod", "--out", out])).status).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual([".platform-stacks-output.json", "poolside-prod"]);
  });

  it.each<[string, string[], RegExp]>([
    ["an unknown flag", ["--env", "dev", "--format", "yaml"], /"--format" is not a flag of this command; allowed: --env, --stack, --out/],
    ["a flag without its value", ["--env"], /--env needs a value: an environment name \(required\)/],
    ["no environment", ["--out", "x"], /--env is required/],
    ["an unknown environment", ["--env", "qa"], /--env "qa" is not a configured environment; known: dev, staging, prod/],
    [
      "a stack of another environment",
      ["--env", "dev", "--stack", "poolside-prod"],
      /--stack "poolside-prod" is not a vendor stack of dev; its stacks: iomete-data-plane-dev, iomete-kubernetes-dev, poolside-dev/,
    ],
  ])("fails with exit code 2 and writes nothing for %s", async (_what, args, message) => {
    const out = path.join(tempDir(), "policies");
    const result = await run("policy", [...args, ...(args.includes("--out") ? [] : ["--out", out])]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe("the commands as npm runs them", () => {
  it("are each an npm script running scripts/run-command.ts with the command's name", () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts as Record<string, string>;
    for (const name of Object.keys(COMMANDS)) expect(scripts[name]).toBe(`node scripts/run-ts.cjs scripts/run-command.ts ${name}`);
  });

  it("exit 2 on a usage error, with the message on stderr and nothing on stdout", () => {
    const result = spawned("policy", "--env", "dev", "--format", "yaml");
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^"--format" is not a flag of this command; allowed: --env, --stack, --out\n/);
    expect(result.stdout).toBe("");
  });

  it("finish their work when the reader of their output goes away (`| head`)", async () => {
    const out = path.join(tempDir(), "policies");
    const child = spawn(process.execPath, commandLine("policy", "--env", "dev", "--out", out), {
      cwd: builtInProject(),
      env: { ...process.env, STACKS_CONFIG_DIR: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // No reader from the start: every line the command prints meets a closed pipe.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(fs.existsSync(path.join(out, "poolside-dev"))).toBe(true);
  });

  it.each([
    ["an unknown command", ["polcy"]],
    ["no command", []],
  ])("exit 2 on %s, naming every command", (_what, args) => {
    const result = spawned(...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/is not a command; commands: check, docs, policy, preflight, report, stacks, vendor-policies, workflows/);
    expect(result.stdout).toBe("");
  });
});

describe("npm run report", () => {
  it("writes a security review per stack and prints the figures beside IOMETE's published list (as its own process)", () => {
    const out = path.join(tempDir(), "reports");
    const result = spawned("report", "--env", "prod", "--out", out);
    expect(result.status).toBe(0);
    const report = fs.readFileSync(path.join(out, "iomete-data-plane-prod.md"), "utf8");
    for (const heading of [
      "## Resources created",
      "## IAM roles",
      "## The deployer's permissions, by service",
      '## Actions on "*", and why',
      "## The ownership tag, and enforcing it with an SCP",
      "```mermaid",
    ]) {
      expect(report).toContain(heading);
    }
    expect(report).toContain("### iomete-prod-lakehouse-role");
    // Per role, the vendor artefact and release it was proven against; who can reach what the stack exposes.
    const controller = report.slice(report.indexOf("### iomete-prod-karpenter-controller"), report.indexOf("Inline policy `KarpenterController`"));
    expect(controller).toMatch(
      /Proven against:\n\n- Karpenter 1\.11's published controller policy \(aws\/karpenter-provider-aws v1\.11\.1, website\//,
    );
    expect(report).toMatch(/- AWS managed `AmazonEBSCSIDriverPolicy` v\d+, as AWS publishes it/);
    expect(report).toMatch(
      /- the AWS Load Balancer Controller's published policy \(kubernetes-sigs\/aws-load-balancer-controller docs\/install\/iam_policy\.json, v2\.13\.0 to v3\.5\.0\)/,
    );
    // Production trusts IOMETE's lakehouse service account by name: no wildcard to report.
    expect(report).toContain("for system:serviceaccount:iomete-system:lakehouse-service-account");
    expect(report).not.toContain("Wildcard trust");
    expect(report).toContain("## Exposure: who can reach it\n\n- The Kubernetes API of `iomete-prod`: a private endpoint, reachable from the VPC");
    const kubernetesSide = fs.readFileSync(path.join(out, "iomete-kubernetes-prod.md"), "utf8");
    expect(kubernetesSide).toContain("an internal Network Load Balancer in the private subnets, reachable from the VPC's CIDR.");
    expect(report).toMatch(/^Environment `prod` \(production\), account/m);
    expect(report).toContain("| environment kind | production |");
    expect(report).toMatch(/\| `aws_s3_bucket` \| example-iomete-prod-lakehouse \| Buckets/);
    // The attacker's view: each chain proven denied with its test, and each residual risk with its reason and closer.
    const attacker = report.slice(
      report.indexOf("## Against an attacker who holds the CI job or opens a pull request"),
      report.indexOf("## The ownership tag"),
    );
    expect(attacker).toMatch(
      /\| `trust-rewrite` \| Rewrite a workload role's trust .* \| test\/permissions\/chains\.test\.ts: "a role's session from anywhere but the way its trust says gets nothing" \|/,
    );
    expect(attacker).toContain("| `access-entry-widening` |");
    // The data-plane stack has no bastion: that chain is Poolside's.
    expect(attacker).not.toContain("`bastion-reach`");
    expect(attacker).toMatch(/\| `kms-unaliased-key-adoption` \| A customer key .* \| KMS authorizes the tags of CreateKey as kms:TagResource/);
    // Before the provisioner is applied again after the first deploy: the widest the policies are.
    expect(attacker).toContain("`default-security-group-adoption`");
    expect(attacker).toContain("`oidc-provider-adoption`");
    expect(report).toMatch(
      /\| plan role \(pull requests, deploy plans\) \| `iomete-data-plane-prod-planner`: \d+ actions, all reads but the state lock and its reviewed plans \(written, never read\)/,
    );
    // Terraform's calls per type, with the provider source they were read from.
    expect(report).toMatch(
      /\| `aws_eks_node_group` \| create, read, update [^|]*update scaling_config[^|]*\| internal\/service\/eks\/node_group\.go @ [0-9a-f]{12} \|/,
    );
    expect(result.stdout).toMatch(/iomete-data-plane-prod(\s+\d+){6}\s+1677/);
    // Staging's residuals are staging's only; the report shows deploy-time values for what they are.
    expect(attacker).not.toContain("staging-protection-before-reapply");
    expect(report).not.toContain("TfToken");
    expect(report).toContain("<vpc_id of iomete-data-plane-prod, from its state>");
  });
});

describe("--help", () => {
  // Each with the arguments that would otherwise do its work, into a project folder that must stay empty.
  const doing: Record<string, string[]> = {
    check: [],
    docs: [],
    policy: ["--env", "dev", "--out", "written"],
    preflight: ["--env", "dev", "--out", "written.md"],
    report: ["--env", "dev", "--out", "written"],
    stacks: ["--env", "dev"],
    workflows: ["--out", "written"],
    "vendor-policies": ["--karpenter", "clone", "--add", "v1.12.0"],
  };

  it.each(Object.keys(COMMANDS))("npm run %s -- --help prints its help, exits 0 and does nothing else", async (name) => {
    const project = projectFolder();
    const result = await runInProcess(COMMANDS[name], [...doing[name], "--help"], { cwd: project });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^usage: npm run ${name}\\b[^\\n]*\\n\\n\\S.*\\n\\n(  --\\S+ +\\S.*\\n)+\\nEnvironments: `));
    expect(result.stdout).toContain("  --help ");
    expect(result.stderr).toBe("");
    expect(fs.readdirSync(project)).toEqual([]);
  });

  it("npm run synth -- --help prints its help and synthesizes nothing; another argument is refused with exit 2", () => {
    const outdir = path.join(tempDir(), "cdktf.out");
    const synth = (arg: string) =>
      spawnSync(process.execPath, [path.join(root, "scripts/run-ts.cjs"), path.join(root, "main.ts"), arg], {
        cwd: builtInProject(),
        encoding: "utf8",
        env: { ...process.env, CDKTF_OUTDIR: outdir },
        timeout: 60_000,
      });
    const help = synth("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run synth/);
    const wrong = synth("--outdir=x");
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^"--outdir=x" is not a flag of this command; allowed: none\n/);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  it("npm run bench -- --help prints its help and measures nothing", async () => {
    const { benchCommand } = await import("../scripts/bench");
    const scratch = tempDir();
    const started = Date.now();
    const result = await runInProcess(benchCommand, ["--suite", "--help"], { env: { TMPDIR: scratch } });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^usage: npm run bench \[-- --suite\]\n\n.*\n\n {2}--suite +also times/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(fs.readdirSync(scratch)).toEqual([]);
    expect((await runInProcess(benchCommand, ["--quick"])).stderr).toMatch(/"--quick" is not a flag of this command; allowed: --suite/);
  });
});

describe("npm run cdktf", () => {
  it("runs the project's cdktf CLI with its arguments and exit code, its version check (checkpoint) turned off", () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts as Record<string, string>;
    expect(scripts.cdktf).toBe("node scripts/cdktf.cjs");
    // A probe loaded into every Node process records what the CLI's was started with.
    const dir = tempDir();
    const probe = path.join(dir, "probe.cjs");
    fs.writeFileSync(
      probe,
      `if (/cdktf-cli[\\\\/]bundle[\\\\/]bin[\\\\/]cdktf$/.test(process.argv[1])) require("fs").writeFileSync(${JSON.stringify(path.join(dir, "seen.json"))}, JSON.stringify({ argv: process.argv.slice(2), checkpoint: process.env.CHECKPOINT_DISABLE, configDir: process.env.STACKS_CONFIG_DIR }));\n`,
    );
    // As npm runs it from a subfolder: a relative STACKS_CONFIG_DIR is the user's, from where they stood.
    const result = spawnSync(process.execPath, [path.join(root, "scripts/cdktf.cjs"), "--version"], {
      encoding: "utf8",
      env: {
        ...process.env,
        CHECKPOINT_DISABLE: "",
        NODE_OPTIONS: `--require ${probe}`,
        npm_lifecycle_event: "cdktf",
        INIT_CWD: dir,
        STACKS_CONFIG_DIR: "envs",
      },
      timeout: 60_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^0\.21\.0$/m);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "seen.json"), "utf8"))).toEqual({
      argv: ["--version"],
      checkpoint: "1",
      configDir: path.join(dir, "envs"),
    });
  });
});
