import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generatedPolicies } from "../../scripts/policy-files";
import { Testing } from "cdktf";
import { defineStacks } from "../../stacks/app";
import { ProvisionerStack, provisionerStackId } from "../../stacks/provisioner-stack";
import { builtInConfig } from "../support/helpers";
import { spawn } from "child_process";
import { builtInProject } from "../support/projects";
import { ACCOUNT, preflight, SDK_SETTINGS } from "./run";
import { startStandIn } from "./stand-in";

/**
 * `npm run preflight -- --validate` (Access Analyzer's checks on the generated policies' text)
 * and what the preflight writes and refuses, against the stand-in.
 */

const stack = "poolside-dev";

/** The documents as the provisioner deploys them before the vendor stacks' first deploy (what --validate sends). */
function deployedFirst(onlyStack?: string) {
  const env = builtInConfig("dev");
  const stacks = defineStacks(Testing.app(), [env]);
  const provisioner = stacks.find((s) => s.node.id === provisionerStackId(env.name)) as ProvisionerStack;
  return generatedPolicies(env, provisioner, onlyStack).policies;
}
const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), "preflight-out-"));

describe("npm run preflight -- --validate", () => {
  it("sends every generated policy to ValidatePolicy as the type IAM attaches it as, and passes without failing findings", async () => {
    const result = await preflight({}, ["--env", "dev", "--validate"]);
    expect(result.stderr).not.toMatch(/Failed/);
    expect(result.status).toBe(0);
    const policies = deployedFirst();
    expect(result.standIn.validated).toHaveLength(policies.length);
    const trust = result.standIn.validated.filter((v) => v.resourceType === "AWS::IAM::AssumeRolePolicyDocument");
    expect(trust.length).toBe(policies.filter((p) => p.kind === "trust").length);
    expect(trust.every((v) => v.policyType === "RESOURCE_POLICY")).toBe(true);
    expect(result.standIn.validated.filter((v) => v.policyType === "IDENTITY_POLICY").length).toBe(
      policies.filter((p) => p.kind !== "trust" && p.kind !== "scp" && p.kind !== "rcp").length,
    );
    // Documents as deployed: JSON with no unresolved token.
    for (const v of result.standIn.validated) expect(v.document).not.toMatch(/\$\{/);
    // Nothing deployed in the stand-in account: nothing to compare, which is no failure.
    expect(result.stdout).toMatch(new RegExp(`${stack} deployer against the account: NOT_DEPLOYED`));
    expect(result.standIn.compared).toEqual([]);
  });

  it("fails naming the file and the finding on an ERROR or SECURITY_WARNING, and shows a SUGGESTION without failing", async () => {
    const findings = (document: string) =>
      document.includes("ecr:CreateRepository")
        ? [
            {
              findingType: "SECURITY_WARNING",
              issueCode: "PASS_ROLE_WITH_STAR_IN_RESOURCE",
              findingDetails: "Using the iam:PassRole action with wildcards",
            },
          ]
        : [{ findingType: "SUGGESTION", issueCode: "EMPTY_ARRAY_CONDITION", findingDetails: "An empty array" }];
    const result = await preflight({ findings }, ["--env", "dev", "--stack", stack, "--validate"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`${stack}/${stack}-deployer-\\d+\\.json: SECURITY_WARNING PASS_ROLE_WITH_STAR_IN_RESOURCE`));
    expect(result.stdout).toMatch(/SUGGESTION EMPTY_ARRAY_CONDITION/);
    expect(result.stdout).toMatch(/[1-9]\d* ERROR or SECURITY_WARNING finding/);
  });

  it("compares each deployer's parts, taken together, with the account's versions, and fails when they grant new access", async () => {
    const parts = deployedFirst(stack).filter((p) => p.kind === "deployer");
    const deployed = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ec2:DescribeVpcs", Resource: "*" }] };
    const asked: string[] = [];
    const result = await preflight(
      {
        deployedPolicy: (arn) => (asked.push(arn), JSON.stringify(deployed)),
        newAccess: () => ({ result: "FAIL", message: "The policy grants new access." }),
      },
      ["--env", "dev", "--stack", stack, "--validate"],
    );
    expect(result.status).toBe(1);
    // (GetPolicy, then GetPolicyVersion: the stand-in is asked twice per policy.)
    expect([...new Set(asked)]).toEqual(parts.map((p) => `arn:aws:iam::${ACCOUNT}:policy/${p.managedPolicyName}`));
    expect(result.standIn.compared).toHaveLength(1);
    const [{ newPolicyDocument, existingPolicyDocument }] = result.standIn.compared;
    const statements = parts.flatMap((p) => JSON.parse(p.text).Statement);
    expect(JSON.parse(newPolicyDocument).Statement).toEqual(statements);
    expect(JSON.parse(existingPolicyDocument).Statement).toEqual(parts.map(() => deployed.Statement[0]));
    expect(result.stdout).toMatch(new RegExp(`${stack} deployer against the account: FAIL \\(The policy grants new access\\.\\): New access`));
  });
});

describe("what npm run preflight writes and refuses", () => {
  it("writes the report as Markdown or JSON with --out, and replaces only a report of its own", async () => {
    const dir = scratch();
    const md = path.join(dir, "preflight.md");
    const failing = { operation: "ValidatePolicy", status: 400, code: "ValidationException", message: "x" };
    expect((await preflight({}, ["--env", "dev", "--stack", stack, "--validate", "--out", md])).status).toBe(0);
    expect(fs.readFileSync(md, "utf8")).toMatch(/^<!-- written by npm run preflight -->\n# Policy validation of dev\n\n\*\*Passed\.\*\*/);
    const json = path.join(dir, "preflight.json");
    expect((await preflight({}, ["--env", "dev", "--stack", stack, "--validate", "--out", json])).status).toBe(0);
    expect(JSON.parse(fs.readFileSync(json, "utf8"))).toMatchObject({ writtenBy: "npm run preflight", environment: "dev", passed: true });
    // A failed run leaves the earlier report whole.
    const before = fs.readFileSync(json, "utf8");
    const failed = await preflight({ failing }, ["--env", "dev", "--stack", stack, "--validate", "--out", json]);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/^Failed: Access Analyzer ValidatePolicy on a generated policy failed \(ValidationException, HTTP 400\): x\.$/m);
    expect(fs.readFileSync(json, "utf8")).toBe(before);
    // A file of the user's is never replaced; nothing is asked of AWS first.
    const mine = path.join(dir, "notes.md");
    fs.writeFileSync(mine, "my notes\n");
    const refused = await preflight({}, ["--env", "dev", "--out", mine]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--out ".*notes\.md" exists and is not a report npm run preflight wrote/);
    expect(fs.readFileSync(mine, "utf8")).toBe("my notes\n");
    expect(refused.standIn.operations).toEqual([]);
    expect(fs.readdirSync(dir).sort()).toEqual(["notes.md", "preflight.json", "preflight.md"]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [["--env", "dev", "--out", "report.txt"], /--out "report\.txt" must end in \.md \(Markdown\) or \.json \(JSON\)/],
    [["--env", "dev", "--mfa", "yes"], /--mfa "yes" is not allowed; allowed: true, false/],
    [["--env", "dev", "--stack", "nope"], /--stack "nope" is not a vendor stack of dev; its stacks: iomete-data-plane-dev, /],
    [["--env", "dev", "--validate=yes"], /--validate takes no value/],
    [["--stack", stack], /--env is required/],
  ])("refuses %j before asking AWS anything", async (args, said) => {
    const result = await preflight({}, args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(said);
    expect(result.standIn.operations).toEqual([]);
  });

  it("refuses credentials of another account, and says when there are none", async () => {
    const other = await preflight({ account: "222222222222" }, ["--env", "dev", "--stack", stack]);
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(
      /The credentials are for account 222222222222 .*, but dev deploys into 111111111111; use credentials of that account\./,
    );
    expect(other.standIn.operations).toEqual(["GetCallerIdentity"]);
    const none = await preflight({}, ["--env", "dev", "--stack", stack], "per service", {
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
    });
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/^Failed: No AWS credentials found for STS GetCallerIdentity: set AWS_PROFILE/m);
    expect(none.standIn.operations).toEqual([]);
  });
});

describe("npm run preflight as npm runs it (its own process, the bundled entry point)", () => {
  it("loads the AWS SDK and reaches the stand-in through AWS_ENDPOINT_URL", async () => {
    const standIn = await startStandIn({ account: ACCOUNT, decide: () => "allowed" });
    try {
      const root = path.resolve(__dirname, "../..");
      const child = spawn(
        process.execPath,
        [
          path.join(root, "scripts/run-ts.cjs"),
          path.join(root, "scripts/run-command.ts"),
          "preflight",
          "--env",
          "dev",
          "--stack",
          stack,
          "--validate",
        ],
        {
          cwd: builtInProject(),
          env: { ...process.env, ...SDK_SETTINGS, STACKS_CONFIG_DIR: "", AWS_ENDPOINT_URL: standIn.url },
        },
      );
      let stdout = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
      expect(stdout).toMatch(/^Access Analyzer: \d+ policies with no ERROR or SECURITY_WARNING finding/m);
      expect(status).toBe(0);
      expect(standIn.operations.slice(0, 2)).toEqual(["GetCallerIdentity", "ValidatePolicy"]);
    } finally {
      await standIn.close();
    }
  }, 60_000);
});
