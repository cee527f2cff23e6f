import { ResourceInstance } from "../model";
import { ec2Catalogue } from "./ec2";
import { eksIamCatalogue } from "./eks-iam";
import { kubernetesSideCatalogue } from "./kubernetes-side";
import { storageServicesCatalogue } from "./storage-services";
import { Catalogue, CatalogueEntry } from "./types";

export * from "./types";

/**
 * The permission catalogue: for every Terraform AWS type the stacks use, what the
 * deployer needs and how each action is confined. Data sources are keyed
 * `<type>_data` where a resource of the same name exists (`aws_ssm_parameter_data`).
 */
export const CATALOGUE: Catalogue = { ...ec2Catalogue, ...eksIamCatalogue, ...storageServicesCatalogue, ...kubernetesSideCatalogue };

/** Where an entry for a type belongs, for the "missing entry" message. */
function catalogueFileFor(type: string): string {
  if (/^aws_(vpc|subnet|route|internet_gateway|nat_gateway|eip|security_group|default_|launch_template|instance|ec2_)/.test(type))
    return "permissions/catalogue/ec2.ts";
  if (/^aws_(eks|iam)_/.test(type)) return "permissions/catalogue/eks-iam.ts";
  if (!type.startsWith("aws_")) return "permissions/catalogue/kubernetes-side.ts";
  return "permissions/catalogue/storage-services.ts";
}

export function catalogueEntryFor(instance: ResourceInstance): CatalogueEntry {
  const key = instance.kind === "data" && CATALOGUE[`${instance.type}_data`] ? `${instance.type}_data` : instance.type;
  const entry = CATALOGUE[key];
  if (!entry) {
    throw new Error(
      `No permission catalogue entry for Terraform ${instance.kind === "data" ? "data source" : "resource"} type "${instance.type}" ` +
        `(used at ${instance.path}); add one to ${catalogueFileFor(instance.type)} so the deployer policy covers it`,
    );
  }
  return entry;
}
