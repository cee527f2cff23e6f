import { isProduction } from "../config/environment-kind";
import { ResourceRule } from "./types";

export const RdsSecureInstance: ResourceRule = {
  id: "RDS-SECURE-INSTANCE",
  level: "error",
  finding: "RDS instance is public, unencrypted, or keeps its password in Terraform's state",
  fix:
    "Keep the database private and encrypted with a customer-managed key, and let RDS manage the master password in Secrets Manager " +
    "(manage_master_user_password) rather than passing one; in production keep deletion protection and at least 7 days of backups.",
  appliesTo: ["aws_db_instance"],
  check(db, stack) {
    const a = db.attributes;
    const problems = [
      ...(a.publicly_accessible === true ? ["publicly accessible"] : []),
      ...(a.storage_encrypted !== true ? ["storage not encrypted"] : []),
      ...(a.storage_encrypted === true && !a.kms_key_id ? ["encrypted with AWS's key, not a customer-managed one"] : []),
      ...(a.password !== undefined || a.password_wo !== undefined ? ["a master password passed to Terraform"] : []),
      ...(a.manage_master_user_password !== true && a.password === undefined && a.password_wo === undefined && !a.replicate_source_db
        ? ["no managed master password"]
        : []),
    ];
    if (isProduction({ kind: stack.context.environmentKind })) {
      if (a.deletion_protection !== true) problems.push("no deletion protection in production");
      if (!(Number(a.backup_retention_period) >= 7)) problems.push(`backups kept ${a.backup_retention_period ?? 0} days in production (at least 7)`);
      if (a.skip_final_snapshot === true) problems.push("no final snapshot in production");
    }
    return problems.length ? problems.join(", ") : undefined;
  },
};
