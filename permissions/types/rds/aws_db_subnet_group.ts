import { subnetGroupArns } from "./shared";
import { TypePermissions } from "../types";

export const awsDbSubnetGroup: TypePermissions = {
  purpose: "The database's private subnets",
  arns: subnetGroupArns,
  rules: [
    { phase: "create", actions: ["rds:CreateDBSubnetGroup", "rds:AddTagsToResource"], gate: { kind: "request-tag" } },
    { phase: "read", actions: ["rds:DescribeDBSubnetGroups", "rds:ListTagsForResource"], gate: { kind: "resource-tag" } },
    {
      phase: "update",
      actions: [
        "rds:ModifyDBSubnetGroup",
        "rds:DescribeDBSubnetGroups",
        "rds:ListTagsForResource",
        "rds:AddTagsToResource",
        "rds:RemoveTagsFromResource",
      ],
      gate: { kind: "resource-tag" },
    },
    { phase: "delete", actions: ["rds:DeleteDBSubnetGroup", "rds:DescribeDBSubnetGroups"], gate: { kind: "resource-tag" } },
  ],
  calls: {
    type: "aws_db_subnet_group",
    source: {
      files: ["internal/service/rds/subnet_group.go", "internal/service/rds/tags_gen.go", "internal/provider/sdkv2/tags_interceptor.go"],
      commit: "add8b630ad579abe2739cec45ae7b27c103ed9c1",
    },
    create: ["rds:CreateDBSubnetGroup", "rds:DescribeDBSubnetGroups", "rds:ListTagsForResource"],
    read: ["rds:DescribeDBSubnetGroups", "rds:ListTagsForResource"],
    update: {
      description: ["rds:DescribeDBSubnetGroups", "rds:ListTagsForResource", "rds:ModifyDBSubnetGroup"],
      subnet_ids: ["rds:DescribeDBSubnetGroups", "rds:ListTagsForResource", "rds:ModifyDBSubnetGroup"],
      tags: ["rds:AddTagsToResource", "rds:ListTagsForResource", "rds:RemoveTagsFromResource"],
    },
    delete: ["rds:DeleteDBSubnetGroup", "rds:DescribeDBSubnetGroups"],
    import: ["rds:DescribeDBSubnetGroups", "rds:ListTagsForResource"],
    authorizedAlso: { create: ["rds:AddTagsToResource"] },
    notes:
      "Read from lonegunmanb/terraform-provider-aws-index at tag v6.25.0 (commit add8b630, generated from hashicorp/terraform-provider-aws v6.25.0). " +
      "Create: CreateDBSubnetGroup with its name, description, subnet ids and Tags (RDS also checks rds:AddTagsToResource), then Read. Read: " +
      "DescribeDBSubnetGroups by name; it sets no tags, so the tag interceptor calls ListTagsForResource after every create, read and update. " +
      "Update: description and subnet_ids in one ModifyDBSubnetGroup (the whole subnet list); tags through AddTagsToResource/RemoveTagsFromResource; " +
      "name forces replacement. Delete: DeleteDBSubnetGroup, then DescribeDBSubnetGroups until gone. Import: passthrough, then Read.",
  },
};
