import * as http from "http";
import { AddressInfo } from "net";

/**
 * A stand-in for AWS on loopback, for the preflight's tests: it speaks IAM's and STS's Query API
 * (form-encoded POST, XML answers) and Access Analyzer's REST-JSON API, as the AWS SDK sends
 * them, answers from the test's own functions, and records every request. It pages
 * SimulatePrincipalPolicy's answers (PAGE_SIZE a page) as IAM may, so the client must follow.
 */

export interface SimulationAsked {
  readonly role: string;
  readonly actions: string[];
  readonly resources: string[];
  readonly context: Record<string, string | string[]>;
  readonly types: Record<string, string>;
}

export type StandInDecision = "allowed" | "explicitDeny" | "implicitDeny";

export interface StandInBehaviour {
  readonly account: string;
  /** IAM's decision on one action of one resource, for the role. */
  decide(role: string, action: string, resource: string, context: Record<string, string | string[]>): Promise<StandInDecision> | StandInDecision;
  /** Fails every call of the operation (by name: SimulatePrincipalPolicy, GetCallerIdentity, ValidatePolicy...) with this error. */
  readonly failing?: { operation: string; status: number; code: string; message: string };
  /** ValidatePolicy's findings for a document. */
  readonly findings?: (document: string, type: string) => Array<{ findingType: string; issueCode: string; findingDetails: string }>;
  /** The deployed version of a customer managed policy, by ARN; undefined: NoSuchEntity. */
  readonly deployedPolicy?: (arn: string) => string | undefined;
  readonly newAccess?: (newDocument: string, existing: string) => { result: string; message: string };
}

export interface StandIn {
  readonly url: string;
  /** Every request by operation name, in order. */
  readonly operations: string[];
  readonly simulations: SimulationAsked[];
  readonly validated: Array<{ policyType: string; document: string; resourceType?: string }>;
  readonly compared: Array<{ newPolicyDocument: string; existingPolicyDocument: string }>;
  close(): Promise<void>;
}

export const PAGE_SIZE = 20;

export async function startStandIn(behaviour: StandInBehaviour): Promise<StandIn> {
  const operations: string[] = [];
  const simulations: SimulationAsked[] = [];
  const validated: StandIn["validated"] = [];
  const compared: StandIn["compared"] = [];
  // Pages of simulations asked, by marker.
  const pending = new Map<string, string[]>();
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      answer(req.url ?? "/", body)
        .then(({ status, type, text, headers }) => {
          res.writeHead(status, { "content-type": type, ...headers });
          res.end(text);
        })
        .catch((error: Error) => {
          res.writeHead(500, { "content-type": "text/plain" });
          res.end(String(error.stack));
        });
    });
  });

  async function answer(url: string, body: string): Promise<{ status: number; type: string; text: string; headers?: Record<string, string> }> {
    if (url.startsWith("/policy/")) return analyzer(url, JSON.parse(body || "{}"));
    const form = new URLSearchParams(body);
    const operation = form.get("Action") ?? "";
    operations.push(operation);
    const failing = behaviour.failing;
    if (failing && failing.operation === operation) return queryError(failing.status, failing.code, failing.message);
    switch (operation) {
      case "GetCallerIdentity":
        return xml(
          "GetCallerIdentity",
          `<Arn>arn:aws:sts::${behaviour.account}:assumed-role/preflight/test</Arn><UserId>AROAEXAMPLE:test</UserId><Account>${behaviour.account}</Account>`,
          STS_NS,
        );
      case "SimulatePrincipalPolicy":
        return simulation(form);
      case "GetPolicy": {
        const arn = form.get("PolicyArn")!;
        if (behaviour.deployedPolicy?.(arn) === undefined) return queryError(404, "NoSuchEntity", `Policy ${arn} was not found.`);
        return xml("GetPolicy", `<Policy><Arn>${arn}</Arn><DefaultVersionId>v3</DefaultVersionId></Policy>`, IAM_NS);
      }
      case "GetPolicyVersion": {
        const document = encodeURIComponent(behaviour.deployedPolicy!(form.get("PolicyArn")!)!);
        return xml(
          "GetPolicyVersion",
          `<PolicyVersion><Document>${document}</Document><VersionId>v3</VersionId><IsDefaultVersion>true</IsDefaultVersion></PolicyVersion>`,
          IAM_NS,
        );
      }
      default:
        return queryError(400, "InvalidAction", `The stand-in does not speak ${operation}`);
    }
  }

  async function simulation(form: URLSearchParams) {
    const marker = form.get("Marker");
    let members: string[];
    if (marker) {
      members = pending.get(marker) ?? [];
      pending.delete(marker);
    } else {
      const asked: SimulationAsked = {
        role: form.get("PolicySourceArn") ?? "",
        actions: list(form, "ActionNames"),
        resources: list(form, "ResourceArns"),
        ...contextOf(form),
      };
      simulations.push(asked);
      members = [];
      for (const action of asked.actions) {
        for (const resource of asked.resources.length ? asked.resources : ["*"]) {
          const decision = await behaviour.decide(asked.role, action, resource, asked.context);
          const statements =
            decision === "implicitDeny"
              ? ""
              : `<MatchedStatements><member><SourcePolicyId>${asked.role.split("/").pop()}-1</SourcePolicyId><SourcePolicyType>IAM Policy</SourcePolicyType></member></MatchedStatements>`;
          members.push(
            `<member><EvalActionName>${action}</EvalActionName><EvalResourceName>${escape(resource)}</EvalResourceName><EvalDecision>${decision}</EvalDecision>${statements}<MissingContextValues/><OrganizationsDecisionDetail><AllowedByOrganizations>true</AllowedByOrganizations></OrganizationsDecisionDetail></member>`,
          );
        }
      }
    }
    const page = members.slice(0, PAGE_SIZE);
    const rest = members.slice(PAGE_SIZE);
    let next = "";
    if (rest.length) {
      next = `marker-${pending.size}-${Date.now()}-${Math.random()}`;
      pending.set(next, rest);
    }
    return xml(
      "SimulatePrincipalPolicy",
      `<EvaluationResults>${page.join("")}</EvaluationResults><IsTruncated>${rest.length > 0}</IsTruncated>${next ? `<Marker>${next}</Marker>` : ""}`,
      IAM_NS,
    );
  }

  function analyzer(url: string, body: Record<string, string>) {
    const operation = url.startsWith("/policy/validation")
      ? "ValidatePolicy"
      : url.startsWith("/policy/check-no-new-access")
        ? "CheckNoNewAccess"
        : url;
    operations.push(operation);
    const failing = behaviour.failing;
    if (failing && failing.operation === operation) {
      return {
        status: failing.status,
        type: "application/json",
        text: JSON.stringify({ message: failing.message }),
        headers: { "x-amzn-errortype": failing.code },
      };
    }
    if (operation === "ValidatePolicy") {
      validated.push({ policyType: body.policyType, document: body.policyDocument, resourceType: body.validatePolicyResourceType });
      return {
        status: 200,
        type: "application/json",
        text: JSON.stringify({ findings: behaviour.findings?.(body.policyDocument, body.policyType) ?? [] }),
      };
    }
    compared.push({ newPolicyDocument: body.newPolicyDocument, existingPolicyDocument: body.existingPolicyDocument });
    const result = behaviour.newAccess?.(body.newPolicyDocument, body.existingPolicyDocument) ?? {
      result: "PASS",
      message: "The policy grants no new access.",
    };
    return {
      status: 200,
      type: "application/json",
      text: JSON.stringify({ ...result, reasons: result.result === "FAIL" ? [{ description: "New access in the statement with index: 0." }] : [] }),
    };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    operations,
    simulations,
    validated,
    compared,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The SDK keeps its connections alive; they end with the stand-in.
        server.closeAllConnections();
      }),
  };
}

const IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
const STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";

function xml(operation: string, result: string, namespace: string) {
  return {
    status: 200,
    type: "text/xml",
    text: `<${operation}Response xmlns="${namespace}"><${operation}Result>${result}</${operation}Result><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></${operation}Response>`,
  };
}

function queryError(status: number, code: string, message: string) {
  return {
    status,
    type: "text/xml",
    text: `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escape(message)}</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>`,
  };
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** `Name.member.1`, `Name.member.2`, ... of a Query request. */
function list(form: URLSearchParams, name: string): string[] {
  const values: string[] = [];
  for (let i = 1; form.has(`${name}.member.${i}`); i++) values.push(form.get(`${name}.member.${i}`)!);
  return values;
}

function contextOf(form: URLSearchParams): { context: Record<string, string | string[]>; types: Record<string, string> } {
  const context: Record<string, string | string[]> = {};
  const types: Record<string, string> = {};
  for (let i = 1; form.has(`ContextEntries.member.${i}.ContextKeyName`); i++) {
    const prefix = `ContextEntries.member.${i}`;
    const name = form.get(`${prefix}.ContextKeyName`)!;
    const type = form.get(`${prefix}.ContextKeyType`)!;
    const values = list(form, `${prefix}.ContextKeyValues`);
    types[name] = type;
    context[name] = type.endsWith("List") ? values : values[0];
  }
  return { context, types };
}
