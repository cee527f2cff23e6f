import { coverageOf, PreflightRequest, RoleKind } from "./requests";
import { Answer, Verdict, verdictOf } from "./simulation";
import { PolicyDocument } from "../../lib/policy-document";

/** What IAM's SimulatePrincipalPolicy does not see, whatever it answers: said in every report. */
export const NOT_SEEN_BY_IAM = [
  "Resource control policies (RCPs) and resource-based policies (key policies, bucket policies, role trust): the preflight sends none, and IAM's simulator evaluates only those it is given.",
  "Service control policies as IAM's simulator evaluates them: it reports whether SCPs allow each request, but documents that it cannot evaluate every condition an SCP may use; a denial there is shown per request.",
  "Session policies and the session's own tags: the roles are simulated as their policies and permissions boundary grant, not as a particular session.",
  "Whether the resources exist: IAM decides on the ARN and the context sent, as the offline proof does.",
];

export interface Disagreement {
  readonly verdict: Exclude<Verdict, "agrees" | "either">;
  readonly role: RoleKind;
  readonly label: string;
  readonly action: string;
  readonly resource: string;
  readonly decision: string;
  readonly decidedBy: string[];
  /** false: an SCP denies it (as IAM evaluates SCPs). */
  readonly allowedByOrganizations?: boolean;
}

export interface StackReport {
  readonly stackId: string;
  readonly requests: number;
  readonly calls: number;
  /** Of the actions each role's generated policies allow, how many the requests ask about. */
  readonly coverage: Array<{ role: RoleKind; asked: number; granted: number }>;
  readonly disagreements: Disagreement[];
  /** Context keys IAM says the role's policies need that a request did not carry, with how many requests lacked each. */
  readonly notEvaluated: Array<{ key: string; requests: number; example: string }>;
  /** Staging's data-destroying updates: allowed before the first deploy, denied after; not compared. */
  readonly phaseDependent: number;
  /** Calls the offline proof knows no resource for (asked of nobody). */
  readonly unresolved: string[];
  /** Where the ids of what its first deploy made (VPC, OIDC provider) come from. */
  readonly deployedIds?: string;
}

export interface PreflightReport {
  readonly environment: string;
  readonly account: string;
  readonly region: string;
  readonly caller: string;
  readonly mfa: "true" | "false" | "absent";
  readonly agrees: boolean;
  readonly stacks: StackReport[];
  readonly notSeen: readonly string[];
}

export function stackReport(
  stackId: string,
  requests: readonly PreflightRequest[],
  answers: readonly Answer[],
  calls: number,
  documents: Partial<Record<RoleKind, readonly PolicyDocument[]>>,
  unresolved: string[],
): StackReport {
  const disagreements: Disagreement[] = [];
  const missing = new Map<string, { requests: number; example: string }>();
  let phaseDependent = 0;
  for (const answer of answers) {
    const verdict = verdictOf(answer);
    if (verdict === "either") phaseDependent++;
    else if (verdict !== "agrees") {
      const { role, label, action, resource } = answer.request;
      disagreements.push({
        verdict,
        role,
        label,
        action,
        resource,
        decision: answer.decision,
        decidedBy: answer.decidedBy,
        ...(answer.allowedByOrganizations === false ? { allowedByOrganizations: false } : {}),
      });
    }
    for (const key of answer.missingContext) {
      const seen = missing.get(key);
      missing.set(key, { requests: (seen?.requests ?? 0) + 1, example: seen?.example ?? `${answer.request.action} on ${answer.request.resource}` });
    }
  }
  const coverage = (Object.entries(documents) as Array<[RoleKind, PolicyDocument[]]>).map(([role, docs]) => ({
    role,
    ...coverageOf(
      docs,
      requests.filter((r) => r.role === role),
    ),
  }));
  return {
    stackId,
    requests: requests.length,
    calls,
    coverage,
    disagreements,
    notEvaluated: [...missing].map(([key, v]) => ({ key, ...v })).sort((a, b) => a.key.localeCompare(b.key)),
    phaseDependent,
    unresolved,
  };
}

const percent = (asked: number, granted: number) => (granted ? `${Math.floor((asked / granted) * 1000) / 10}%` : "n/a");

/** The report as Markdown: a verdict per stack, then what disagrees, what IAM could not evaluate, and what it never sees. */
export function renderMarkdown(report: PreflightReport): string {
  const lines = [
    `# Preflight of ${report.environment} against account ${report.account}`,
    "",
    `Asked IAM's SimulatePrincipalPolicy as ${report.caller}, in ${report.region}; aws:MultiFactorAuthPresent ${report.mfa === "absent" ? "absent (a CI session)" : report.mfa}.`,
    "",
    report.agrees ? "**AWS agrees with the offline proof.**" : "**AWS disagrees with the offline proof** (below).",
    "",
    "| Stack | Requests | Calls | Coverage of the policies' actions | Disagreements | Not evaluated |",
    "| --- | ---: | ---: | --- | ---: | ---: |",
    ...report.stacks.map(
      (s) =>
        `| ${s.stackId} | ${s.requests} | ${s.calls} | ${s.coverage.map((c) => `${c.role} ${c.asked}/${c.granted} (${percent(c.asked, c.granted)})`).join(", ")} | ${s.disagreements.length} | ${s.notEvaluated.length} |`,
    ),
  ];
  for (const stack of report.stacks) {
    if (!stack.disagreements.length && !stack.notEvaluated.length && !stack.unresolved.length && !stack.phaseDependent && !stack.deployedIds)
      continue;
    lines.push("", `## ${stack.stackId}`);
    if (stack.deployedIds) lines.push(`- Deployed ids: ${stack.deployedIds}.`);
    for (const d of stack.disagreements) {
      const by = d.decidedBy.length ? `; decided by ${d.decidedBy.join(", ")}` : "";
      const scp = d.allowedByOrganizations === false ? "; an SCP denies it" : "";
      lines.push(`- **${d.verdict}** (${d.role}): \`${d.action}\` on \`${d.resource}\`: IAM says ${d.decision}${by}${scp}. ${d.label}.`);
    }
    for (const n of stack.notEvaluated) {
      lines.push(
        `- Not evaluated: \`${n.key}\` is named by a policy but not in ${n.requests} request(s) (e.g. ${n.example}); IAM decided without it.`,
      );
    }
    if (stack.phaseDependent) {
      lines.push(
        `- ${stack.phaseDependent} request(s) of staging's data-destroying updates not compared: allowed before the first deploy, denied after.`,
      );
    }
    for (const u of stack.unresolved) lines.push(`- Not asked: ${u}.`);
  }
  lines.push("", "## What IAM's simulator does not see", "", ...report.notSeen.map((n) => `- ${n}`), "");
  return lines.join("\n");
}

/** One line per stack for the terminal. */
export function summaryLines(report: PreflightReport): string[] {
  return [
    ...report.stacks.map((s) => {
      const cover = s.coverage.map((c) => `${c.role} ${percent(c.asked, c.granted)} of its actions`).join(", ");
      const verdict = s.disagreements.length ? `${s.disagreements.length} disagreement(s)` : "agrees";
      return `${s.stackId}: ${verdict}; ${s.requests} requests in ${s.calls} calls (${cover})${s.notEvaluated.length ? `; ${s.notEvaluated.length} context key(s) not evaluated` : ""}`;
    }),
    ...report.stacks.flatMap((s) =>
      s.disagreements.map(
        (d) =>
          `  ${s.stackId} ${d.role}: ${d.verdict}: ${d.action} on ${d.resource} (IAM: ${d.decision}${d.decidedBy.length ? `, by ${d.decidedBy.join(", ")}` : ""}${d.allowedByOrganizations === false ? ", an SCP denies it" : ""})`,
      ),
    ),
    report.agrees ? "AWS agrees with the offline proof." : "AWS disagrees with the offline proof: see above.",
  ];
}
