import { EnvironmentConfig, OwnershipTag } from "../../config";
import { roleBoundaryArn } from "../../config/naming";
import { PolicyDocument } from "../../lib/policy-document";
import { ArnContext, typePermissionsFor } from "../../permissions/types";
import { isLiteral, literalsOf, ResourceInstance, StackModel } from "../../permissions/model";
import { UNTAG_ACTIONS } from "../../permissions/derive";
import { deployerRoleName } from "../../stacks/provisioner-stack";
import { concreteArn, decide, Decision, RequestShape } from "./harness";
import { builtInDeployments, DeployedEnvironment, deployedFactsOf } from "./fixtures";

/**
 * The proof: every action the catalogue says a synthesized resource needs is
 * allowed on that resource's ARN with the stack's tags, and denied without the
 * ownership tag, with the wrong value, or on a name the stack does not own.
 */

export interface Case {
  readonly label: string;
  /** Set on the request the deployer makes when it does a rule's work right: the rule's phase. */
  readonly rightPhase?: "create" | "read" | "update" | "delete";
  readonly action: string;
  readonly resource: string;
  readonly shape: RequestShape;
  readonly expected: "Allowed" | "Denied";
}

function tagsOf(model: StackModel, instance: ResourceInstance): Record<string, string> {
  const own = (instance.attributes.tags ?? {}) as Record<string, string>;
  return { ...model.defaultTags, ...Object.fromEntries(Object.entries(own).filter(([, v]) => isLiteral(v))) };
}

/** Replaces the stack's literal names in an ARN with a name it does not own. */
function foreignArn(arn: string, names: string[]): string | undefined {
  const name = names.filter((n) => arn.includes(n)).sort((a, b) => b.length - a.length)[0];
  if (!name) return undefined;
  const segments = name.split("/");
  segments[segments.length - 1] = `not-ours-${segments[segments.length - 1]}`;
  return arn.replace(name, segments.join("/"));
}

export function casesFor(env: EnvironmentConfig, model: StackModel, tag: OwnershipTag, scope?: OwnershipTag): Case[] {
  const region = env.account.region;
  const ctx: ArnContext = { partition: "aws", region, account: env.account.id, model, deployed: deployedFactsOf(env, model.stackId) };
  const cases = new Map<string, Case>();
  const add = (c: Case) => cases.set(JSON.stringify([c.action, c.resource, c.shape, c.expected]), c);
  const literalNames = model.instances.flatMap((i) => ["name", "bucket"].map((k) => i.attributes[k]).filter(isLiteral)).filter((n) => n.length > 4);
  const staging = env.name === "staging";
  const ownTags = { [tag.key]: tag.value, ...(scope ? { [scope.key]: scope.value } : {}) };
  const adoptsDefaultGroup = model.instances.some((i) => i.type === "aws_default_security_group");
  // Actions some resource needs outside deletion, under the same gate, stay allowed in staging
  // (revoking a new group's default egress); the same action under another gate does not.
  const neededBeyondDelete = new Set(
    model.instances.flatMap((i) =>
      typePermissionsFor(i)
        .rules.filter((r) => r.phase !== "delete")
        .flatMap((r) => r.actions.map((a) => `${a}|${r.gate.kind}`)),
    ),
  );

  for (const instance of model.instances) {
    const entry = typePermissionsFor(instance);
    for (const rule of entry.rules) {
      const patterns = rule.gate.kind === "unscoped" ? ["*"] : (rule.resources ?? entry.arns)(instance, ctx);
      if (patterns.length === 0) continue;
      const [resource, ...otherResources] = patterns.map(concreteArn);
      const extra = { ...contextForConditions(rule.conditions?.(instance, ctx) ?? {}) };
      const requestTags = tagsOf(model, instance);
      /** The request a deployer makes when it does this rule's work right. */
      const rightShape = (action: string): Partial<RequestShape> => {
        switch (rule.gate.kind) {
          case "request-tag":
          case "adopt":
            return { requestTags };
          case "tag-on-create":
            return { requestTags, context: { "ec2:CreateAction": rule.gate.createActions[0] } };
          case "resource-tag":
            // An untag call names the keys it removes (never the ownership or stack tag here).
            return { resourceTags: ownTags, ...(UNTAG_ACTIONS.includes(action) ? { context: { "aws:TagKeys": ["CostCenter"] } } : {}) };
          default:
            // An untag call names the keys it removes, whatever gates it.
            return UNTAG_ACTIONS.includes(action) ? { context: { "aws:TagKeys": ["CostCenter"] } } : {};
        }
      };
      for (const [index, action] of rule.actions.entries()) {
        // Every action is proven allowed; the denials are proven per rule (its first action),
        // since a rule's actions share one gate. That halves a suite bound by simulation time.
        const provingDenials = index === 0;
        const expectedWhenRight = staging && rule.phase === "delete" && !neededBeyondDelete.has(`${action}|${rule.gate.kind}`) ? "Denied" : "Allowed";
        const label = `${instance.type} ${rule.phase} ${action} (${rule.gate.kind})`;
        const shape = (s: Partial<RequestShape>): RequestShape => ({ region, ...s, context: { ...extra, ...(s.context ?? {}) } });
        add({ label, action, resource, shape: shape(rightShape(action)), expected: expectedWhenRight, rightPhase: rule.phase });
        // Every other ARN pattern of the rule is allowed too; the denials use the first.
        for (const other of otherResources)
          add({ label, action, resource: other, shape: shape(rightShape(action)), expected: expectedWhenRight, rightPhase: rule.phase });
        if (!provingDenials) continue;
        switch (rule.gate.kind) {
          case "request-tag":
          case "adopt":
            add({
              label: `${label} without the ownership tag`,
              action,
              resource,
              shape: shape({ requestTags: without(requestTags, tag.key) }),
              expected: "Denied",
            });
            add({
              label: `${label} with the wrong value`,
              action,
              resource,
              shape: shape({ requestTags: { ...requestTags, [tag.key]: "false" } }),
              expected: "Denied",
            });
            break;
          case "tag-on-create":
            // The one documented exception: a VPC's default security group is adopted by tagging it.
            if (!(adoptsDefaultGroup && resource.includes(":security-group/"))) {
              add({ label: `${label} outside a create`, action, resource, shape: shape({ requestTags }), expected: "Denied" });
            }
            break;
          case "resource-tag":
            add({ label: `${label} on an untagged resource`, action, resource, shape: shape({ resourceTags: {} }), expected: "Denied" });
            if (scope)
              add({
                label: `${label} on another stack's resource`,
                action,
                resource,
                shape: shape({ resourceTags: { ...ownTags, [scope.key]: "another-stack" } }),
                expected: "Denied",
              });
            break;
        }
        const foreign = rule.gate.kind === "unscoped" ? undefined : foreignArn(resource, literalNames);
        if (foreign) {
          const tags = rule.gate.kind === "resource-tag" ? { resourceTags: ownTags } : { requestTags };
          add({ label: `${label} on a name the stack does not own`, action, resource: foreign, shape: shape(tags), expected: "Denied" });
        }
      }
    }
  }
  return [...cases.values()];
}

/** Context keys that satisfy a rule's extra conditions (the boundary, the attached policy, the tag key). */
function contextForConditions(conditions: Record<string, Record<string, unknown>>): Record<string, string | string[]> {
  const context: Record<string, string | string[]> = {};
  for (const keys of Object.values(conditions)) {
    for (const [key, value] of Object.entries(keys))
      context[key] = Array.isArray(value) ? (key === "aws:TagKeys" ? (value as string[]) : String(value[0])) : String(value);
  }
  return context;
}

function without(tags: Record<string, string>, key: string): Record<string, string> {
  const { [key]: _, ...rest } = tags;
  return rest;
}

const pass = (decision: Decision, expected: Case["expected"]) => (expected === "Allowed" ? decision === "Allowed" : decision !== "Allowed");

/** Declares the proof for one built-in environment's vendor stacks (one test file per environment, so they run in parallel). */
export function proveDeployers(
  environmentName: "dev" | "staging" | "prod",
  deployment: DeployedEnvironment = builtInDeployments(environmentName)[0],
): void {
  const { env, provisioner, models } = deployment;
  for (const [stackId, model] of models) {
    describe(`deployer of ${stackId}`, () => {
      const set = provisioner.policySets.get(stackId)!;
      const tag = set.derived.ownershipTag;
      const principal = `arn:aws:iam::${env.account.id}:role/${deployerRoleName(stackId)}`;
      const policies: PolicyDocument[] = set.documents;
      const run = (c: Case) =>
        decide({ principal, action: c.action, resource: c.resource, account: env.account.id, identityPolicies: policies, shape: c.shape });

      it("is allowed exactly what each synthesized resource needs, and denied it without the ownership tag or outside the stack's names", async () => {
        const cases = casesFor(env, model, tag, set.derived.scopeTag);
        expect(cases.length).toBeGreaterThan(100);
        const failures: string[] = [];
        for (const c of cases) {
          try {
            const decision = await run(c);
            if (!pass(decision, c.expected)) failures.push(`${c.label} on ${c.resource}: expected ${c.expected}, got ${decision}`);
          } catch (error) {
            failures.push(`${c.label}: ${(error as Error).message}`);
          }
        }
        expect(failures).toEqual([]);
      });

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
