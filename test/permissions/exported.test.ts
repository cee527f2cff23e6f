import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { deployerRoleName, plannerRoleName } from "../../config/naming";
import { policyCommand } from "../../scripts/commands/policy";
import { runInProcess } from "../support/commands";
import { deployedPolicies } from "./deployed-policies";
import { builtInDeployments } from "./fixtures";

/**
 * `npm run policy` writes what the provisioner attaches: a team that applies the JSON by hand
 * gets the policies the provisioner would deploy before the vendor stacks' first deploy (its
 * values read from their state written as Terraform reads them then), never a broader one.
 */
describe.each(["dev", "staging", "prod"] as const)("npm run policy -- --env %s", (name) => {
  const { env, models } = builtInDeployments(name)[0];
  // Run from a folder of its own: the built-in environments, whatever a team keeps in the checkout's environments/.
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "exported-"));
  const out = path.join(cwd, "policies");
  const written = (file: string) => JSON.parse(fs.readFileSync(path.join(out, file), "utf8"));
  let stdout = "";

  beforeAll(async () => {
    const result = await runInProcess(policyCommand, ["--env", name, "--out", out], { cwd });
    expect(result.status).toBe(0);
    stdout = result.stdout;
  });
  afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

  it("writes each deployer's and planner's policies exactly as the provisioner attaches them before the first deploy", () => {
    const deployed = deployedPolicies(env, "first deploy");
    for (const stackId of models.keys()) {
      for (const role of [deployerRoleName(stackId), plannerRoleName(stackId)]) {
        const attached = deployed.roles.get(role)!;
        expect(attached.length).toBeGreaterThan(0);
        attached.forEach((document, i) => expect(written(`${stackId}/${role}-${i + 1}.json`)).toEqual(document));
        expect(fs.existsSync(path.join(out, stackId, `${role}-${attached.length + 1}.json`))).toBe(false);
      }
    }
  });

  it("writes each generated boundary exactly as deployed, and the deploy-time values it stood in for", () => {
    const deployed = deployedPolicies(env, "first deploy");
    let boundaries = 0;
    for (const stackId of models.keys()) {
      const folder = path.join(out, stackId, "boundaries");
      if (!fs.existsSync(folder)) continue;
      for (const file of fs.readdirSync(folder)) {
        expect(written(`${stackId}/boundaries/${file}`)).toEqual(deployed.boundaries.get(file.replace(/\.json$/, "")));
        boundaries++;
      }
    }
    expect(boundaries).toBeGreaterThan(10);
    // No value the provisioner reads at apply time is written as "*" where a narrower one stands before the first deploy.
    const values = written(`iomete-data-plane-${name}/deploy-time-values.json`);
    expect(values).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          output: "oidc_provider_arn",
          writtenAs: `arn:aws:iam::${env.account.id}:oidc-provider/oidc.eks.${env.account.region}.amazonaws.com/id/*`,
        }),
        expect.objectContaining({ output: "vpc_id", writtenAs: "*" }),
      ]),
    );
    expect(stdout).toMatch(/oidc_provider_arn: written as "arn:aws:iam::\d{12}:oidc-provider\/oidc\.eks\.[a-z0-9-]+\.amazonaws\.com\/id\/\*"/);
  });

  it("never lets the deployer tag, change or delete an OIDC provider that is not an EKS cluster's (GitHub's)", () => {
    const documents = fs
      .readdirSync(path.join(out, `iomete-data-plane-${name}`))
      .filter((f) => /-(deployer|planner)-\d+\.json$/.test(f))
      .map((f) => written(`iomete-data-plane-${name}/${f}`));
    const onProviders = documents
      .flatMap((d) => d.Statement)
      .filter((s: any) => s.Effect === "Allow" && ([] as string[]).concat(s.Action).some((a) => /OpenIDConnectProvider/.test(a)));
    expect(onProviders.length).toBeGreaterThan(0);
    for (const s of onProviders) expect(([] as string[]).concat(s.Resource).filter((r) => r === "*" || /token\.actions/.test(r))).toEqual([]);
  });
});
