/**
 * What terraform-provider-aws 6.25.0 calls for one Terraform type, read from its Go
 * source (`internal/service/<service>/...`): the IAM actions behind each API call of
 * create, read (refresh), update (per updatable argument, `tags` included), delete and
 * import. The catalogue (`permissions/catalogue/`) must grant every one of them; a
 * test fails naming the type, operation and source file of any it lacks.
 */
export interface ProviderCalls {
  /** Terraform type; data sources end in `_data` (as in the catalogue). */
  readonly type: string;
  /** Where it was read: the file(s) under hashicorp/terraform-provider-aws and the commit of the stored version. */
  readonly source: { readonly files: readonly string[]; readonly commit: string };
  readonly create: readonly string[];
  readonly read: readonly string[];
  /** Updatable argument (as in the Terraform schema, `tags` for tag changes) -> the actions its change calls. */
  readonly update: Readonly<Record<string, readonly string[]>>;
  readonly delete: readonly string[];
  readonly import: readonly string[];
  /** Anything a reader should know (SDK call names that differ from the IAM action, waits, fallbacks). */
  readonly notes?: string;
}
