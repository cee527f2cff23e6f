import { Construct } from "constructs";
import { DataTerraformRemoteStateS3, Fn, Op, TerraformOutput, TerraformStack, Token } from "cdktf";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { OrganizationsPolicy } from "@cdktf/provider-aws/lib/organizations-policy";
import { OrganizationsPolicyAttachment } from "@cdktf/provider-aws/lib/organizations-policy-attachment";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3AccountPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-account-public-access-block";
import { EnvironmentConfig, isProduction, ProvisionerConfig, shapeOf } from "../config";
import { awsTargetOf } from "../config/aws";
import { AwsTarget, iamArn } from "../lib/arn";
import { deployerRoleName, plannerRoleName } from "../config/naming";
import { PolicyDocument, policyDocument, PolicyStatement, renderPolicy } from "../lib/policy-document";
import { IAM_QUOTAS, policyChars, QuotaError } from "../permissions/quotas";
import { deployerPolicySet, DeployerPolicySet, makesProtectedUpdates, planPolicySet, VendorDeployment } from "../permissions";
import { RoleBoundary, roleBoundaries } from "../permissions/boundary";
import { isLiteral, ResourceInstance, StackModel, worksInsideACluster } from "../permissions/model";
import { DeployedFacts, DeployTimeValue } from "../permissions/types";
export type { DeployTimeValue } from "../permissions/types";
import { dataPerimeterStatements, rcpStatements, scpStatements } from "../permissions/scp";
import { eksOidcProviderPattern, sessionOriginOf } from "../permissions/types/iam/shared";
import { stateKey, useRemoteState } from "./support/remote-state";
import { requireTerraformVersion } from "./support/terraform-versions";

/** The vendor stacks' output the provisioner reads back: the id of the VPC they created. */
export const VPC_ID_OUTPUT = "vpc_id";
/** ... and the ARN of their cluster's IAM OIDC provider. */
export const OIDC_PROVIDER_OUTPUT = "oidc_provider_arn";
/** ... and an output every vendor stack with data to protect has (its cluster's name): present, the stack has been deployed. */
export const DEPLOYED_OUTPUT = "cluster_name";
/** The value read for it before the first deploy (no cluster name has a space). */
export const NOT_DEPLOYED = "not deployed";

/** Stack id of an environment's provisioner stack. */
export function provisionerStackId(environmentName: string): string {
  return `provisioner-${environmentName}`;
}

// Role names live with the other names; re-exported for the scripts and tests that know them from here.
export { deployerRoleName, plannerRoleName } from "../config/naming";

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";

export interface ProvisionerStackProps {
  readonly environment: EnvironmentConfig;
  /** The environment's vendor stacks, whose deployer permissions this stack grants. */
  readonly vendors: readonly VendorDeployment[];
  /**
   * Ids the vendor stacks' first deploy produced (by stack id), when known. Left out,
   * the stack reads them from each vendor stack's state, so applying it again after
   * that deploy narrows the deployer to them (see DeployedFacts).
   */
  readonly deployedFacts?: ReadonlyMap<string, DeployedFacts>;
}

/**
 * Who may deploy an environment: one deployer role per vendor stack, holding
 * the managed policies derived from that stack (tag-gated, quota-sized),
 * trusted by GitHub Actions for the configured repository and environment and
 * by named people (with MFA in prod); the permissions boundary every workload
 * role carries; optionally the OU's SCP. Deployed by an administrator, before the
 * vendor stacks.
 */
export class ProvisionerStack extends TerraformStack {
  readonly policySets: ReadonlyMap<string, DeployerPolicySet>;
  /** The read-only plan roles' permissions, by vendor stack (none without GitHub in the config). */
  readonly planPolicySets: ReadonlyMap<string, DeployerPolicySet>;
  private readonly deployedFacts = new Map<string, DeployedFacts>();
  /**
   * The values the provisioner reads from the vendor stacks' state when it is applied, by the token
   * standing for each: what Terraform writes in their place before the stacks' first deploy.
   */
  readonly deployTimeValues = new Map<string, DeployTimeValue>();
  /** The permissions boundary of every workload role (none when the config names its own boundary). */
  readonly roleBoundaries: readonly RoleBoundary[];
  readonly scpDocument?: PolicyStatement[];
  /** The resource control policy, with `provisioner.scp.organizationId`. */
  readonly rcpDocument?: PolicyStatement[];

  private readonly environment: EnvironmentConfig;
  private readonly target: AwsTarget;
  /** The vendor stacks whose deployers it holds, as derived. */
  readonly vendors: readonly VendorDeployment[];

  constructor(scope: Construct, id: string, props: ProvisionerStackProps) {
    super(scope, id);
    requireTerraformVersion(this);
    const env = (this.environment = props.environment);
    this.target = awsTargetOf(env.account);
    this.vendors = props.vendors;

    new AwsProvider(this, "aws", {
      region: this.target.region,
      allowedAccountIds: [this.target.account],
      defaultTags: [{ tags: { ...env.tags, "platform-stacks/component": "provisioner" } }],
    });
    useRemoteState(this, env.stateBackend, id, this.target.account);

    this.policySets = this.derivePolicySets(props.deployedFacts);
    // Without a configured boundary, each workload role gets its own: its declared permissions, nothing more.
    this.roleBoundaries = env.permissionsBoundaryArn ? [] : props.vendors.flatMap((vendor) => this.createRoleBoundaries(env, vendor));
    const githubProviderArn = iamArn(this.target, `oidc-provider/${GITHUB_OIDC_HOST}`);
    if (env.provisioner.github?.createOidcProvider) {
      new IamOpenidConnectProvider(this, "github_oidc", { url: `https://${GITHUB_OIDC_HOST}`, clientIdList: ["sts.amazonaws.com"] });
    }
    this.createDeployerRoles(githubProviderArn);
    this.planPolicySets = this.createPlannerRoles(githubProviderArn);
    if (env.provisioner.blockPublicS3Access) {
      // Account-wide: no bucket of the account can be made public, whatever a bucket policy or ACL a deployer writes.
      new S3AccountPublicAccessBlock(this, "account_public_access_block", {
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
    }
    if (env.provisioner.scp) {
      const { scp, rcp } = this.createOrganizationPolicies(id, env.provisioner.scp);
      this.scpDocument = scp;
      this.rcpDocument = rcp;
    }
  }

  /** Each vendor stack's deployer permissions, narrowed by what its first deploy produced. */
  private derivePolicySets(knownFacts: ReadonlyMap<string, DeployedFacts> | undefined): Map<string, DeployerPolicySet> {
    const policySets = new Map<string, DeployerPolicySet>();
    for (const vendor of this.vendors) {
      const deployed = knownFacts?.get(vendor.model.stackId) ?? this.readDeployedFacts(this.environment, vendor);
      this.deployedFacts.set(vendor.model.stackId, deployed);
      policySets.set(vendor.model.stackId, deployerPolicySet(this.environment, { ...vendor, deployed }));
    }
    return policySets;
  }

  private createDeployerRoles(githubProviderArn: string): void {
    for (const [stackId, set] of this.policySets) {
      this.createRole(
        stackId,
        "deployer",
        deployerRoleName(stackId),
        `Deploys ${stackId}: tag-gated permissions derived from the stack`,
        deployerTrust(this.environment, githubProviderArn),
        set,
      );
    }
  }

  /**
   * Plans (pull requests and the deploy workflow's plan jobs) run as a read-only role: a branch
   * that edits a workflow can read what the stack reads, and write nothing but the lock.
   */
  private createPlannerRoles(githubProviderArn: string): Map<string, DeployerPolicySet> {
    const planners = new Map<string, DeployerPolicySet>();
    if (!this.environment.provisioner.github) return planners;
    for (const vendor of this.vendors) {
      const stackId = vendor.model.stackId;
      const set = planPolicySet(this.environment, { ...vendor, deployed: this.deployedFacts.get(stackId) });
      planners.set(stackId, set);
      this.createRole(
        stackId,
        "planner",
        plannerRoleName(stackId),
        `Plans ${stackId}: reads its resources and state, takes its lock, writes nothing else`,
        planTrust(this.environment, githubProviderArn, vendor.model),
        set,
      );
    }
    return planners;
  }

  /** The OU's ownership SCP and, with an organization id, the RCP on the vendor roles' trust; through the management account. */
  private createOrganizationPolicies(id: string, scp: NonNullable<ProvisionerConfig["scp"]>): { scp: PolicyStatement[]; rcp?: PolicyStatement[] } {
    const env = this.environment;
    const organizations = new AwsProvider(this, "organizations", {
      alias: "organizations",
      region: this.target.region,
      allowedAccountIds: [scp.managementAccountId],
      assumeRole: [{ roleArn: scp.roleArn }],
    });
    const anyAccountRole = (name: string) => iamArn({ partition: this.target.partition, account: "*" }, `role/${name}`);
    const tags = [...new Map(this.vendors.map((v) => [v.ownershipTag.key, v.ownershipTag])).values()];
    const deployers = [...this.policySets.keys()].map((stackId) => anyAccountRole(deployerRoleName(stackId)));
    const scpDocument = tags.flatMap((tag) => {
      // Each vendor's creates hold its own deployers to its own tag.
      const vendorSets = [...this.policySets].filter(([, s]) => s.derived.ownershipTag.key === tag.key);
      const vendorDeployers = vendorSets.map(([stackId]) => anyAccountRole(deployerRoleName(stackId)));
      return scpStatements(
        tag,
        vendorSets.map(([, s]) => s.derived),
        vendorDeployers,
        deployers,
      ).map((s) => ({ ...s, Sid: `${s.Sid}${tags.length > 1 ? tag.key.replace(/[^A-Za-z0-9]/g, "") : ""}` }));
    });
    const scpSize = policyChars(policyDocument(scpDocument));
    if (scpSize > IAM_QUOTAS.scpChars) {
      throw new QuotaError(
        `${id}: the ownership SCP is ${scpSize} characters, over Organizations' ${IAM_QUOTAS.scpChars}; attach the SCP per vendor (one environment per vendor) or write your own from the report`,
      );
    }
    const attach = (id: string, name: string, description: string, type: string, statements: PolicyStatement[]) => {
      const policy = new OrganizationsPolicy(this, id, { provider: organizations, name, description, type, content: renderPolicy(statements) });
      scp.targetIds.forEach(
        (targetId, i) => new OrganizationsPolicyAttachment(this, `${id}_target_${i}`, { provider: organizations, policyId: policy.id, targetId }),
      );
    };
    attach(
      "ownership_scp",
      `${env.name}-vendor-ownership-tags`,
      "Vendor resources only with their ownership tag; nobody removes it",
      "SERVICE_CONTROL_POLICY",
      scpDocument,
    );
    if (!scp.organizationId) return { scp: scpDocument };
    const roles = this.vendors.flatMap((v) => v.model.instances.filter((i) => i.type === "aws_iam_role" && isLiteral(i.attributes.name)));
    const arnsOf = (filter: (role: ResourceInstance) => boolean) =>
      [...new Set(roles.filter(filter).map((r) => anyAccountRole(String(r.attributes.name))))].sort();
    const rcpDocument = [
      ...rcpStatements(scp.organizationId, {
        webIdentity: arnsOf((r) => sessionOriginOf(r) === "web-identity"),
        others: arnsOf((r) => sessionOriginOf(r) !== "web-identity"),
      }),
      ...(scp.dataPerimeter ? dataPerimeterStatements(scp.organizationId) : []),
    ];
    attach(
      "trust_rcp",
      `${env.name}-vendor-role-trust`,
      scp.dataPerimeter
        ? "Only the organization's principals and AWS services assume the vendor stacks' roles or reach the accounts' data"
        : "Only the organization's principals and AWS services assume the vendor stacks' roles",
      "RESOURCE_CONTROL_POLICY",
      rcpDocument,
    );
    return { scp: scpDocument, rcp: rcpDocument };
  }

  /**
   * What the vendor stack's state says AWS picked, for the statements that need it:
   * before its first deploy the state has no outputs and the defaults (every VPC)
   * apply, so the first deploy can adopt its VPC's default security group; applying
   * this stack again afterwards narrows the deployer to the stack's own VPC.
   */
  private readDeployedFacts(env: EnvironmentConfig, vendor: VendorDeployment): DeployedFacts {
    const adoptsDefaultGroup = vendor.model.instances.some((i) => i.type === "aws_default_security_group");
    const hasOidcProvider = vendor.model.instances.some((i) => i.type === "aws_iam_openid_connect_provider");
    // Staging's deployer loses its data-destroying updates once the stack is deployed: its state then has outputs.
    const watchesDeploy = shapeOf(env) === "staging" && makesProtectedUpdates(vendor.model);
    if (!adoptsDefaultGroup && !hasOidcProvider && !watchesDeploy) return {};
    // What Terraform reads for each output before the stack's first deploy (its state has none yet).
    const firstDeploy: Record<string, string> = {
      ...(adoptsDefaultGroup ? { [VPC_ID_OUTPUT]: "*" } : {}),
      ...(hasOidcProvider ? { [OIDC_PROVIDER_OUTPUT]: eksOidcProviderPattern(this.target) } : {}),
      ...(watchesDeploy ? { [DEPLOYED_OUTPUT]: NOT_DEPLOYED } : {}),
    };
    const backend = env.stateBackend;
    const state = new DataTerraformRemoteStateS3(this, `${vendor.model.stackId}_state`, {
      bucket: backend.bucket,
      key: stateKey(backend, vendor.model.stackId),
      region: backend.region,
      defaults: firstDeploy,
    });
    const read = (output: string) => {
      const token = state.getString(output);
      this.deployTimeValues.set(token, { stackId: vendor.model.stackId, output, firstDeploy: firstDeploy[output] });
      return token;
    };
    return {
      ...(adoptsDefaultGroup ? { vpcId: read(VPC_ID_OUTPUT) } : {}),
      ...(hasOidcProvider ? { oidcProviderArn: read(OIDC_PROVIDER_OUTPUT) } : {}),
      ...(watchesDeploy ? { deployed: read(DEPLOYED_OUTPUT) } : {}),
    };
  }

  /** A role of a vendor stack (its deployer or its planner) with its managed policies, and its ARN as an output. */
  private createRole(
    stackId: string,
    kind: "deployer" | "planner",
    roleName: string,
    description: string,
    trust: PolicyStatement[],
    set: DeployerPolicySet,
  ): void {
    const role = new IamRole(this, `${stackId}_${kind}`, {
      name: roleName,
      description,
      assumeRolePolicy: renderPolicy(trust),
      maxSessionDuration: 3600,
    });
    set.documents.forEach((document, i) => {
      const policy = new IamPolicy(this, `${stackId}_${kind}_policy_${i + 1}`, {
        name: `${roleName}-${i + 1}`,
        description: `${kind === "deployer" ? "Deployer" : "Plan"} permissions of ${stackId}, part ${i + 1} of ${set.documents.length}`,
        policy: JSON.stringify(document),
      });
      new IamRolePolicyAttachment(this, `${stackId}_${kind}_attachment_${i + 1}`, { role: role.name, policyArn: policy.arn });
    });
    if (set.onceDeployed) this.attachOnceDeployed(stackId, roleName, role, set.onceDeployed);
    new TerraformOutput(this, `${stackId.replace(/-/g, "_")}_${kind}_role_arn`, {
      value: role.arn,
      description: `Role that ${kind === "deployer" ? "deploys" : "plans"} ${stackId}`,
    });
  }

  /**
   * Staging's data protection: a policy attached to its deployer once the stack's state says it is
   * deployed (when this stack is applied again after the first deploy, as for every deployed id).
   */
  private attachOnceDeployed(stackId: string, roleName: string, role: IamRole, document: PolicyDocument): void {
    const deployed = this.deployedFacts.get(stackId)?.deployed ?? NOT_DEPLOYED;
    const policy = new IamPolicy(this, `${stackId}_deployer_once_deployed`, {
      name: `${roleName}-once-deployed`,
      description: `Staging: no data-destroying update of ${stackId} once it is deployed`,
      policy: JSON.stringify(document),
    });
    new IamRolePolicyAttachment(this, `${stackId}_deployer_once_deployed_attachment`, {
      role: role.name,
      policyArn: policy.arn,
      count: Token.isUnresolved(deployed) ? Token.asNumber(Fn.conditional(Op.neq(deployed, NOT_DEPLOYED), 1, 0)) : deployed === NOT_DEPLOYED ? 0 : 1,
    });
  }

  /** One boundary policy per role of a vendor stack, named after the role. */
  private createRoleBoundaries(env: EnvironmentConfig, vendor: VendorDeployment): RoleBoundary[] {
    const boundaries = roleBoundaries(vendor.model, {
      ...this.target,
      deployed: this.deployedFacts.get(vendor.model.stackId),
      ownershipTags: [vendor.ownershipTag, ...(vendor.scopeTag ? [vendor.scopeTag] : [])],
      namePrefix: env.provisioner.boundaryPolicyName,
    });
    for (const boundary of boundaries) {
      // No wildcard action: the rule pack checks it like any policy.
      new IamPolicy(this, `${boundary.roleName}_boundary`, {
        name: boundary.policyName,
        description: `Permissions boundary of role ${boundary.roleName} (${vendor.model.stackId}): its declared permissions, nothing more`,
        policy: renderPolicy(boundary.statements),
      });
    }
    return boundaries;
  }
}

/**
 * Who may plan: GitHub Actions of the repository, for pull requests and for the deploy
 * workflow's branch (its plan jobs), by the exact `sub` GitHub sends for each. People
 * plan with their deployer role.
 */
/**
 * Who may assume a stack's plan role: the deploy branch's runs (deploy plans, drift) and, for a
 * stack in AWS, pull requests. A stack inside a cluster is never planned by a pull request: its
 * plan role reads the cluster and its state holds what the cluster holds (the webhook's keys),
 * and a pull request's code runs wherever its plan runs.
 */
export function planTrust(env: EnvironmentConfig, githubProviderArn: string, model: StackModel): PolicyStatement[] {
  const github = env.provisioner.github;
  if (!github) return [];
  return [
    githubActions("GitHubActionsPlans", githubProviderArn, [
      ...(worksInsideACluster(model) ? [] : [`repo:${github.repository}:pull_request`]),
      `repo:${github.repository}:ref:refs/heads/${github.deployBranch}`,
    ]),
  ];
}

/** GitHub Actions' OIDC tokens for exactly these subjects (and AWS STS as audience). */
function githubActions(sid: string, githubProviderArn: string, subjects: string[]): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { Federated: githubProviderArn },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: {
      StringEquals: {
        [`${GITHUB_OIDC_HOST}:aud`]: "sts.amazonaws.com",
        [`${GITHUB_OIDC_HOST}:sub`]: subjects.length === 1 ? subjects[0] : subjects,
      },
    },
  };
}

/** CI through GitHub's OIDC (one repository, one GitHub environment) and named people, with MFA in prod. */
export function deployerTrust(env: EnvironmentConfig, githubProviderArn: string): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  const github = env.provisioner.github;
  if (github)
    statements.push(githubActions("GitHubActions", githubProviderArn, [`repo:${github.repository}:environment:${github.environment ?? env.name}`]));
  const humans = env.provisioner.humanPrincipalArns;
  if (humans.length) {
    statements.push({
      Sid: "People",
      Effect: "Allow",
      Principal: { AWS: humans.length === 1 ? humans[0] : humans },
      Action: "sts:AssumeRole",
      ...(isProduction(env) ? { Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } } : {}),
    });
  }
  return statements;
}
