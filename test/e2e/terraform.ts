import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { TERRAFORM_REQUIRED_VERSION } from "../../stacks/support/terraform-versions";

export const TERRAFORM_MINIMUM = "1.10.0";

/**
 * The terraform binary, checked: the end-to-end test fails (never skips) without
 * it, saying how to get one.
 */
export function terraformBinary(searchPath = process.env.PATH ?? ""): string {
  const explicit = process.env.TERRAFORM_BINARY;
  const candidates = explicit
    ? [explicit]
    : searchPath
        .split(path.delimiter)
        .filter(Boolean)
        .map((dir) => path.join(dir, "terraform"));
  const binary = candidates.find((candidate) => fs.existsSync(candidate));
  const install =
    `Install Terraform >= ${TERRAFORM_MINIMUM} (its S3 backend with DynamoDB locking and lock files is built in): ` +
    "download it from releases.hashicorp.com or HashiCorp's apt repository, put `terraform` on PATH (or set TERRAFORM_BINARY), and run the tests again.";
  if (!binary) throw new Error(`The end-to-end backend test needs the terraform binary, and none is on PATH. ${install}`);
  const result = spawnSync(binary, ["version", "-json"], { encoding: "utf8", env: terraformEnv() });
  const version = (JSON.parse(result.stdout || "{}") as { terraform_version?: string }).terraform_version ?? "unknown";
  if (compareVersions(version, TERRAFORM_MINIMUM) < 0)
    throw new Error(`${binary} is Terraform ${version}; the end-to-end backend test needs >= ${TERRAFORM_MINIMUM}. ${install}`);
  return binary;
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((v) =>
    v
      .split(/[.-]/)
      .slice(0, 3)
      .map((n) => Number(n) || 0),
  );
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** Terraform's environment for the tests: no prompts, no network checks, no ambient AWS credentials. */
export function terraformEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1", AWS_EC2_METADATA_DISABLED: "true", TF_INPUT: "0" };
  for (const key of Object.keys(env)) if (key.startsWith("AWS_") && key !== "AWS_EC2_METADATA_DISABLED") delete env[key];
  return env;
}

export interface Run {
  readonly process: ChildProcess;
  readonly done: Promise<{ status: number | null; output: string }>;
}

/** Starts terraform in its own process group (so a test can kill it and its provisioner's children). */
export function startTerraform(binary: string, args: string[], cwd: string): Run {
  const child = spawn(binary, [...args, "-no-color"], { cwd, env: terraformEnv(), detached: true });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const done = new Promise<{ status: number | null; output: string }>((resolve) => child.on("close", (status) => resolve({ status, output })));
  return { process: child, done };
}

export const runTerraform = (binary: string, args: string[], cwd: string) => startTerraform(binary, args, cwd).done;

/** The file a holding probe waits for: the test creates it to let the apply finish. */
export const RELEASE_FILE = "release";

/**
 * A workspace holding the stack's backend block, unchanged, and a probe that
 * needs no provider: a terraform_data that outputs the run id and, when it
 * holds, whose create waits until the test writes RELEASE_FILE (so an apply keeps
 * the lock exactly as long as the test needs, at most a minute; no fixed sleeps).
 */
export function writeWorkspace(dir: string, backend: Record<string, unknown>, backendConfig: string, hold: boolean): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, "main.tf.json"),
    JSON.stringify(
      {
        // The stacks' own version constraint: the Terraform on this machine must accept it.
        terraform: { required_version: TERRAFORM_REQUIRED_VERSION, backend: { s3: backend } },
        variable: { run_id: { type: "string" } },
        resource: {
          terraform_data: {
            probe: {
              input: "${var.run_id}",
              triggers_replace: ["${var.run_id}"],
              provisioner: [
                {
                  "local-exec": {
                    command: hold ? `for i in $(seq 1 1200); do [ -e ${RELEASE_FILE} ] && exit 0; sleep 0.05; done; exit 1` : "true",
                  },
                },
              ],
            },
          },
        },
        output: { run_id: { value: "${terraform_data.probe.output}" } },
      },
      null,
      2,
    ),
  );
  // How a user points the backend at other endpoints: a -backend-config file; the stack's JSON is not edited.
  fs.writeFileSync(path.join(dir, "emulators.s3.tfbackend"), backendConfig);
}

export const INIT_ARGS = ["init", "-input=false", "-backend-config=emulators.s3.tfbackend"];
export const applyArgs = (runId: string) => ["apply", "-auto-approve", "-input=false", "-lock-timeout=0s", `-var=run_id=${runId}`];

/** Terraform's message when another process holds the state lock. */
export const LOCK_ERROR = /Error acquiring the state lock/;

export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
