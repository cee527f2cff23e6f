import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { deployerRoleName, plannerRoleName } from "../../config/naming";
import { coverageOf } from "../../scripts/preflight/requests";
import { builtInDeployments } from "../permissions/fixtures";
import { deployedPolicies } from "../permissions/deployed-policies";
import { sampleOidcProviderArn, sampleVpcId } from "../../permissions/sample-world";
import { ACCOUNT, dev, faithful, preflight } from "./run";
import { PAGE_SIZE, StandInDecision } from "./stand-in";

/**
 * `npm run preflight` against a stand-in for IAM and STS on loopback, through the AWS SDK's own
 * clients and endpoint settings. The stand-in decides as the offline simulator does on the
 * policies the provisioner deploys (a faithful account), or as a test bends it.
 */

describe("npm run preflight against a stand-in account", () => {
  let agreeing: Awaited<ReturnType<typeof preflight>>;
  beforeAll(async () => {
    agreeing = await preflight({ decide: faithful() }, ["--env", "dev"]);
  }, 60_000);

  it("exits 0 when IAM decides as the offline proof does, and says so per stack", () => {
    expect(agreeing.stderr).not.toMatch(/Failed/);
    expect(agreeing.status).toBe(0);
    const stacks = builtInDeployments("dev")[0].provisioner.vendors.map((v) => v.model.stackId);
    for (const stack of stacks) expect(agreeing.stdout).toMatch(new RegExp(`^${stack}: agrees; \\d+ requests in \\d+ calls`, "m"));
    expect(agreeing.stdout).toMatch(/AWS agrees with the offline proof\./);
    expect(agreeing.stderr).toMatch(/SimulatePrincipalPolicy calls/);
  });

  it("asks for every deployer and planner role, with at least 90% of each role's policy actions", () => {
    const { provisioner } = builtInDeployments("dev")[0];
    const asked = agreeing.standIn.simulations;
    expect(agreeing.standIn.operations[0]).toBe("GetCallerIdentity");
    for (const [stackId, set] of provisioner.policySets) {
      for (const [role, documents] of [
        [deployerRoleName(stackId), set.documents],
        [plannerRoleName(stackId), provisioner.planPolicySets.get(stackId)!.documents],
      ] as const) {
        const arn = `arn:aws:iam::${ACCOUNT}:role/${role}`;
        const actions = asked.filter((s) => s.role === arn).flatMap((s) => s.actions.map((a) => ({ role: "deployer" as const, action: a })));
        expect(actions.length).toBeGreaterThan(0);
        const { asked: covered, granted } = coverageOf(documents, actions as never);
        expect({ role, share: covered / granted >= 0.9 }).toEqual({ role, share: true });
      }
    }
  });

  it("sends requests IAM accepts: one role, one resource and one context per call, typed context entries, at most 50 actions", () => {
    const asked = agreeing.standIn.simulations;
    for (const call of asked) {
      expect(call.resources).toHaveLength(1);
      expect(call.actions.length).toBeLessThanOrEqual(50);
      // The guard that the deployer acts in no other region asks in another.
      expect([dev.account.region, "us-east-1"]).toContain(call.context["aws:RequestedRegion"]);
      expect(call.types["aws:SecureTransport"]).toBe("boolean");
      if (call.context["aws:TagKeys"]) expect(call.types["aws:TagKeys"]).toBe("stringList");
    }
    // Tags sent on a create and tags carried by a resource both reach IAM.
    expect(asked.some((c) => Object.keys(c.context).some((k) => k.startsWith("aws:RequestTag/")))).toBe(true);
    expect(asked.some((c) => Object.keys(c.context).some((k) => k.startsWith("aws:ResourceTag/")))).toBe(true);
    // Pages of answers were followed (the stand-in pages after PAGE_SIZE).
    expect(asked.some((c) => c.actions.length > PAGE_SIZE)).toBe(true);
    expect(agreeing.standIn.operations.filter((o) => o === "SimulatePrincipalPolicy").length).toBeGreaterThan(asked.length);
  });
});

describe("npm run preflight when IAM disagrees or fails", () => {
  const stack = `poolside-${dev.name}`;

  it("exits 1 naming the action IAM denies that a deploy needs, with the policy that decided", async () => {
    const decide = faithful();
    const denied = "ecr:CreateRepository";
    const result = await preflight(
      {
        decide: (role, action, resource, context): Promise<StandInDecision> | StandInDecision =>
          action === denied && role.endsWith(deployerRoleName(stack)) ? "explicitDeny" : decide(role, action, resource, context),
      },
      ["--env", "dev", "--stack", stack],
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(
        `${stack} deployer: denied, a deploy needs it: ${denied} on arn:aws:ecr:[^ ]+ \\(IAM: explicitDeny, by ${deployerRoleName(stack)}-1\\)`,
      ),
    );
    expect(result.stdout).toMatch(/AWS disagrees with the offline proof/);
    expect(result.standIn.simulations.every((s) => s.role.includes(stack))).toBe(true);
  });

  it("exits 1 when IAM allows what the proof denies (an account that allows everything)", async () => {
    const result = await preflight({ decide: () => "allowed" }, ["--env", "dev", "--stack", stack], "one");
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/allowed, the proof denies it: \S+ on /);
  });

  it.each([
    [
      "bad credentials",
      {
        operation: "GetCallerIdentity",
        status: 403,
        code: "InvalidClientTokenId",
        message: "The security token included in the request is invalid.",
      },
      /AWS rejected the credentials \(InvalidClientTokenId\)/,
    ],
    [
      "a region where STS is off",
      { operation: "GetCallerIdentity", status: 403, code: "RegionDisabledException", message: "STS is not activated in this region." },
      /STS is not active in eu-west-1/,
    ],
    [
      "a missing role",
      { operation: "SimulatePrincipalPolicy", status: 404, code: "NoSuchEntity", message: "The role with name x cannot be found." },
      /does not exist .*apply the environment's provisioner stack first/,
    ],
    [
      "throttling",
      { operation: "SimulatePrincipalPolicy", status: 400, code: "Throttling", message: "Rate exceeded" },
      /IAM throttled SimulatePrincipalPolicy \(Throttling\) beyond the SDK's retries/,
    ],
  ])("fails in one sentence on %s, and writes nothing", async (_, failing, said) => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "preflight-")), "report.md");
    const result = await preflight({ failing }, ["--env", "dev", "--stack", stack, "--out", out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(said);
    expect(
      result.stderr
        .trim()
        .split("\n")
        .filter((l) => l.startsWith("Failed:")),
    ).toHaveLength(1);
    expect(fs.existsSync(out)).toBe(false);
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });
});

describe("npm run preflight once a stack is deployed and its deployer narrowed", () => {
  const stack = `iomete-data-plane-${dev.name}`;
  const realVpc = "vpc-0feedfacecafe1234";
  const realProvider = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.${dev.account.region}.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF`;
  /** The provisioner's policies as applied again after the stack's first deploy made this VPC and OIDC provider. */
  const narrowed = (text: string) => text.split(sampleVpcId(stack)).join(realVpc).split(sampleOidcProviderArn(dev, stack)).join(realProvider);

  it("reads the ids the account's deployer holds and asks about those, agreeing where the proof's samples would not", async () => {
    const roles = new Map(
      [...deployedPolicies(dev, "after the first deploy").roles].map(([role, documents]) => [
        role,
        documents.map((d) => JSON.parse(narrowed(JSON.stringify(d)))),
      ]),
    );
    const byName = new Map(
      [...roles].flatMap(([role, documents]) =>
        documents.map((d, i): [string, string] => [`arn:aws:iam::${ACCOUNT}:policy/${role}-${i + 1}`, JSON.stringify(d)]),
      ),
    );
    expect([...byName.values()].some((text) => text.includes(realVpc))).toBe(true);
    const decide = faithful(roles);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "preflight-")), "report.md");
    const result = await preflight({ decide, deployedPolicy: (arn) => byName.get(arn) }, ["--env", "dev", "--stack", stack, "--out", out]);
    expect(result.stderr).toContain(`${stack}: deployed ids read from its deployer's policies in the account (${realVpc}, ${realProvider})`);
    expect(result.stdout).toMatch(/AWS agrees with the offline proof\./);
    expect(result.status).toBe(0);
    // The OIDC provider reaches IAM in the requests' ARNs (the VPC only narrows what no request here names by id).
    const sent = result.standIn.simulations.map((s) => JSON.stringify([s.resources, s.context]));
    expect(sent.some((text) => text.includes(realProvider))).toBe(true);
    expect(sent.some((text) => text.includes(sampleOidcProviderArn(dev, stack)))).toBe(false);
    expect(fs.readFileSync(out, "utf8")).toContain(`- Deployed ids: read from its deployer's policies in the account (${realVpc}`);
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
    // With the proof's sample ids instead (the deployer's policies unreadable), the same account disagrees.
    const samples = await preflight({ decide, deployedPolicy: () => undefined }, ["--env", "dev", "--stack", stack]);
    expect(samples.status).toBe(1);
    expect(samples.stdout).toMatch(/denied, a deploy needs it: iam:\w+OpenIDConnectProvider\w* on arn:aws:iam::\d+:oidc-provider\//);
  }, 60_000);
});
