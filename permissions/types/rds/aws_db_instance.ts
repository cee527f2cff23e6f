import { databaseArns, subnetGroupArns } from "./shared";
import { regionalArn } from "../../../lib/arn";
import { ResourceInstance } from "../../model";
import { keyUsedBy } from "../kms/shared";
import { serviceLinkedRoleOnFirstUse } from "../iam/shared";
import { ArnContext, ContextValue, TypePermissions } from "../types";

/** The service-linked role RDS creates on an account's first database, with the caller's permission. */
const RDS_SERVICE_LINKED_ROLE = "rds.amazonaws.com";

/** The engine's default parameter and option groups, which a create that names none is authorized on. */
const defaultGroups = (instance: ResourceInstance, ctx: ArnContext) => {
  const major = String(instance.attributes.engine_version ?? "").split(".")[0];
  const engine = String(instance.attributes.engine ?? "postgres");
  return [regionalArn(ctx, "rds", `pg:default.${engine}${major}`), regionalArn(ctx, "rds", `og:default:${engine}-${major}`)];
};

/** The secret RDS creates for the master user (`rds!db-<uuid>`), in the caller's name. */
const masterSecrets = (instance: ResourceInstance, ctx: ArnContext) =>
  instance.attributes.manage_master_user_password === true ? [regionalArn(ctx, "secretsmanager", "secret:rds!db-*")] : [];

/** The final snapshot a delete takes (`final_snapshot_identifier`). */
const finalSnapshots = (instance: ResourceInstance, ctx: ArnContext) =>
  instance.attributes.skip_final_snapshot === false && typeof instance.attributes.final_snapshot_identifier === "string"
    ? [regionalArn(ctx, "rds", `snapshot:${instance.attributes.final_snapshot_identifier}`)]
    : [];

export const awsDbInstance: TypePermissions = {
  purpose: "Poolside's PostgreSQL database",
  // The instance and the final snapshot a delete takes; RDS names the master user's secret itself.
  arns: (instance, ctx) => [...databaseArns(instance, ctx), ...finalSnapshots(instance, ctx)],
  awsNamedArns: masterSecrets,
  rules: [
    { phase: "create", actions: ["rds:CreateDBInstance", "rds:AddTagsToResource"], gate: { kind: "request-tag" } },
    // The instance goes in the stack's own subnet group, with the engine's default parameter and option groups.
    { phase: "create", actions: ["rds:CreateDBInstance"], gate: { kind: "resource-tag" }, resources: subnetGroupArns },
    { phase: "create", actions: ["rds:CreateDBInstance"], gate: { kind: "name" }, resources: defaultGroups },
    // Storage encryption: RDS describes the stack's key and takes a grant on it, with the caller's permission.
    ...keyUsedBy("kms_key_id", ["kms:DescribeKey", "kms:CreateGrant"], "rds"),
    // The master password: RDS creates its secret, encrypted with the stack's key, in the caller's name.
    // Only as RDS's forward request (aws:ViaAWSService): the deployer itself creates no secret, whatever it is named.
    {
      phase: "create",
      actions: ["secretsmanager:CreateSecret", "secretsmanager:TagResource"],
      gate: { kind: "name" },
      resources: masterSecrets,
      conditions: () => ({ Bool: { "aws:ViaAWSService": "true" } }),
    },
    ...keyUsedBy("master_user_secret_kms_key_id", ["kms:GenerateDataKey", "kms:Decrypt"], "secretsmanager"),
    serviceLinkedRoleOnFirstUse(RDS_SERVICE_LINKED_ROLE),
    { phase: "read", actions: ["rds:DescribeDBInstances"], gate: { kind: "resource-tag" } },
    // The provider looks the instance up by its resource id (db-<id>), which AWS authorizes as db:db-<id>.
    {
      phase: "read",
      actions: ["rds:DescribeDBInstances"],
      gate: { kind: "resource-tag" },
      resources: (_, ctx) => [regionalArn(ctx, "rds", "db:db-*")],
    },
    // After a create whose CA differs from the one RDS chose, the provider modifies the new instance.
    { phase: "create", actions: ["rds:ModifyDBInstance"], gate: { kind: "resource-tag" } },
    { phase: "update", actions: ["rds:ModifyDBInstance", "rds:AddTagsToResource", "rds:RemoveTagsFromResource"], gate: { kind: "resource-tag" } },
    { phase: "delete", actions: ["rds:DeleteDBInstance", "rds:CreateDBSnapshot"], gate: { kind: "resource-tag" } },
    // The final snapshot, under the name the stack gives it.
    {
      phase: "delete",
      actions: ["rds:DeleteDBInstance", "rds:CreateDBSnapshot", "rds:AddTagsToResource"],
      gate: { kind: "name" },
      resources: finalSnapshots,
    },
  ],
  requestContext: ({ ctx, action }): Record<string, ContextValue> | undefined => {
    if (action === "iam:CreateServiceLinkedRole") return { "iam:AWSServiceName": RDS_SERVICE_LINKED_ROLE };
    // RDS creates the master user's secret with the caller's permission, as a forward request.
    if (action.startsWith("secretsmanager:")) return { "aws:ViaAWSService": "true" };
    if (action.startsWith("kms:")) {
      const via = action === "kms:CreateGrant" || action === "kms:DescribeKey" ? "rds" : "secretsmanager";
      return {
        "kms:ViaService": `${via}.${ctx.region}.amazonaws.com`,
        ...(action === "kms:CreateGrant" ? { "kms:GrantIsForAWSResource": "true" } : {}),
      };
    }
    return undefined;
  },
  calls: {
    type: "aws_db_instance",
    source: {
      files: [
        "internal/service/rds/instance.go",
        "internal/service/rds/instance_migrate.go",
        "internal/service/rds/tags_gen.go",
        "internal/provider/sdkv2/tags_interceptor.go",
      ],
      commit: "add8b630ad579abe2739cec45ae7b27c103ed9c1",
    },
    create: ["rds:CreateDBInstance", "rds:DescribeDBInstances", { action: "rds:ModifyDBInstance", whenSet: "ca_cert_identifier" }],
    read: ["rds:DescribeDBInstances"],
    update: {
      allocated_storage: ["rds:DescribeDBInstances", "rds:ModifyDBInstance"],
      apply_immediately: ["rds:DescribeDBInstances", "rds:ModifyDBInstance"],
      auto_minor_version_upgrade: ["rds:DescribeDBInstances", "rds:ModifyDBInstance"],
      backup_retention_period: ["rds:DescribeDBInstances", "rds:ModifyDBInstance"],
      ca_cert_identifier: ["rds:DescribeDBInstances", "rds:ModifyDBInstance"],
      copy_tags_to_snapshot: ["rds:DescribeDBInstances", "rds:ModifyDBInstance"],
      deletion_protection: ["rds:DescribeDBInstances", "rds:ModifyDBInstance"],
      engine_version: ["rds:DescribeDBInstances", "rds:ModifyDBInstance"],
      db_subnet_group_name: ["rds:DescribeDBInstances", "rds:ModifyDBInstance"],
      final_snapshot_identifier: ["rds:DescribeDBInstances"],
      iam_database_authentication_enabled: ["rds:DescribeDBInstances", "rds:ModifyDBInstance"],
      instance_class: ["rds:DescribeDBInstances", "rds:ModifyDBInstance"],
      manage_master_user_password: ["rds:DescribeDBInstances", "rds:ModifyDBInstance"],
      master_user_secret_kms_key_id: ["rds:DescribeDBInstances", "rds:ModifyDBInstance"],
      max_allocated_storage: ["rds:DescribeDBInstances", "rds:ModifyDBInstance"],
      multi_az: ["rds:DescribeDBInstances", "rds:ModifyDBInstance"],
      port: ["rds:DescribeDBInstances", "rds:ModifyDBInstance"],
      publicly_accessible: ["rds:DescribeDBInstances", "rds:ModifyDBInstance"],
      skip_final_snapshot: ["rds:DescribeDBInstances"],
      storage_type: ["rds:DescribeDBInstances", "rds:ModifyDBInstance"],
      tags: ["rds:AddTagsToResource", "rds:RemoveTagsFromResource"],
      vpc_security_group_ids: ["rds:DescribeDBInstances", "rds:ModifyDBInstance"],
    },
    delete: ["rds:DeleteDBInstance", "rds:DescribeDBInstances"],
    import: ["rds:DescribeDBInstances"],
    authorizedAlso: {
      create: [
        "iam:CreateServiceLinkedRole",
        "rds:AddTagsToResource",
        { action: "kms:DescribeKey", whenSet: "kms_key_id" },
        { action: "kms:CreateGrant", whenSet: "kms_key_id" },
        { action: "secretsmanager:CreateSecret", whenSet: "manage_master_user_password" },
        { action: "secretsmanager:TagResource", whenSet: "manage_master_user_password" },
        { action: "kms:GenerateDataKey", whenSet: "master_user_secret_kms_key_id" },
        { action: "kms:Decrypt", whenSet: "master_user_secret_kms_key_id" },
      ],
      delete: [
        { action: "rds:CreateDBSnapshot", whenSet: "final_snapshot_identifier" },
        { action: "rds:AddTagsToResource", whenSet: "copy_tags_to_snapshot" },
      ],
    },
    notes:
      "Read from lonegunmanb/terraform-provider-aws-index at tag v6.25.0 (commit add8b630, an index generated from hashicorp/terraform-provider-aws " +
      "at v6.25.0: each function verbatim; the file of each function is the provider's usual layout, not recorded by the index). " +
      "Create: CreateDBInstance with Tags (config and default tags: RDS also checks rds:AddTagsToResource), StorageEncrypted/KmsKeyId, " +
      "ManageMasterUserPassword/MasterUserSecretKmsKeyId, DBSubnetGroupName, VpcSecurityGroupIds, MultiAZ, EnableIAMDatabaseAuthentication, " +
      "DeletionProtection, CopyTagsToSnapshot etc. (CACertificateIdentifier is not sent); waitDBInstanceAvailable polls DescribeDBInstances; " +
      "when ca_cert_identifier differs from the CA RDS chose, one ModifyDBInstance (ApplyImmediately) and another wait; then Read. " +
      "Read: DescribeDBInstances filtered by dbi-resource-id (d.Id() is the resource id in v6), then by identifier; tags come from TagList " +
      "(no ListTagsForResource). Users report AccessDenied on db:db-<resource id> for that read (hashicorp/terraform-provider-aws#32732, #35737), " +
      "hence the read on db:db-*. Update: tags through the interceptor (AddTagsToResource/RemoveTagsFromResource) first; every other changed " +
      "argument goes into one ModifyDBInstance (DeletionProtection always included), then DescribeDBInstances waits and Read; apply_immediately " +
      "alone still sends ModifyDBInstance; final_snapshot_identifier and skip_final_snapshot are state only; engine, kms_key_id, storage_encrypted, " +
      "username, db_name, identifier force replacement. Delete: DeleteDBInstance (FinalDBSnapshotIdentifier, DeleteAutomatedBackups), then " +
      "waitDBInstanceDeleted; with deletion protection on and apply_immediately false the provider does not turn it off: the destroy fails " +
      "until an apply turns it off. Import: no call of its own, then Read. AWS (not provider calls), from the RDS user guide and the Service " +
      "Authorization Reference (2025-12): tags on create need rds:AddTagsToResource; a managed master password needs secretsmanager:CreateSecret " +
      "and TagResource and, with a customer managed key, kms:Decrypt, GenerateDataKey, CreateGrant and DescribeKey; storage encryption with a " +
      "customer managed key kms:CreateGrant and DescribeKey; RDS's service-linked role on first use; a final snapshot rds:CreateDBSnapshot (and " +
      "AddTagsToResource with copy_tags_to_snapshot, inferred). RDS deletes its managed secret with the instance.",
  },
};
