import { stateKey } from "../../config/naming";
import { PolicyDocument } from "../../lib/policy-document";
import { deployerRoleName, plannerRoleName } from "../../stacks/provisioner-stack";
import { builtInDeployments } from "./fixtures";
import { decide } from "./harness";
import { RequestShape } from "../../permissions/action-data";
import { CLUSTER_STACK_GUARD, clusterStackGuardRequests } from "../../permissions/guard-requests";

/**
 * The Kubernetes side's deployer and planner, simulated: in AWS they may read the
 * data plane's state and keep their own, nothing else. What they do in the cluster
 * is the EKS access entry's business (the data-plane stack creates it; its own
 * deployer proof covers that). The attacker's side: the deployer, sending IOMETE's
 * own tags, against the other stacks' state, the data plane's resources and IAM.
 */
for (const { env, provisioner } of builtInDeployments("dev", "prod")) {
  const stackId = `iomete-kubernetes-${env.name}`;
  const account = env.account.id;
  const region = env.account.region;
  const backend = env.stateBackend;
  const bucket = `arn:aws:s3:::${backend.bucket}`;
  const stateOf = (id: string) => `${bucket}/${stateKey(backend, id)}`;
  const table = `arn:aws:dynamodb:${backend.region}:${account}:table/${backend.lockTable}`;

  describe.each([
    ["deployer", deployerRoleName(stackId), () => provisioner.policySets.get(stackId)!],
    ["planner", plannerRoleName(stackId), () => provisioner.planPolicySets.get(stackId)!],
  ] as const)(`${stackId}: the %s`, (kind, roleName, setOf) => {
    const run = (action: string, resource: string, shape: Partial<RequestShape> = {}) =>
      decide({
        principal: `arn:aws:iam::${account}:role/${roleName}`,
        action,
        resource,
        account,
        identityPolicies: setOf().documents as PolicyDocument[],
        shape: { region, ...shape },
      });

    it("reads the data plane's state (listing only its key), and writes none of it", async () => {
      const dataPlane = stateOf(`iomete-data-plane-${env.name}`);
      expect(await run("s3:GetObject", dataPlane)).toBe("Allowed");
      expect(await run("s3:ListBucket", bucket, { context: { "s3:prefix": stateKey(backend, `iomete-data-plane-${env.name}`) } })).toBe("Allowed");
      for (const action of ["s3:PutObject", "s3:DeleteObject", "s3:PutObjectTagging"]) expect(await run(action, dataPlane)).not.toBe("Allowed");
      // Nor take or break the data plane's lock.
      const lock = { context: { "dynamodb:LeadingKeys": [`${backend.bucket}/${stateKey(backend, `iomete-data-plane-${env.name}`)}`] } };
      for (const action of ["dynamodb:PutItem", "dynamodb:DeleteItem"]) expect(await run(action, table, lock)).not.toBe("Allowed");
    });

    it("keeps its own state: the deployer writes it, the planner only reads it", async () => {
      const own = stateOf(stackId);
      expect(await run("s3:GetObject", own)).toBe("Allowed");
      expect(await run("s3:PutObject", own)).toBe(kind === "deployer" ? "Allowed" : "ImplicitlyDenied");
      expect(await run("dynamodb:PutItem", table, { context: { "dynamodb:LeadingKeys": [`${backend.bucket}/${stateKey(backend, stackId)}`] } })).toBe(
        "Allowed",
      );
    });

    it("reads no other stack's state, nor lists its key", async () => {
      for (const other of [`poolside-${env.name}`, `provisioner-${env.name}`, `iomete-data-plane-${env.name === "dev" ? "prod" : "dev"}`]) {
        expect(await run("s3:GetObject", stateOf(other))).not.toBe("Allowed");
        expect(await run("s3:ListBucket", bucket, { context: { "s3:prefix": stateKey(backend, other) } })).not.toBe("Allowed");
      }
      expect(await run("s3:ListBucket", bucket, { context: { "s3:prefix": "" } })).not.toBe("Allowed");
    });

    it(CLUSTER_STACK_GUARD, async () => {
      const attempts = clusterStackGuardRequests(env, stackId);
      expect(attempts.length).toBeGreaterThan(5);
      const allowed: string[] = [];
      for (const { action, resource, shape } of attempts)
        if ((await run(action, resource, shape)) === "Allowed") allowed.push(`${action} on ${resource}`);
      expect(allowed).toEqual([]);
    });
  });
}
