import { ResourceRule } from "./types";

export const EcrImmutableScan: ResourceRule = {
  id: "ECR-IMMUTABLE-SCAN",
  level: "error",
  finding: "ECR repository allows tag overwrites or skips scanning on push",
  fix: "Set image_tag_mutability IMMUTABLE and image_scanning_configuration.scan_on_push true (EcrRepository does).",
  appliesTo: ["aws_ecr_repository"],
  check(repository) {
    const a = repository.attributes;
    const problems = [
      a.image_tag_mutability !== "IMMUTABLE" && "tags are mutable",
      a.image_scanning_configuration?.scan_on_push !== true && "no scan on push",
    ].filter(Boolean);
    return problems.length ? problems.join(", ") : undefined;
  },
};
