import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing } from "cdktf";
import { IometeDataPlaneStack } from "../../stacks/iomete-data-plane-stack";
import { builtInConfig } from "../support/helpers";
import { Emulators, startEmulators } from "./emulators";
import { applyArgs, INIT_ARGS, LOCK_ERROR, RELEASE_FILE, runTerraform, startTerraform, terraformBinary, waitFor, writeWorkspace } from "./terraform";

/**
 * The real Terraform binary against the backend block our stacks synthesize, with
 * S3 and DynamoDB emulated on loopback. Proves init, state under the stack's key,
 * locking under contention, force-unlock, and S3 lock files next to DynamoDB.
 */

function backendOf(environment: "dev" | "staging"): { backend: Record<string, any>; stackId: string } {
  const env = builtInConfig(environment);
  const stackId = `iomete-data-plane-${environment}`;
  const json = JSON.parse(Testing.synth(new IometeDataPlaneStack(Testing.app(), stackId, { environment: env })));
  return { backend: json.terraform.backend.s3, stackId };
}

interface State {
  serial: number;
  outputs: { run_id?: { value: string } };
}

describe("the synthesized S3 backend, with the real terraform", () => {
  const binary = terraformBinary();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "backend-e2e-"));
  const dev = backendOf("dev");
  const staging = backendOf("staging");
  const bucket: string = dev.backend.bucket;
  const table: string = dev.backend.dynamodb_table;
  const key: string = dev.backend.key;
  const lockId = `${bucket}/${key}`;
  let emulators: Emulators;
  let workspaces = 0;

  const state = (): State => JSON.parse(emulators.readObject(bucket, key));
  const initialized = new Map<Record<string, unknown>, string>();
  /**
   * A fresh workspace for one terraform process. The first per backend block is
   * initialized by terraform; the others get a copy of its `.terraform` folder, which is
   * what init would write again (the same backend, no providers).
   */
  async function workspace(backend: Record<string, unknown>, hold: boolean): Promise<string> {
    const dir = path.join(root, `ws${++workspaces}`);
    writeWorkspace(dir, backend, emulators.backendConfig(), hold);
    const template = initialized.get(backend);
    if (template) {
      fs.cpSync(path.join(template, ".terraform"), path.join(dir, ".terraform"), { recursive: true });
      return dir;
    }
    const init = await runTerraform(binary, INIT_ARGS, dir);
    if (init.status !== 0) throw new Error(`terraform init failed:\n${init.output}`);
    initialized.set(backend, dir);
    return dir;
  }
  /** Lets a holding apply in `dir` finish. */
  const release = (dir: string) => fs.writeFileSync(path.join(dir, RELEASE_FILE), "");

  beforeAll(async () => {
    emulators = await startEmulators([bucket, staging.backend.bucket], table);
  });
  afterAll(async () => {
    await emulators?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("initializes against the stack's backend and writes state under the stack's key", async () => {
    expect(dev.backend).toMatchObject({ key: "iomete-data-plane-dev/terraform.tfstate", encrypt: true, dynamodb_table: "terraform-state-locks" });
    const dir = await workspace(dev.backend, false);
    const apply = await runTerraform(binary, applyArgs("first"), dir);
    expect(apply.output).toMatch(/Apply complete!/);
    expect(apply.status).toBe(0);
    expect(emulators.objectExists(bucket, "iomete-data-plane-dev/terraform.tfstate")).toBe(true);
    expect(state().outputs.run_id!.value).toBe("first");
    // Only Terraform's state digest stays in the table; the lock is released.
    expect(await emulators.lockIds(table)).toEqual([`${lockId}-md5`]);
  }, 60_000);

  it("refuses a second apply while the first holds the lock, and keeps the first's result", async () => {
    const [first, second] = [await workspace(dev.backend, true), await workspace(dev.backend, false)];
    const before = state();
    const holder = startTerraform(binary, applyArgs("holder"), first);
    await waitFor(async () => (await emulators.lockIds(table)).includes(lockId), "the first apply to take the lock");

    const contender = await runTerraform(binary, applyArgs("contender"), second);
    expect(contender.status).not.toBe(0);
    expect(contender.output).toMatch(LOCK_ERROR);
    expect(state().serial).toBe(before.serial); // the contender changed nothing

    release(first);
    const held = await holder.done;
    expect(held.status).toBe(0);
    expect(state().outputs.run_id!.value).toBe("holder");
    expect(state().serial).toBeGreaterThan(before.serial);
    expect(await emulators.lockIds(table)).not.toContain(lockId);
  }, 60_000);

  it("recovers from a stale lock with force-unlock and the reported lock id", async () => {
    const [crashing, next] = [await workspace(dev.backend, true), await workspace(dev.backend, false)];
    const crashed = startTerraform(binary, applyArgs("crashed"), crashing);
    await waitFor(async () => (await emulators.lockIds(table)).includes(lockId), "the apply to take the lock");
    process.kill(-crashed.process.pid!, "SIGKILL"); // the whole process group: terraform and its sleep
    await crashed.done;
    expect(await emulators.lockIds(table)).toContain(lockId); // left behind

    const blocked = await runTerraform(binary, applyArgs("blocked"), next);
    expect(blocked.output).toMatch(LOCK_ERROR);
    const reported = /ID:\s+([0-9a-f-]{36})/.exec(blocked.output)?.[1];
    expect(reported).toBeDefined();
    const unlock = await runTerraform(binary, ["force-unlock", "-force", reported!], next);
    expect(unlock.output).toMatch(/Terraform state has been successfully unlocked/);
    expect(await emulators.lockIds(table)).not.toContain(lockId);
    expect((await runTerraform(binary, applyArgs("after-unlock"), next)).status).toBe(0);
    expect(state().outputs.run_id!.value).toBe("after-unlock");
  }, 90_000);

  it("with lock files on, holds both the .tflock object and the lock item during an apply and leaves neither", async () => {
    // staging's block: same bucket layout, use_lockfile on. s3rver ignores S3 conditional writes,
    // so lock-file *contention* cannot be proven here; contention is proven above with DynamoDB.
    const backend = staging.backend;
    expect(backend).toMatchObject({ use_lockfile: true, dynamodb_table: table });
    const stagingBucket: string = backend.bucket;
    const stagingKey: string = backend.key;
    const dir = await workspace(backend, true);
    const run = startTerraform(binary, applyArgs("with-lockfile"), dir);
    let sawBoth = false;
    await waitFor(async () => {
      sawBoth =
        emulators.objectExists(stagingBucket, `${stagingKey}.tflock`) && (await emulators.lockIds(table)).includes(`${stagingBucket}/${stagingKey}`);
      return sawBoth;
    }, "the lock file and the lock item");
    release(dir);
    const done = await run.done;
    expect(done.status).toBe(0);
    expect(sawBoth).toBe(true);
    expect(emulators.objectExists(stagingBucket, `${stagingKey}.tflock`)).toBe(false);
    expect(emulators.objectExists(stagingBucket, stagingKey)).toBe(true);
    expect(await emulators.lockIds(table)).not.toContain(`${stagingBucket}/${stagingKey}`);
  }, 60_000);

  it("lets exactly one of ten concurrent applies through; the others fail on the lock and nothing is lost or interleaved", async () => {
    const dirs: string[] = [];
    for (let i = 0; i < 10; i++) dirs.push(await workspace(dev.backend, true));
    const before = state().serial;
    // Whoever takes the lock holds it until the other nine have given up on it.
    const runs = dirs.map((dir, i) => startTerraform(binary, applyArgs(`racer-${i}`), dir).done);
    let finished = 0;
    runs.forEach((run) => run.then(() => finished++));
    await waitFor(() => finished >= 9, "nine of the ten applies to fail on the lock", 60_000);
    dirs.forEach(release);
    const results = await Promise.all(runs);
    const winners = results.flatMap((r, i) => (r.status === 0 ? [i] : []));
    expect(winners).toHaveLength(1);
    for (const [i, r] of results.entries()) if (i !== winners[0]) expect(r.output).toMatch(LOCK_ERROR);
    const after = state(); // parses: not torn
    expect(after.serial).toBe(before + 1);
    expect(after.outputs.run_id!.value).toBe(`racer-${winners[0]}`);
    expect(await emulators.lockIds(table)).not.toContain(lockId);
  }, 90_000);
});

describe("without terraform", () => {
  it("fails with the way to install Terraform >= 1.10 instead of skipping", () => {
    const saved = process.env.TERRAFORM_BINARY;
    delete process.env.TERRAFORM_BINARY;
    try {
      expect(() => terraformBinary("/nonexistent")).toThrow(/needs the terraform binary, and none is on PATH\. Install Terraform >= 1\.10\.0/);
    } finally {
      if (saved !== undefined) process.env.TERRAFORM_BINARY = saved;
    }
  });
});
