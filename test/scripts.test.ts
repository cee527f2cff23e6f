import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { COMMANDS } from "../scripts/commands";
import { runInProcess } from "./commands";
import { builtInProject } from "./projects";

// The policy and report commands as a security team runs them. Most cases run the
// command in this process (test/commands.ts); a few start it as `npm run` does, to
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

describe("output folders: a command writes only what it owns", () => {
  it("writes into a new folder, marks it, rewrites its own output (dropping what it no longer writes), and leaves no temp folder", async () => {
    const tmp = tempDir();
    const out = path.join(tempDir(), "review");
    expect((await run("policy", ["--env", "dev", "--out", out], { tmpdir: tmp })).status).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(out, ".platform-stacks-output.json"), "utf8"))).toMatchObject({ command: "npm run policy" });
    // Readable as any new folder is (the umask's mode), not private to its writer.
    expect(fs.statSync(out).mode & 0o777).toBe(0o777 & ~process.umask());
    expect(fs.existsSync(path.join(out, "iomete-data-plane-dev"))).toBe(true);
    expect((await run("policy", ["--env", "dev", "--stack", "poolside-dev", "--out", out], { tmpdir: tmp })).status).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual([".platform-stacks-output.json", "poolside-dev"]);
    expect((await run("report", ["--env", "dev", "--out", path.join(path.dirname(out), "reports")], { tmpdir: tmp })).status).toBe(0);
    // Nothing left behind: no scratch folder beside the output, nothing in TMPDIR.
    expect(fs.readdirSync(path.dirname(out)).sort()).toEqual(["reports", "review"]);
    expect(fs.readdirSync(tmp)).toEqual([]);
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
    ["a flag without its value", ["--env"], /--env needs a value \(an environment name\)/],
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
    expect(result.stderr).toMatch(/is not a command; commands: check, policy, report, stacks, workflows/);
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
      /\| plan role \(pull requests, deploy plans\) \| `iomete-data-plane-prod-planner`: \d+ actions, all reads but the state lock/,
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
