/**
 * The preflight's calls to AWS, through the AWS SDK for JavaScript v3 with its standard
 * credential chain and endpoint settings (AWS_PROFILE, AWS_ACCESS_KEY_ID, web identity, SSO;
 * AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_IAM, AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL_ACCESSANALYZER;
 * AWS_MAX_ATTEMPTS). The SDK loads only when a preflight runs: no other command pays for it.
 * Every failure becomes one sentence that says what to do (`PreflightError`).
 */

/** A failure of the preflight itself (not a disagreement): printed as is, exit 1, nothing written. */
export class PreflightError extends Error {}

export interface ContextEntry {
  readonly ContextKeyName: string;
  readonly ContextKeyValues: string[];
  /** IAM's types: string, stringList, numeric, boolean, date, ip, binary (and their lists). */
  readonly ContextKeyType: ContextKeyType;
}

export type ContextKeyType =
  "string" | "stringList" | "numeric" | "numericList" | "boolean" | "booleanList" | "date" | "dateList" | "ip" | "ipList" | "binary" | "binaryList";

/** One SimulatePrincipalPolicy request. */
export interface SimulationCall {
  readonly PolicySourceArn: string;
  readonly ActionNames: string[];
  readonly ResourceArns: string[];
  readonly ContextEntries: ContextEntry[];
}

/** What IAM answers for one action on one resource (the fields the preflight reads). */
export interface Evaluation {
  readonly EvalActionName?: string;
  readonly EvalResourceName?: string;
  readonly EvalDecision?: string;
  readonly MatchedStatements?: Array<{ SourcePolicyId?: string; SourcePolicyType?: string }>;
  readonly MissingContextValues?: string[];
  readonly OrganizationsDecisionDetail?: { AllowedByOrganizations?: boolean };
  readonly PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary?: boolean };
}

export interface Finding {
  readonly findingType?: string;
  readonly issueCode?: string;
  readonly findingDetails?: string;
  readonly learnMoreLink?: string;
}

export type PolicyType = "IDENTITY_POLICY" | "RESOURCE_POLICY" | "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY";

/** What the preflight asks of AWS; tests give their own. */
export interface AwsAccess {
  callerIdentity(): Promise<{ account: string; arn: string }>;
  /** Every evaluation of the call, across IAM's pages. */
  simulate(call: SimulationCall): Promise<Evaluation[]>;
  validatePolicy(document: string, type: PolicyType, resourceType?: string): Promise<Finding[]>;
  checkNoNewAccess(newDocument: string, existingDocument: string): Promise<{ result: string; message: string; reasons: string[] }>;
  /** The default version of a customer managed policy, or undefined when no such policy exists (not deployed yet). */
  deployedPolicy(policyArn: string): Promise<string | undefined>;
}

/** The SDK's clients for the environment's region, loaded on first use. */
export function awsAccess(region: string): AwsAccess {
  // Required here, not imported at the top: loaded when a preflight runs (and `import()` needs a loader run-ts does not give).
  /* eslint-disable @typescript-eslint/no-require-imports */
  const iamModule = require("@aws-sdk/client-iam") as typeof import("@aws-sdk/client-iam");
  const stsModule = require("@aws-sdk/client-sts") as typeof import("@aws-sdk/client-sts");
  const analyzerModule = require("@aws-sdk/client-accessanalyzer") as typeof import("@aws-sdk/client-accessanalyzer");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const iam = new iamModule.IAMClient({ region });
  const sts = new stsModule.STSClient({ region });
  const analyzer = new analyzerModule.AccessAnalyzerClient({ region });
  const explained = <T>(service: string, operation: string, subject: string, call: () => Promise<T>) =>
    withExplanation(region, service, operation, subject, call);
  return {
    callerIdentity: () =>
      explained("STS", "GetCallerIdentity", "the caller", async () => {
        const identity = await sts.send(new stsModule.GetCallerIdentityCommand({}));
        return { account: identity.Account ?? "", arn: identity.Arn ?? "" };
      }),
    simulate: (call) =>
      explained("IAM", "SimulatePrincipalPolicy", call.PolicySourceArn, async () => {
        const results: Evaluation[] = [];
        for await (const page of iamModule.paginateSimulatePrincipalPolicy({ client: iam }, call)) results.push(...(page.EvaluationResults ?? []));
        return results;
      }),
    validatePolicy: (document, type, resourceType) =>
      explained("Access Analyzer", "ValidatePolicy", "a generated policy", async () => {
        const findings: Finding[] = [];
        const input = {
          policyDocument: document,
          policyType: type,
          locale: "EN" as const,
          ...(resourceType ? { validatePolicyResourceType: resourceType as never } : {}),
        };
        for await (const page of analyzerModule.paginateValidatePolicy({ client: analyzer }, input)) findings.push(...(page.findings ?? []));
        return findings;
      }),
    checkNoNewAccess: (newDocument, existingDocument) =>
      explained("Access Analyzer", "CheckNoNewAccess", "a deployer policy", async () => {
        const answer = await analyzer.send(
          new analyzerModule.CheckNoNewAccessCommand({
            newPolicyDocument: newDocument,
            existingPolicyDocument: existingDocument,
            policyType: "IDENTITY_POLICY",
          }),
        );
        return {
          result: answer.result ?? "UNKNOWN",
          message: answer.message ?? "",
          reasons: (answer.reasons ?? []).map((r) => r.description ?? ""),
        };
      }),
    deployedPolicy: (policyArn) =>
      explained("IAM", "GetPolicy", policyArn, async () => {
        try {
          const policy = await iam.send(new iamModule.GetPolicyCommand({ PolicyArn: policyArn }));
          const version = await iam.send(new iamModule.GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: policy.Policy?.DefaultVersionId }));
          // IAM returns the document URL-encoded.
          return decodeURIComponent(version.PolicyVersion?.Document ?? "");
        } catch (error) {
          if ((error as { name?: string }).name === "NoSuchEntityException" || (error as { name?: string }).name === "NoSuchEntity") return undefined;
          throw error;
        }
      }),
  };
}

const CREDENTIAL_CODES = new Set([
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
  "ExpiredToken",
  "ExpiredTokenException",
  "UnrecognizedClientException",
  "InvalidAccessKeyId",
  "IncompleteSignature",
]);
const THROTTLING_CODES = new Set(["Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded"]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "ECONNRESET", "EAI_AGAIN", "TimeoutError"]);

async function withExplanation<T>(region: string, service: string, operation: string, subject: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PreflightError) throw error;
    throw new PreflightError(explain(error as AwsError, { region, service, operation, subject }));
  }
}

interface AwsError {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly Code?: string;
  readonly $metadata?: { httpStatusCode?: number };
}

/** One sentence for a failed call: what happened, and what to do. */
export function explain(error: AwsError, where: { region: string; service: string; operation: string; subject: string }): string {
  const code = error.Code ?? error.name ?? error.code ?? "Error";
  const detail = (error.message ?? "").replace(/\s+/g, " ").trim();
  const said = detail && detail !== code && detail !== "UnknownError" ? `: ${detail}` : "";
  const { region, service, operation, subject } = where;
  if (error.name === "CredentialsProviderError" || /Could not load credentials/i.test(detail)) {
    return `No AWS credentials found for ${service} ${operation}: set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), or run where a role is assumed (a CI job with OIDC)${said}.`;
  }
  if (CREDENTIAL_CODES.has(code)) {
    return `AWS rejected the credentials (${code}) when calling ${service} ${operation}${said}; refresh them (aws sso login, or new keys) and run the preflight again.`;
  }
  if (code === "RegionDisabledException") {
    return `STS is not active in ${region}, the environment's region (${code})${said}; activate the region for STS in IAM's account settings, or run with AWS_REGION set to a region where it is.`;
  }
  if (THROTTLING_CODES.has(code)) {
    return `${service} throttled ${operation} (${code}) beyond the SDK's retries${said}; run the preflight again later, or raise AWS_MAX_ATTEMPTS.`;
  }
  if (code === "NoSuchEntity" || code === "NoSuchEntityException") {
    return `${subject} does not exist (${service} ${operation}: ${code})${said}; apply the environment's provisioner stack first, which creates the deployer and planner roles.`;
  }
  if (/AccessDenied/.test(code)) {
    return `The caller may not call ${service} ${operation} on ${subject} (${code})${said}; run the preflight as a principal allowed iam:SimulatePrincipalPolicy on the roles and iam:GetPolicy, iam:GetPolicyVersion on their policies (and access-analyzer:ValidatePolicy and CheckNoNewAccess for --validate).`;
  }
  if (NETWORK_CODES.has(code) || NETWORK_CODES.has(error.code ?? "")) {
    return `Cannot reach ${service} from ${region} (${code})${said}; check the network, a proxy, or AWS_ENDPOINT_URL_${service === "Access Analyzer" ? "ACCESSANALYZER" : service.toUpperCase()}.`;
  }
  const status = error.$metadata?.httpStatusCode;
  return `${service} ${operation} on ${subject} failed (${code}${status ? `, HTTP ${status}` : ""})${said}.`;
}
