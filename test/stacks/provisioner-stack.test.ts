import { Testing } from "cdktf";
import { PolicyDocument } from "../../lib/policy-document";
import { defineStacks } from "../../stacks/app";
import { ProvisionerStack } from "../../stacks/provisioner-stack";
import { decide } from "../permissions/harness";

import { literalsOf } from "../../permissions/model";
import { IAM_QUOTAS, policyChars } from "../../permissions/quotas";
import { builtInDeployments, sessionOf } from "../permissions/fixtures";
import { builtIn, policy, resource, resources, synthJson, validate } from "../support/helpers";

describe.each(builtInDeployments().map((d) => [d.env.name, d] as const))("provisioner-%s", (name, { env, provisioner, models }) => {
  const json = synthJson(provisioner);

  it("matches the reviewed snapshot", () => {
    expect(Testing.synth(provisioner)).toMatchSnapshot();
  });

  it("creates a deployer role and a read-only plan role per vendor stack, each with its managed policies attached", () => {
    const roles = resources(json, "aws_iam_role")
      .map((r) => r.name)
      .sort();
    expect(roles).toEqual(
      [
        `iomete-data-plane-${name}-deployer`,
        `iomete-data-plane-${name}-planner`,
        `iomete-kubernetes-${name}-deployer`,
        `iomete-kubernetes-${name}-planner`,
        `poolside-${name}-deployer`,
        `poolside-${name}-planner`,
        `poolside-kubernetes-${name}-deployer`,
        `poolside-kubernetes-${name}-planner`,
      ].sort(),
    );
    for (const [kind, sets] of [
      ["deployer", provisioner.policySets],
      ["planner", provisioner.planPolicySets],
    ] as const) {
      for (const [stackId, set] of sets) {
        const attached = resources(json, "aws_iam_role_policy_attachment").filter((a) => a.role.includes(`${stackId}_${kind}.`));
        // Staging's deployer also gets its data protection once the stack is deployed.
        expect(attached).toHaveLength(set.documents.length + (set.onceDeployed ? 1 : 0));
        const policies = resources(json, "aws_iam_policy").filter((p) => p.name.startsWith(`${stackId}-${kind}-`));
        const parts = policies
          .filter((p) => !p.name.endsWith("-once-deployed"))
          .sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true }));
        expect(parts.map((p) => JSON.parse(p.policy))).toEqual(set.documents);
        const once = policies.find((p) => p.name.endsWith("-once-deployed"));
        expect(once && JSON.parse(once.policy)).toEqual(set.onceDeployed);
      }
    }
  });

  it("trusts GitHub Actions of the repository's environment only, and the named people (with MFA in prod)", () => {
    const trust = policy(resource(json, "aws_iam_role", `iomete-data-plane-${name}_deployer`).assume_role_policy).Statement;
    expect(trust[0]).toEqual({
      Sid: "GitHubActions",
      Effect: "Allow",
      Principal: { Federated: `arn:aws:iam::${env.account.id}:oidc-provider/token.actions.githubusercontent.com` },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: {
          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
          "token.actions.githubusercontent.com:sub": `repo:example-org/platform-stacks:environment:${name}`,
        },
      },
    });
    const people = trust.find((s) => s.Sid === "People");
    if (env.kind === "staging") expect(people).toBeUndefined();
    else {
      expect(people!.Principal).toEqual({ AWS: `arn:aws:iam::${env.account.id}:role/platform-admin` });
      expect(people!.Condition).toEqual(env.kind === "production" ? { Bool: { "aws:MultiFactorAuthPresent": "true" } } : undefined);
    }
  });

  it("creates one permissions boundary per workload role, named after it, holding exactly that role's declared permissions", () => {
    const boundaries = resources(json, "aws_iam_policy").filter((p) => p.name.endsWith("-boundary"));
    const roles = [...builtInDeployments(name as "dev")[0].models.values()].flatMap((m) => literalsOf(m, "aws_iam_role", "name"));
    expect(boundaries.map((b) => b.name).sort()).toEqual(roles.map((r) => `${r}-boundary`).sort());
    const lakehouse = policy(boundaries.find((b) => b.name === `iomete-${name}-lakehouse-role-boundary`)!.policy).Statement;
    // The lakehouse role's two buckets and its key (a reference, bounded as "a key carrying the stack's tags").
    expect(lakehouse.flatMap((s) => ([] as string[]).concat(s.Resource))).toEqual(
      expect.arrayContaining([`arn:aws:s3:::example-iomete-${name}-lakehouse`, `arn:aws:kms:eu-west-1:${env.account.id}:key/*`]),
    );
    const keys = lakehouse.find((s) => ([] as string[]).concat(s.Resource).includes(`arn:aws:kms:eu-west-1:${env.account.id}:key/*`))!;
    expect(keys.Condition.StringEquals).toMatchObject({
      "aws:ResourceTag/iomete.com/managed": "true",
      "aws:ResourceTag/iomete.com/cluster_name": `iomete-${name}`,
    });
    // AWS-managed policies enter as AWS publishes them, and nothing grants a whole service.
    const node = policy(boundaries.find((b) => b.name === `iomete-${name}-node-role-boundary`)!.policy).Statement;
    expect(node.flatMap((s) => ([] as string[]).concat(s.Action))).toEqual(
      expect.arrayContaining(["eks:DescribeCluster", "ecr:GetAuthorizationToken"]),
    );
    for (const b of boundaries)
      expect(
        policy(b.policy)
          .Statement.filter((s) => s.Effect === "Allow")
          .flatMap((s) => ([] as string[]).concat(s.Action ?? []))
          .filter((a) => a.includes("*")),
      ).toEqual([]);
  });

  it("keeps a role whose policy an attacker rewrote to Allow *:* inside the stack's own resources", async () => {
    const admin = { Version: "2012-10-17" as const, Statement: [{ Effect: "Allow" as const, Action: "*", Resource: "*" }] };
    const boundaryOf = (role: string) =>
      policy(resources(json, "aws_iam_policy").find((p) => p.name === `${role}-boundary`)!.policy) as PolicyDocument;
    const acct = env.account.id;
    const backend = env.stateBackend;
    const modelOf = (role: string) => [...models.values()].find((m) => literalsOf(m, "aws_iam_role", "name").includes(role))!;
    const run = (role: string, action: string, resource: string, context: Record<string, string | string[]> = {}) =>
      decide({
        principal: `arn:aws:iam::${acct}:role/${role}`,
        action,
        resource,
        account: acct,
        identityPolicies: [admin],
        boundary: boundaryOf(role),
        // A session of the role as its trust has it assumed (so the boundary's fence lets it through).
        shape: { region: "eu-west-1", context: { ...sessionOf(env, modelOf(role), role), ...context } },
      });
    for (const role of [
      `iomete-${name}-lakehouse-role`,
      `poolside-${name}-bastion`,
      `poolside-${name}-aws-load-balancer-controller`,
      `iomete-${name}-karpenter-controller`,
    ]) {
      const under = (action: string, resource: string, context: Record<string, string | string[]> = {}) => run(role, action, resource, context);
      // Other stacks' state, keys, instances, clusters and admin roles.
      expect(await under("s3:GetObject", `arn:aws:s3:::${backend.bucket}/iomete-data-plane-${name}/terraform.tfstate`)).not.toBe("Allowed");
      expect(await under("s3:PutObject", `arn:aws:s3:::${backend.bucket}/provisioner-${name}/terraform.tfstate`)).not.toBe("Allowed");
      expect(
        await under("kms:Decrypt", `arn:aws:kms:eu-west-1:${acct}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, { "aws:ResourceTag/finance": "true" }),
      ).not.toBe("Allowed");
      expect(await under("ssm:SendCommand", `arn:aws:ec2:eu-west-1:${acct}:instance/i-0a1b2c3d4e5f67890`)).not.toBe("Allowed");
      expect(await under("ssm:StartSession", `arn:aws:ec2:eu-west-1:${acct}:instance/i-0a1b2c3d4e5f67890`)).not.toBe("Allowed");
      expect(await under("eks:CreateAccessEntry", `arn:aws:eks:eu-west-1:${acct}:cluster/corporate`)).not.toBe("Allowed");
      expect(
        await under("iam:PassRole", `arn:aws:iam::${acct}:role/OrganizationAccountAccessRole`, { "iam:PassedToService": "ec2.amazonaws.com" }),
      ).not.toBe("Allowed");
      expect(await under("sts:AssumeRole", `arn:aws:iam::${acct}:role/OrganizationAccountAccessRole`)).not.toBe("Allowed");
      expect(await under("iam:AttachRolePolicy", `arn:aws:iam::${acct}:role/anything`)).not.toBe("Allowed");
      expect(await under("iam:CreateUser", `arn:aws:iam::${acct}:user/backdoor`)).not.toBe("Allowed");
    }
    // What the role was given still works under its boundary.
    const lakehouse = (action: string, resource: string) => run(`iomete-${name}-lakehouse-role`, action, resource);
    expect(await lakehouse("s3:GetObject", `arn:aws:s3:::example-iomete-${name}-lakehouse/data/part-0.parquet`)).toBe("Allowed");
    expect(await lakehouse("s3:GetObject", "arn:aws:s3:::some-other-bucket/key")).not.toBe("Allowed");
  });

  it("creates the account's GitHub OIDC provider", () => {
    expect(resource(json, "aws_iam_openid_connect_provider")).toMatchObject({
      url: "https://token.actions.githubusercontent.com",
      client_id_list: ["sts.amazonaws.com"],
    });
  });

  // GitHub's sub/aud keys are provider-specific: the simulator drops them (it knows only
  // AWS's keys), so the GitHub statement is proven by its exact text above instead.
  it("lets people assume the deployer role in prod only with MFA", async () => {
    const roleArn = `arn:aws:iam::${env.account.id}:role/iomete-data-plane-${name}-deployer`;
    const trust = policy(resource(json, "aws_iam_role", `iomete-data-plane-${name}_deployer`).assume_role_policy) as PolicyDocument;
    const assume = (principal: string, mfa: string) =>
      decide({
        principal,
        action: "sts:AssumeRole",
        resource: roleArn,
        account: env.account.id,
        resourcePolicy: trust,
        shape: { region: "eu-west-1", context: { "aws:MultiFactorAuthPresent": mfa } },
      });
    const admin = `arn:aws:iam::${env.account.id}:role/platform-admin`;
    if (name === "staging") {
      expect(await assume(admin, "true")).not.toBe("Allowed");
      return;
    }
    expect(await assume(admin, "true")).toBe("Allowed");
    expect(await assume(admin, "false")).toBe(name === "prod" ? "ImplicitlyDenied" : "Allowed");
    expect(await assume(`arn:aws:iam::${env.account.id}:role/someone-else`, "true")).not.toBe("Allowed");
  });
});

describe("provisioner with an Organizations SCP", () => {
  it("creates the SCP through the management account and attaches it to the OU", () => {
    const input = builtIn("dev");
    input.provisioner.scp = {
      targetIds: ["ou-ab12-cd34ef56"],
      managementAccountId: "999999999999",
      roleArn: "arn:aws:iam::999999999999:role/scp-admin",
    };
    const stacks = defineStacks(Testing.app(), validate(input));
    const provisioner = stacks.find((s) => s.node.id === "provisioner-dev") as ProvisionerStack;
    const json = synthJson(provisioner);
    const scp = resource(json, "aws_organizations_policy");
    expect(scp).toMatchObject({ type: "SERVICE_CONTROL_POLICY", provider: "aws.organizations" });
    const statements = policy(scp.content).Statement;
    const untagged = statements.find(
      (s) => s.Sid.startsWith("DenyUntaggedCreates") && s.Condition.StringNotEquals["aws:RequestTag/iomete.com/managed"],
    );
    // Only IOMETE's deployer roles are held to IOMETE's tag: Poolside's, other teams and in-cluster controllers are untouched.
    expect(untagged!.Condition.ArnLike).toEqual({
      "aws:PrincipalArn": ["arn:aws:iam::*:role/iomete-data-plane-dev-deployer", "arn:aws:iam::*:role/iomete-kubernetes-dev-deployer"],
    });
    expect(untagged!.Action).toEqual(expect.arrayContaining(["ec2:CreateVpc", "eks:CreateCluster", "kms:CreateKey", "s3:CreateBucket"]));
    expect(untagged!.Action.some((a: string) => /Tag/.test(a))).toBe(false);
    const tagging = statements.find((s) => s.Sid.startsWith("DenyDeployersTaggingOthers") && s.Condition.Null["aws:ResourceTag/iomete.com/managed"]);
    // No deployer, of either vendor, tags what carries IOMETE's key with another value.
    expect(tagging!.Condition).toMatchObject({
      StringNotEquals: { "aws:ResourceTag/iomete.com/managed": "true" },
      ArnLike: {
        "aws:PrincipalArn": [
          "arn:aws:iam::*:role/iomete-data-plane-dev-deployer",
          "arn:aws:iam::*:role/iomete-kubernetes-dev-deployer",
          "arn:aws:iam::*:role/poolside-dev-deployer",
          "arn:aws:iam::*:role/poolside-kubernetes-dev-deployer",
        ],
      },
    });
    // A service's tag actions as one wildcard (the SCP's size limit): iam:Tag* for TagRole, TagOpenIDConnectProvider, ...
    expect(tagging!.Action).toEqual(expect.arrayContaining(["kms:TagResource", "iam:Tag*", "iam:Untag*", "ec2:CreateTags", "ec2:DeleteTags"]));
    expect(tagging!.Action).not.toContain("iam:TagOpenIDConnectProvider");
    expect(resource(json, "aws_organizations_policy_attachment")).toMatchObject({ target_id: "ou-ab12-cd34ef56" });
    // Both vendors' statements fit one SCP.
    expect(policyChars(policy(scp.content) as PolicyDocument)).toBeLessThanOrEqual(IAM_QUOTAS.scpChars);
    expect(json.provider!.aws.find((p: any) => p.alias === "organizations")).toMatchObject({
      allowed_account_ids: ["999999999999"],
      assume_role: [{ role_arn: "arn:aws:iam::999999999999:role/scp-admin" }],
    });
  });
});

describe("the resource control policy (provisioner.scp.organizationId)", () => {
  const input = builtIn("dev");
  input.provisioner.scp = {
    targetIds: ["ou-ab12-cd34ef56"],
    managementAccountId: "999999999999",
    roleArn: "arn:aws:iam::999999999999:role/scp-admin",
    organizationId: "o-abcdef1234",
  };
  const provisioner = defineStacks(Testing.app(), validate(input)).find((s) => s.node.id === "provisioner-dev") as ProvisionerStack;
  // What it denies, request by request, is proven in test/permissions/organization-policies.test.ts.
  it("is attached with the SCP, naming every role of the environment's vendor stacks", () => {
    const json = synthJson(provisioner);
    const rcp = resource(json, "aws_organizations_policy", "trust_rcp");
    expect(rcp).toMatchObject({ type: "RESOURCE_CONTROL_POLICY", provider: "aws.organizations" });
    expect(resource(json, "aws_organizations_policy_attachment", "trust_rcp_target_0")).toMatchObject({ target_id: "ou-ab12-cd34ef56" });
    expect(provisioner.rcpDocument![0].Resource).toEqual(
      expect.arrayContaining(["arn:aws:iam::*:role/iomete-dev-lakehouse-role", "arn:aws:iam::*:role/poolside-dev-bastion"]),
    );
  });
});

describe("the provisioner before and after the vendor stacks' first deploy", () => {
  it("reads each vendor stack's VPC from its state, every VPC until it is there, and holds the default group's adoption to it", () => {
    const stacks = defineStacks(Testing.app(), validate(builtIn("dev")));
    const json = synthJson(stacks.find((s) => s.node.id === "provisioner-dev")!);
    const state = (json.data as any).terraform_remote_state;
    expect(Object.values<any>(state).map((s) => s.config)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ bucket: "tfstate-111111111111-eu-west-1", key: "iomete-data-plane-dev/terraform.tfstate", region: "eu-west-1" }),
      ]),
    );
    for (const s of Object.values<any>(state)) {
      expect(s.defaults).toEqual({ vpc_id: "*", oidc_provider_arn: "arn:aws:iam::111111111111:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/*" });
    }
    const policies = Object.values<any>(json.resource.aws_iam_policy).filter((p) => p.name.startsWith("iomete-data-plane-dev-deployer"));
    const adopt = policies.flatMap((p) => policy(p.policy).Statement).find((s) => s.Sid.startsWith("AdoptDefault"))!;
    expect(adopt.Condition.ArnLike["ec2:Vpc"]).toMatch(
      /^arn:aws:ec2:eu-west-1:111111111111:vpc\/\$\{data\.terraform_remote_state\.[\w-]+\.outputs\.vpc_id\}$/,
    );
    const oidc = policies
      .flatMap((p) => policy(p.policy).Statement)
      .filter((s) => s.Effect === "Allow" && ([] as string[]).concat(s.Action).includes("iam:TagOpenIDConnectProvider"));
    expect(oidc.length).toBeGreaterThan(0);
    for (const s of oidc)
      expect(([] as string[]).concat(s.Resource)).toContain("${data.terraform_remote_state.iomete-data-plane-dev_state.outputs.oidc_provider_arn}");
  });
});

describe("posture comes from the environment's kind, whatever its name", () => {
  const provisionerOf = (name: string, kind: string) => {
    const input = builtIn("prod");
    Object.assign(input, { name, kind });
    const stacks = defineStacks(Testing.app(), validate(input));
    return stacks.find((s) => s instanceof ProvisionerStack) as ProvisionerStack;
  };

  it("gives a production environment named prd production's deployer: people need MFA", async () => {
    const provisioner = provisionerOf("prd", "production");
    expect([...provisioner.policySets.values()].map((set) => set.derived.shape)).toEqual(["prod", "prod", "prod", "prod"]);
    const trust = policy(resource(synthJson(provisioner), "aws_iam_role", "iomete-data-plane-prd_deployer").assume_role_policy);
    expect(trust.Statement.find((s) => s.Sid === "People")!.Condition).toEqual({ Bool: { "aws:MultiFactorAuthPresent": "true" } });
  });

  it("gives a development environment named live the development deployer: no MFA asked", () => {
    const provisioner = provisionerOf("live", "development");
    expect([...provisioner.policySets.values()].map((set) => set.derived.shape)).toEqual(["dev", "dev", "dev", "dev"]);
    const trust = policy(resource(synthJson(provisioner), "aws_iam_role", "iomete-data-plane-live_deployer").assume_role_policy);
    expect(trust.Statement.find((s) => s.Sid === "People")!.Condition).toBeUndefined();
  });
});

describe("provisioner configuration", () => {
  it("fails when nobody may deploy", () => {
    const input = builtIn("staging");
    delete input.provisioner.github;
    expect(() => validate(input)).toThrow(
      /environments\.staging\.provisioner: .* names no one who may deploy: set provisioner\.github \(CI\) or provisioner\.humanPrincipalArns \(people\)/,
    );
  });

  it("fails when two environments of one account both create GitHub's OIDC provider", () => {
    const other = builtIn("staging");
    other.account.id = "111111111111";
    other.stateBackend = {};
    expect(() => validate(builtIn("dev"), other)).toThrow(
      /environments\.staging\.provisioner\.github\.createOidcProvider: true, but environment dev creates the account's GitHub OIDC provider already/,
    );
  });

  it("fails for a malformed repository", () => {
    const input = builtIn("dev");
    input.provisioner.github.repository = "platform-stacks";
    expect(() => validate(input)).toThrow(/provisioner\.github\.repository: "platform-stacks" must be <owner>\/<repository>/);
  });
});
