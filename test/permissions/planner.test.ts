import { stateKey } from "../../stacks/support/remote-state";
import { deployerRoleName, plannerRoleName, ProvisionerStack } from "../../stacks/provisioner-stack";
import { planObjectPrefix } from "../../config/naming";
import { policy, resource, synthJson } from "../support/helpers";
import { deployedPolicies } from "./deployed-policies";
import { builtInDeployments } from "./fixtures";
import { stateBackendRequests } from "../../permissions/backend-requests";
import { policyCheckRequests } from "../../permissions/policy-checks";
import { decide } from "./harness";

/**
 * The read-only plan role of each vendor stack, as the pull-request and deploy
 * workflows' plan jobs assume it: of the state it reads the object and takes its own
 * lock, nothing more (every refresh call allowed, every write denied: call-proofs.ts).
 */
for (const { env, provisioner, models } of builtInDeployments("dev", "staging")) {
  for (const [stackId, model] of models) {
    describe(`planner of ${stackId}`, () => {
      const documents = deployedPolicies(env, "after the first deploy").roles.get(plannerRoleName(stackId))!;
      const account = env.account.id;
      const region = env.account.region;
      const principal = `arn:aws:iam::${account}:role/${plannerRoleName(stackId)}`;
      const run = (action: string, resource: string, shape = {}) =>
        decide({ principal, action, resource, account, identityPolicies: documents, shape: { region, ...shape } });

      it("reads its state object and takes its own lock, and writes no state", async () => {
        const backend = env.stateBackend;
        const object = `arn:aws:s3:::${backend.bucket}/${stateKey(backend, stackId)}`;
        const table = `arn:aws:dynamodb:${backend.region}:${account}:table/${backend.lockTable}`;
        const item = (key: string) => ({ context: { "dynamodb:LeadingKeys": [`${backend.bucket}/${key}`] } });
        expect(await run("s3:GetObject", object)).toBe("Allowed");
        expect(await run("s3:PutObject", object)).not.toBe("Allowed");
        expect(await run("s3:DeleteObject", object)).not.toBe("Allowed");
        expect(await run("s3:GetObject", `arn:aws:s3:::${backend.bucket}/provisioner-${env.name}/terraform.tfstate`)).not.toBe("Allowed");
        for (const action of ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"]) {
          expect(await run(action, table, item(stateKey(backend, stackId)))).toBe("Allowed");
          expect(await run(action, table, item(stateKey(backend, `other-${stackId}`)))).not.toBe("Allowed");
        }
        // With lock files (staging), the lock file is the one object it writes.
        expect(await run("s3:PutObject", `${object}.tflock`)).toBe(backend.useLockfile ? "Allowed" : "ImplicitlyDenied");
      });

      it("writes its stack's reviewed plans, which it cannot read back and which only the stack's deployer reads", async () => {
        const backend = env.stateBackend;
        const plan = (stack: string) => `arn:aws:s3:::${backend.bucket}/${planObjectPrefix(backend, stack)}1234567890-1.tfplan`;
        const deployer = deployedPolicies(env, "after the first deploy").roles.get(deployerRoleName(stackId))!;
        const asDeployer = (action: string, resource: string) =>
          decide({
            principal: `arn:aws:iam::${account}:role/${deployerRoleName(stackId)}`,
            action,
            resource,
            account,
            identityPolicies: deployer,
            shape: { region },
          });
        expect(await run("s3:PutObject", plan(stackId))).toBe("Allowed");
        expect(await run("s3:GetObject", plan(stackId))).not.toBe("Allowed");
        expect(await run("s3:PutObject", plan(`other-${stackId}`))).not.toBe("Allowed");
        expect(await asDeployer("s3:GetObject", plan(stackId))).toBe("Allowed");
        expect(await asDeployer("s3:PutObject", plan(stackId))).not.toBe("Allowed");
        expect(await asDeployer("s3:GetObject", plan(`other-${stackId}`))).not.toBe("Allowed");
      });

      it("never passes or assumes a role", async () => {
        expect(
          await run("iam:PassRole", `arn:aws:iam::${account}:role/${model.instances.find((i) => i.type === "aws_iam_role")!.attributes.name}`, {
            context: { "iam:PassedToService": "ec2.amazonaws.com" },
          }),
        ).not.toBe("Allowed");
        expect(await run("sts:AssumeRole", `arn:aws:iam::${account}:role/${stackId}-deployer`)).not.toBe("Allowed");
      });
    });
  }

  it(`${env.name}: every stack's roles get what the state backend and policy-check requests say (the preflight asks IAM the same)`, async () => {
    const wrong: string[] = [];
    let asked = 0;
    for (const vendor of provisioner.vendors) {
      const stackId = vendor.model.stackId;
      for (const role of ["deployer", "planner"] as const) {
        const roleName = role === "deployer" ? deployerRoleName(stackId) : plannerRoleName(stackId);
        const documents = deployedPolicies(env, "after the first deploy").roles.get(roleName)!;
        const requests = [
          ...stateBackendRequests(env, stackId, role, vendor.model),
          ...(role === "planner" ? policyCheckRequests(env, stackId) : []),
        ];
        for (const request of requests) {
          asked++;
          const decision = await decide({
            principal: `arn:aws:iam::${env.account.id}:role/${roleName}`,
            action: request.action,
            resource: request.resource,
            account: env.account.id,
            identityPolicies: documents,
            shape: request.shape,
          });
          const got = request.expect === "Denied" && decision !== "Allowed" ? "Denied" : decision;
          if (got !== request.expect) wrong.push(`${roleName}: ${request.label} is ${decision}, expected ${request.expect}`);
        }
      }
    }
    expect(asked).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });

  it(`${env.name}: the plan roles trust only the deploy branch and, for stacks in AWS, the repository's pull requests, by exact subject`, () => {
    const json = synthJson(provisioner as ProvisionerStack);
    const stackIds = [...(provisioner as ProvisionerStack).planPolicySets.keys()];
    expect(stackIds.sort()).toEqual([...models.keys(), `iomete-kubernetes-${env.name}`, `poolside-kubernetes-${env.name}`].sort());
    for (const stackId of stackIds) {
      // A pull request never plans a stack inside a cluster: its code would run next to the cluster, with a role that reads it.
      const pullRequests = /^(iomete|poolside)-kubernetes-/.test(stackId) ? [] : ["repo:example-org/platform-stacks:pull_request"];
      const trust = policy(resource(json, "aws_iam_role", `${stackId}_planner`).assume_role_policy).Statement;
      expect(trust).toEqual([
        {
          Sid: "GitHubActionsPlans",
          Effect: "Allow",
          Principal: { Federated: `arn:aws:iam::${env.account.id}:oidc-provider/token.actions.githubusercontent.com` },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
              "token.actions.githubusercontent.com:sub": pullRequests.length
                ? [...pullRequests, "repo:example-org/platform-stacks:ref:refs/heads/main"]
                : "repo:example-org/platform-stacks:ref:refs/heads/main",
            },
          },
        },
      ]);
      expect(json.output![`${stackId.replace(/-/g, "_")}_planner_role_arn`]).toBeDefined();
    }
  });
}
