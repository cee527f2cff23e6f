import { Construct } from "constructs";
import { ITerraformDependable, Token } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { IAM_QUOTAS, policyChars } from "../lib/iam-quotas";
import { policyDocument, PolicyStatement, renderPolicy } from "../lib/policy-document";

export interface RoleProps {
  /** Role name. IMPORTANT: changing it replaces the role. */
  readonly roleName: string;
  readonly description: string;
  /** Statements of the trust policy. */
  readonly trustStatements: PolicyStatement[];
  /** Managed policies to attach (AWS-managed or customer ARNs). @default none */
  readonly managedPolicyArns?: string[];
  /** Inline policies by name. @default none */
  readonly inlinePolicies?: Record<string, PolicyStatement[]>;
  /** Permissions boundary for the role. @default no boundary */
  readonly permissionsBoundaryArn?: string;
  /** The configuration field that makes the role's documents grow (service accounts, model ids), for the size errors. @default none */
  readonly sizedBy?: string;
}

/**
 * An IAM role with its attachments and inline policies as separate resources,
 * so each shows in the plan on its own. Every role of every stack is made
 * through here, which is how the permissions boundary reaches all of them.
 */
export class Role extends Construct {
  readonly role: IamRole;
  readonly roleArn: string;
  readonly roleName: string;
  /** The role with its attachments and inline policies: depend on these to use the role with its rights in place. */
  readonly withPermissions: ITerraformDependable[] = [];
  /** Inline policies by name; a grant made after construction re-renders its policy (a literal string, which the permission derivation reads). */
  private readonly inlinePolicies = new Map<string, { statements: PolicyStatement[]; resource: IamRolePolicy }>();

  constructor(scope: Construct, id: string, props: RoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "Resource", {
      name: props.roleName,
      description: props.description,
      assumeRolePolicy: renderPolicy(props.trustStatements),
      permissionsBoundary: props.permissionsBoundaryArn,
    });
    this.withPermissions.push(this.role);
    this.roleArn = this.role.arn;
    this.roleName = this.role.name;
    for (const [index, policyArn] of (props.managedPolicyArns ?? []).entries()) {
      // Named after the policy so reordering the list does not recreate attachments.
      const key = Token.isUnresolved(policyArn) ? String(index) : policyArn.split("/").pop()!;
      this.withPermissions.push(new IamRolePolicyAttachment(this, `managed_${key}`, { role: this.role.name, policyArn }));
    }
    for (const [name, statements] of Object.entries(props.inlinePolicies ?? {})) {
      for (const statement of statements) this.addToInlinePolicy(name, statement);
    }
    // At synthesis, once every grant is in: IAM refuses larger documents at apply.
    this.node.addValidation({ validate: () => this.sizeProblems(props) });
  }

  /** The role's trust policy and its inline policies together, against IAM's quotas, as IAM counts them. */
  sizeProblems(props: Pick<RoleProps, "roleName" | "trustStatements" | "sizedBy">): string[] {
    const hint = props.sizedBy ? `; list fewer in ${props.sizedBy}` : "";
    const trust = policyChars(policyDocument(props.trustStatements));
    const inline = [...this.inlinePolicies.values()].reduce((sum, p) => sum + policyChars(policyDocument(p.statements)), 0);
    return [
      ...(trust > IAM_QUOTAS.trustPolicyChars
        ? [`role ${props.roleName}: its trust policy is ${trust} characters, over IAM's ${IAM_QUOTAS.trustPolicyChars}${hint}`]
        : []),
      ...(inline > IAM_QUOTAS.roleInlinePolicyChars
        ? [
            `role ${props.roleName}: its inline policies are ${inline} characters together, over IAM's ${IAM_QUOTAS.roleInlinePolicyChars} for one role${hint}`,
          ]
        : []),
    ];
  }

  /** Adds a statement to the named inline policy, creating the policy the first time the name is used. */
  addToInlinePolicy(policyName: string, statement: PolicyStatement): void {
    const existing = this.inlinePolicies.get(policyName);
    if (existing) {
      existing.statements.push(statement);
      existing.resource.policy = renderPolicy(existing.statements);
      return;
    }
    const resource = new IamRolePolicy(this, `inline_${policyName}`, { name: policyName, role: this.role.name, policy: renderPolicy([statement]) });
    this.inlinePolicies.set(policyName, { statements: [statement], resource });
    this.withPermissions.push(resource);
  }
}
