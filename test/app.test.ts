import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Aspects, IAspect, Testing } from "cdktf";
import { IConstruct } from "constructs";
import { defineStacks, OutputWriteError, scratchPrefix, synthesizeAtomically } from "../stacks/app";
import { ACCEPTED_RESIDUALS } from "../permissions/review/residual-risks";
import { builtIn, validate } from "./support/helpers";
import { terraformBinary, terraformEnv } from "./e2e/terraform";

const builtIns = () => validate(builtIn("dev"), builtIn("staging"), builtIn("prod"));
const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
/** What a synth into `outdir` may leave beside it (its scratch folders, its lock): nothing, once it ends. */
const leftoversBeside = (outdir: string) => fs.readdirSync(path.dirname(outdir)).filter((f) => f.startsWith(`.${path.basename(outdir)}`));

describe("the app", () => {
  it("pins the Terraform versions and every provider in every stack it synthesizes", () => {
    const stacks = defineStacks(Testing.app(), validate(builtIn("dev")));
    expect(stacks.length).toBeGreaterThan(3);
    const pinned = {
      aws: { source: "aws", version: "6.25.0" },
      helm: { source: "helm", version: "3.1.1" },
      kubernetes: { source: "kubernetes", version: "2.38.0" },
      tls: { source: "hashicorp/tls", version: "4.1.0" },
    };
    for (const stack of stacks) {
      const json = JSON.parse(Testing.synth(stack));
      expect(json.terraform.required_version).toBe(">= 1.11.0, < 2.0.0");
      // Every provider the stack configures is required at its exact version; the Kubernetes side uses no AWS provider.
      const used = Object.keys(json.provider);
      expect(used.length).toBeGreaterThan(0);
      for (const name of used) expect(json.terraform.required_providers[name]).toEqual(pinned[name as keyof typeof pinned]);
    }
  });

  /** One synthesis of the built-in set into <project>/cdktf.out, as main.ts makes it, read by the tests below. */
  let builtInSynth: { project: string; outdir: string; ids: string[] } | undefined;
  const synthesizedBuiltIns = () => {
    if (!builtInSynth) {
      const project = tempDir("project-");
      const outdir = path.join(project, "cdktf.out");
      let ids: string[] = [];
      synthesizeAtomically(outdir, (app) => {
        ids = defineStacks(app, builtIns(), { bootstrapStateDir: path.join(project, "bootstrap-state") }).map((s) => s.node.id);
      });
      builtInSynth = { project, outdir, ids };
    }
    return builtInSynth;
  };

  /** Every file below a folder with its content. */
  const filesOf = (dir: string) =>
    Object.fromEntries(
      (fs.readdirSync(dir, { recursive: true }) as string[])
        .filter((f) => fs.statSync(path.join(dir, f)).isFile())
        .sort()
        .map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]),
    );

  it("keeps Secret values and private keys out of every stack's state, the Spark webhook's keys included (made in the cluster)", () => {
    const { outdir, ids } = synthesizedBuiltIns();
    // What would hold a secret in state: generated keys and passwords, access keys, secret versions, SecureString values,
    // a Kubernetes Secret's readable data, Helm's sensitive values.
    const SECRET_HOLDERS = ["tls_private_key", "random_password", "aws_iam_access_key", "aws_secretsmanager_secret_version"];
    const found: string[] = [];
    for (const id of ids) {
      const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", id, "cdk.tf.json"), "utf8"));
      for (const [type, byName] of Object.entries<Record<string, any>>(json.resource ?? {})) {
        for (const [name, attributes] of Object.entries<any>(byName)) {
          const holds =
            SECRET_HOLDERS.includes(type) ||
            (type === "aws_ssm_parameter" && attributes.type === "SecureString") ||
            (type === "kubernetes_secret_v1" && (attributes.data !== undefined || attributes.binary_data !== undefined || !attributes.data_wo)) ||
            (type === "helm_release" && attributes.set_sensitive !== undefined);
          if (holds) found.push(`${id}: ${type}.${name.replace(/_[0-9A-F]{8}$/, "")}`);
        }
      }
    }
    expect(ids.filter((id) => id.startsWith("iomete-kubernetes-"))).toHaveLength(3);
    expect(found).toEqual([]);
    // No TLS resource is left that could put a key in state; earlier versions' states are a listed residual with its rotation.
    for (const id of ids) expect(fs.readFileSync(path.join(outdir, "stacks", id, "cdk.tf.json"), "utf8")).not.toMatch(/"tls_[a-z_]+": \{/);
    expect(ACCEPTED_RESIDUALS.find((r) => r.id === "kubernetes-side-webhook-keys-in-earlier-states")!.closedBy).toMatch(/delete the Secret/);
  });

  it("writes configurations Terraform itself parses, escape hatches included (removed blocks, lifecycle arguments)", async () => {
    const { outdir, ids } = synthesizedBuiltIns();
    const terraform = terraformBinary();
    // No provider can be installed from an empty mirror: init stops right after it has read the configuration.
    const cliConfig = path.join(tempDir("terraform-cli-"), "cli.tfrc");
    fs.writeFileSync(
      cliConfig,
      `provider_installation {\n  filesystem_mirror {\n    path = "${path.join(path.dirname(cliConfig), "empty-mirror")}"\n  }\n}\n`,
    );
    const outputs = await Promise.all(
      ids.map(
        (id) =>
          new Promise<string>((resolve) => {
            const child = spawn(terraform, ["init", "-backend=false", "-input=false", "-no-color"], {
              cwd: path.join(outdir, "stacks", id),
              env: { ...terraformEnv(), TF_CLI_CONFIG_FILE: cliConfig },
            });
            let output = "";
            child.stdout.on("data", (d) => (output += d));
            child.stderr.on("data", (d) => (output += d));
            child.on("close", () => resolve(`${id}:\n${output}`));
          }),
      ),
    );
    for (const output of outputs) {
      expect(output).not.toMatch(/The Terraform configuration must be valid/);
      expect(output).toMatch(/Initializing provider plugins/);
    }
  });

  it("writes the same bytes as cdktf's own synth", () => {
    const { outdir } = synthesizedBuiltIns();
    const project = tempDir("project-");
    const plain = path.join(project, "cdktf.out");
    const app = new App({ outdir: plain, stackTraces: false });
    defineStacks(app, builtIns(), { bootstrapStateDir: path.join(project, "bootstrap-state") });
    app.synth();
    const ours = filesOf(outdir);
    expect(Object.keys(ours).length).toBeGreaterThan(15);
    expect(ours).toEqual(filesOf(plain));
  });

  it("defines a state-backend stack per account and region and each environment's vendor stacks", () => {
    const { ids } = synthesizedBuiltIns();
    expect(ids).toEqual([
      "state-backend-111111111111-eu-west-1",
      "state-backend-222222222222-eu-west-1",
      "state-backend-333333333333-eu-west-1",
      "iomete-data-plane-dev",
      "iomete-kubernetes-dev",
      "poolside-dev",
      "poolside-kubernetes-dev",
      "provisioner-dev",
      "iomete-data-plane-staging",
      "iomete-kubernetes-staging",
      "poolside-staging",
      "poolside-kubernetes-staging",
      "provisioner-staging",
      "iomete-data-plane-prod",
      "iomete-kubernetes-prod",
      "poolside-prod",
      "poolside-kubernetes-prod",
      "provisioner-prod",
    ]);
  });

  it("synthesizes every stack into cdktf.out/stacks/<stack>/cdk.tf.json", () => {
    const { outdir } = synthesizedBuiltIns();
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks)).toHaveLength(18);
    for (const stack of Object.keys(manifest.stacks)) {
      const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
      expect(Object.keys(json.resource).length).toBeGreaterThan(0);
      // One default AWS provider, or for the Kubernetes side Helm's and Kubernetes' (and the chart it ships, copied along).
      if (stack.startsWith("iomete-kubernetes-")) {
        expect(Object.keys(json.provider).sort()).toEqual(["helm", "kubernetes", "tls"]);
        const chart = json.resource.helm_release.karpenter_node_pool.chart;
        expect(fs.existsSync(path.join(outdir, "stacks", stack, chart, "Chart.yaml"))).toBe(true);
      } else if (stack.startsWith("poolside-kubernetes-")) {
        expect(Object.keys(json.provider).sort()).toEqual(["helm", "kubernetes"]);
        const chart = json.resource.helm_release.secret_stores.chart;
        expect(fs.existsSync(path.join(outdir, "stacks", stack, chart, "Chart.yaml"))).toBe(true);
      } else expect(json.provider.aws).toHaveLength(1);
    }
    // No scratch folder is left behind.
    expect(leftoversBeside(outdir)).toEqual([]);
  });

  it("refuses to synthesize into a folder of other files, writing nothing there", () => {
    const project = tempDir("project-");
    fs.writeFileSync(path.join(project, "main.ts"), "// the user's code\n");
    fs.writeFileSync(path.join(project, "manifest.json"), '{"mine": true}\n');
    expect(() => synthesizeAtomically(project, (app) => defineStacks(app, builtIns()))).toThrow(/holds files that are not cdktf's output/);
    expect(fs.readdirSync(project).sort()).toEqual(["main.ts", "manifest.json"]);
    expect(fs.readFileSync(path.join(project, "manifest.json"), "utf8")).toBe('{"mine": true}\n');
    expect(leftoversBeside(project)).toEqual([]);
  });

  it("keeps the bootstrap stacks' local state outside cdktf.out, which the CLI prunes", () => {
    const { project, outdir } = synthesizedBuiltIns();
    const id = "state-backend-111111111111-eu-west-1";
    const workingDir = path.join(outdir, "stacks", id);
    const json = JSON.parse(fs.readFileSync(path.join(workingDir, "cdk.tf.json"), "utf8"));
    expect(json.terraform.backend.local.path).toBe(`../../../bootstrap-state/${id}.tfstate`);
    expect(path.resolve(workingDir, json.terraform.backend.local.path)).toBe(path.join(project, "bootstrap-state", `${id}.tfstate`));
  });

  it("shares one state backend between environments of one account and region", () => {
    const staging = builtIn("staging");
    staging.account.id = "111111111111";
    staging.stateBackend = {};
    staging.provisioner.github.createOidcProvider = false;
    let ids: string[] = [];
    synthesizeAtomically(tempDir("app-"), (app) => {
      ids = defineStacks(app, validate(builtIn("dev"), staging)).map((s) => s.node.id);
    });
    expect(ids.filter((id) => id.startsWith("state-backend-"))).toEqual(["state-backend-111111111111-eu-west-1"]);
  });

  it("writes over its previous output, keeping live stacks' Terraform files, removing stacks no longer defined, into a folder anyone may read", () => {
    const outdir = path.join(tempDir("app-"), "cdktf.out");
    fs.cpSync(synthesizedBuiltIns().outdir, outdir, { recursive: true });
    const stackDir = path.join(outdir, "stacks", "iomete-data-plane-dev");
    fs.mkdirSync(path.join(stackDir, ".terraform", "providers"), { recursive: true });
    fs.writeFileSync(path.join(stackDir, ".terraform.lock.hcl"), "# the lock file\n");
    fs.writeFileSync(path.join(stackDir, "cdk.tf.json"), "stale");
    fs.mkdirSync(path.join(outdir, "stacks", "poolside-prod", ".terraform"), { recursive: true });
    synthesizeAtomically(outdir, (app) => defineStacks(app, validate(builtIn("dev"))));
    expect(JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")).resource).toBeDefined();
    expect(fs.readFileSync(path.join(stackDir, ".terraform.lock.hcl"), "utf8")).toBe("# the lock file\n");
    expect(fs.existsSync(path.join(stackDir, ".terraform", "providers"))).toBe(true);
    // The other environments' stacks are gone, Terraform's files with them, as the cdktf CLI removes them: the output is the active set.
    const prodTerraform = path.join(outdir, "stacks", "poolside-prod", ".terraform");
    expect(fs.existsSync(prodTerraform)).toBe(false);
    const written = Object.keys(JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")).stacks);
    expect(written).toHaveLength(6);
    expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual([...written].sort());
    // A new output folder has the default mode, not the private one of the scratch folder it was moved from.
    const fresh = path.join(tempDir("app-"), "cdktf.out");
    synthesizeAtomically(fresh, (app) => defineStacks(app, validate(builtIn("dev"))));
    expect(fs.statSync(fresh).mode & 0o777).toBe(0o777 & ~process.umask());
    expect(leftoversBeside(outdir)).toEqual([]);
  });

  it("keeps only Terraform's files of a live stack from the earlier output, and refuses a second synth of one output while one runs", () => {
    const outdir = path.join(tempDir("app-"), "cdktf.out");
    fs.cpSync(synthesizedBuiltIns().outdir, outdir, { recursive: true });
    const stackDir = path.join(outdir, "stacks", "iomete-data-plane-dev");
    fs.writeFileSync(path.join(stackDir, "cdk.tf"), "# an HCL synth's output, which would define everything twice\n");
    fs.writeFileSync(path.join(stackDir, "iomete-data-plane-dev.tfplan"), "a reviewed plan");
    fs.writeFileSync(path.join(stackDir, "terraform.tfstate"), "{}");
    synthesizeAtomically(outdir, (app) => defineStacks(app, validate(builtIn("dev"))));
    expect(fs.existsSync(path.join(stackDir, "cdk.tf"))).toBe(false);
    expect(fs.readFileSync(path.join(stackDir, "iomete-data-plane-dev.tfplan"), "utf8")).toBe("a reviewed plan");
    expect(fs.readFileSync(path.join(stackDir, "terraform.tfstate"), "utf8")).toBe("{}");
    // Another process (here: the one that started this test) holds the output's lock.
    const lock = path.join(path.dirname(outdir), ".cdktf.out.synth-lock");
    fs.writeFileSync(lock, String(process.ppid));
    expect(() => synthesizeAtomically(outdir, (app) => defineStacks(app, validate(builtIn("dev"))))).toThrow(
      new RegExp(`another synth into .*cdktf\\.out is running \\(process ${process.ppid}\\)`),
    );
    fs.rmSync(lock);
    expect(leftoversBeside(outdir)).toEqual([]);
  });

  it("puts the new output in place whole, and when that fails keeps the earlier one as it was", () => {
    const outdir = path.join(tempDir("app-"), "cdktf.out");
    fs.cpSync(synthesizedBuiltIns().outdir, outdir, { recursive: true });
    // A file where a stack's folder goes: the new output, made whole beside, replaces it.
    fs.rmSync(path.join(outdir, "stacks", "poolside-dev"), { recursive: true });
    fs.writeFileSync(path.join(outdir, "stacks", "poolside-dev"), "in the way");
    synthesizeAtomically(outdir, (app) => defineStacks(app, validate(builtIn("dev"))));
    expect(fs.existsSync(path.join(outdir, "stacks", "poolside-dev", "cdk.tf.json"))).toBe(true);
    // The new output cannot be put in place (here: gone once the earlier one is set aside): the earlier one comes back.
    const before = fs.readFileSync(path.join(outdir, "manifest.json"), "utf8");
    fs.writeFileSync(path.join(outdir, "stacks", "poolside-dev", "plan.tfplan"), "a reviewed plan");
    const loseTheNewOutput = (step: string) => {
      if (step !== "old-set-aside") return;
      const parent = path.dirname(outdir);
      for (const name of fs.readdirSync(parent).filter((n) => n.startsWith(scratchPrefix(outdir)) && !n.endsWith("-old")))
        fs.rmSync(path.join(parent, name), { recursive: true });
    };
    expect(() => synthesizeAtomically(outdir, (app) => defineStacks(app, validate(builtIn("dev"))), { onStep: loseTheNewOutput })).toThrow(
      OutputWriteError,
    );
    expect(() => synthesizeAtomically(outdir, (app) => defineStacks(app, validate(builtIn("dev"))), { onStep: loseTheNewOutput })).toThrow(
      new RegExp(`putting the synthesized output in place of .*cdktf\\.out failed \\(.*\\); the earlier output is as it was`),
    );
    expect(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")).toBe(before);
    expect(fs.readFileSync(path.join(outdir, "stacks", "poolside-dev", "plan.tfplan"), "utf8")).toBe("a reviewed plan");
    expect(leftoversBeside(outdir)).toEqual([]);
  });

  it("keeps the previous output and Terraform's working files when a stack fails during synthesis", () => {
    // GIVEN the output of a good synth
    const outdir = path.join(tempDir("app-"), "cdktf.out");
    fs.cpSync(synthesizedBuiltIns().outdir, outdir, { recursive: true });
    const devFile = path.join(outdir, "stacks", "iomete-data-plane-dev", "cdk.tf.json");
    const terraformDir = path.join(outdir, "stacks", "iomete-data-plane-dev", ".terraform");
    fs.mkdirSync(terraformDir);
    fs.writeFileSync(devFile, "previous");

    // GIVEN a stack that fails only while the app synthesizes, after others were written
    class FailOnProd implements IAspect {
      visit(node: IConstruct) {
        if (node.node.id === "iomete-data-plane-prod") throw new Error("prod failed late");
      }
    }
    expect(() =>
      synthesizeAtomically(outdir, (app) => {
        defineStacks(app, builtIns()).forEach((stack) => Aspects.of(stack).add(new FailOnProd()));
      }),
    ).toThrow("prod failed late");

    // THEN nothing of the failed run reached the output
    expect(fs.readFileSync(devFile, "utf8")).toBe("previous");
    expect(fs.existsSync(terraformDir)).toBe(true);
    expect(leftoversBeside(outdir)).toEqual([]);
  });
});
