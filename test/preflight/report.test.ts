import { NOT_SEEN_BY_IAM, renderMarkdown, stackReport, summaryLines } from "../../scripts/preflight/report";
import { PreflightRequest } from "../../scripts/preflight/requests";
import { Answer } from "../../scripts/preflight/simulation";

/** The report's reading of IAM's answers: what it could not evaluate, what an SCP denied, what depends on the deploy phase. */

const request = (action: string, expect: PreflightRequest["expect"]): PreflightRequest => ({
  stackId: "poolside-dev",
  role: "deployer",
  roleArn: "arn:aws:iam::111111111111:role/poolside-dev-deployer",
  label: `poolside-dev create: ${action}`,
  action,
  resource: "arn:aws:ecr:eu-west-1:111111111111:repository/poolside-dev/api",
  context: {},
  expect,
});
const answer = (r: PreflightRequest, decision: Answer["decision"], more: Partial<Answer> = {}): Answer => ({
  request: r,
  decision,
  decidedBy: [],
  missingContext: [],
  ...more,
});

it("names a denial by an SCP, counts the keys IAM decided without, and leaves staging's protected updates uncompared", () => {
  const create = request("ecr:CreateRepository", "Allowed");
  const tag = request("ecr:TagResource", "Allowed");
  const destroy = request("ecr:DeleteRepository", "Either");
  const answers = [
    answer(create, "explicitDeny", { allowedByOrganizations: false, decidedBy: ["p-scp123"] }),
    answer(tag, "allowed", { missingContext: ["aws:RequestTag/CostCenter"] }),
    answer(destroy, "explicitDeny"),
  ];
  const report = stackReport("poolside-dev", [create, tag, destroy], answers, 1, {}, []);
  expect(report.disagreements).toEqual([
    expect.objectContaining({ verdict: "denied, a deploy needs it", action: "ecr:CreateRepository", allowedByOrganizations: false }),
  ]);
  expect(report.notEvaluated).toEqual([{ key: "aws:RequestTag/CostCenter", requests: 1, example: `ecr:TagResource on ${tag.resource}` }]);
  expect(report.phaseDependent).toBe(1);
  const whole = {
    environment: "dev",
    account: "111111111111",
    region: "eu-west-1",
    caller: "arn:aws:sts::111111111111:assumed-role/x/y",
    mfa: "absent" as const,
    agrees: false,
    stacks: [report],
    notSeen: NOT_SEEN_BY_IAM,
  };
  const markdown = renderMarkdown(whole);
  expect(markdown).toMatch(
    /- \*\*denied, a deploy needs it\*\* \(deployer\): `ecr:CreateRepository` on `[^`]+`: IAM says explicitDeny; decided by p-scp123; an SCP denies it\./,
  );
  expect(markdown).toMatch(/- Not evaluated: `aws:RequestTag\/CostCenter` is named by a policy but not in 1 request\(s\)/);
  expect(markdown).toMatch(/1 request\(s\) of staging's data-destroying updates not compared/);
  expect(markdown).toMatch(/## What IAM's simulator does not see\n\n- Resource control policies \(RCPs\)/);
  expect(summaryLines(whole).join("\n")).toMatch(
    /poolside-dev deployer: denied, a deploy needs it: ecr:CreateRepository on \S+ \(IAM: explicitDeny, by p-scp123, an SCP denies it\)/,
  );
});

it("holds an implicit denial where the proof has a deny statement as a disagreement (the role is not the one generated)", () => {
  const guarded = request("iam:DeleteRolePermissionsBoundary", "ExplicitlyDenied");
  const report = stackReport("poolside-dev", [guarded], [answer(guarded, "implicitDeny")], 1, {}, []);
  expect(report.disagreements.map((d) => d.verdict)).toEqual(["denied by no deny statement"]);
});
