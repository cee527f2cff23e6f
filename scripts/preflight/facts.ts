import { EnvironmentConfig } from "../../config";
import { deployerRoleName } from "../../config/naming";
import { sampleDeployedFacts } from "../../permissions/sample-world";
import { DeployedFacts } from "../../permissions/types";
import { AwsAccess, PreflightError } from "./aws";

/**
 * What each vendor stack's first deploy produced (its VPC, its cluster's OIDC provider), as the
 * account's deployer policies hold it: the provisioner, applied again after that deploy, writes
 * those ids into the deployer it narrows. The preflight asks IAM with the same ids, so a stack
 * deployed and narrowed is asked about its own VPC, not the proof's sample one. A stack whose
 * deployer still names any VPC (not deployed, or the provisioner not yet applied again) keeps the
 * samples, which its policies' patterns take.
 */

export interface StackFacts {
  readonly facts: DeployedFacts;
  /** Whether the account's deployer names ids of its own (else the proof's samples stand). */
  readonly readFromAccount: boolean;
  /** Where they come from, for the report. */
  readonly source: string;
}

/** More parts than a role can hold (10 managed policies): the read stops at the first that is not there. */
const MAX_PARTS = 10;
const VPC = /:vpc\/(vpc-[0-9a-f]{8,17})\b/g;
const OIDC_PROVIDER = /arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/oidc\.eks\.[a-z0-9-]+\.amazonaws\.com\/id\/[0-9A-F]+/g;

/** The facts of those of `stackIds` that have deployed facts (the vendor stacks in AWS). */
export async function deployedFactsOfAccount(aws: AwsAccess, env: EnvironmentConfig, stackIds: readonly string[]): Promise<Map<string, StackFacts>> {
  const found = new Map<string, StackFacts>();
  for (const [stackId, samples] of [...sampleDeployedFacts([env])].filter(([id]) => stackIds.includes(id))) {
    const texts: string[] = [];
    for (let part = 1; part <= MAX_PARTS; part++) {
      const text = await aws.deployedPolicy(`arn:aws:iam::${env.account.id}:policy/${deployerRoleName(stackId)}-${part}`);
      if (text === undefined) break;
      texts.push(text);
    }
    const all = texts.join("\n");
    const vpcs = [...new Set([...all.matchAll(VPC)].map((m) => m[1]))];
    const providers = [...new Set([...all.matchAll(OIDC_PROVIDER)].map((m) => m[0]))];
    if (vpcs.length > 1 || providers.length > 1) {
      throw new PreflightError(
        `${deployerRoleName(stackId)}'s policies in the account name ${vpcs.length} VPCs and ${providers.length} OIDC providers; ` +
          "the provisioner writes one of each: apply it again, then run the preflight.",
      );
    }
    const facts: DeployedFacts = { ...samples, ...(vpcs[0] ? { vpcId: vpcs[0] } : {}), ...(providers[0] ? { oidcProviderArn: providers[0] } : {}) };
    const source = !texts.length
      ? "its deployer's policies are not in the account: the proof's sample ids"
      : vpcs.length || providers.length
        ? `read from its deployer's policies in the account (${[...vpcs, ...providers].join(", ")})`
        : "its deployer's policies name no deployed VPC or OIDC provider yet (before its first deploy): the proof's sample ids";
    found.set(stackId, { facts, readFromAccount: vpcs.length + providers.length > 0, source });
  }
  return found;
}
