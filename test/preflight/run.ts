import { preflightCommand } from "../../scripts/commands/preflight";
import { builtInConfig } from "../support/helpers";
import { runInProcess } from "../support/commands";
import { deployedPolicies } from "../permissions/deployed-policies";
import { decideInContext } from "../permissions/harness";
import { PolicyDocument } from "../../lib/policy-document";
import { startStandIn, StandInBehaviour } from "./stand-in";

/** Runs `npm run preflight` in this process against a stand-in (stand-in.ts) with the AWS SDK's settings pointed at it. */

export const dev = builtInConfig("dev");
export const ACCOUNT = dev.account.id;
export const SDK_SETTINGS = {
  AWS_ACCESS_KEY_ID: "AKIDSTANDIN",
  AWS_SECRET_ACCESS_KEY: "stand-in-secret",
  AWS_SESSION_TOKEN: "",
  AWS_PROFILE: "",
  AWS_CONFIG_FILE: "/nonexistent/aws-config",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_MAX_ATTEMPTS: "2",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

/** The SDK reads its settings from the process's environment: set for one run, then put back. */
async function withSdkSettings<T>(settings: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(settings).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(settings)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/**
 * IAM as the provisioner's deployed policies decide: by default as the proof takes them after the vendor
 * stacks' first deploy, or the given policies by role name (an account whose deployer was narrowed).
 */
export const faithful = (
  roles: ReadonlyMap<string, PolicyDocument[]> = deployedPolicies(dev, "after the first deploy").roles,
): StandInBehaviour["decide"] => {
  return async (role, action, resource, context) => {
    const documents = roles.get(role.split("/").pop()!);
    if (!documents) return "implicitDeny";
    const decision = await decideInContext({ principal: role, action, resource, account: ACCOUNT, identityPolicies: documents }, context);
    return ({ Allowed: "allowed", ExplicitlyDenied: "explicitDeny", ImplicitlyDenied: "implicitDeny" } as const)[decision];
  };
};

export async function preflight(
  behaviour: Partial<StandInBehaviour>,
  args: string[],
  endpoints: "per service" | "one" = "per service",
  sdkSettings: Record<string, string | undefined> = {},
) {
  const standIn = await startStandIn({ account: ACCOUNT, decide: () => "allowed", ...behaviour });
  const settings =
    endpoints === "one"
      ? {
          AWS_ENDPOINT_URL: standIn.url,
          AWS_ENDPOINT_URL_IAM: undefined,
          AWS_ENDPOINT_URL_STS: undefined,
          AWS_ENDPOINT_URL_ACCESSANALYZER: undefined,
        }
      : {
          AWS_ENDPOINT_URL: undefined,
          AWS_ENDPOINT_URL_IAM: standIn.url,
          AWS_ENDPOINT_URL_STS: standIn.url,
          AWS_ENDPOINT_URL_ACCESSANALYZER: standIn.url,
        };
  try {
    const result = await withSdkSettings({ ...SDK_SETTINGS, ...settings, ...sdkSettings }, () => runInProcess(preflightCommand, args));
    return { ...result, standIn };
  } finally {
    await standIn.close();
  }
}
