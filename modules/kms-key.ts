import { Construct } from "constructs";
import { Lazy } from "cdktf";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey as KmsKeyResource } from "@cdktf/provider-aws/lib/kms-key";
import { AwsTarget, iamArn } from "../lib/arn";
import { PolicyStatement, renderPolicy } from "../lib/policy-document";
import { KMS_DELETION_WINDOW_DAYS } from "../config/defaults";
import { Role } from "./iam-role";

export interface KmsKeyProps {
  readonly description: string;
  /** Alias, with or without the `alias/` prefix. */
  readonly alias: string;
  /** Partition and account that own the key; the account root gets the standard "enable IAM policies" statement. */
  readonly target: Pick<AwsTarget, "partition" | "account">;
  /** Days before a scheduled deletion takes effect (7-30). @default KMS_DELETION_WINDOW_DAYS (30) */
  readonly deletionWindowInDays?: number;
  /** Extra key-policy statements, e.g. for a service principal. @default none */
  readonly additionalStatements?: PolicyStatement[];
}

/** Where a grant writes the role's side: a statement `sid` in the role's inline policy `policyName`. */
export interface KeyGrantOptions {
  readonly policyName: string;
  /** @default "UseKey" */
  readonly sid?: string;
}

/** What SSE-KMS (S3, SSM SecureString) needs to read and write with a key. */
export const KEY_ENCRYPT_DECRYPT_ACTIONS = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"];

/**
 * A customer-managed symmetric key with yearly rotation on, its alias, and a key
 * policy that delegates to IAM (the account root statement). Roles get the key
 * through `grant*`, which writes both sides: the role's policy allows the actions
 * on this key, and the key policy names the role for the same actions, so the
 * deployer policy and a reviewer reading either side see the same grant.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
export class KmsKey extends Construct {
  readonly key: KmsKeyResource;
  readonly keyArn: string;
  readonly keyId: string;
  readonly aliasName: string;
  private readonly statements: PolicyStatement[];
  /** Key-policy principals by the action list they were granted, in grant order. */
  private readonly granted = new Set<string>();
  private readonly grants = new Map<string, { actions: string[]; principals: string[] }>();

  constructor(scope: Construct, id: string, props: KmsKeyProps) {
    super(scope, id);
    const deletionWindow = props.deletionWindowInDays ?? KMS_DELETION_WINDOW_DAYS;
    if (!Number.isInteger(deletionWindow) || deletionWindow < 7 || deletionWindow > 30) {
      throw new Error(`KmsKey ${this.node.path}: deletionWindowInDays ${deletionWindow} must be a whole number from 7 to 30`);
    }
    this.aliasName = props.alias.startsWith("alias/") ? props.alias : `alias/${props.alias}`;
    if (this.aliasName.startsWith("alias/aws/")) {
      throw new Error(`KmsKey ${this.node.path}: alias "${this.aliasName}" is reserved for AWS-managed keys`);
    }
    this.statements = [
      { Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: iamArn(props.target, "root") }, Action: "kms:*", Resource: "*" },
      ...(props.additionalStatements ?? []),
    ];
    this.key = new KmsKeyResource(this, "Resource", {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: deletionWindow,
      // Lazy, so grants to roles created after the key still reach the key policy.
      policy: Lazy.stringValue({ produce: () => renderPolicy([...this.statements, ...this.grantStatements()]) }),
    });
    new KmsAlias(this, "alias", { name: this.aliasName, targetKeyId: this.key.keyId });
    this.keyArn = this.key.arn;
    this.keyId = this.key.keyId;
  }

  /** Lets the role use the key for `actions`, in the role's policy and in the key policy. */
  grant(role: Role, actions: string[], options: KeyGrantOptions): void {
    // Two buckets on one key grant it once per role.
    const once = `${role.node.path} ${JSON.stringify(actions)}`;
    if (this.granted.has(once)) return;
    this.granted.add(once);
    role.addToInlinePolicy(options.policyName, { Sid: options.sid ?? "UseKey", Effect: "Allow", Action: actions, Resource: this.keyArn });
    const key = JSON.stringify(actions);
    const grant = this.grants.get(key) ?? { actions, principals: [] };
    grant.principals.push(role.roleArn);
    this.grants.set(key, grant);
  }

  /** Read and write data encrypted with the key (S3 objects, SecureString parameters). */
  grantEncryptDecrypt(role: Role, options: KeyGrantOptions): void {
    this.grant(role, KEY_ENCRYPT_DECRYPT_ACTIONS, options);
  }

  /** Adds a statement to the key policy, e.g. for a service principal. */
  addToResourcePolicy(statement: PolicyStatement): void {
    this.statements.push(statement);
  }

  /** One statement per granted action list: `KeyUsers`, `KeyUsers2`, ... */
  private grantStatements(): PolicyStatement[] {
    return [...this.grants.values()].map((grant, index) => ({
      Sid: index === 0 ? "KeyUsers" : `KeyUsers${index + 1}`,
      Effect: "Allow",
      Principal: { AWS: grant.principals.length === 1 ? grant.principals[0] : grant.principals },
      Action: grant.actions,
      Resource: "*",
    }));
  }
}
