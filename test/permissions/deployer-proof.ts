import { roleBoundaryArn } from "../../config/naming";
import { PolicyDocument } from "../../lib/policy-document";
import { literalsOf } from "../../permissions/model";
import { deployerRoleName } from "../../stacks/provisioner-stack";
import { proveCalls } from "./call-proofs";
import { deployedPolicies } from "./deployed-policies";
import { decide, RequestShape } from "./harness";
import { builtInDeployments, DeployedEnvironment } from "./fixtures";

/**
 * The deployer's named denials (the ownership tag, the boundary, regions, the state backend,
 * passing roles), against the policies the provisioner deploys; every call Terraform makes is
 * proven in call-proofs.ts.
 */

/** Declares the proof for one built-in environment's vendor stacks (one test file per environment, so they run in parallel). */
export function proveDeployers(
  environmentName: "dev" | "staging" | "prod",
  deployment: DeployedEnvironment = builtInDeployments(environmentName)[0],
): void {
  proveCalls(environmentName, () => deployment);
  const { env, provisioner, models } = deployment;
  for (const [stackId, model] of models) {
    describe(`deployer of ${stackId}`, () => {
      const set = provisioner.policySets.get(stackId)!;
      const tag = set.derived.ownershipTag;
      const principal = `arn:aws:iam::${env.account.id}:role/${deployerRoleName(stackId)}`;
      const policies: PolicyDocument[] = deployedPolicies(env, "after the first deploy").roles.get(deployerRoleName(stackId))!;

      const region = env.account.region;
      const ownTag = { [tag.key]: tag.value, ...(set.derived.scopeTag ? { [set.derived.scopeTag.key]: set.derived.scopeTag.value } : {}) };
      const roleName = literalsOf(model, "aws_iam_role", "name")[0];
      const ownRole = `arn:aws:iam::${env.account.id}:role/${roleName}`;

      it("cannot remove or change the ownership tag", async () => {
        for (const action of ["ec2:DeleteTags", "kms:UntagResource", "iam:UntagRole"]) {
          const resource = action.startsWith("ec2")
            ? `arn:aws:ec2:${region}:${env.account.id}:vpc/vpc-0a1b2c3d4e5f67890`
            : action.startsWith("kms")
              ? `arn:aws:kms:${region}:${env.account.id}:key/1234abcd-12ab-34cd-56ef-1234567890ab`
              : ownRole;
          expect(
            await decide({
              principal,
              action,
              resource,
              account: env.account.id,
              identityPolicies: policies,
              shape: { region, resourceTags: ownTag, requestTags: { [tag.key]: tag.value } },
            }),
          ).toBe("ExplicitlyDenied");
        }
        expect(
          await decide({
            principal,
            action: "ec2:CreateTags",
            resource: `arn:aws:ec2:${region}:${env.account.id}:vpc/vpc-0a1b2c3d4e5f67890`,
            account: env.account.id,
            identityPolicies: policies,
            shape: { region, resourceTags: ownTag, requestTags: { [tag.key]: "false" }, context: { "ec2:CreateAction": "CreateVpc" } },
          }),
        ).toBe("ExplicitlyDenied");
      });

      it("cannot strip every tag from a resource with a keyless DeleteTags", async () => {
        expect(
          await decide({
            principal,
            action: "ec2:DeleteTags",
            resource: `arn:aws:ec2:${region}:${env.account.id}:subnet/subnet-0a1b2c3d4e5f67890`,
            account: env.account.id,
            identityPolicies: policies,
            shape: { region, resourceTags: ownTag },
          }),
        ).toBe("ExplicitlyDenied");
      });

      it("cannot create a role without the permissions boundary, or strip it", async () => {
        const shape = (boundary: string): RequestShape => ({
          region,
          requestTags: { ...model.defaultTags },
          context: { "iam:PermissionsBoundary": boundary },
        });
        expect(
          await decide({
            principal,
            action: "iam:CreateRole",
            resource: ownRole,
            account: env.account.id,
            identityPolicies: policies,
            shape: shape(roleBoundaryArn(env, roleName)),
          }),
        ).toBe("Allowed");
        expect(
          await decide({
            principal,
            action: "iam:CreateRole",
            resource: ownRole,
            account: env.account.id,
            identityPolicies: policies,
            shape: shape(`arn:aws:iam::${env.account.id}:policy/AdministratorAccess`),
          }),
        ).toBe("ExplicitlyDenied");
        expect(
          await decide({
            principal,
            action: "iam:DeleteRolePermissionsBoundary",
            resource: ownRole,
            account: env.account.id,
            identityPolicies: policies,
            shape: { region, resourceTags: ownTag },
          }),
        ).toBe("ExplicitlyDenied");
      });

      it("passes only the stack's own roles, and only to the service that takes them", async () => {
        const pass = set.derived.passRoles[0];
        const decideOn = (resource: string, service: string) =>
          decide({
            principal,
            action: "iam:PassRole",
            resource,
            account: env.account.id,
            identityPolicies: policies,
            shape: { region, context: { "iam:PassedToService": service } },
          });
        expect(await decideOn(pass.roleArn, pass.services[0])).toBe("Allowed");
        expect(await decideOn(pass.roleArn, "lambda.amazonaws.com")).not.toBe("Allowed");
        expect(await decideOn(`arn:aws:iam::${env.account.id}:role/OrganizationAccountAccessRole`, pass.services[0])).not.toBe("Allowed");
      });

      it("cannot act in another region", async () => {
        expect(
          await decide({
            principal,
            action: "ec2:CreateVpc",
            resource: `arn:aws:ec2:us-east-1:${env.account.id}:vpc/vpc-0a1b2c3d4e5f67890`,
            account: env.account.id,
            identityPolicies: policies,
            shape: { region: "us-east-1", requestTags: { ...model.defaultTags } },
          }),
        ).toBe("ExplicitlyDenied");
      });

      it("cannot delete the state bucket or the lock table", async () => {
        const backend = env.stateBackend;
        expect(
          await decide({
            principal,
            action: "s3:DeleteBucket",
            resource: `arn:aws:s3:::${backend.bucket}`,
            account: env.account.id,
            identityPolicies: policies,
            shape: { region },
          }),
        ).toBe("ExplicitlyDenied");
        expect(
          await decide({
            principal,
            action: "dynamodb:DeleteTable",
            resource: `arn:aws:dynamodb:${backend.region}:${env.account.id}:table/${backend.lockTable}`,
            account: env.account.id,
            identityPolicies: policies,
            shape: { region, resourceTags: ownTag },
          }),
        ).toBe("ExplicitlyDenied");
      });

      it("reads and writes its own state object and lock item only", async () => {
        const backend = env.stateBackend;
        const object = `arn:aws:s3:::${backend.bucket}/${stackId}/terraform.tfstate`;
        const on = (action: string, resource: string) =>
          decide({ principal, action, resource, account: env.account.id, identityPolicies: policies, shape: { region } });
        expect(await on("s3:PutObject", object)).toBe("Allowed");
        expect(await on("s3:PutObject", `arn:aws:s3:::${backend.bucket}/other-stack/terraform.tfstate`)).not.toBe("Allowed");
        expect(await on("dynamodb:PutItem", `arn:aws:dynamodb:${backend.region}:${env.account.id}:table/${backend.lockTable}`)).toBe("Allowed");
      });
    });
  }
}
