/**
 * Defaults of the constructs' optional props, in one place: the constructs
 * apply them when a prop is left out and the config schema (config/schema.ts)
 * uses the same values as its defaults, so a default changes in one line.
 * Values (and the one function that applies them): config/ imports this file without
 * loading any construct.
 */

/** EksCluster's managed node group (IOMETE's module: t3a.xlarge, 1-3 nodes, 100 GiB). */
export const NODE_GROUP_DEFAULTS = {
  instanceTypes: ["t3a.xlarge"] as readonly string[],
  capacityType: "ON_DEMAND" as "ON_DEMAND" | "SPOT",
  minSize: 1,
  maxSize: 3,
  desiredSize: 1,
  volumeSizeGiB: 100,
  volumeType: "gp3",
  detailedMonitoring: false,
} as const;

/** EksCluster's control-plane logging: on, kept 90 days. */
export const CONTROL_PLANE_LOG_DEFAULTS = { enabled: true, retentionDays: 90 } as const;

/** KmsKey: days a scheduled deletion waits (AWS's maximum, the most time to cancel). */
export const KMS_DELETION_WINDOW_DAYS = 30;

/** EncryptedBucket: days noncurrent versions are kept. */
export const NONCURRENT_VERSION_EXPIRATION_DAYS = 90;

/** Bastion: a small instance and root volume; it runs CLIs, not workloads. */
export const BASTION_DEFAULTS = { instanceType: "t3.medium", volumeSizeGiB: 30, detailedMonitoring: false } as const;

/** EcrRepository: images kept per repository before the oldest expire. */
export const ECR_KEEP_LAST_IMAGES = 30;

/**
 * Props over their defaults, field by field: a field left out or set to undefined keeps
 * its default (a plain spread would copy the undefined over it).
 */
export function withDefaults<D extends object, P extends Partial<Record<keyof D, unknown>>>(defaults: D, props: P): D & P {
  return { ...defaults, ...Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)) } as D & P;
}

/** PostgresDatabase (Poolside's database): a Graviton general-purpose class, gp3 storage that grows to 500 GiB, a week of backups. */
export const DATABASE_DEFAULTS = {
  instanceClass: "db.m7g.large",
  allocatedStorageGiB: 100,
  maxAllocatedStorageGiB: 500,
  backupRetentionDays: 7,
  port: 5432,
} as const;
