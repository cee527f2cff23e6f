import * as fs from "fs";
import * as path from "path";
import { PutBackError, recoverInterruptedSwap, removeIfPossible, SwapStep, swapFolderInto } from "../lib/folder-swap";
import { App, TerraformStack } from "cdktf";
import { EnvironmentConfig, IOMETE_OWNERSHIP_TAG, isProduction, OwnershipTag, POOLSIDE_OWNERSHIP_TAG } from "../config";
import { IOMETE_STACK_TAG_KEY, IometeDataPlaneStack, iometeStackId } from "./iomete-data-plane-stack";
import { IometeKubernetesStack, iometeKubernetesStackId } from "./iomete-kubernetes-stack";
import { modelOfStack, VendorDeployment } from "../permissions";
import { DeployedFacts } from "../permissions/types";
import { applyRulePack, checkSynthesizedApp, Finding, RuleViolationError } from "../rules";
import { poolsideKubernetesStackId, roleBoundaryArn } from "../config/naming";
import { POOLSIDE_STACK_TAG_KEY, PoolsideStack, poolsideStackId } from "./poolside-stack";
import { PoolsideKubernetesStack } from "./poolside-kubernetes-stack";
import { ProvisionerStack, provisionerStackId } from "./provisioner-stack";
import { STATE_BACKEND_TAGS, StateBackendStack, stateBackendStackId } from "./state-backend-stack";

/** How `defineStacks` places what is not a stack; both have defaults for `cdktf synth`. */
export interface DefineStacksOptions {
  /**
   * Folder for the bootstrap stacks' local state until it is migrated into the
   * bucket (outside cdktf.out, which the CLI prunes). @default cdktf's default, inside cdktf.out
   */
  readonly bootstrapStateDir?: string;
  /** Ids the vendor stacks' first deploy produced, by stack id (tests); left out, each provisioner reads them from the state. */
  readonly deployedFacts?: ReadonlyMap<string, DeployedFacts>;
}

/**
 * Creates every stack of every environment: one state-backend (bootstrap) stack
 * per account and backend region, then each environment's vendor stacks
 * (`iomete-data-plane-<env>`, `iomete-kubernetes-<env>` when enabled, `poolside-<env>`) and the provisioner stack that
 * holds their deployer roles (`provisioner-<env>`).
 */
export function defineStacks(app: App, environments: readonly EnvironmentConfig[], options: DefineStacksOptions = {}): TerraformStack[] {
  const stacks: TerraformStack[] = [];
  const backends = new Map<string, EnvironmentConfig[]>();
  for (const env of environments) {
    const id = stateBackendStackId(env.account.id, env.stateBackend.region);
    backends.set(id, [...(backends.get(id) ?? []), env]);
  }
  const platformTagKey = Object.keys(STATE_BACKEND_TAGS)[0];
  for (const [id, group] of backends) {
    const bootstrap = new StateBackendStack(app, id, {
      accountId: group[0].account.id,
      // validation guarantees the group agrees on bucket and table; take the first's switches.
      backend: group[0].stateBackend,
      tags: sharedTags(group),
      localStatePath: options.bootstrapStateDir
        ? path.relative(path.join(app.outdir, "stacks", id), path.join(path.resolve(options.bootstrapStateDir), `${id}.tfstate`))
        : undefined,
    });
    // Production strictness if any environment of the account is production.
    const strictest = group.find(isProduction) ?? group[0];
    applyRulePack(bootstrap, {
      environmentName: strictest.name,
      environmentKind: strictest.kind,
      ownershipTagKey: platformTagKey,
      isBootstrap: true,
    });
    stacks.push(bootstrap);
  }
  // Every vendor ownership key in play: each deployer is denied tagging what carries another's.
  const ownershipKeys = [
    ...new Set([
      IOMETE_OWNERSHIP_TAG.key,
      POOLSIDE_OWNERSHIP_TAG.key,
      ...environments.flatMap((e) => [e.iomete?.ownershipTag.key, e.poolside?.ownershipTag.key]),
    ]),
  ].filter((key): key is string => !!key);
  for (const env of environments) {
    const vendors: VendorDeployment[] = [];
    const vendor = (stack: TerraformStack, ownershipTag: OwnershipTag, scopeTag: OwnershipTag) => {
      applyRulePack(stack, {
        environmentName: env.name,
        environmentKind: env.kind,
        ownershipTagKey: ownershipTag.key,
        permissionsBoundaryArn: (roleName) => roleBoundaryArn(env, roleName),
        isBootstrap: false,
      });
      vendors.push({
        model: modelOfStack(stack),
        ownershipTag,
        scopeTag,
        otherOwnershipKeys: ownershipKeys.filter((key) => key !== ownershipTag.key),
      });
      stacks.push(stack);
    };
    if (env.iomete) {
      const scope = { key: IOMETE_STACK_TAG_KEY, value: env.iomete.clusterName };
      vendor(new IometeDataPlaneStack(app, iometeStackId(env.name), { environment: env }), env.iomete.ownershipTag, scope);
      // Inside the cluster, after it: its deployer gets the data plane's state to read and an access entry, nothing else in AWS.
      if (env.iomete.kubernetes?.enabled) {
        vendor(new IometeKubernetesStack(app, iometeKubernetesStackId(env.name), { environment: env }), env.iomete.ownershipTag, scope);
      }
    }
    if (env.poolside) {
      const scope = { key: POOLSIDE_STACK_TAG_KEY, value: env.poolside.deploymentName };
      vendor(new PoolsideStack(app, poolsideStackId(env.name), { environment: env }), env.poolside.ownershipTag, scope);
      // Inside its cluster, after it: as IOMETE's Kubernetes side, its state and an access entry in AWS, nothing else.
      if (env.poolside.kubernetes?.enabled) {
        vendor(new PoolsideKubernetesStack(app, poolsideKubernetesStackId(env.name), { environment: env }), env.poolside.ownershipTag, scope);
      }
    }
    // Derived from the vendor stacks just defined: their resources, names and tags.
    const provisioner = new ProvisionerStack(app, provisionerStackId(env.name), { environment: env, vendors, deployedFacts: options.deployedFacts });
    // The deployer roles are not workload roles: the boundary is not theirs.
    applyRulePack(provisioner, { environmentName: env.name, environmentKind: env.kind, ownershipTagKey: platformTagKey, isBootstrap: false });
    stacks.push(provisioner);
  }
  return stacks;
}

/** Tags every environment of the group carries with the same value. */
function sharedTags(group: readonly EnvironmentConfig[]): Record<string, string> {
  const [first, ...rest] = group;
  return Object.fromEntries(Object.entries(first.tags).filter(([key, value]) => rest.every((env) => env.tags[key] === value)));
}

/**
 * Synthesizes into a scratch folder next to `outdir` and runs the security rule pack over
 * the result; only when every stack synthesized and no rule found an error does the new
 * output, whole, take the place of the earlier one (two renames; a kill between them is
 * finished by the next synth), keeping Terraform's files of live stacks (`.terraform`,
 * lock files, plans). As the cdktf CLI does, the folders of stacks the app no longer
 * defines are not kept, so cdktf.out/stacks holds the active set only. A failure or a
 * kill at any point leaves the earlier output or the new one, whole. Returns the warnings.
 */
export function synthesizeAtomically(
  outdir: string,
  build: (app: App) => void,
  options: { removeStacksNoLongerDefined?: boolean; onStep?: (step: SynthStep) => void } = {},
): Finding[] {
  const parent = path.dirname(path.resolve(outdir));
  fs.mkdirSync(parent, { recursive: true });
  const unlock = lockOutput(path.resolve(outdir));
  let scratch: string | undefined;
  try {
    recoverInterruptedSwap(path.resolve(outdir), (name) => name.startsWith(scratchPrefix(path.resolve(outdir))));
    refuseForeignOutdir(outdir);
    scratch = fs.mkdtempSync(path.join(parent, `${scratchPrefix(path.resolve(outdir))}${process.pid}-`));
    // Stack traces in construct metadata cost time and bloat nothing we read.
    const app = new App({ outdir: scratch, stackTraces: false });
    build(app);
    app.synth();
    const findings = checkSynthesizedApp(app, scratch);
    if (findings.some((f) => f.level === "error")) throw new RuleViolationError(findings);
    const step = options.onStep ?? (() => undefined);
    step("synthesized");
    try {
      const live = new Set(app.node.children.filter((child) => child instanceof TerraformStack).map((stack) => stack.node.id));
      carryOver(path.resolve(outdir), scratch, (relative) => keepsFromEarlier(relative, live, options.removeStacksNoLongerDefined ?? true));
      step("carried");
      // The scratch folder is private to its maker (mkdtemp); the output gets the mode a new folder would have.
      fs.chmodSync(scratch, 0o777 & ~process.umask());
      swapFolderInto(scratch, path.resolve(outdir), step);
    } catch (error) {
      throw new OutputWriteError(outdir, error as Error);
    }
    return findings;
  } finally {
    if (scratch) removeIfPossible(scratch);
    unlock();
  }
}

/** The points of the synth's output being put in place, in order (a test kills the synth at each). */
export type SynthStep = "synthesized" | "carried" | SwapStep;

/**
 * Scratch folders beside the output, named after it (`.cdktf.out-synth-<pid>-<random>`, and
 * `...-old` for the output set aside during the swap): a synth into another folder of the
 * same parent never takes them for its own.
 */
export function scratchPrefix(outdir: string): string {
  return `.${path.basename(outdir)}-synth-`;
}

/**
 * One synth at a time per output folder: a lock file beside it, made exclusively, naming its
 * process; one left by a process no longer running is taken over. Returns the release.
 */
function lockOutput(outdir: string): () => void {
  const lock = path.join(path.dirname(outdir), `.${path.basename(outdir)}.synth-lock`);
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      return () => fs.rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(lock, "utf8"));
      if (holder && holder !== process.pid && isRunning(holder)) {
        throw new Error(`another synth into ${outdir} is running (process ${holder}); wait for it, or remove ${lock} if it is not`);
      }
      fs.rmSync(lock, { force: true });
    }
  }
}

/** Terraform's files in a stack's folder: its working folder, lock file, local state and saved plans. */
const TERRAFORM_FILE = /^(\.terraform(\.lock\.hcl)?|terraform\.tfstate.*|.*\.tfplan|plan)$/;

/**
 * What of the earlier output the new one keeps, by path below the output folder: Terraform's
 * files in a live stack's folder, and with a selection of environments the folders of the
 * stacks not selected. Never another file of a live stack (a `cdk.tf` of an HCL synth beside
 * the new `cdk.tf.json` would define everything twice), nor its assets.
 */
function keepsFromEarlier(relative: string, live: ReadonlySet<string>, removeStacksNoLongerDefined: boolean): boolean {
  const [top, stack, inStack] = relative.split(path.sep);
  if (top !== "stacks" || !stack) return false;
  if (!live.has(stack)) return !removeStacksNoLongerDefined;
  return inStack !== undefined && TERRAFORM_FILE.test(inStack);
}

/**
 * Links into the new output what it keeps of the earlier one: hard links (the same file system,
 * beside it), so the earlier output stays whole until the swap and nothing large is copied.
 */
function carryOver(earlier: string, next: string, keeps: (relative: string) => boolean, relative = ""): void {
  const from = path.join(earlier, relative);
  if (!fs.existsSync(from) || !fs.statSync(from).isDirectory()) return;
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const child = path.join(relative, entry.name);
    const [source, target] = [path.join(earlier, child), path.join(next, child)];
    if (fs.existsSync(target)) {
      // Written by this synth: its own; below a folder both have, look for what to keep.
      if (entry.isDirectory() && fs.statSync(target).isDirectory()) carryOver(earlier, next, keeps, child);
      continue;
    }
    if (keeps(child)) linkTree(source, target);
  }
}

/** A folder's tree made again at `target` of hard links to its files (symbolic links as they are). */
function linkTree(source: string, target: string): void {
  const stat = fs.lstatSync(source);
  if (stat.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(source), target);
  else if (stat.isDirectory()) {
    fs.mkdirSync(target, { mode: stat.mode & 0o7777 });
    for (const name of fs.readdirSync(source)) linkTree(path.join(source, name), path.join(target, name));
  } else {
    try {
      fs.linkSync(source, target);
    } catch {
      // A file system without hard links: a copy, the same bytes and mode.
      fs.copyFileSync(source, target);
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The synth output folder is ours only if it is new, empty, or already holds cdktf's
 * output (its manifest.json names the stacks): synthesizing into a folder of other
 * files (an outdir set to ".") would overwrite them.
 */
function refuseForeignOutdir(outdir: string): void {
  const resolved = path.resolve(outdir);
  if (!fs.existsSync(resolved)) return;
  if (!fs.statSync(resolved).isDirectory()) throw new Error(`output folder ${outdir} is a file, not a folder`);
  const entries = fs.readdirSync(resolved);
  if (entries.length === 0) return;
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(resolved, "manifest.json"), "utf8"));
    if (manifest && typeof manifest.stacks === "object") return;
  } catch {
    // not cdktf's output
  }
  throw new Error(
    `output folder ${outdir} holds files that are not cdktf's output (no manifest.json naming stacks); point the output at a new or empty folder`,
  );
}

/** Moving the synthesized files into the output folder failed part way: some of its files may be new. */
export class OutputWriteError extends Error {
  constructor(outdir: string, cause: Error) {
    super(
      `putting the synthesized output in place of ${outdir} failed (${cause.message})${cause instanceof PutBackError ? "" : "; the earlier output is as it was"}: fix that and synthesize again`,
    );
    this.name = "OutputWriteError";
  }
}
