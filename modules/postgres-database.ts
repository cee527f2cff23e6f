import { Construct } from "constructs";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { DATABASE_DEFAULTS } from "../config/defaults";
import { KmsKey } from "./kms-key";

export interface PostgresDatabaseProps {
  /** The instance's identifier, and the name of its subnet group and security group. IMPORTANT: changing it replaces the database. */
  readonly identifier: string;
  /** PostgreSQL major version; RDS applies minor versions in the maintenance window. */
  readonly engineVersion: string;
  /** @default DATABASE_DEFAULTS.instanceClass */
  readonly instanceClass?: string;
  /** @default DATABASE_DEFAULTS.allocatedStorageGiB */
  readonly allocatedStorageGiB?: number;
  /** Storage autoscaling ceiling. @default DATABASE_DEFAULTS.maxAllocatedStorageGiB */
  readonly maxAllocatedStorageGiB?: number;
  readonly vpcId: string;
  /** Private subnets in two or more Availability Zones. */
  readonly subnetIds: string[];
  /** The security groups that may reach the database on its port (the cluster's nodes): nothing else can. */
  readonly clientSecurityGroupIds: string[];
  /** Encrypts the storage, the snapshots and the master user's secret. */
  readonly kmsKey: KmsKey;
  /** @default true */
  readonly multiAz?: boolean;
  /** @default DATABASE_DEFAULTS.backupRetentionDays */
  readonly backupRetentionDays?: number;
  /** @default true */
  readonly deletionProtection?: boolean;
  /** The database and master user created with the instance. @default "poolside" */
  readonly databaseName?: string;
}

/**
 * PostgreSQL on RDS with secure defaults: private (no public address, reachable on its port from
 * the named security groups only), storage and backups encrypted with the given key, a master
 * password RDS generates and rotates in Secrets Manager (Terraform never sees it, so the state
 * holds none), IAM database authentication available, TLS required by the engine (15 and later
 * default `rds.force_ssl` on), a final snapshot on destroy, tags copied to snapshots.
 */
export class PostgresDatabase extends Construct {
  readonly instance: DbInstance;
  /** `host:port`. */
  readonly endpoint: string;
  /** The Secrets Manager secret RDS keeps the master user's credentials in. */
  readonly secretArn: string;
  readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: PostgresDatabaseProps) {
    super(scope, id);
    const subnetGroup = new DbSubnetGroup(this, "subnets", {
      name: props.identifier,
      description: `Private subnets of ${props.identifier}`,
      subnetIds: props.subnetIds,
    });
    const group = new SecurityGroup(this, "security_group", {
      name: `${props.identifier}-db`,
      description: `${props.identifier}: PostgreSQL from the cluster's nodes only`,
      vpcId: props.vpcId,
      tags: { Name: `${props.identifier}-db` },
    });
    props.clientSecurityGroupIds.forEach(
      (clientGroupId, i) =>
        new VpcSecurityGroupIngressRule(this, `client_${i}`, {
          securityGroupId: group.id,
          description: "PostgreSQL from the cluster's nodes",
          ipProtocol: "tcp",
          fromPort: DATABASE_DEFAULTS.port,
          toPort: DATABASE_DEFAULTS.port,
          referencedSecurityGroupId: clientGroupId,
        }),
    );
    const name = props.databaseName ?? "poolside";
    this.instance = new DbInstance(this, "instance", {
      identifier: props.identifier,
      engine: "postgres",
      engineVersion: props.engineVersion,
      instanceClass: props.instanceClass ?? DATABASE_DEFAULTS.instanceClass,
      allocatedStorage: props.allocatedStorageGiB ?? DATABASE_DEFAULTS.allocatedStorageGiB,
      maxAllocatedStorage: props.maxAllocatedStorageGiB ?? DATABASE_DEFAULTS.maxAllocatedStorageGiB,
      storageType: "gp3",
      storageEncrypted: true,
      kmsKeyId: props.kmsKey.keyArn,
      dbName: name,
      username: name,
      // RDS generates the password and keeps it in Secrets Manager: no password argument, none in state.
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.kmsKey.keyArn,
      iamDatabaseAuthenticationEnabled: true,
      port: DATABASE_DEFAULTS.port,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [group.id],
      publiclyAccessible: false,
      multiAz: props.multiAz ?? true,
      backupRetentionPeriod: props.backupRetentionDays ?? DATABASE_DEFAULTS.backupRetentionDays,
      copyTagsToSnapshot: true,
      deletionProtection: props.deletionProtection ?? true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${props.identifier}-final`,
      autoMinorVersionUpgrade: true,
      caCertIdentifier: "rds-ca-rsa2048-g1",
      // Changes wait for the maintenance window unless an operator applies them by hand.
      applyImmediately: false,
    });
    this.endpoint = this.instance.endpoint;
    this.secretArn = this.instance.masterUserSecret.get(0).secretArn;
    this.securityGroupId = group.id;
  }
}
