import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError, loadEnvironments, readEnvironmentFiles, validateEnvironments } from "../../config";
import { Testing } from "cdktf";
import { PoolsideStack } from "../../stacks/poolside-stack";
import { defineStacks, synthesizeAtomically } from "../../stacks/app";
import { COMMANDS } from "../../scripts/commands";
import { runInProcess } from "../support/commands";
import { builtIn, problemsOf, validate } from "../support/helpers";

/**
 * Config that the schema once accepted but AWS (or Terraform) would refuse at plan or
 * apply time: each is a clear error at synth naming the field, the value and the file.
 */

const sameAccount = (name: string) => {
  const env = builtIn("dev");
  env.name = name;
  env.kind = "development";
  env.iomete.clusterName = `iomete-${name}`;
  env.iomete.lakehouseBucketName = `example-iomete-${name}-lakehouse`;
  env.provisioner.github.createOidcProvider = false;
  return env;
};

describe("what AWS would reject", () => {
  it("a Poolside role prefix repeated by two environments of one account, naming both", () => {
    const a = sameAccount("dev");
    const b = sameAccount("qa");
    a.provisioner.github.createOidcProvider = true;
    b.poolside.deploymentName = "qa";
    b.poolside.rolePrefix = a.poolside.rolePrefix = "acme-poolside";
    expect(problemsOf(a, b).join("\n")).toMatch(
      /environments\.dev, environments\.qa: poolside\.rolePrefix "acme-poolside" is used by 2 environments in the same account/,
    );
  });

  it("a Poolside deployment name repeated in one account and region", () => {
    const a = sameAccount("dev");
    const b = sameAccount("qa");
    a.provisioner.github.createOidcProvider = true;
    b.poolside.rolePrefix = "qa-poolside";
    b.poolside.clusterName = "poolside-qa";
    expect(problemsOf(a, b).join("\n")).toMatch(/poolside\.deploymentName "dev" is used by 2 environments in the same account and region/);
  });

  it('a Poolside cluster name starting with "sg-"', () => {
    const env = builtIn("dev");
    env.poolside.clusterName = "sg-main";
    expect(problemsOf(env).join("\n")).toMatch(/environments\.dev\.poolside\.clusterName: "sg-main" must not start with "sg-"/);
  });

  it("tag keys that differ only in case, among the environment's or against the stacks' own", () => {
    const env = builtIn("dev");
    env.tags = { Environment: "dev", environment: "dev", name: "x" };
    const problems = problemsOf(env).join("\n");
    expect(problems).toMatch(/tags\.environment: "dev" has the key "environment", which differs from "Environment" only in case/);
    expect(problems).toMatch(/tags\.name: "x" has the key "name", which differs from "Name" only in case/);
  });

  it("more than 50 tags on a resource once the stack's own are added", () => {
    const env = builtIn("dev");
    env.tags = Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`team-${i}`, "x"]));
    expect(problemsOf(env).join("\n")).toMatch(
      /environments\.dev\.tags: "45 tags" leave too many tags on a iomete resource: 52 with the stack's own, AWS allows 50/,
    );
    env.tags = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`team-${i}`, "x"]));
    expect(() => validate(env)).not.toThrow();
  });

  it("addon versions not of the form EKS gives them", () => {
    const env = builtIn("dev");
    env.iomete.eks.addonVersions = { "vpc-cni": "1.19.0" };
    expect(problemsOf(env).join("\n")).toMatch(
      /iomete\.eks\.addonVersions\.vpc-cni: "1\.19\.0" must be an EKS addon version: v<major>\.<minor>\.<patch>-eksbuild\.<n>/,
    );
    env.iomete.eks.addonVersions = { "vpc-cni": "v1.19.0-eksbuild.1" };
    expect(() => validate(env)).not.toThrow();
  });

  it.each([
    [
      "a VPC id of 10 hex digits",
      (e: any) => (e.iomete.network = { mode: "existing", vpcId: "vpc-0a1b2c3d4e", privateSubnetIds: ["subnet-0a1b2c3d", "subnet-0a1b2c3e"] }),
      /vpcId: "vpc-0a1b2c3d4e" must be a VPC id: vpc- and 8 or 17 hex digits/,
    ],
    [
      "a subnet id of 12 hex digits",
      (e: any) => (e.iomete.network = { mode: "existing", vpcId: "vpc-0a1b2c3d", privateSubnetIds: ["subnet-0a1b2c3d4e5f", "subnet-0a1b2c3e"] }),
      /privateSubnetIds\.0: "subnet-0a1b2c3d4e5f" must be a subnet id: subnet- and 8 or 17 hex digits/,
    ],
  ])("%s", (_what, change, message) => {
    const env = builtIn("dev");
    change(env);
    expect(problemsOf(env).join("\n")).toMatch(message);
  });

  it("blames the field the user wrote for a derived name that is too long", () => {
    const env = builtIn("dev");
    env.poolside.clusterName = "c".repeat(40);
    expect(problemsOf(env).join("\n")).toMatch(/environments\.dev\.poolside\.clusterName: "c{40}" is too long: .* shorten the cluster name by/);
    const prefix = builtIn("dev");
    prefix.poolside.rolePrefix = "p".repeat(40);
    expect(problemsOf(prefix).join("\n")).toMatch(/environments\.dev\.poolside\.rolePrefix: "p{40}" is too long/);
  });
});

describe("environment files that AWS never sees but users write", () => {
  const folders: string[] = [];
  afterAll(() => folders.forEach((f) => fs.rmSync(f, { recursive: true, force: true })));
  const folderWith = (files: Record<string, string>, subfolders: string[] = []) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "envs-"));
    folders.push(dir);
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    for (const name of subfolders) fs.mkdirSync(path.join(dir, name));
    return dir;
  };
  const problems = (dir: string) => {
    try {
      readEnvironmentFiles(dir);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems.join("\n");
      throw error;
    }
    throw new Error("expected the files to be refused");
  };

  it("refuses a key given twice in a JSON file, naming the file and the line", () => {
    const dir = folderWith({ "dev.json": '{\n  "name": "dev",\n  "name": "qa"\n}\n' });
    expect(problems(dir)).toMatch(
      /dev\.json: cannot be parsed as JSON: the key "name" is given twice in one object \(line 3\); JSON would keep only the last/,
    );
  });

  it("accepts a UTF-8 byte-order mark in JSON, as in YAML", () => {
    const dir = folderWith({ "dev.json": `\uFEFF${JSON.stringify(builtIn("dev"))}`, "prod.yaml": "\uFEFFname: prod\n" });
    const sources = readEnvironmentFiles(dir);
    expect(sources.map((s) => (s.input as { name: string }).name)).toEqual(["dev", "prod"]);
  });

  it("refuses several YAML documents in one file with a user's message", () => {
    const dir = folderWith({ "dev.yaml": "name: dev\n---\nname: qa\n" });
    expect(problems(dir)).toMatch(/dev\.yaml: cannot be parsed as YAML: holds 2 YAML documents \(separated by ---\); put one environment per file/);
  });

  it.each([
    ["JSON", "deep.json", `{"name":"deep","x":${"[".repeat(5000)}${"]".repeat(5000)}}`, 5001],
    ["YAML", "deep.yaml", `name: deep\nx: ${"[".repeat(5000)}${"]".repeat(5000)}\n`, 5000],
  ])("refuses %s nested thousands deep with a sentence, not a stack overflow", (_, name, text, depth) => {
    expect(problems(folderWith({ [name]: text }))).toMatch(
      new RegExp(`${name}: cannot be parsed as (JSON|YAML): nests ${depth} levels deep; an environment file needs at most 64`),
    );
  });

  it("names nesting the depth scan missed (an apostrophe in a comment) with a sentence too, not a stack overflow", () => {
    const text = `name: deep # don't\nx: ${"[".repeat(20000)}${"]".repeat(20000)}\n`;
    expect(problems(folderWith({ "deep.yaml": text }))).toMatch(/deep\.yaml: cannot be parsed as YAML: nests deeper than a parser can follow/);
  });

  it("reads a file through a symbolic link, and names a dangling link and a loop for what they are", () => {
    const dir = folderWith({ "target.txt": JSON.stringify(builtIn("dev")) });
    fs.symlinkSync(path.join(dir, "target.txt"), path.join(dir, "dev.json"));
    fs.symlinkSync(path.join(dir, "missing.json"), path.join(dir, "gone.json"));
    fs.symlinkSync("loop.yaml", path.join(dir, "loop.yaml"));
    const message = problems(dir);
    expect(message).toMatch(/gone\.json: is a symbolic link to ".*missing\.json", which does not exist/);
    expect(message).toMatch(/loop\.yaml: is a symbolic link that loops, not an environment file/);
    expect(message).not.toContain("dev.json");
    fs.rmSync(path.join(dir, "gone.json"));
    fs.rmSync(path.join(dir, "loop.yaml"));
    expect(readEnvironmentFiles(dir).map((s) => (s.input as { name: string }).name)).toEqual(["dev"]);
  });

  it("names a folder that looks like an environment file", () => {
    const dir = folderWith({ "dev.json": JSON.stringify(builtIn("dev")) }, ["old.json"]);
    expect(problems(dir)).toMatch(/old\.json: is a folder, not an environment file; rename it or move it out of/);
  });
});

describe("acknowledgeOpenPublicAccess, end to end", () => {
  it("lets a production API open to the internet synthesize, and lists it as an accepted risk", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ack-"));
    try {
      const prod = builtIn("prod");
      Object.assign(prod.iomete.eks, { endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"], acknowledgeOpenPublicAccess: true });
      fs.mkdirSync(path.join(dir, "envs"));
      fs.writeFileSync(path.join(dir, "envs", "prod.json"), JSON.stringify(prod));
      const env = { STACKS_CONFIG_DIR: path.join(dir, "envs") };
      // What main.ts does with that folder: load, define, synthesize, and return the rules' warnings.
      const warnings = synthesizeAtomically(path.join(dir, "cdktf.out"), (app) => defineStacks(app, loadEnvironments(env, dir)));
      expect(warnings.map((w) => w.ruleId)).not.toContain("EKS-PUBLIC-ENDPOINT-OPEN");
      expect(fs.existsSync(path.join(dir, "cdktf.out", "stacks", "iomete-data-plane-prod", "cdk.tf.json"))).toBe(true);
      const check = await runInProcess(COMMANDS.check, [], { env });
      expect(check.status).toBe(0);
      expect(check.stdout).toMatch(
        /EKS-PUBLIC-ENDPOINT-OPEN at iomete-data-plane-prod\/eks\/Resource: accepted in config: iomete\.eks\.acknowledgeOpenPublicAccess is true, the API endpoint is open to 0\.0\.0\.0\/0/,
      );
      // Without the acknowledgement the same file fails validation, naming the way out.
      delete prod.iomete.eks.acknowledgeOpenPublicAccess;
      fs.writeFileSync(path.join(dir, "envs", "prod.json"), JSON.stringify(prod));
      expect(() => loadEnvironments(env, dir)).toThrow(/set iomete\.eks\.acknowledgeOpenPublicAccess: true/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("instance types", () => {
  it.each([
    [
      "a node group type with a typo",
      (e: any) => (e.iomete.eks.nodeGroup.instanceTypes = ["m6a.xlarg"]),
      /iomete\.eks\.nodeGroup\.instanceTypes\.0: "m6a\.xlarg" is not an EC2 instance type; did you mean m6a\.xlarge\?/,
    ],
    [
      "a bastion type that does not exist",
      (e: any) => (e.poolside.bastion = { instanceType: "t5.medium" }),
      /poolside\.bastion\.instanceType: "t5\.medium" is not an EC2 instance type/,
    ],
    [
      "a Mac bastion",
      (e: any) => (e.poolside.bastion = { instanceType: "mac2.metal" }),
      /poolside\.bastion\.instanceType: "mac2\.metal" is a Mac instance type, which runs only on a Dedicated Host/,
    ],
    [
      "Mac nodes",
      (e: any) => (e.iomete.eks.nodeGroup.instanceTypes = ["mac-m4.metal"]),
      /iomete\.eks\.nodeGroup\.instanceTypes\.0: "mac-m4\.metal" is a Mac instance type/,
    ],
    [
      "the first Graviton (a1) beside an x86 type in one group",
      (e: any) => (e.iomete.eks.nodeGroup.instanceTypes = ["a1.xlarge", "m6a.xlarge"]),
      /instanceTypes: \["a1\.xlarge","m6a\.xlarge"\] mixes arm64 \(Graviton\) and x86_64 types/,
    ],
  ])("refuses %s", (_what, change, message) => {
    const env = builtIn("dev");
    change(env);
    expect(problemsOf(env).join("\n")).toMatch(message);
  });

  it("gives a Graviton bastion the arm64 image, an x86 one the x86_64 image", () => {
    for (const [instanceType, image] of [
      ["t4g.small", "al2023-ami-kernel-default-arm64"],
      ["a1.medium", "al2023-ami-kernel-default-arm64"],
      ["t3.medium", "al2023-ami-kernel-default-x86_64"],
    ]) {
      const input = builtIn("dev");
      input.poolside.bastion = { instanceType };
      const stack = new PoolsideStack(Testing.app(), "poolside-dev", { environment: validate(input)[0] });
      const json = JSON.parse(Testing.synth(stack));
      expect(Object.values<any>(json.data.aws_ssm_parameter)[0].name).toBe(`/aws/service/ami-amazon-linux-latest/${image}`);
    }
  });
});

describe("availability zones", () => {
  it("refuses a zone the region does not have, listing its zones", () => {
    const env = builtIn("dev");
    env.account.region = "us-east-2";
    env.iomete.network = { mode: "create", vpcCidr: "10.10.0.0/16", azCount: 2, availabilityZones: ["us-east-2a", "us-east-2d"] };
    expect(problemsOf(env).join("\n")).toMatch(
      /iomete\.network\.availabilityZones\.1: "us-east-2d" is not a zone of us-east-2; its zones: us-east-2a, us-east-2b, us-east-2c/,
    );
  });

  it("knows a zone of every region the schema accepts", async () => {
    const { AVAILABILITY_ZONES, AWS_REGIONS } = await import("../../config/aws");
    for (const region of AWS_REGIONS) expect(AVAILABILITY_ZONES[region]?.length).toBeGreaterThanOrEqual(2);
  });
});

describe("a value nested very deep", () => {
  it("still gets a message naming the field and the file", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 20000; i++) deep = [deep];
    const env = builtIn("dev");
    env.tags = { Team: deep };
    const message = problemsOf(env).join("\n");
    expect(message).toMatch(/environments\.dev\.tags\.Team: \[{5}…\]{5} must be string, not array \(from test\)/);
  });
});

describe("problems that span environments", () => {
  it("name every file involved", () => {
    const a = builtIn("dev");
    const b = builtIn("dev");
    b.name = "qa";
    b.kind = "development";
    b.provisioner.github.createOidcProvider = false;
    let message = "";
    try {
      validateEnvironments([
        { source: "environments/dev.json", input: a },
        { source: "environments/qa.yaml", input: b },
      ]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /environments\.qa\.iomete\.clusterName: "iomete-dev" is also used by environments\.dev\.iomete\.clusterName .* \(from environments\/dev\.json, environments\/qa\.yaml\)/,
    );
    expect(message).toMatch(/environments\.qa\.iomete\.lakehouseBucketName: .* \(from environments\/dev\.json, environments\/qa\.yaml\)/);
  });
});

describe("unusual but valid files stay good", () => {
  it("GovCloud, Graviton node groups and bastion, a /24 VPC, Pod Identity, and a minimal file all validate and synthesize", () => {
    const gov = builtIn("dev");
    gov.name = "gov";
    gov.kind = "development";
    gov.account = { id: "444455556666", region: "us-gov-west-1" };
    gov.iomete.clusterName = "iomete-gov";
    gov.iomete.lakehouseBucketName = "example-iomete-gov-lakehouse";
    gov.iomete.eks.clusterAdminArns = ["arn:aws-us-gov:iam::444455556666:role/platform-admin"];
    gov.iomete.network = { mode: "create", vpcCidr: "10.40.0.0/24", azCount: 2, availabilityZones: ["us-gov-west-1a", "us-gov-west-1b"] };
    gov.iomete.eks.nodeGroup = { instanceTypes: ["m7g.large", "c7g.xlarge"] };
    gov.iomete.eks.endpointPublicAccess = false;
    gov.iomete.eks.publicAccessCidrs = [];
    delete gov.poolside;
    gov.provisioner = { humanPrincipalArns: ["arn:aws-us-gov:iam::444455556666:role/platform-admin"] };
    const graviton = builtIn("prod");
    graviton.poolside.bastion = { instanceType: "t4g.small" };
    graviton.poolside.workloadIdentity = "pod-identity";
    const minimal = {
      name: "mini",
      kind: "development",
      account: { id: "777788889999", region: "eu-central-1" },
      iomete: {
        clusterName: "mini",
        lakehouseBucketName: "example-mini-lakehouse",
        eks: { clusterAdminArns: ["arn:aws:iam::777788889999:role/admin"] },
      },
      provisioner: { humanPrincipalArns: ["arn:aws:iam::777788889999:role/admin"] },
    };
    const environments = validate(gov, graviton, minimal);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "good-"));
    try {
      const warnings = synthesizeAtomically(path.join(dir, "cdktf.out"), (app) => defineStacks(app, environments));
      expect(warnings.filter((w) => w.level === "error")).toEqual([]);
      const stacks = fs.readdirSync(path.join(dir, "cdktf.out", "stacks"));
      expect(stacks).toEqual(expect.arrayContaining(["iomete-data-plane-gov", "poolside-prod", "iomete-data-plane-mini", "provisioner-mini"]));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

it("lists each problem once, even when the same environment is given twice", () => {
  const env = builtIn("dev");
  env.iomete.eks.nodeGroup = { instanceTypes: ["m6a.xlarg"] };
  const problems = problemsOf(env, structuredClone(env));
  expect(problems.length).toBe(new Set(problems).size);
  expect(problems.filter((p) => p.includes("m6a.xlarg"))).toHaveLength(1);
});
