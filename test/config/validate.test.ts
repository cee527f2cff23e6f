import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError, loadEnvironments, selectEnvironments } from "../../config";
import { builtIn, builtInConfig, problemsOf, validate } from "../support/helpers";

describe("built-in environments", () => {
  it("validate and get their defaults filled in", () => {
    const dev = builtInConfig("dev");
    expect(dev.iomete!.assetsBucketName).toBe("iomete-dev-assets-111111111111");
    expect(dev.stateBackend).toEqual({
      bucket: "tfstate-111111111111-eu-west-1",
      lockTable: "terraform-state-locks",
      region: "eu-west-1",
      keyPrefix: "",
      useLockfile: false,
      bootstrapStateInBucket: false,
    });
    expect(dev.iomete!.ownershipTag).toEqual({ key: "iomete.com/managed", value: "true" });
    expect(dev.iomete!.eks.nodeGroup).toMatchObject({
      instanceTypes: ["t3a.xlarge"],
      volumeSizeGiB: 100,
      volumeType: "gp3",
      capacityType: "ON_DEMAND",
    });
    expect(dev.iomete!.lakehouseServiceAccounts).toEqual(["*"]);
    // Production trusts the one service account IOMETE's chart annotates, unless the config asks for the wildcard.
    expect(builtInConfig("prod").iomete!.lakehouseServiceAccounts).toEqual(["lakehouse-service-account"]);
    const wildcard = builtIn("prod");
    wildcard.iomete.lakehouseServiceAccounts = ["*"];
    expect(validate(wildcard)[0].iomete!.lakehouseServiceAccounts).toEqual(["*"]);
    expect(dev.source).toBe("test");
  });

  it("keep the production API endpoint private and leave each role its generated boundary", () => {
    const prod = builtInConfig("prod");
    expect(prod.iomete!.eks.endpointPublicAccess).toBe(false);
    expect(prod.permissionsBoundaryArn).toBeUndefined();
    expect(prod.iomete!.network).toMatchObject({ natMode: "per-az", azCount: 3 });
  });

  it("are all loaded when no environment folder exists", () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "no-envs-"));
    expect(loadEnvironments({}, empty).map((e) => e.name)).toEqual(["dev", "staging", "prod"]);
    expect(loadEnvironments({}, empty).every((e) => e.source === "built-in")).toBe(true);
  });

  it("default the EKS API endpoint to private when the field is left out", () => {
    const env = builtIn("dev");
    env.iomete.eks = { clusterAdminArns: ["arn:aws:iam::111111111111:role/admin"] };
    expect(validate(env)[0].iomete!.eks).toMatchObject({ endpointPublicAccess: false, publicAccessCidrs: [], kubernetesVersion: "1.33" });
  });
});

describe("bad configuration", () => {
  // Each case: a change to a valid environment, and the message that must name the field, the value and what is allowed.
  const cases: Array<[string, "dev" | "prod", (env: any) => void, RegExp]> = [
    [
      "a non-numeric account id",
      "dev",
      (e) => (e.account.id = "12345"),
      /environments\.dev\.account\.id: "12345" must be a 12-digit AWS account id \(from test\)/,
    ],
    [
      "an unknown region",
      "dev",
      (e) => (e.account.region = "eu-west-9"),
      /environments\.dev\.account\.region: "eu-west-9" must be a known AWS region/,
    ],
    [
      "an invalid VPC CIDR",
      "dev",
      (e) => (e.iomete.network.vpcCidr = "10.0.0.0/33"),
      /environments\.dev\.iomete\.network\.vpcCidr: "10\.0\.0\.0\/33" is not a valid IPv4 CIDR/,
    ],
    [
      "a VPC CIDR with host bits",
      "dev",
      (e) => (e.iomete.network.vpcCidr = "10.10.1.0/16"),
      /vpcCidr: "10\.10\.1\.0\/16" has host bits set; use the network address/,
    ],
    ["a VPC too large for AWS", "dev", (e) => (e.iomete.network.vpcCidr = "10.0.0.0/8"), /vpcCidr: "10\.0\.0\.0\/8" must be a \/16 to \/24/],
    ["an AZ count of 4", "dev", (e) => (e.iomete.network.azCount = 4), /iomete\.network\.azCount: 4 must be 2 to 3/],
    ["an AZ count of 1", "dev", (e) => (e.iomete.network.azCount = 1), /iomete\.network\.azCount: 1 must be 2 to 3/],
    ["an unknown NAT mode", "dev", (e) => (e.iomete.network.natMode = "double"), /natMode: "double" must be "single" or "per-az"/],
    [
      "a subnet outside the VPC",
      "dev",
      (e) => (e.iomete.network.privateSubnetCidrs = ["10.10.128.0/19", "10.11.0.0/19"]),
      /iomete\.network\.privateSubnetCidrs\.1: "10\.11\.0\.0\/19" does not fit in the VPC 10\.10\.0\.0\/16/,
    ],
    [
      "overlapping subnets",
      "dev",
      (e) => (e.iomete.network.publicSubnetCidrs = ["10.10.0.0/20", "10.10.160.0/20"]),
      /publicSubnetCidrs\.1: "10\.10\.160\.0\/20" overlaps iomete\.network\.privateSubnetCidrs\.0 \(10\.10\.160\.0\/19\)/,
    ],
    [
      "the wrong number of subnets",
      "dev",
      (e) => (e.iomete.network.publicSubnetCidrs = ["10.10.0.0/20"]),
      /publicSubnetCidrs: \["10\.10\.0\.0\/20"\] must list one CIDR per zone: 2/,
    ],
    [
      "a zone of another region",
      "dev",
      (e) => (e.iomete.network.availabilityZones = ["eu-west-1a", "us-east-1b"]),
      /availabilityZones\.1: "us-east-1b" is not a zone of eu-west-1; its zones: eu-west-1a, eu-west-1b, eu-west-1c/,
    ],
    [
      "a bucket name with capitals",
      "dev",
      (e) => (e.iomete.lakehouseBucketName = "Lakehouse_Data"),
      /lakehouseBucketName: "Lakehouse_Data" is not a valid S3 bucket name: it may contain only lowercase letters, digits, dots and hyphens/,
    ],
    ["a bucket name formatted as an IP", "dev", (e) => (e.iomete.lakehouseBucketName = "192.168.5.4"), /must not be formatted as an IP address/],
    [
      "a bucket name with a reserved prefix",
      "dev",
      (e) => (e.iomete.assetsBucketName = "xn--assets"),
      /assetsBucketName: "xn--assets" .*reserved prefix "xn--"/,
    ],
    [
      "a two-character bucket name",
      "dev",
      (e) => (e.stateBackend = { bucket: "ab" }),
      /stateBackend\.bucket: "ab" is not a valid S3 bucket name: it must be 3-63 characters long \(it has 2\)/,
    ],
    [
      "the same bucket for lakehouse and assets",
      "dev",
      (e) => (e.iomete.assetsBucketName = e.iomete.lakehouseBucketName),
      /assetsBucketName: "example-iomete-dev-lakehouse" must differ from iomete\.lakehouseBucketName/,
    ],
    [
      "a cluster name too long for its role names",
      "dev",
      (e) => (e.iomete.clusterName = "c".repeat(40)),
      /clusterName: "c{40}" is too long: the derived EBS CSI role name "AmazonEKS_EBS_CSI_DriverRole-c{40}" has 69 characters, AWS allows 64; shorten the cluster name by 5/,
    ],
    [
      "a cluster name with a dot",
      "dev",
      (e) => (e.iomete.clusterName = "iomete.dev"),
      /clusterName: "iomete\.dev" must start with a letter and hold only letters, digits, hyphens and underscores/,
    ],
    [
      "an unsupported Kubernetes version",
      "dev",
      (e) => (e.iomete.eks.kubernetesVersion = "1.20"),
      /kubernetesVersion: "1\.20" must be one of 1\.31, 1\.32, 1\.33, 1\.34/,
    ],
    [
      "0.0.0.0/0 on the prod API without acknowledgement",
      "prod",
      (e) => Object.assign(e.iomete.eks, { endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] }),
      /environments\.prod\.iomete\.eks\.publicAccessCidrs: \["0\.0\.0\.0\/0"\] opens the production API endpoint to the internet \(a range of \/8 or wider\); list your CIDRs, or set iomete\.eks\.acknowledgeOpenPublicAccess: true/,
    ],
    [
      "a public endpoint with no CIDRs",
      "dev",
      (e) => (e.iomete.eks.publicAccessCidrs = []),
      /publicAccessCidrs: \[\] must list the CIDRs allowed to reach the public API endpoint/,
    ],
    [
      "an invalid public-access CIDR",
      "dev",
      (e) => (e.iomete.eks.publicAccessCidrs = ["203.0.113.0/24", "300.1.1.1/32"]),
      /publicAccessCidrs\.1: "300\.1\.1\.1\/32" is not a valid IPv4 CIDR/,
    ],
    [
      "node sizes out of order",
      "dev",
      (e) => Object.assign(e.iomete.eks.nodeGroup, { minSize: 2, desiredSize: 1, maxSize: 3 }),
      /nodeGroup\.desiredSize: 1 must lie between minSize \(2\) and maxSize \(3\)/,
    ],
    ["a size given as text", "dev", (e) => (e.iomete.eks.nodeGroup.maxSize = "3"), /nodeGroup\.maxSize: "3" must be number, not string/],
    [
      "a bad instance type",
      "dev",
      (e) => (e.iomete.eks.nodeGroup.instanceTypes = ["large"]),
      /instanceTypes\.0: "large" must be an EC2 instance type such as t3a\.xlarge/,
    ],
    ["a too-small root volume", "dev", (e) => (e.iomete.eks.nodeGroup.volumeSizeGiB = 8), /volumeSizeGiB: 8 must be at least 20 GiB/],
    [
      "a log retention CloudWatch does not offer",
      "dev",
      (e) => (e.iomete.logs.retentionDays = 10),
      /logs\.retentionDays: 10 must be one of CloudWatch's retention values \(1, 3, 5/,
    ],
    [
      "an admin that is not an IAM ARN",
      "dev",
      (e) => (e.iomete.eks.clusterAdminArns = ["admin@example.com"]),
      /clusterAdminArns\.0: "admin@example\.com" must be an IAM role or user ARN/,
    ],
    [
      "a boundary in another account",
      "prod",
      (e) => (e.permissionsBoundaryArn = "arn:aws:iam::999999999999:policy/boundary"),
      /permissionsBoundaryArn: "arn:aws:iam::999999999999:policy\/boundary" must be a policy in the environment's account 333333333333/,
    ],
    [
      "a boundary that is not a policy ARN",
      "prod",
      (e) => (e.permissionsBoundaryArn = "boundary"),
      /permissionsBoundaryArn: "boundary" must be a customer-managed policy ARN/,
    ],
    [
      "a misspelt field",
      "dev",
      (e) => (e.iomete.eks.endpointPublicAcess = true),
      /iomete\.eks: unknown field "endpointPublicAcess"; allowed: kubernetesVersion, endpointPublicAccess,/,
    ],
    [
      "an unknown network mode",
      "dev",
      (e) => (e.iomete.network.mode = "static"),
      /network\.mode: "static" must be "create" \(a new VPC\) or "existing" \(your VPC and subnets\)/,
    ],
    [
      "an existing network with one subnet",
      "dev",
      (e) => (e.iomete.network = { mode: "existing", vpcId: "vpc-0123abcd", privateSubnetIds: ["subnet-0123abcd"] }),
      /privateSubnetIds: \["subnet-0123abcd"\] EKS needs at least two private subnets in different zones/,
    ],
    [
      "an existing network with a bad VPC id",
      "dev",
      (e) => (e.iomete.network = { mode: "existing", vpcId: "my-vpc", privateSubnetIds: ["subnet-0123abcd", "subnet-0123abce"] }),
      /network\.vpcId: "my-vpc" must be a VPC id/,
    ],
    [
      "a reserved tag key",
      "dev",
      (e) => (e.tags = { "aws:owner": "me" }),
      /environments\.dev\.tags: \{"aws:owner":"me"\} has the key "aws:owner", which is reserved: tag keys may not start with "aws:"/,
    ],
    [
      "a tag overriding the ownership tag",
      "dev",
      (e) => (e.tags = { "iomete.com/managed": "false" }),
      /tags\.iomete\.com\/managed: "false" would overwrite the iomete ownership tag, whose value must stay "true"/,
    ],
    [
      "an environment name with capitals",
      "dev",
      (e) => (e.name = "Dev"),
      /environments\.Dev\.name: "Dev" must be 1-20 characters: lowercase letters/,
    ],
    [
      "a missing cluster name",
      "dev",
      (e) => delete e.iomete.clusterName,
      /environments\.dev\.iomete\.clusterName: \(missing\) is required \(string\)/,
    ],
    [
      "a cluster name EC2 reserves for security groups",
      "dev",
      (e) => (e.iomete.clusterName = "sg-data"),
      /clusterName: "sg-data" must not start with "sg-"/,
    ],
    [
      "a VPC in a reserved range",
      "dev",
      (e) => (e.iomete.network.vpcCidr = "127.0.0.0/16"),
      /vpcCidr: "127\.0\.0\.0\/16" overlaps the reserved range 127\.0\.0\.0\/8; use a private range/,
    ],
    [
      "an STS session as admin",
      "dev",
      (e) => (e.iomete.eks.clusterAdminArns = ["arn:aws:sts::111111111111:assumed-role/admin/me"]),
      /clusterAdminArns\.0: "arn:aws:sts::111111111111:assumed-role\/admin\/me" must be an IAM role or user ARN/,
    ],
    [
      "an admin role ARN ending in /",
      "dev",
      (e) => (e.iomete.eks.clusterAdminArns = ["arn:aws:iam::111111111111:role/admins/"]),
      /clusterAdminArns\.0: "arn:aws:iam::111111111111:role\/admins\/" must be an IAM role or user ARN .*a name of 1-64 characters/,
    ],
    [
      "an admin role name of 70 characters",
      "dev",
      (e) => (e.iomete.eks.clusterAdminArns = [`arn:aws:iam::111111111111:role/${"r".repeat(70)}`]),
      /clusterAdminArns\.0: "arn:aws:iam::111111111111:role\/r+\.\.\. must be an IAM role or user ARN .*a name of 1-64 characters/,
    ],
    [
      "an admin in another partition",
      "dev",
      (e) => (e.provisioner.humanPrincipalArns = ["arn:aws-us-gov:iam::111111111111:role/admin"]),
      /provisioner\.humanPrincipalArns\.0: "arn:aws-us-gov:iam::111111111111:role\/admin" must use the partition "aws" of region eu-west-1/,
    ],
    [
      "a state backend in another partition",
      "dev",
      (e) => (e.stateBackend = { ...e.stateBackend, region: "us-gov-west-1" }),
      /stateBackend\.region: "us-gov-west-1" is in the partition "aws-us-gov", and the account's region eu-west-1 in "aws"/,
    ],
    [
      "a parameter path too deep for SSM's 15 levels",
      "dev",
      (e) => (e.poolside.parameterPath = `/poolside/deployment/${Array(11).fill("x").join("/")}`),
      /poolside\.parameterPath: "\/poolside\/deployment\/x(\/x){10}" puts the stack's parameters 16 levels deep \(with ecr\/<repository>\/url\), and SSM allows 15/,
    ],
    [
      "a state key prefix with //",
      "dev",
      (e) => (e.stateBackend = { ...e.stateBackend, keyPrefix: "team//prod" }),
      /keyPrefix: "team\/\/prod" must not .*nor hold \/\//,
    ],
    [
      "a model prefix that is a wildcard",
      "dev",
      (e) => (e.poolside.models = { prefix: "*/" }),
      /poolside\.models\.prefix: "\*\/" must be a key prefix of folder names .*without a leading \/ or \* or \?/,
    ],
    [
      "Amazon Linux 2 nodes on Kubernetes 1.33",
      "dev",
      (e) => {
        e.iomete.eks.kubernetesVersion = "1.33";
        e.iomete.kubernetes.karpenter = { nodePool: { amiAlias: "al2@latest" } };
      },
      /nodePool\.amiAlias: "al2@latest" is Amazon Linux 2, for which EKS publishes no AMI after Kubernetes 1\.32, and the cluster runs 1\.33/,
    ],
    [
      "an admin listed twice",
      "dev",
      (e) => e.iomete.eks.clusterAdminArns.push(e.iomete.eks.clusterAdminArns[0]),
      /clusterAdminArns\.1: "arn:aws:iam::111111111111:role\/platform-admin" is listed twice/,
    ],
    [
      "nobody able to administer the cluster",
      "dev",
      (e) => (e.iomete.eks.clusterAdminArns = []),
      /clusterAdminArns: \[\] names no one, and bootstrapCreatorAdmin is false/,
    ],
    [
      "Graviton and x86 types in one group",
      "dev",
      (e) => (e.iomete.eks.nodeGroup.instanceTypes = ["m7g.xlarge", "m6a.xlarge"]),
      /instanceTypes: \["m7g\.xlarge","m6a\.xlarge"\] mixes arm64 \(Graviton\) and x86_64 types/,
    ],
    ["an io2 volume without IOPS", "dev", (e) => (e.iomete.eks.nodeGroup.volumeType = "io2"), /volumeType: "io2" must be "gp3" or "gp2"/],
    [
      "a misspelt addon",
      "dev",
      (e) => (e.iomete.eks.addonVersions = { vpc_cni: "v1.19.0-eksbuild.1" }),
      /addonVersions\.vpc_cni: .*must be one of the addons vpc-cni, coredns/,
    ],
    [
      "a tag value IAM refuses",
      "dev",
      (e) => (e.tags = { Team: "data (lake)" }),
      /tags\.Team: "data \(lake\)" tag values may hold only letters, digits, spaces and _ \. : \/ = \+ - @/,
    ],
    [
      "0.0.0.0/0 in two halves on the prod API",
      "prod",
      (e) => Object.assign(e.iomete.eks, { endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/1", "128.0.0.0/1"] }),
      /publicAccessCidrs: \["0\.0\.0\.0\/1","128\.0\.0\.0\/1"\] opens the production API endpoint to the internet/,
    ],
    [
      "more public CIDRs than EKS accepts",
      "dev",
      (e) => (e.iomete.eks.publicAccessCidrs = Array.from({ length: 41 }, (_, i) => `198.51.${i}.0/24`)),
      /publicAccessCidrs: .* EKS accepts at most 40 CIDRs/,
    ],
  ];

  it.each(cases)("fails for %s", (_what, base, change, message) => {
    const env = builtIn(base);
    change(env);
    const problems = problemsOf(env);
    expect(problems.join("\n")).toMatch(message);
  });

  it("fails for duplicate environment names, naming both sources", () => {
    const copy = builtIn("dev");
    copy.iomete.clusterName = "other";
    copy.iomete.lakehouseBucketName = "other-lakehouse";
    expect(problemsOf(builtIn("dev"), copy)).toContain(
      'environments.dev.name: "dev" is defined 2 times (test, test); environment names must be unique',
    );
  });

  it("reports a duplicate name even when the environments have other problems", () => {
    const broken = builtIn("dev");
    broken.account.id = "x";
    const problems = problemsOf(builtIn("dev"), broken);
    expect(problems).toContain('environments.dev.name: "dev" is defined 2 times (test, test); environment names must be unique');
    expect(problems.join("\n")).toMatch(/account\.id: "x" must be a 12-digit AWS account id/);
  });

  it("fails when one account names the same cluster in two regions (IAM role names are global)", () => {
    const other = builtIn("staging");
    Object.assign(other.account, { id: "111111111111", region: "us-east-1" });
    other.iomete.clusterName = "iomete-dev";
    expect(problemsOf(builtIn("dev"), other).join("\n")).toMatch(
      /environments\.staging\.iomete\.clusterName: "iomete-dev" is also used by environments\.dev\.iomete\.clusterName in the same account; cluster names must be unique there/,
    );
  });

  it("names the default state bucket after the backend's region, and rejects one bucket for two backends", () => {
    const env = builtIn("dev");
    env.stateBackend = { region: "us-east-1" };
    expect(validate(env)[0].stateBackend.bucket).toBe("tfstate-111111111111-us-east-1");
    const other = builtIn("staging");
    other.stateBackend = { bucket: "tfstate-111111111111-eu-west-1" };
    expect(problemsOf(builtIn("dev"), other).join("\n")).toMatch(
      /environments\.staging\.stateBackend\.bucket: "tfstate-111111111111-eu-west-1" is also the state bucket of environment dev in another account or region; each state backend needs its own bucket \(from test, test\)/,
    );
  });

  it("fails when two environments claim one bucket", () => {
    const other = builtIn("staging");
    other.iomete.lakehouseBucketName = builtIn("dev").iomete.lakehouseBucketName;
    expect(problemsOf(builtIn("dev"), other).join("\n")).toMatch(
      /environments\.staging\.iomete\.lakehouseBucketName: "example-iomete-dev-lakehouse" is also used by environments\.dev\.iomete\.lakehouseBucketName/,
    );
  });

  it("fails when an access-log bucket <bucket>-logs is another bucket of the set", () => {
    const dev = builtIn("dev");
    dev.poolside.bucketAccessLogs = {};
    const other = builtIn("staging");
    other.iomete.lakehouseBucketName = `${validate(builtIn("dev"))[0].poolside!.bucketName}-logs`;
    expect(problemsOf(dev, other).join("\n")).toMatch(
      /environments\.staging\.iomete\.lakehouseBucketName: "poolside-[a-z0-9-]+-logs" is also used by environments\.dev\.poolside\.bucketAccessLogs/,
    );
  });

  it("fails when environments sharing an account and region disagree on the state backend", () => {
    const other = builtIn("staging");
    other.account.id = "111111111111";
    other.stateBackend = { lockTable: "another-table" };
    expect(problemsOf(builtIn("dev"), other).join("\n")).toMatch(
      /environments\.staging\.stateBackend\.lockTable: "another-table" differs from "terraform-state-locks" of environment dev in the same account and region/,
    );
  });

  it("accepts 0.0.0.0/0 on the prod API when acknowledged, and outside prod without", () => {
    const prod = builtIn("prod");
    Object.assign(prod.iomete.eks, { endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"], acknowledgeOpenPublicAccess: true });
    expect(() => validate(prod)).not.toThrow();
    const dev = builtIn("dev");
    dev.iomete.eks.publicAccessCidrs = ["0.0.0.0/0"];
    expect(() => validate(dev)).not.toThrow();
  });

  it("collects every problem of every environment before failing once", () => {
    const dev = builtIn("dev");
    dev.account.id = "1";
    dev.iomete.network.vpcCidr = "nonsense";
    dev.iomete.logs.retentionDays = 2;
    const prod = builtIn("prod");
    prod.iomete.eks.nodeGroup.minSize = 9;
    let error: unknown;
    try {
      validate(dev, prod);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.filter((p) => p.startsWith("environments.dev."))).toHaveLength(3);
    expect(problems.filter((p) => p.startsWith("environments.prod."))).toHaveLength(2);
    expect((error as Error).message).toMatch(/^Invalid configuration \(5 problems\):\n {2}- /);
  });
});

describe("environment files", () => {
  function folderWith(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "envs-"));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  }
  const userEnv = {
    name: "acme-prod",
    kind: "production",
    account: { id: "444455556666", region: "us-east-2" },
    iomete: { clusterName: "acme-lakehouse", lakehouseBucketName: "acme-lakehouse-data", eks: { bootstrapCreatorAdmin: true } },
    provisioner: { humanPrincipalArns: ["arn:aws:iam::444455556666:role/admin"] },
  };

  it("replace the built-in environments, in JSON or YAML, validated by the same schema", () => {
    const dir = folderWith({
      "acme-prod.json": JSON.stringify(userEnv),
      "acme-dev.yaml":
        "name: acme-dev\nkind: development\naccount:\n  id: '444455556666'\n  region: us-east-2\niomete:\n  clusterName: acme-dev\n  lakehouseBucketName: acme-dev-data\n  eks:\n    clusterAdminArns: ['arn:aws:iam::444455556666:role/admin']\nprovisioner:\n  humanPrincipalArns: ['arn:aws:iam::444455556666:role/admin']\n",
      "README.txt": "ignored",
    });
    const envs = loadEnvironments({ STACKS_CONFIG_DIR: dir });
    expect(envs.map((e) => e.name)).toEqual(["acme-dev", "acme-prod"]);
    expect(envs[1].source).toBe(path.join(dir, "acme-prod.json"));
    expect(envs[1].iomete!.network).toMatchObject({ mode: "create", vpcCidr: "10.10.0.0/16", azCount: 3 });
  });

  it("are read from ./environments when that folder exists", () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "project-"));
    fs.mkdirSync(path.join(project, "environments"));
    fs.writeFileSync(path.join(project, "environments", "acme.json"), JSON.stringify(userEnv));
    expect(loadEnvironments({}, project).map((e) => e.name)).toEqual(["acme-prod"]);
  });

  it("report problems with the file they came from", () => {
    const dir = folderWith({ "acme.json": JSON.stringify({ ...userEnv, account: { id: "x", region: "us-east-2" } }) });
    expect(() => loadEnvironments({ STACKS_CONFIG_DIR: dir })).toThrow(
      new RegExp(
        `environments\\.acme-prod\\.account\\.id: "x" must be a 12-digit AWS account id \\(from ${dir.replace(/[/.]/g, "\\$&")}/acme\\.json\\)`,
      ),
    );
  });

  it("fail on a file that does not parse", () => {
    const dir = folderWith({ "broken.json": "{ name: " });
    expect(() => loadEnvironments({ STACKS_CONFIG_DIR: dir })).toThrow(/broken\.json: cannot be parsed as JSON/);
  });

  it("fail when the folder is missing or empty", () => {
    expect(() => loadEnvironments({ STACKS_CONFIG_DIR: "/nonexistent/envs" })).toThrow(/STACKS_CONFIG_DIR: "\/nonexistent\/envs" is not a folder/);
    expect(() => loadEnvironments({ STACKS_CONFIG_DIR: folderWith({}) })).toThrow(/holds no environment files/);
  });
});

describe("environment selection", () => {
  const all = validate(builtIn("dev"), builtIn("staging"), builtIn("prod"));

  it("keeps the named environments", () => {
    expect(selectEnvironments(all, "prod, dev").map((e) => e.name)).toEqual(["dev", "prod"]);
    expect(selectEnvironments(all, undefined)).toHaveLength(3);
  });

  it("fails on an unknown name, listing the known ones", () => {
    expect(() => selectEnvironments(all, "dev,qa")).toThrow('STACKS_ENVIRONMENTS: "dev,qa" names unknown environment qa; known: dev, staging, prod');
  });
});

describe("the README's example environment files", () => {
  it("validate together (they share an account, state backend and nothing else)", () => {
    const dir = path.resolve(__dirname, "../../examples/environments");
    const envs = loadEnvironments({ STACKS_CONFIG_DIR: dir });
    expect(envs.map((e) => e.name)).toEqual(["prod", "staging"]);
    expect(envs[1].iomete!.network.mode).toBe("existing");
  });
});

describe("a shared state backend", () => {
  it("must agree on where the bootstrap stack keeps its own state", () => {
    const other = builtIn("staging");
    other.account.id = "111111111111";
    other.stateBackend = { bootstrapStateInBucket: true };
    expect(problemsOf(builtIn("dev"), other).join("\n")).toMatch(
      /environments\.staging\.stateBackend\.bootstrapStateInBucket: true differs from false of environment dev in the same account and region/,
    );
  });
});

describe("the benchmark's generated environments", () => {
  it("are valid, so `npm run bench` measures what it says", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { generateEnvironments } = require("../../scripts/bench");
    const dir = generateEnvironments(3);
    expect(loadEnvironments({ STACKS_CONFIG_DIR: dir }).map((e) => e.name)).toEqual(["env0", "env1", "env2"]);
  });
});

describe("an environment's kind", () => {
  const named = (name: string, kind?: string) => {
    const env = builtIn("dev");
    env.name = name;
    if (kind) env.kind = kind;
    return env;
  };

  it("is inferred only from names that say it, alone or before a hyphen", () => {
    const inferred = (name: string) => validate(named(name))[0].kind;
    expect(["prod", "production", "prod-eu"].map(inferred)).toEqual(["production", "production", "production"]);
    expect(["staging", "stage", "stage-2"].map(inferred)).toEqual(["staging", "staging", "staging"]);
    expect(["dev", "development", "dev-alice"].map(inferred)).toEqual(["development", "development", "development"]);
    for (const silent of ["prd", "acme-prod", "production1", "qa", "devops"]) {
      expect(problemsOf(named(silent))).toEqual([
        `environments.${silent}.kind: (missing) is required: the name "${silent}" does not say the environment's posture (only prod, production, staging, stage, dev, development, alone or before "-", do); allowed: production, staging, development (from test)`,
      ]);
    }
  });

  it("is taken from the field for any name, and refused when not one of the three or when it contradicts the name", () => {
    expect(validate(named("prd", "production"))[0].kind).toBe("production");
    expect(problemsOf(named("prd", "prod"))[0]).toMatch(/^environments\.prd\.kind: "prod" .*'production' \| 'staging' \| 'development'/);
    expect(problemsOf(named("prod-eu", "development"))).toEqual([
      `environments.prod-eu.kind: "development" contradicts the name "prod-eu", which says production; rename the environment or set kind: production (from test)`,
    ]);
  });

  it("gives a production environment of any name production's strictness", () => {
    const prd = named("prd", "production");
    Object.assign(prd.iomete.eks, { endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] });
    expect(problemsOf(prd).join("\n")).toMatch(/environments\.prd\.iomete\.eks\.publicAccessCidrs: .*acknowledgeOpenPublicAccess/);
    const qa = named("qa", "development");
    Object.assign(qa.iomete.eks, { endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] });
    expect(() => validate(qa)).not.toThrow();
  });
});

describe("messages safe for a terminal", () => {
  it("escapes bidirectional and other invisible characters in values and field names", () => {
    const input = builtIn("dev");
    input.iomete.clusterName = "ab\u202ecd";
    input.iomete["we\u200bird"] = 1;
    const problems = problemsOf(input).join("\n");
    expect(problems).toContain('clusterName: "ab\\u202ecd" must start with a letter');
    expect(problems).toContain('unknown field "we\\u200bird"');
    expect(problems).not.toMatch(/[\u202e\u200b]/);
  });

  it.each([
    ["YAML's .inf", Infinity],
    ["YAML's .nan", NaN],
  ])("names %s, which JSON would print as null, as not a finite number", (_, value) => {
    const input = builtIn("dev");
    input.iomete.assetsExpirationDays = value;
    expect(problemsOf(input)).toEqual([`environments.dev.iomete.assetsExpirationDays: ${String(value)} must be a finite number (from test)`]);
  });

  it("bounds the numbers AWS bounds: days of expiry at 100 years", () => {
    const input = builtIn("dev");
    input.iomete.assetsExpirationDays = 1e20;
    expect(problemsOf(input).join("\n")).toMatch(/assetsExpirationDays: 100000000000000000000 must be at most 36500 \(100 years\)/);
  });
});

describe("the ownership tag", () => {
  it.each([
    ["iomete", "iomete.com/cluster_name"],
    ["iomete", "karpenter.sh/discovery"],
    ["poolside", "poolside.ai/deployment"],
    ["poolside", "Name"],
    ["poolside", "kubernetes.io/cluster/poolside-dev"],
    ["iomete", "kubernetes.iox"],
    ["iomete", "ebs.csi.aws.com/cluster"],
    ["poolside", "CSIVolumeName"],
  ])("refuses a %s ownership key the stack sets for another purpose: %s", (section, key) => {
    const input = builtIn("dev");
    input[section].ownershipTag = { key, value: "true" };
    expect(problemsOf(input).join("\n")).toContain(
      `environments.dev.${section}.ownershipTag.key: ${JSON.stringify(key)} is a tag the stack or AWS sets for another purpose`,
    );
  });
});

describe("GPU node group taints and labels, as Kubernetes and EKS take them", () => {
  const withGpu = (gpu: Record<string, unknown>) => {
    const input = builtIn("prod");
    input.poolside.gpuNodeGroup = { ...input.poolside.gpuNodeGroup, ...gpu };
    return problemsOf(input).join("\n");
  };

  it.each([
    [
      "a key over 63 characters",
      { labels: { [`example.com/${"a".repeat(60)}`]: "x" } },
      /labels\.example\.com\/a+: .* must be at most 63 characters \(EKS's limit for a label key\)/,
    ],
    ["a key with a space", { labels: { "my label": "x" } }, /labels\.my label: .* must be a Kubernetes label key/],
    ["an empty label value", { labels: { team: "" } }, /labels\.team: "" must not be empty/],
    ["a label value with a space", { labels: { team: "data team" } }, /labels\.team: "data team" must be letters, digits, - _ \. .*\(no spaces\)/],
    [
      "a taint key that is no qualified name",
      { taints: [{ key: "-gpu", effect: "NO_SCHEDULE" }] },
      /taints\.0\.key: "-gpu" must be a Kubernetes taint key/,
    ],
    [
      "two taints with one key and effect",
      {
        taints: [
          { key: "gpu", value: "a", effect: "NO_SCHEDULE" },
          { key: "gpu", value: "b", effect: "NO_SCHEDULE" },
        ],
      },
      /taints\.1: .* repeats the key and effect of an earlier taint/,
    ],
  ])("refuses %s", (_, gpu, message) => {
    expect(withGpu(gpu)).toMatch(message);
  });

  it("accepts a prefixed key, an empty taint value, and one key with two effects", () => {
    const input = builtIn("prod");
    input.poolside.gpuNodeGroup = {
      ...input.poolside.gpuNodeGroup,
      labels: { "poolside.ai/pool": "inference" },
      taints: [
        { key: "nvidia.com/gpu", effect: "NO_SCHEDULE" },
        { key: "nvidia.com/gpu", effect: "NO_EXECUTE" },
      ],
    };
    expect(validate(input)[0].poolside!.gpuNodeGroup!.taints).toHaveLength(2);
  });
});
