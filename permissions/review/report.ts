import { chainsOf } from "./chains";
import { EnvironmentConfig } from "../../config";
import { roleBoundaryArn } from "../../config/naming";
import { asList, ParsedStatement, PolicyStatement, statementsOf } from "../../lib/policy-document";
import { DeployerPolicySet } from "../index";
import { DeployTimeValue, operationsUsedBy, TYPE_PERMISSIONS, typeKeyOf, typePermissionsFor } from "../types";
import { isLiteral, literalsOf, StackModel } from "../model";
import { policyChars, replaceTokens } from "../quotas";
import { residualsOf } from "./residual-risks";
import { scpStatements } from "../scp";
import { awsManagedPolicyDocument, NARROWED_TO_THE_STACK } from "../boundary";
import { karpenterReleaseOf } from "../../config/kubernetes-side";
import { vendorArtefactsOf } from "../../modules/vendor-policies";

/** What the attacker's proof denies every deployer (each is a named test). */
/** The catalogue types of a stack's instances, sorted. */
function typesOf(model: StackModel): string[] {
  return [...new Set(model.instances.map(typeKeyOf))].sort();
}

/** Terraform operations (create, read, each update the stack can make, delete, import) proven for a stack's types. */
export function providerOperationCount(model: StackModel): number {
  return typesOf(model).reduce((sum, type) => sum + operationsUsedBy([model], type).filter((o) => o.actions.length > 0).length, 0);
}

/** The numbers a reviewer asks for first. */
export interface PolicyFigures {
  readonly stackId: string;
  readonly actions: number;
  readonly statements: number;
  readonly policies: number;
  readonly characters: number;
  readonly wildcardActions: number;
}

const actionsOf = (s: PolicyStatement | ParsedStatement) => asList(s.Action);

export function figuresOf(set: DeployerPolicySet): PolicyFigures {
  const allows = set.derived.statements.filter((s) => s.Effect === "Allow");
  return {
    stackId: set.derived.stackId,
    actions: new Set(allows.flatMap(actionsOf)).size,
    statements: set.derived.statements.length,
    policies: set.documents.length,
    characters: set.documents.reduce((sum, d) => sum + policyChars(d), 0),
    wildcardActions: new Set(set.derived.wildcards.flatMap((w) => w.actions)).size,
  };
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function conditionText(s: PolicyStatement | ParsedStatement): string {
  if (!s.Condition) return "—";
  return Object.entries(s.Condition)
    .flatMap(([operator, keys]) =>
      Object.entries(keys).map(([key, value]) => `${operator} ${key} = ${Array.isArray(value) ? value.join(", ") : String(value)}`),
    )
    .join("; ");
}

/**
 * A text of the generated policies with each value the provisioner reads from a vendor stack's
 * state shown for a reader (`<vpc_id of iomete-data-plane-prod, from its state>`), or as it
 * stands before that stack's first deploy.
 */
export function withDeployTimeValues(text: string, values: ReadonlyMap<string, DeployTimeValue>, as: "described" | "first deploy"): string {
  return replaceTokens(text, (token) => {
    const value = values.get(token);
    if (!value) return as === "described" ? "<a value known when the provisioner is applied>" : token;
    return as === "described" ? `<${value.output} of ${value.stackId}, from its state>` : value.firstDeploy;
  });
}

function nameOf(attributes: Record<string, unknown>): string {
  for (const key of ["name", "bucket", "cidr_block", "addon_name", "node_group_name", "principal_arn", "service_account", "key", "url"]) {
    if (isLiteral(attributes[key])) return String(attributes[key]);
  }
  return "";
}

interface RoleView {
  name: string;
  description: string;
  trust: string;
  inline: Array<{ name: string; statements: ParsedStatement[] }>;
  managed: string[];
}

/** The roles a stack creates, with their trust and permissions. */
function rolesOf(model: StackModel): RoleView[] {
  const roles = model.instances.filter((i) => i.type === "aws_iam_role");
  const byPath = (path: string) => path.split("/").slice(0, -1).join("/");
  return roles.map((role) => {
    const owner = byPath(role.path);
    const trust =
      statementsOf(role.attributes.assume_role_policy)
        .map((s) => {
          const principal =
            s.Principal && typeof s.Principal === "object"
              ? Object.entries(s.Principal)
                  .map(
                    ([k, v]) =>
                      `${k}: ${asList(v)
                        .map((p) => (p.includes("${") ? "(the cluster's OIDC provider)" : p))
                        .join(", ")}`,
                  )
                  .join("; ")
              : String(s.Principal);
          const subjects = Object.values(s.Condition ?? {}).flatMap((keys) =>
            Object.entries(keys)
              .filter(([k]) => k.endsWith(":sub"))
              .flatMap(([, v]) => asList(v)),
          );
          return `${principal}${subjects.length ? ` for ${subjects.join(", ")}` : ""}`;
        })
        .join("; ") || "(built from references)";
    const inline = model.instances
      .filter((i) => i.type === "aws_iam_role_policy" && byPath(i.path) === owner)
      .map((i) => ({ name: String(i.attributes.name), statements: statementsOf(i.attributes.policy) }));
    const managed = model.instances
      .filter((i) => i.type === "aws_iam_role_policy_attachment" && byPath(i.path) === owner)
      .map((i) => String(i.attributes.policy_arn));
    return { name: String(role.attributes.name), description: String(role.attributes.description ?? ""), trust, inline, managed };
  });
}

/** A Markdown security review of one stack, in the form of the vendors' permission pages but generated. */
export function securityReport(
  env: EnvironmentConfig,
  model: StackModel,
  set: DeployerPolicySet,
  vendorBaselineActions?: number,
  suppressions: ReadonlyArray<{ path: string; ruleId: string; reason: string }> = [],
  plan?: DeployerPolicySet,
  deployTime: ReadonlyMap<string, DeployTimeValue> = new Map(),
): string {
  const roles = rolesOf(model);
  const karpenterVersion = karpenterReleaseOf(env.iomete);
  const report = [
    ...titleSection(env, model),
    ...summarySection(env, model, set, vendorBaselineActions, plan),
    ...exposureSection(env, model),
    ...resourcesSection(model),
    ...rolesSection(roles, karpenterVersion),
    ...permissionsByServiceSection(set),
    ...wildcardsSection(set),
    ...attackerSection(set, model, deployTime),
    ...providerCallsSection(model),
    ...ownershipTagSection(model, set),
    ...suppressionsSection(suppressions),
    ...diagramSection(model, roles),
  ].join("\n");
  return withDeployTimeValues(report, deployTime, "described");
}

/* The report's sections, in order: each returns its Markdown lines, ending with a blank line. */

function titleSection(env: EnvironmentConfig, model: StackModel): string[] {
  return [
    `# Security review: ${model.stackId}`,
    "",
    `Environment ${code(env.name)} (${env.kind}), account ${code(env.account.id)}, region ${code(env.account.region)}. Generated from the stack's code; regenerate with \`npm run report -- --env ${env.name}\`.`,
    "",
  ];
}

/** The figures a reviewer asks for first, as a table. */
function summarySection(
  env: EnvironmentConfig,
  model: StackModel,
  set: DeployerPolicySet,
  vendorBaselineActions: number | undefined,
  plan: DeployerPolicySet | undefined,
): string[] {
  const figures = figuresOf(set);
  const tag = set.derived.ownershipTag;
  const lines: string[] = [];
  lines.push("## Summary", "");
  lines.push("| what | value |", "| --- | --- |");
  lines.push(`| environment kind | ${env.kind} |`);
  lines.push(`| ownership tag | ${code(`${tag.key} = ${tag.value}`)} on every taggable resource |`);
  lines.push(
    `| deployer shape | ${set.derived.shape}${set.derived.shape === "staging" ? " (no delete actions)" : set.derived.shape === "prod" ? " (people need MFA)" : " (full lifecycle)"} |`,
  );
  lines.push(`| deployer role | ${code(`${model.stackId}-deployer`)} |`);
  if (plan) {
    const p = figuresOf(plan);
    lines.push(
      `| plan role (pull requests, deploy plans) | ${code(`${model.stackId}-planner`)}: ${p.actions} actions, all reads but the state lock and its reviewed plans (written, never read), in ${p.policies} managed policies |`,
    );
  }
  lines.push(`| actions granted | ${figures.actions} |`);
  lines.push(`| statements | ${figures.statements} in ${figures.policies} managed policies, ${figures.characters} characters |`);
  lines.push(`| actions on "*" | ${figures.wildcardActions} (read-only or request-tag-gated creates; listed below) |`);
  if (vendorBaselineActions) lines.push(`| the vendor's published list grants | ${vendorBaselineActions} actions, untagged, on any resource |`);
  lines.push(
    env.permissionsBoundaryArn
      ? `| permissions boundary on every role | ${code(env.permissionsBoundaryArn)} (configured: its scope is yours) |`
      : `| permissions boundaries | one per role, generated: the role's declared permissions and nothing more (${literalsOf(
          model,
          "aws_iam_role",
          "name",
        )
          .map((n) => code(roleBoundaryArn(env, n).split("/").pop()!))
          .join(", ")}) |`,
    "",
  );
  return lines;
}

function resourcesSection(model: StackModel): string[] {
  const lines = ["## Resources created", "", "| type | name | purpose |", "| --- | --- | --- |"];
  for (const instance of model.instances) {
    lines.push(
      `| ${code(instance.type)}${instance.kind === "data" ? " (lookup)" : ""} | ${cell(nameOf(instance.attributes)) || cell(instance.path)} | ${cell(typePermissionsFor(instance).purpose)} |`,
    );
  }
  lines.push("");
  return lines;
}

/**
 * Each role the stack creates: who may assume it, its inline and managed policies, and the vendor
 * artefacts (with their releases) the tests prove them against.
 */
function rolesSection(roles: readonly RoleView[], karpenterVersion: string): string[] {
  const lines = ["## IAM roles", ""];
  for (const role of roles) {
    lines.push(`### ${role.name}`, "", `Purpose: ${role.description}`, "", `Trusted by: ${role.trust}`, "");
    for (const note of wildcardTrustNotes(role.trust)) lines.push(note, "");
    if (role.managed.length) lines.push(`Managed policies: ${role.managed.map(code).join(", ")}`, "");
    const provenAgainst = [
      ...vendorArtefactsOf({ name: role.name, inlinePolicyNames: role.inline.map((p) => p.name) }, karpenterVersion),
      ...role.managed.flatMap((arn) => {
        const managed = awsManagedPolicyDocument(arn);
        if (!managed) return [];
        const name = arn.split("/").pop()!;
        const narrowing = NARROWED_TO_THE_STACK[name];
        const narrowed = narrowing ? `, narrowed to the stack's own resources (${narrowing.reason})` : "";
        return [`AWS managed ${code(name)} ${managed.version}, as AWS publishes it: the role's generated boundary lets it through${narrowed}`];
      }),
    ];
    if (provenAgainst.length) lines.push("Proven against:", "", ...provenAgainst.map((a) => `- ${a}`), "");
    for (const policy of role.inline) {
      lines.push(`Inline policy ${code(policy.name)}:`, "", "| Sid | actions | resources | conditions |", "| --- | --- | --- | --- |");
      for (const s of policy.statements) {
        const resources = ([] as string[]).concat(s.Resource ?? []).map((r) => (r.includes("${") ? "(a resource of this stack)" : r));
        lines.push(`| ${s.Sid ?? ""} | ${cell(actionsOf(s).join(", "))} | ${cell(resources.join(", "))} | ${cell(conditionText(s))} |`);
      }
      lines.push("");
    }
  }
  return lines;
}

/** A note per namespace whose every service account a role's trust admits (`system:serviceaccount:<namespace>:*`). */
export function wildcardTrustNotes(trust: string): string[] {
  return [...trust.matchAll(/system:serviceaccount:([^:,;\s]+):\*/g)].map(
    ([, namespace]) =>
      `Wildcard trust: every service account of namespace ${code(namespace)} may assume this role, as the configuration chose; name them to narrow it.`,
  );
}

/** Who can reach what the stack exposes: the Kubernetes API endpoint, and IOMETE's ingress gateway. */
function exposureSection(env: EnvironmentConfig, model: StackModel): string[] {
  const reach: string[] = [];
  for (const cluster of model.instances.filter((i) => i.type === "aws_eks_cluster" && i.kind === "resource")) {
    const config = cluster.attributes.vpc_config as Record<string, unknown> | Record<string, unknown>[] | undefined;
    const vpc: Record<string, unknown> = (Array.isArray(config) ? config[0] : config) ?? {};
    const cidrs = asList(vpc.public_access_cidrs as string | string[] | undefined);
    reach.push(
      vpc.endpoint_public_access
        ? `The Kubernetes API of ${code(String(cluster.attributes.name))}: a public endpoint, from ${cidrs.map(code).join(", ")}, and the VPC.`
        : `The Kubernetes API of ${code(String(cluster.attributes.name))}: a private endpoint, reachable from the VPC and what it routes to.`,
    );
  }
  const gatewayRelease = model.instances.some((i) => i.type === "helm_release" && i.attributes.name === "istio-ingress");
  const gateway = env.iomete?.kubernetes?.istio.gateway;
  if (gatewayRelease && gateway) {
    const ranges = gateway.allowedCidrs.map(code).join(", ");
    reach.push(
      gateway.scheme === "internal"
        ? `IOMETE's ingress gateway (${code("istio-system/istio-ingress")}): an internal Network Load Balancer in the private subnets, reachable from ${ranges || "the VPC's CIDR"}.`
        : `IOMETE's ingress gateway (${code("istio-system/istio-ingress")}): an internet-facing Network Load Balancer in the public subnets, reachable from ${ranges} only.`,
    );
  }
  return reach.length ? ["## Exposure: who can reach it", "", ...reach.map((r) => `- ${r}`), ""] : [];
}

/** The deployer's statements grouped by the services they name (the denies in one group), groups sorted. */
function permissionsByServiceSection(set: DeployerPolicySet): string[] {
  const lines = ["## The deployer's permissions, by service", ""];
  const byService = new Map<string, PolicyStatement[]>();
  for (const s of set.derived.statements) {
    const services = [...new Set(actionsOf(s).map((a) => a.split(":")[0]))];
    const key = s.Effect === "Deny" ? "denies" : services.join(", ") || "(NotAction)";
    byService.set(key, [...(byService.get(key) ?? []), s]);
  }
  for (const [service, statements] of [...byService].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`### ${service}`, "", "| Sid | actions | resources | conditions |", "| --- | --- | --- | --- |");
    for (const s of statements) {
      const resources = ([] as string[]).concat(s.Resource ?? []);
      const actions = s.NotAction ? `all but ${([] as string[]).concat(s.NotAction).join(", ")}` : actionsOf(s).join(", ");
      lines.push(`| ${s.Sid} | ${cell(actions)} | ${cell(resources.join(", "))} | ${cell(conditionText(s))} |`);
    }
    lines.push("");
  }
  return lines;
}

function wildcardsSection(set: DeployerPolicySet): string[] {
  return [
    '## Actions on "*", and why',
    "",
    "| Sid | actions | reason |",
    "| --- | --- | --- |",
    ...set.derived.wildcards.map((w) => `| ${w.sid} | ${cell(w.actions.join(", "))} | ${cell(w.reason)} |`),
    "",
  ];
}

/** The chains proven denied, and the residual risks IAM cannot close, each with what closes it. */
function attackerSection(set: DeployerPolicySet, model: StackModel, deployTime: ReadonlyMap<string, DeployTimeValue>): string[] {
  // The residuals of the policies as the provisioner attaches them before the first deploy, the widest they are.
  const firstDeploy = JSON.parse(withDeployTimeValues(JSON.stringify(set.derived.statements), deployTime, "first deploy")) as PolicyStatement[];
  return [
    "## Against an attacker who holds the CI job or opens a pull request",
    "",
    "The deployer role is what a compromised CI job holds, the planner role what any pull request's plan holds. `npm test` sends each chain's " +
      "requests, across roles, against the policies the provisioner deploys, before and after the first deploy (offline IAM simulation). Proven denied, for this stack:",
    "",
    "| chain | what is tried | what denies it | proven by |",
    "| --- | --- | --- | --- |",
    ...chainsOf(model).map(
      (c) => `| ${code(c.id)} | ${cell(c.attempt)} | ${cell(c.deniedBy)} | ${cell(`${c.provenBy.file}: "${c.provenBy.title}"`)} |`,
    ),
    "",
    "What it can still do, and why IAM cannot close it:",
    "",
    "| residual | what remains possible | why | what closes it |",
    "| --- | --- | --- | --- |",
    ...residualsOf(firstDeploy, set.derived.shape, model).map((r) => `| ${code(r.id)} | ${cell(r.risk)} | ${cell(r.reason)} | ${cell(r.closedBy)} |`),
    "",
  ];
}

/** The provider operations proven for each of the stack's types, with the provider source they were read from. */
function providerCallsSection(model: StackModel): string[] {
  return [
    "## Terraform's calls, day 1 and day 2",
    "",
    "What terraform-provider-aws 6.x calls for each operation on this stack's types (`permissions/types/<service>/<type>.ts`, read from its Go source). " +
      "`npm test` checks every call against the catalogue (a gap fails naming type, operation and source file) and simulates every catalogue action on this stack's resources as they are tagged, AWS-created ones included.",
    "",
    "| type | operations | provider source |",
    "| --- | --- | --- |",
    ...typesOf(model).map((type) => {
      const calls = TYPE_PERMISSIONS.get(type)?.calls;
      const ops = operationsUsedBy([model], type)
        .filter((o) => o.actions.length > 0)
        .map((o) => o.operation);
      return `| ${code(type)} | ${cell(ops.join(", ") || "(none recorded)")} | ${calls ? cell(`${calls.source.files[0]} @ ${calls.source.commit.slice(0, 12)}`) : "—"} |`;
    }),
    "",
  ];
}

/** How the ownership tag gates the deployer, and the SCP that holds every principal to it. */
function ownershipTagSection(model: StackModel, set: DeployerPolicySet): string[] {
  const tag = set.derived.ownershipTag;
  return [
    "## The ownership tag, and enforcing it with an SCP",
    "",
    `Every resource of this stack carries ${code(`${tag.key} = ${tag.value}`)} (provider default tags; launch templates and volumes set it themselves). ` +
      "The deployer may create a resource only when the request carries it, may change or delete only resources that carry it, and may neither remove it nor change its value. " +
      "To hold every principal in the account to the same rule, attach this SCP to the account's OU (the provisioner stack does it when `provisioner.scp` is set):",
    "",
    "```json",
    JSON.stringify(
      { Version: "2012-10-17", Statement: scpStatements(tag, [set.derived], [`arn:aws:iam::*:role/${model.stackId}-deployer`]) },
      null,
      2,
    ),
    "```",
    "",
  ];
}

function suppressionsSection(suppressions: ReadonlyArray<{ path: string; ruleId: string; reason: string }>): string[] {
  const lines = ["## Security rule suppressions", ""];
  if (suppressions.length === 0) lines.push("None: every rule of the pack (`npm run check`) passes as is.", "");
  else {
    lines.push("| rule | construct | reason |", "| --- | --- | --- |");
    for (const s of suppressions) lines.push(`| ${s.ruleId} | ${cell(s.path)} | ${cell(s.reason)} |`);
    lines.push("");
  }
  return lines;
}

/** A Mermaid diagram: the deployer reaches the stack's resources, each role the services its inline policies name and its managed policies. */
function diagramSection(model: StackModel, roles: readonly RoleView[]): string[] {
  const lines = ["## Who can reach what", "", "```mermaid", "flowchart LR"];
  const id = (text: string) => text.replace(/[^A-Za-z0-9]/g, "_");
  lines.push(`  deployer["${model.stackId}-deployer"]`, `  deployer -->|tag-gated create, change, delete| stack["${model.stackId} resources"]`);
  for (const role of roles) {
    lines.push(`  ${id(role.name)}["${role.name}"]`);
    const services = [...new Set(role.inline.flatMap((p) => p.statements.flatMap(actionsOf).map((a) => a.split(":")[0])))];
    for (const service of services) lines.push(`  ${id(role.name)} --> svc_${id(service)}(("${service}"))`);
    for (const managed of role.managed) lines.push(`  ${id(role.name)} -.-> ${id(managed.split("/").pop()!)}["${managed.split("/").pop()}"]`);
  }
  lines.push("```", "");
  return lines;
}
