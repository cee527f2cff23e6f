import * as path from "path";
import { readEnvironmentFiles } from "../../config";
import { deployerRoleName } from "../../config/naming";
import { PolicyDocument, policyDocument, PolicyStatement } from "../../lib/policy-document";
import { TAG_ACTIONS, UNTAG_ACTIONS } from "../../permissions/derive";
import { GITHUB_ACTIONS_ISSUER } from "../../permissions/scp";
import { sessionOriginOf } from "../../permissions/types/iam/shared";
import { builtIn, validate } from "../support/helpers";
import { deployerCallFailures } from "./call-proofs";
import { deployedPolicies } from "./deployed-policies";
import { DeployedEnvironment, deploymentsOf } from "./fixtures";
import { decide, Decision } from "./harness";
import { RequestShape, sampleArnOf } from "../../permissions/action-data";

/**
 * The Organizations policies as AWS evaluates them (the SCP over the deployers' account, the RCP
 * over the stacks' roles and, with `dataPerimeter`, over the account's data), each deny sent the
 * request it is there for and its lookalikes; then hand-made mutants of the permission code, which
 * the same checks must catch.
 */

const ORGANIZATION = "o-abcdef1234";
const EXAMPLES = path.resolve(__dirname, "../../examples/environments");
const everything: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
/** A trust or resource policy a compromised deployer could write: anyone, any way. */
const openToAnyone: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
};

/** An environment with every organization-level option on, as a user would set it. */
function withOrganizationPolicies(input: any): any {
  input.provisioner.scp = {
    targetIds: ["ou-ab12-cd34ef56"],
    managementAccountId: "999999999999",
    roleArn: "arn:aws:iam::999999999999:role/scp-admin",
    organizationId: ORGANIZATION,
    dataPerimeter: true,
  };
  return input;
}

const variantCache: Array<[string, DeployedEnvironment]> = [];
function variants(): Array<[string, DeployedEnvironment]> {
  if (variantCache.length) return variantCache;
  const inputs: Array<[string, any]> = [
    ...(["dev", "staging", "prod"] as const).map((name): [string, any] => [name, builtIn(name)]),
    ...readEnvironmentFiles(EXAMPLES).map((s): [string, any] => [`example ${path.basename(s.source)}`, structuredClone(s.input)]),
  ];
  for (const [label, input] of inputs) variantCache.push([label, deploymentsOf(validate(withOrganizationPolicies(input)))[0]]);
  return variantCache;
}

const allowed = (d: Decision) => d === "Allowed";

/** Collects what a policy gets wrong: each request's decision against what it must be. */
function verdicts() {
  const failures: string[] = [];
  return {
    failures,
    expectThat: async (what: string, decision: Promise<Decision>, want: "allowed" | "denied") => {
      const got = await decision;
      if (allowed(got) !== (want === "allowed")) failures.push(`${what}: ${got}, must be ${want}`);
    },
  };
}

/**
 * What the SCP gets wrong for an environment's deployers: an untagged create or one with another
 * value allowed, another role's untagged create denied, the ownership tag removed (alone or with
 * another key), someone else's resource tagged by a deployer.
 */
async function scpFailures({ env, provisioner }: DeployedEnvironment, scp: PolicyDocument): Promise<string[]> {
  const { account, region } = { account: env.account.id, region: env.account.region };
  const { failures, expectThat } = verdicts();
  const run = (principal: string, action: string, resource: string, shape: Omit<RequestShape, "region">) =>
    decide({ principal, action, resource, account, identityPolicies: [everything], scps: [scp], shape: { region, ...shape } });
  const controller = `arn:aws:iam::${account}:role/some-team-controller`;
  const tagsTried = new Set<string>();
  for (const [stackId, set] of provisioner.policySets) {
    const tag = set.derived.ownershipTag;
    const deployer = `arn:aws:iam::${account}:role/${deployerRoleName(stackId)}`;
    // Each create the SCP holds the vendor's deployers to, on the resource it creates.
    const held = scp.Statement.find((s) => s.Sid?.startsWith("DenyUntaggedCreates") && s.Condition?.StringNotEquals?.[`aws:RequestTag/${tag.key}`]);
    if (!held) {
      failures.push(`${stackId}: no statement holds its creates to ${tag.key}`);
      continue;
    }
    const action = ([] as string[]).concat(held.Action ?? []).find((a) => /^(ec2:CreateSecurityGroup|iam:CreateRole|kms:CreateKey)$/.test(a))!;
    const created = await sampleArnOf(action, region, account, "aws:RequestTag/${TagKey}");
    const create = (principal: string, tags: Record<string, string>) => run(principal, action, created, { requestTags: tags });
    await expectThat(`${stackId}: a create carrying ${tag.key}`, create(deployer, { [tag.key]: tag.value, Name: "x" }), "allowed");
    await expectThat(`${stackId}: a create without ${tag.key}`, create(deployer, { Name: "x" }), "denied");
    await expectThat(`${stackId}: a create with ${tag.key} = false`, create(deployer, { [tag.key]: "false" }), "denied");
    await expectThat(`${stackId}: another role's untagged create`, create(controller, { Name: "x" }), "allowed");
    // Removing and tagging over the tag: the same statements for every deployer of the vendor, tried with its first.
    if (tagsTried.has(tag.key)) continue;
    tagsTried.add(tag.key);
    for (const action of UNTAG_ACTIONS) {
      const resource = await sampleArnOf(action, region, account);
      const untag = (principal: string, keys: string[]) => run(principal, action, resource, { context: { "aws:TagKeys": keys } });
      for (const principal of [deployer, controller]) {
        await expectThat(`${stackId}: ${action} of ${tag.key}`, untag(principal, [tag.key]), "denied");
        await expectThat(`${stackId}: ${action} of ${tag.key} with CostCenter`, untag(principal, ["CostCenter", tag.key]), "denied");
        await expectThat(`${stackId}: ${action} of CostCenter`, untag(principal, ["CostCenter"]), "allowed");
      }
    }
    for (const action of TAG_ACTIONS) {
      const resource = await sampleArnOf(action, region, account);
      const tagOthers = (principal: string) =>
        run(principal, action, resource, {
          context: { [`aws:ResourceTag/${tag.key}`]: "false", "aws:TagKeys": ["CostCenter"], "aws:RequestTag/CostCenter": "x" },
        });
      await expectThat(`${stackId}: the deployer's ${action} on a resource whose ${tag.key} is another's`, tagOthers(deployer), "denied");
      await expectThat(`${stackId}: another role's ${action} on it`, tagOthers(controller), "allowed");
    }
  }
  return failures;
}

/**
 * What the RCP gets wrong on the stacks' roles, whatever their trust says (here: anyone): assumed or
 * tagged from outside the organization, through SAML, through a web identity on a role IRSA does not
 * use or from GitHub Actions on one it does; and the organization's own principals refused.
 */
async function trustRcpFailures({ env, models }: DeployedEnvironment, rcp: PolicyDocument): Promise<string[]> {
  const { account, region } = { account: env.account.id, region: env.account.region };
  const { failures, expectThat } = verdicts();
  const run = (principal: string, action: string, role: string, context: Record<string, string | string[]>) =>
    decide({
      principal,
      action,
      resource: role,
      account,
      identityPolicies: [everything],
      resourcePolicy: openToAnyone,
      rcps: [rcp],
      shape: { region, context },
    });
  const stranger = "arn:aws:iam::444455556666:role/attacker";
  const colleague = `arn:aws:iam::${account}:role/platform-admin`;
  const eks = `arn:aws:iam::${account}:oidc-provider/oidc.eks.${region}.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789`;
  const github = `arn:aws:iam::${account}:oidc-provider/${GITHUB_ACTIONS_ISSUER}`;
  for (const model of models.values()) {
    for (const role of model.instances.filter((i) => i.type === "aws_iam_role")) {
      const arn = `arn:aws:iam::${account}:role/${role.attributes.name}`;
      for (const action of ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]) {
        await expectThat(
          `${action} on ${arn} from another organization`,
          run(stranger, action, arn, { "aws:PrincipalOrgID": "o-zzzzzzzzzz" }),
          "denied",
        );
        await expectThat(`${action} on ${arn} from no organization`, run(stranger, action, arn, {}), "denied");
        await expectThat(`${action} on ${arn} from the organization`, run(colleague, action, arn, { "aws:PrincipalOrgID": ORGANIZATION }), "allowed");
      }
      await expectThat(
        `sts:AssumeRole on ${arn} by an AWS service`,
        run("ec2.amazonaws.com", "sts:AssumeRole", arn, { "aws:PrincipalIsAWSService": "true" }),
        "allowed",
      );
      await expectThat(`SAML on ${arn}`, run(stranger, "sts:AssumeRoleWithSAML", arn, { "aws:PrincipalOrgID": ORGANIZATION }), "denied");
      // What a workflow's token says (the simulator knows the repository claim, not the subject every OIDC token has).
      const githubToken = {
        [`${GITHUB_ACTIONS_ISSUER}:sub`]: "repo:anyone/anything:ref:refs/heads/main",
        [`${GITHUB_ACTIONS_ISSUER}:repository`]: "anyone/anything",
      };
      await expectThat(`a GitHub Actions token on ${arn}`, run(github, "sts:AssumeRoleWithWebIdentity", arn, githubToken), "denied");
      const irsa = sessionOriginOf(role) === "web-identity";
      await expectThat(
        `the cluster's web identity on ${arn}`,
        run(eks, "sts:AssumeRoleWithWebIdentity", arn, { "aws:FederatedProvider": eks }),
        irsa ? "allowed" : "denied",
      );
    }
  }
  return failures;
}

/**
 * What the data perimeter gets wrong: a resource of its services answering another organization, or
 * plain HTTP; or refusing the CI's GitHub Actions token on its own roles (a web identity has no organization).
 */
async function dataPerimeterFailures({ env, provisioner }: DeployedEnvironment, rcp: PolicyDocument): Promise<string[]> {
  const { account, region } = { account: env.account.id, region: env.account.region };
  const { failures, expectThat } = verdicts();
  const requests: Array<[string, string]> = [
    ["s3:GetObject", "arn:aws:s3:::some-bucket/some-object"],
    ["s3:PutObject", "arn:aws:s3:::some-bucket/some-object"],
    ["kms:Decrypt", `arn:aws:kms:${region}:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
    ["sqs:SendMessage", `arn:aws:sqs:${region}:${account}:some-queue`],
    ["secretsmanager:GetSecretValue", `arn:aws:secretsmanager:${region}:${account}:secret:some-secret-AbCdEf`],
    ["sts:AssumeRole", `arn:aws:iam::${account}:role/some-role`],
  ];
  for (const [action, resource] of requests) {
    const run = (principal: string, context: Record<string, string>) =>
      decide({
        principal,
        action,
        resource,
        account,
        identityPolicies: [everything],
        resourcePolicy: openToAnyone,
        rcps: [rcp],
        shape: { region, context },
      });
    await expectThat(
      `${action} from another organization`,
      run("arn:aws:iam::444455556666:role/x", { "aws:PrincipalOrgID": "o-zzzzzzzzzz" }),
      "denied",
    );
    await expectThat(`${action} from the organization`, run(`arn:aws:iam::${account}:role/x`, { "aws:PrincipalOrgID": ORGANIZATION }), "allowed");
    await expectThat(
      `${action} from the organization over plain HTTP`,
      run(`arn:aws:iam::${account}:role/x`, { "aws:SecureTransport": "false", "aws:PrincipalOrgID": ORGANIZATION }),
      "denied",
    );
    await expectThat(`${action} by an AWS service`, run("cloudtrail.amazonaws.com", { "aws:PrincipalIsAWSService": "true" }), "allowed");
  }
  const github = `arn:aws:iam::${account}:oidc-provider/${GITHUB_ACTIONS_ISSUER}`;
  for (const stackId of provisioner.policySets.keys()) {
    const role = `arn:aws:iam::${account}:role/${deployerRoleName(stackId)}`;
    const token = {
      [`${GITHUB_ACTIONS_ISSUER}:sub`]: "repo:example-org/platform-stacks:environment:x",
      [`${GITHUB_ACTIONS_ISSUER}:repository`]: "example-org/platform-stacks",
    };
    await expectThat(
      `the CI's token on ${role}`,
      decide({
        principal: github,
        action: "sts:AssumeRoleWithWebIdentity",
        resource: role,
        account,
        identityPolicies: [],
        resourcePolicy: openToAnyone,
        rcps: [rcp],
        shape: { region, context: token },
      }),
      "allowed",
    );
  }
  return failures;
}

/** A copy of a document with the statements whose Sid starts with `sid` changed. */
function mutate(document: PolicyDocument, sid: string, change: (s: PolicyStatement) => PolicyStatement): PolicyDocument {
  let changed = 0;
  const Statement = document.Statement.map((s) => (s.Sid?.startsWith(sid) ? (changed++, change(structuredClone(s))) : s));
  if (!changed) throw new Error(`no statement ${sid} to mutate`);
  return { ...document, Statement };
}
const forAllValuesInsteadOfForAnyValue = (s: PolicyStatement): PolicyStatement => {
  const { "ForAnyValue:StringEquals": any, ...rest } = s.Condition ?? {};
  if (!any) throw new Error(`${s.Sid} has no ForAnyValue condition`);
  return { ...s, Condition: { ...rest, "ForAllValues:StringEquals": any } };
};

/** The SCP and RCP the environment's provisioner attaches (the statements its Terraform JSON renders). */
const organizationPoliciesOf = ({ provisioner }: DeployedEnvironment) => ({
  scp: provisioner.scpDocument && policyDocument(provisioner.scpDocument),
  rcp: provisioner.rcpDocument && policyDocument(provisioner.rcpDocument),
});

describe.each(variants())("organization policies of %s", (_label, d) => {
  const deployed = () => organizationPoliciesOf(d);

  it("the SCP denies what it says, to whom it says, and the lookalikes of each", async () => {
    expect(deployed().scp).toBeDefined();
    expect(await scpFailures(d, deployed().scp!)).toEqual([]);
  });

  it("the RCP keeps every stack role to the organization, its IRSA roles to their cluster, and GitHub's tokens out", async () => {
    expect(await trustRcpFailures(d, deployed().rcp!)).toEqual([]);
  });

  it("the data perimeter keeps S3, KMS, SQS, Secrets Manager and STS to the organization's principals, over TLS", async () => {
    expect(await dataPerimeterFailures(d, deployed().rcp!)).toEqual([]);
  });
});

describe("a slipped condition fails a test", () => {
  const [, d] = variants()[0];
  const phase = "after the first deploy" as const;
  const deployed = () => ({ ...organizationPoliciesOf(d), roles: deployedPolicies(d.env, phase).roles });
  const [stackId] = [...d.models.keys()];
  const deployerDocuments = () => deployed().roles.get(deployerRoleName(stackId))!;
  const untags = (r: { action: string }) => UNTAG_ACTIONS.includes(r.action);

  it("the SCP's deny on removing the ownership tag with ForAllValues: an untag of it with CostCenter passes", async () => {
    const failures = await scpFailures(d, mutate(deployed().scp!, "DenyRemovingOwnershipTag", forAllValuesInsteadOfForAnyValue));
    expect(failures).toEqual(expect.arrayContaining([expect.stringMatching(/of iomete\.com\/managed with CostCenter: Allowed, must be denied/)]));
  });

  it("the RCP without its deny on GitHub's tokens: a repository's workflow assumes an IRSA role", async () => {
    const rcp = deployed().rcp!;
    const failures = await trustRcpFailures(d, { ...rcp, Statement: rcp.Statement.filter((s) => !/^DenyGitHub/.test(s.Sid ?? "")) });
    expect(failures).toEqual(expect.arrayContaining([expect.stringMatching(/a GitHub Actions token on .*: Allowed, must be denied/)]));
  });

  it("the deployer's deny on removing the ownership tag with ForAllValues: its untag together with CostCenter passes", async () => {
    const real = await deployerCallFailures(d, stackId, phase, { only: untags });
    expect(real).toEqual({ failures: [], requests: expect.any(Number) });
    expect(real.requests).toBeGreaterThan(3);
    const documents = deployerDocuments().map((doc) =>
      doc.Statement.some((s) => s.Sid === "DenyRemovingOwnershipTag")
        ? mutate(doc, "DenyRemovingOwnershipTag", forAllValuesInsteadOfForAnyValue)
        : doc,
    );
    const mutant = await deployerCallFailures(d, stackId, phase, { documents, only: untags });
    expect(mutant.failures).toEqual(expect.arrayContaining([expect.stringMatching(/untagging iomete\.com\/managed with CostCenter is allowed/)]));
  });

  it("creates no longer held to aws:TagKeys: a create carrying another vendor's ownership key passes", async () => {
    const creates = (r: { creates: boolean }) => r.creates;
    expect((await deployerCallFailures(d, stackId, phase, { only: creates })).failures).toEqual([]);
    const documents = deployerDocuments().map((doc) => ({
      ...doc,
      Statement: doc.Statement.map((s) => {
        if (s.Effect !== "Allow" || !s.Condition?.["ForAllValues:StringEquals"]?.["aws:TagKeys"]) return s;
        const { "ForAllValues:StringEquals": keys, ...rest } = s.Condition;
        const { "aws:TagKeys": _dropped, ...others } = keys;
        return { ...s, Condition: Object.keys(others).length ? { ...rest, "ForAllValues:StringEquals": others } : rest };
      }),
    }));
    const mutant = await deployerCallFailures(d, stackId, phase, { documents, only: creates });
    expect(mutant.failures).toEqual(expect.arrayContaining([expect.stringMatching(/carrying poolside\.ai\/managed is allowed/)]));
  });
});
