import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { minorOf } from "../config/kubernetes-side";
import { KARPENTER_IAM_FILE, vendorPoliciesCommand } from "../scripts/commands/vendor-policies";
import { runInProcess } from "./support/commands";
import { projectFolder } from "./support/projects";

/** A Karpenter-shaped template: a node role and one controller policy written as a `!Sub` JSON string. */
const template = (action: string) => `Resources:
  KarpenterNodeRole:
    Type: "AWS::IAM::Role"
    Properties:
      RoleName: !Sub "KarpenterNodeRole-\${ClusterName}"
      ManagedPolicyArns:
        - !Sub "arn:\${AWS::Partition}:iam::aws:policy/AmazonEKSWorkerNodePolicy"
  ControllerPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: !Sub |
        { "Version": "2012-10-17", "Statement": [{ "Sid": "Read", "Effect": "Allow", "Resource": "arn:\${AWS::Partition}:eks:\${AWS::Region}:\${AWS::AccountId}:cluster/\${ClusterName}", "Action": "${action}" }] }
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "\${ClusterName}"
`;
const PATH_OF = (minor: string) => `website/content/en/v${minor}/getting-started/getting-started-with-karpenter/cloudformation.yaml`;

/** A git clone with release tags, each holding a template at its minor's docs path. */
function cloneWith(folder: string, releases: Record<string, string>): string {
  const clone = path.join(folder, "karpenter");
  const git = (...args: string[]) => execFileSync("git", ["-C", clone, ...args], { stdio: "ignore" });
  fs.mkdirSync(clone);
  git("init", "-q");
  for (const [tag, action] of Object.entries(releases)) {
    const file = path.join(clone, PATH_OF(minorOf(tag.slice(1))));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, template(action));
    git("add", "-A");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", tag);
    git("tag", tag);
  }
  return clone;
}

/** A project whose pinned file holds the given releases (their content stale). */
function projectPinning(releases: Record<string, string>): string {
  const project = projectFolder();
  const pinned = Object.fromEntries(
    Object.entries(releases).map(([minor, tag]) => [
      minor,
      {
        source: { repository: "aws/karpenter-provider-aws", tag, commit: "0".repeat(40), path: PATH_OF(minor) },
        nodeRoleManagedPolicies: [],
        controllerPolicies: {},
      },
    ]),
  );
  fs.mkdirSync(path.join(project, path.dirname(KARPENTER_IAM_FILE)), { recursive: true });
  fs.writeFileSync(path.join(project, KARPENTER_IAM_FILE), JSON.stringify(pinned));
  return project;
}

const pinnedIn = (project: string) => JSON.parse(fs.readFileSync(path.join(project, KARPENTER_IAM_FILE), "utf8"));

describe("npm run vendor-policies", () => {
  it("reads each pinned release's template at its tag, and pins another with --add", async () => {
    const project = projectPinning({ "1.8": "v1.8.8" });
    const clone = cloneWith(project, { "v1.8.8": "eks:DescribeCluster", "v1.11.1": "eks:ListClusters" });
    const result = await runInProcess(vendorPoliciesCommand, ["--karpenter", clone, "--add", "v1.11.1"], { cwd: project });
    expect(result).toMatchObject({ status: 0, stderr: "" });
    expect(result.stdout).toMatch(/Karpenter 1\.8 \(v1\.8\.8\): changed\nKarpenter 1\.11 \(v1\.11\.1\): added/);
    const pinned = pinnedIn(project);
    expect(Object.keys(pinned)).toEqual(["1.8", "1.11"]);
    expect(pinned["1.11"].source).toEqual({
      repository: "aws/karpenter-provider-aws",
      tag: "v1.11.1",
      commit: execFileSync("git", ["-C", clone, "rev-parse", "v1.11.1"], { encoding: "utf8" }).trim(),
      path: PATH_OF("1.11"),
    });
    expect(pinned["1.11"].nodeRoleManagedPolicies).toEqual(["AmazonEKSWorkerNodePolicy"]);
    expect(pinned["1.8"].controllerPolicies.ControllerPolicy).toEqual([
      {
        Sid: "Read",
        Effect: "Allow",
        Resource: "arn:${AWS::Partition}:eks:${AWS::Region}:${AWS::AccountId}:cluster/${ClusterName}",
        Action: "eks:DescribeCluster",
      },
    ]);
    const again = await runInProcess(vendorPoliciesCommand, ["--karpenter", clone], { cwd: project });
    expect(again.stdout).toMatch(/1\.8 \(v1\.8\.8\): unchanged\n.*1\.11 \(v1\.11\.1\): unchanged/);
  });

  it.each([
    ["a tag the clone lacks", (clone: string) => ["--karpenter", clone, "--add", "v1.12.0"], /has no tag v1\.12\.0/],
    ["a folder that is not a clone", (clone: string) => ["--karpenter", path.dirname(clone)], /is not a git clone/],
    [
      "an --add that is no release tag",
      (clone: string) => ["--karpenter", clone, "--add", "main"],
      /--add "main" is not a release tag; allowed: v<major>\.<minor>\.<patch>/,
    ],
    ["no --karpenter", () => [], /--karpenter is required/],
  ])("refuses %s, and writes nothing", async (_, argsOf, message) => {
    const project = projectPinning({ "1.8": "v1.8.8" });
    const before = fs.readFileSync(path.join(project, KARPENTER_IAM_FILE), "utf8");
    const clone = cloneWith(project, { "v1.8.8": "eks:DescribeCluster" });
    const result = await runInProcess(vendorPoliciesCommand, argsOf(clone), { cwd: project });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(fs.readFileSync(path.join(project, KARPENTER_IAM_FILE), "utf8")).toBe(before);
  });

  it("refuses a template whose policy is not JSON, naming the tag and path", async () => {
    const project = projectPinning({ "1.8": "v1.8.8" });
    const clone = cloneWith(project, { "v1.8.8": 'x" ]' });
    const result = await runInProcess(vendorPoliciesCommand, ["--karpenter", clone], { cwd: project });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`v1.8.8:${PATH_OF("1.8")}: the policy ControllerPolicy is not JSON`);
  });
});
