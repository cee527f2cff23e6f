import { taggedEc2 } from "./shared";
import { TypePermissions } from "../types";

export const awsLaunchTemplate: TypePermissions = {
  ...taggedEc2({
    purpose: "Node settings: IMDSv2, encrypted volumes, instance tags",
    resourceType: "launch-template",
    create: ["ec2:CreateLaunchTemplate"],
    read: ["ec2:DescribeLaunchTemplates", "ec2:DescribeLaunchTemplateVersions", "ec2:DescribeInstanceTypes"],
    update: ["ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"],
    delete: ["ec2:DeleteLaunchTemplate"],
  }),
  calls: {
    type: "aws_launch_template",
    source: {
      files: ["internal/service/ec2/ec2_launch_template.go", "internal/service/ec2/find.go", "internal/service/ec2/wait.go"],
      commit: "0f1a8c1727bed5e5a288263b300fa17a1831ccbc",
    },
    create: [
      "ec2:CreateLaunchTemplate",
      "ec2:CreateTags",
      "ec2:DescribeInstanceTypes",
      "ec2:DescribeLaunchTemplateVersions",
      "ec2:DescribeLaunchTemplates",
    ],
    read: ["ec2:DescribeInstanceTypes", "ec2:DescribeLaunchTemplateVersions", "ec2:DescribeLaunchTemplates"],
    update: {
      block_device_mappings: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      capacity_reservation_specification: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      cpu_options: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      credit_specification: [
        "ec2:CreateLaunchTemplateVersion",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeLaunchTemplates",
        "ec2:ModifyLaunchTemplate",
      ],
      default_version: ["ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      description: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      disable_api_stop: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      disable_api_termination: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      ebs_optimized: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      enclave_options: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      hibernation_options: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      iam_instance_profile: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      image_id: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      instance_initiated_shutdown_behavior: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      instance_market_options: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      instance_requirements: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      instance_type: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      kernel_id: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      key_name: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      license_specification: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      maintenance_options: ["ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      metadata_options: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      monitoring: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      network_interfaces: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      placement: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      private_dns_name_options: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      ram_disk_id: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      security_group_names: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      tag_specifications: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      tags: ["ec2:CreateTags", "ec2:DeleteTags"],
      update_default_version: ["ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      user_data: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
      vpc_security_group_ids: ["ec2:CreateLaunchTemplateVersion", "ec2:DescribeLaunchTemplates", "ec2:ModifyLaunchTemplate"],
    },
    delete: ["ec2:DeleteLaunchTemplate"],
    import: ["ec2:DescribeInstanceTypes", "ec2:DescribeLaunchTemplateVersions", "ec2:DescribeLaunchTemplates"],
    notes:
      'Source: the hashicorp/terraform-provider-aws snapshots of ec2_launch_template.go whose commit the index exposes are old (c49358f8, 025e4f81: aws-sdk-go v1), so the file was read at commit 0f1a8c17 in the upstream mirror zongruxie4/terraform-provider-aws (header \'Copyright IBM Corp. 2014, 2026\', aws-sdk-go-v2, @SDKResource("aws_launch_template"), @Tags(identifierAttribute="id")), and cross-checked with a 2024 hashicorp SDK-v2 copy (stored text id 1700241859, commit not exposed): same Create/Read/Update/Delete calls, except that the 2026 copy adds waitLaunchTemplateReady (wait.go, mirror@036145e2: statusLaunchTemplate -> findLaunchTemplateByName/ByID -> DescribeLaunchTemplates) after CreateLaunchTemplate and at the end of Update; it may or may not be in 6.25.0, and it only adds DescribeLaunchTemplates, which Read needs anyway. Finders in find.go@00a35305dc1b. ' +
      "The update keys are the non-ForceNew arguments of the v6.25.0 schema (@cdktf/provider-aws 21.22.1); the 2026 copy's network_performance_options and secondary_interfaces (and cpu_options.nested_virtualization) are not in 6.25.0 and are left out; name and name_prefix are ForceNew. " +
      "Create: CreateLaunchTemplate (ClientToken, name, VersionDescription = description, LaunchTemplateData, TagSpecifications for launch-template: tag-on-create is authorized as ec2:CreateTags, no separate call); expandRequestLaunchTemplateData calls DescribeInstanceTypes (findInstanceTypeByName) only when credit_specification and instance_type are both set; waitLaunchTemplateReady (DescribeLaunchTemplates by name); then Read. " +
      "Read/import: DescribeLaunchTemplates (findLaunchTemplateByID), DescribeLaunchTemplateVersions (the latest version); flattenResponseLaunchTemplateData calls DescribeInstanceTypes only when that version has a CreditSpecification and an instance type. Tags from the DescribeLaunchTemplates response. Import by id (ImportStatePassthroughContext), then Read. " +
      "Update: a change of any argument in updateKeys (block_device_mappings, capacity_reservation_specification, cpu_options, credit_specification, description, disable_api_stop, disable_api_termination, ebs_optimized, enclave_options, hibernation_options, iam_instance_profile, image_id, instance_initiated_shutdown_behavior, instance_market_options, instance_requirements, instance_type, kernel_id, key_name, license_specification, metadata_options, monitoring, network_interfaces, placement, private_dns_name_options, ram_disk_id, security_group_names, tag_specifications, user_data, vpc_security_group_ids) -> CreateLaunchTemplateVersion with the full LaunchTemplateData (plus DescribeInstanceTypes as in create when credit_specification and instance_type are set). ModifyLaunchTemplate (DefaultVersion) follows whenever update_default_version = true (on every update, whatever changed, tags included) or default_version changed; it is listed for each argument because it is reached with update_default_version = true. Then waitLaunchTemplateReady (DescribeLaunchTemplates by id) and Read. maintenance_options is NOT in updateKeys (in the 2024 and 2026 copies alike): changing only it creates no new version, and it reaches only ModifyLaunchTemplate (with update_default_version) and the waiter. tags: the tagging interceptor's updateTags (DeleteTags/CreateTags) on the lt- id, then the Update function as above. " +
      "Delete: DeleteLaunchTemplate (InvalidLaunchTemplateId.NotFound ignored); no waiter.",
  },
};
