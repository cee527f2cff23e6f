import { Construct } from "constructs";
import { Lazy } from "cdktf";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey as KmsKeyResource } from "@cdktf/provider-aws/lib/kms-key";
import { PolicyStatement, renderPolicy } from "./policy-document";

export interface KmsKeyProps {
  readonly description: string;
  /** Alias, with or without the `alias/` prefix. */
  readonly alias: string;
  /** Account that owns the key; its root gets the standard "enable IAM policies" statement. */
  readonly accountId: string;
  readonly partition: string;
  /** Days before a scheduled deletion takes effect (7-30). @default 30 */
  readonly deletionWindowInDays?: number;
  /** Extra key-policy statements, e.g. for a service principal. @default none */
  readonly additionalStatements?: PolicyStatement[];
}

/**
 * A customer-managed symmetric key with yearly rotation on, its alias, and a key
 * policy that delegates to IAM (the account root statement) so that grants
 * live in the roles that use the key, where the deployer policy can see them.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
export class KmsKey extends Construct {
  readonly key: KmsKeyResource;
  readonly keyArn: string;
  readonly keyId: string;
  readonly aliasName: string;
  private readonly statements: PolicyStatement[];

  constructor(scope: Construct, id: string, props: KmsKeyProps) {
    super(scope, id);
    const deletionWindow = props.deletionWindowInDays ?? 30;
    if (!Number.isInteger(deletionWindow) || deletionWindow < 7 || deletionWindow > 30) {
      throw new Error(`KmsKey ${this.node.path}: deletionWindowInDays ${deletionWindow} must be a whole number from 7 to 30`);
    }
    this.aliasName = props.alias.startsWith("alias/") ? props.alias : `alias/${props.alias}`;
    if (this.aliasName.startsWith("alias/aws/")) {
      throw new Error(`KmsKey ${this.node.path}: alias "${this.aliasName}" is reserved for AWS-managed keys`);
    }
    this.statements = [
      {
        Sid: "EnableIamPolicies",
        Effect: "Allow",
        Principal: { AWS: `arn:${props.partition}:iam::${props.accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      ...(props.additionalStatements ?? []),
    ];
    this.key = new KmsKeyResource(this, "Resource", {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: deletionWindow,
      // Lazy, so statements naming principals created after the key can still be added.
      policy: Lazy.stringValue({ produce: () => renderPolicy(this.statements) }),
    });
    new KmsAlias(this, "alias", { name: this.aliasName, targetKeyId: this.key.keyId });
    this.keyArn = this.key.arn;
    this.keyId = this.key.keyId;
  }

  /** Adds a statement to the key policy (e.g. naming the roles that use the key). */
  addToResourcePolicy(statement: PolicyStatement): void {
    this.statements.push(statement);
  }
}
