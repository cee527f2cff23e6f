/**
 * `npm run vendor-policies -- --karpenter <clone> [--add <tag>]`: refreshes the pinned copy of
 * Karpenter's published IAM (modules/data/karpenter-iam.json) from a local clone of
 * aws/karpenter-provider-aws: for each minor release it holds, the template at the pinned tag;
 * `--add` pins another release. Read with git, so it works without network access; the file is
 * written whole, and only when every release was read.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { compareMinor, minorOf } from "../../config/kubernetes-side";
import { PolicyStatement } from "../../lib/policy-document";
import { KarpenterOfficialIam } from "../../modules/vendor-policies";
import { Command, parseFlags, UsageError } from "../cli";
import { writeFileWhole } from "../owned-folder";

const USAGE = "usage: npm run vendor-policies -- --karpenter <git clone of aws/karpenter-provider-aws> [--add <tag>]";
const ABOUT =
  "Refreshes modules/data/karpenter-iam.json, the pinned copy of Karpenter's published IAM (its getting-started CloudFormation " +
  "template), per minor release, from a local git clone; the tests then prove the controller's and node's roles against it.";
const FLAGS = {
  karpenter: "a local git clone of aws/karpenter-provider-aws with its tags (required)",
  add: "a release tag to pin beside those the file holds (v1.12.0); its minor replaces any of the same minor",
};

export const KARPENTER_IAM_FILE = path.join("modules", "data", "karpenter-iam.json");
const KARPENTER_REPOSITORY = "aws/karpenter-provider-aws";
/** Where Karpenter's docs keep each minor release's template. */
const templatePathOf = (minor: string) => `website/content/en/v${minor}/getting-started/getting-started-with-karpenter/cloudformation.yaml`;

export const vendorPoliciesCommand: Command = (context) => {
  const flags = parseFlags(context.args, FLAGS, USAGE, ABOUT);
  if (!flags.karpenter) throw new UsageError(`--karpenter is required\n${USAGE}`);
  const clone = path.resolve(context.invokedFrom, flags.karpenter);
  // A clone, or a bare mirror of one.
  if (!fs.existsSync(path.join(clone, ".git")) && !fs.existsSync(path.join(clone, "HEAD"))) {
    throw new UsageError(`--karpenter ${clone} is not a git clone; nothing was written`);
  }
  const file = path.join(context.cwd, KARPENTER_IAM_FILE);
  const pinned = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, KarpenterOfficialIam>;
  const sources = Object.fromEntries(Object.entries(pinned).map(([minor, iam]) => [minor, { tag: iam.source.tag, path: iam.source.path }]));
  if (flags.add) {
    if (!/^v\d+\.\d+\.\d+$/.test(flags.add))
      throw new UsageError(`--add ${JSON.stringify(flags.add)} is not a release tag; allowed: v<major>.<minor>.<patch>`);
    const minor = minorOf(flags.add.slice(1));
    sources[minor] = { tag: flags.add, path: templatePathOf(minor) };
  }
  const refreshed: Record<string, KarpenterOfficialIam> = {};
  for (const minor of Object.keys(sources).sort(compareMinor)) {
    const { tag, path: templatePath } = sources[minor];
    const commit = git(clone, ["rev-parse", "--verify", `${tag}^{commit}`], `${clone} has no tag ${tag} (fetch the tags, or pick another)`);
    const template = git(clone, ["show", `${commit}:${templatePath}`], `${tag} has no ${templatePath}`);
    refreshed[minor] = {
      source: { repository: KARPENTER_REPOSITORY, tag, commit, path: templatePath },
      ...karpenterIamOf(template, `${tag}:${templatePath}`),
    };
    const before = pinned[minor] ? JSON.stringify(pinned[minor]) : undefined;
    context.print(
      `Karpenter ${minor} (${tag}): ${before === undefined ? "added" : before === JSON.stringify(refreshed[minor]) ? "unchanged" : "changed"}`,
    );
  }
  writeFileWhole(file, `${JSON.stringify(refreshed, null, 2)}\n`);
  context.print(`Wrote ${file}; run npm test to prove the roles against it`);
};

function git(clone: string, args: string[], whenMissing: string): string {
  try {
    return execFileSync("git", ["-C", clone, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch {
    throw new UsageError(`${whenMissing}; nothing was written`);
  }
}

/** CloudFormation's short forms, kept as the strings they wrap (the policies' placeholders stay `${...}`). */
const CLOUDFORMATION_TAGS = ["!Sub", "!GetAtt", "!Ref"].map((tag) => ({ tag, resolve: (value: string) => value }));

interface TemplateResource {
  readonly Type?: string;
  readonly Properties?: { readonly PolicyDocument?: unknown; readonly ManagedPolicyArns?: readonly string[]; readonly RoleName?: string };
}

/** The node role's managed policies and the controller's policies of one of Karpenter's templates; `where` names it in errors. */
export function karpenterIamOf(template: string, where: string): Omit<KarpenterOfficialIam, "source"> {
  const resources = (parseYaml(template, { customTags: CLOUDFORMATION_TAGS }) as { Resources?: Record<string, TemplateResource> }).Resources ?? {};
  const nodeRole = Object.values(resources).find((r) => r.Type === "AWS::IAM::Role" && /KarpenterNodeRole/.test(String(r.Properties?.RoleName)));
  if (!nodeRole) throw new UsageError(`${where} has no KarpenterNodeRole; nothing was written`);
  const controllerPolicies: Record<string, PolicyStatement[]> = {};
  for (const [name, resource] of Object.entries(resources).filter(([, r]) => r.Type === "AWS::IAM::ManagedPolicy")) {
    const document = resource.Properties?.PolicyDocument;
    try {
      controllerPolicies[name] = (typeof document === "string" ? JSON.parse(document) : document).Statement;
    } catch (error) {
      throw new UsageError(`${where}: the policy ${name} is not JSON (${(error as Error).message}); nothing was written`);
    }
  }
  if (!Object.keys(controllerPolicies).length) throw new UsageError(`${where} has no controller policy; nothing was written`);
  return { nodeRoleManagedPolicies: (nodeRole.Properties?.ManagedPolicyArns ?? []).map((arn) => arn.split("/").pop()!), controllerPolicies };
}
