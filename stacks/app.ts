import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { EnvironmentConfig } from "../config";
import { IometeDataPlaneStack, iometeStackId } from "./iomete-data-plane-stack";
import { modelOfStack, VendorDeployment } from "../permissions";
import { PoolsideStack, poolsideStackId } from "./poolside-stack";
import { ProvisionerStack, provisionerStackId } from "./provisioner-stack";
import { StateBackendStack, stateBackendStackId } from "./state-backend-stack";

/**
 * Creates every stack of every environment: one state-backend (bootstrap) stack
 * per account and backend region, then each environment's vendor stacks
 * (`iomete-data-plane-<env>`, `poolside-<env>`) and the provisioner stack that
 * holds their deployer roles (`provisioner-<env>`).
 */
export interface DefineStacksOptions {
  /**
   * Folder for the bootstrap stacks' local state until it is migrated into the
   * bucket (outside cdktf.out, which the CLI prunes). @default cdktf's default, inside cdktf.out
   */
  readonly bootstrapStateDir?: string;
}

export function defineStacks(app: App, environments: readonly EnvironmentConfig[], options: DefineStacksOptions = {}): TerraformStack[] {
  const stacks: TerraformStack[] = [];
  const backends = new Map<string, EnvironmentConfig[]>();
  for (const env of environments) {
    const id = stateBackendStackId(env.account.id, env.stateBackend.region);
    backends.set(id, [...(backends.get(id) ?? []), env]);
  }
  for (const [id, group] of backends) {
    stacks.push(
      new StateBackendStack(app, id, {
        accountId: group[0].account.id,
        // validation guarantees the group agrees on bucket and table; take the first's switches.
        backend: group[0].stateBackend,
        tags: sharedTags(group),
        localStatePath: options.bootstrapStateDir
          ? path.relative(path.join(app.outdir, "stacks", id), path.join(path.resolve(options.bootstrapStateDir), `${id}.tfstate`))
          : undefined,
      }),
    );
  }
  for (const env of environments) {
    const vendors: VendorDeployment[] = [];
    if (env.iomete) {
      const stack = new IometeDataPlaneStack(app, iometeStackId(env.name), { environment: env });
      vendors.push({ model: modelOfStack(stack), ownershipTag: env.iomete.ownershipTag });
      stacks.push(stack);
    }
    if (env.poolside) {
      const stack = new PoolsideStack(app, poolsideStackId(env.name), { environment: env });
      vendors.push({ model: modelOfStack(stack), ownershipTag: env.poolside.ownershipTag });
      stacks.push(stack);
    }
    // Derived from the vendor stacks just defined: their resources, names and tags.
    stacks.push(new ProvisionerStack(app, provisionerStackId(env.name), { environment: env, vendors }));
  }
  return stacks;
}

/** Tags every environment of the group carries with the same value. */
function sharedTags(group: readonly EnvironmentConfig[]): Record<string, string> {
  const [first, ...rest] = group;
  return Object.fromEntries(Object.entries(first.tags).filter(([key, value]) => rest.every((env) => env.tags[key] === value)));
}

/**
 * Synthesizes into a scratch folder next to `outdir` and copies the result over
 * only when every stack synthesized, so a failure leaves the previous output
 * (and Terraform's `.terraform` folders inside it) untouched.
 */
export function synthesizeAtomically(outdir: string, build: (app: App) => void): void {
  const parent = path.dirname(path.resolve(outdir));
  fs.mkdirSync(parent, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(parent, ".cdktf-synth-"));
  const restoreStackTraces = process.env.DEBUG ? () => undefined : skipDiagnosticStackTraces();
  try {
    // Stack traces in construct metadata cost time and bloat nothing we read.
    const app = new App({ outdir: scratch, stackTraces: false });
    build(app);
    app.synth();
    fs.cpSync(scratch, outdir, { recursive: true, force: true });
  } finally {
    restoreStackTraces();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * cdktf records a full stack trace for every token it creates, only to show it
 * if that token later fails to resolve; capturing and formatting those traces
 * is a fifth of synth time. While this is in place cdktf's capture returns an
 * empty trace; real errors keep theirs. Set DEBUG to keep every trace.
 * It patches a cdktf-internal module; if that module moves (a later cdktf or the
 * cdktn fork), it falls back to skipping the formatting of traces captured on
 * plain objects, which is how cdktf captures them. Returns the undo function.
 */
function skipDiagnosticStackTraces(): () => void {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const traces = require("cdktf/lib/tokens/private/stack-trace") as { captureStackTrace?: () => string[] };
    const original = traces.captureStackTrace;
    if (typeof original === "function") {
      traces.captureStackTrace = () => [];
      return () => {
        traces.captureStackTrace = original;
      };
    }
  } catch {
    // fall through to the portable variant
  }
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (target: Error, frames: NodeJS.CallSite[]) => {
    if (!(target instanceof Error)) return "";
    if (previous) return previous(target, frames);
    return [String(target), ...frames.map((frame) => `    at ${frame}`)].join("\n");
  };
  return () => {
    Error.prepareStackTrace = previous;
  };
}
