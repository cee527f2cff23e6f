import { ProviderCalls } from "./types";

/**
 * EC2 compute-side resources (security groups and their rules, launch templates,
 * instances), read from terraform-provider-aws `internal/service/ec2/`.
 *
 * Version caveat: the source index holds several snapshots per file but exposes only some
 * of them by commit, and none pinned exactly at the v6.25.0 tag (December 2025). Each
 * entry names the commit actually read (and, in `notes`, the helper files and their
 * versions). Where the snapshot read is newer than 6.25.0, the updatable arguments were
 * cross-checked against the v6.25.0 schema shipped in @cdktf/provider-aws 21.22.1
 * (node_modules), and arguments or update paths added later are left out (and named in
 * the notes).
 *
 * Conventions:
 *  - Every EC2 SDK v2 operation used here has the IAM action of the same name
 *    (conn.X -> "ec2:X"); none differ. Paginators (NewDescribeXPaginator) call ec2:DescribeX.
 *  - Create and Update (SDK v2 resources) end by calling Read, so `create` includes the Read
 *    calls; the per-argument `update` lists hold what that argument's change calls
 *    (mutation, waiters, and finders the Update branch itself runs); the tail Read adds
 *    the `read` actions. The framework rule resources do not read after create/update.
 *  - `tags`: `@Tags(identifierAttribute="id")` -> the tagging interceptor calls the
 *    generated updateTags before Update: ec2:DeleteTags for removed keys, ec2:CreateTags
 *    for added/changed keys. Tags on create travel in the Create call's TagSpecifications;
 *    EC2 authorizes that as ec2:CreateTags (tag-on-create), so it is listed under `create`
 *    although no separate CreateTags request is made. Read takes tags from the Describe*
 *    response (setTagsOut), so the interceptor's DescribeTags fallback is not used.
 *  - Other server-side authorization checks that are not SDK calls (iam:PassRole for an
 *    instance profile, KMS grants for customer-managed EBS keys) are not listed; the notes
 *    say where they apply.
 */
export const ec2ComputeCalls: ProviderCalls[] = [
  {
    type: "aws_security_group",
    source: {
      files: [
        "internal/service/ec2/vpc_security_group.go",
        "internal/service/ec2/find.go",
        "internal/service/ec2/status.go",
        "internal/service/ec2/wait.go",
        "internal/service/ec2/vpc_network_interface.go",
      ],
      commit: "01606926a0c0ab9174aec440f976a48b0baee722",
    },
    create: [
      "ec2:AuthorizeSecurityGroupEgress",
      "ec2:AuthorizeSecurityGroupIngress",
      "ec2:CreateSecurityGroup",
      "ec2:CreateTags",
      "ec2:DescribeSecurityGroups",
      "ec2:RevokeSecurityGroupEgress",
    ],
    read: ["ec2:DescribeSecurityGroups"],
    update: {
      egress: ["ec2:AuthorizeSecurityGroupEgress", "ec2:DescribeSecurityGroups", "ec2:RevokeSecurityGroupEgress"],
      ingress: ["ec2:AuthorizeSecurityGroupIngress", "ec2:DescribeSecurityGroups", "ec2:RevokeSecurityGroupIngress"],
      revoke_rules_on_delete: ["ec2:DescribeSecurityGroups"],
      tags: ["ec2:CreateTags", "ec2:DeleteTags"],
    },
    delete: [
      "ec2:DeleteNetworkInterface",
      "ec2:DeleteSecurityGroup",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSecurityGroupRules",
      "ec2:DescribeSecurityGroups",
      "ec2:DetachNetworkInterface",
      "ec2:RevokeSecurityGroupEgress",
      "ec2:RevokeSecurityGroupIngress",
    ],
    import: ["ec2:DescribeSecurityGroups"],
    notes:
      'Source: vpc_security_group.go@01606926 (aws-sdk-go-v2, @SDKResource("aws_security_group"), @Tags(identifierAttribute="id"), @IdentityAttribute("id") with preIdentityVersion v6.7.0; header still \'Copyright (c) HashiCorp, Inc.\', so a 6.x snapshot shortly before 6.25.0). ' +
      "Helpers: findSecurityGroupByID in find.go@00a35305dc1b (DescribeSecurityGroups paginator, GroupIds=[id]); statusSecurityGroup (status.go, SDK v2 copy, stored text id 2228338710) -> findSecurityGroupByID; deleteLingeringENIs/detachNetworkInterface/deleteNetworkInterface in vpc_network_interface.go (SDK v2 copy, stored text id 1223601590; the index does not expose its commit). " +
      "Create: CreateSecurityGroup (GroupName, Description, VpcId, TagSpecifications for security-group: tag-on-create is authorized as ec2:CreateTags, no separate call); waitSecurityGroupCreated polls DescribeSecurityGroups; RevokeSecurityGroupEgress twice to remove AWS's default allow-all egress (0.0.0.0/0, then ::/0 whose InvalidPermission.NotFound/InvalidParameterValue is ignored); then the Update function (DescribeSecurityGroups, then AuthorizeSecurityGroupIngress/AuthorizeSecurityGroupEgress for inline ingress/egress blocks: on create the old set is empty so nothing is revoked); then Read. " +
      "Read/import: DescribeSecurityGroups only (tags from the response). Import is by id through the generated identity importer, then Read. " +
      "Update: every Update run starts with findSecurityGroupByID (DescribeSecurityGroups) and ends with Read. ingress/egress: the old and new rule sets are diffed; removed permissions are revoked first (RevokeSecurityGroupIngress/RevokeSecurityGroupEgress with IpPermissions), added ones then authorized (AuthorizeSecurityGroupIngress/AuthorizeSecurityGroupEgress). revoke_rules_on_delete only changes state (no call besides the unconditional DescribeSecurityGroups). name, name_prefix, description and vpc_id are ForceNew. " +
      "Delete: deleteLingeringENIs always lists ENIs with DescribeNetworkInterfaces (filter group-id); only for lingering Lambda ('AWS Lambda VPC ENI*' description), Comprehend (RequesterId ':Comprehend') or DMS ('DMSNetworkInterface') ENIs does it DetachNetworkInterface (Force, then waits with DescribeNetworkInterfaces) and DeleteNetworkInterface. If revoke_rules_on_delete = true: DescribeSecurityGroups (relatedSGs), DescribeSecurityGroupRules (filter group-id over this and related groups), then RevokeSecurityGroupIngress/RevokeSecurityGroupEgress by SecurityGroupRuleIds, also for rules in OTHER groups that reference this one. DeleteSecurityGroup is retried on DependencyViolation/InvalidGroup.InUse for 1 minute; if still blocked and revoke_rules_on_delete = true, the revoke pass is repeated with an unfiltered DescribeSecurityGroupRules (every group in the region) before retrying for the rest of the delete timeout. InvalidGroup.NotFound ends the delete; otherwise RetryUntilNotFound polls DescribeSecurityGroups until the group is gone.",
  },
  {
    type: "aws_vpc_security_group_ingress_rule",
    source: {
      files: ["internal/service/ec2/vpc_security_group_ingress_rule.go", "internal/service/ec2/find.go"],
      commit: "d2b7f56a7c451244abd1e467109ba703bd9eedd3",
    },
    create: ["ec2:AuthorizeSecurityGroupIngress", "ec2:CreateTags"],
    read: ["ec2:DescribeSecurityGroupRules"],
    update: {
      cidr_ipv4: ["ec2:ModifySecurityGroupRules"],
      cidr_ipv6: ["ec2:ModifySecurityGroupRules"],
      description: ["ec2:ModifySecurityGroupRules"],
      from_port: ["ec2:ModifySecurityGroupRules"],
      ip_protocol: ["ec2:ModifySecurityGroupRules"],
      prefix_list_id: ["ec2:ModifySecurityGroupRules"],
      referenced_security_group_id: ["ec2:ModifySecurityGroupRules"],
      tags: ["ec2:CreateTags", "ec2:DeleteTags"],
      to_port: ["ec2:ModifySecurityGroupRules"],
    },
    delete: ["ec2:RevokeSecurityGroupIngress"],
    import: ["ec2:DescribeSecurityGroupRules"],
    notes:
      'Source: vpc_security_group_ingress_rule.go@d2b7f56a (aws-sdk-go-v2 framework resource, @FrameworkResource("aws_vpc_security_group_ingress_rule"), @Tags(identifierAttribute="id")); the file also holds the shared securityGroupRuleResource base (Create/Read/Update/Delete/ModifyPlan) used by the egress rule. No newer hashicorp snapshot of this file is exposed by the index; the 6.x additions (region, resource identity) do not change the calls. Finder: findSecurityGroupIngressRuleByID -> findSecurityGroupRuleByID (find.go@00a35305dc1b) -> DescribeSecurityGroupRules paginator with SecurityGroupRuleIds=[id] (a rule that turns out to be egress is NotFound). ' +
      "Create: AuthorizeSecurityGroupIngress (GroupId + one IpPermission built from exactly one of cidr_ipv4/cidr_ipv6/prefix_list_id/referenced_security_group_id, with ip_protocol, from_port, to_port, description); the rule id comes from the response; then createTags -> ec2:CreateTags on the sgr- id (skipped when there are no tags). No Read after create. " +
      "Read/import: DescribeSecurityGroupRules; tags from the response. Import by id (framework.WithImportByID), then Read. " +
      "Update: any change of cidr_ipv4, cidr_ipv6, description, from_port, ip_protocol, prefix_list_id, referenced_security_group_id or to_port -> one ModifySecurityGroupRules (GroupId + SecurityGroupRuleUpdate with the full SecurityGroupRuleRequest). Changing which source attribute is used (e.g. cidr_ipv4 -> referenced_security_group_id) forces replacement (ModifyPlan); security_group_id is RequiresReplace. tags are applied by the framework tagging interceptor's updateTags; the Update method has no tag code. " +
      "Delete: RevokeSecurityGroupIngress (GroupId + SecurityGroupRuleIds=[id]); InvalidGroup.NotFound and InvalidSecurityGroupRuleId.NotFound are ignored. No waiters anywhere.",
  },
  {
    type: "aws_vpc_security_group_egress_rule",
    source: {
      files: [
        "internal/service/ec2/vpc_security_group_egress_rule.go",
        "internal/service/ec2/vpc_security_group_ingress_rule.go",
        "internal/service/ec2/find.go",
      ],
      commit: "0810b274e37c33156c6e5afb8f7bff3b621e8007",
    },
    create: ["ec2:AuthorizeSecurityGroupEgress", "ec2:CreateTags"],
    read: ["ec2:DescribeSecurityGroupRules"],
    update: {
      cidr_ipv4: ["ec2:ModifySecurityGroupRules"],
      cidr_ipv6: ["ec2:ModifySecurityGroupRules"],
      description: ["ec2:ModifySecurityGroupRules"],
      from_port: ["ec2:ModifySecurityGroupRules"],
      ip_protocol: ["ec2:ModifySecurityGroupRules"],
      prefix_list_id: ["ec2:ModifySecurityGroupRules"],
      referenced_security_group_id: ["ec2:ModifySecurityGroupRules"],
      tags: ["ec2:CreateTags", "ec2:DeleteTags"],
      to_port: ["ec2:ModifySecurityGroupRules"],
    },
    delete: ["ec2:RevokeSecurityGroupEgress"],
    import: ["ec2:DescribeSecurityGroupRules"],
    notes:
      'Source: vpc_security_group_egress_rule.go@0810b274 (aws-sdk-go-v2, @FrameworkResource("aws_vpc_security_group_egress_rule"), @Tags(identifierAttribute="id")) supplies only create/delete/findByID; Create/Read/Update/Delete/ModifyPlan are the shared securityGroupRuleResource base in vpc_security_group_ingress_rule.go@d2b7f56a7c45. Finder: findSecurityGroupEgressRuleByID -> findSecurityGroupRuleByID (find.go@00a35305dc1b) -> DescribeSecurityGroupRules with SecurityGroupRuleIds=[id] (a rule that turns out to be ingress is NotFound). ' +
      "Create: AuthorizeSecurityGroupEgress (GroupId + one IpPermission from exactly one of cidr_ipv4/cidr_ipv6/prefix_list_id/referenced_security_group_id, with ip_protocol, ports, description); then createTags -> ec2:CreateTags on the sgr- id (skipped without tags). No Read after create. " +
      "Read/import: DescribeSecurityGroupRules; tags from the response; import by id then Read. " +
      "Update: cidr_ipv4, cidr_ipv6, description, from_port, ip_protocol, prefix_list_id, referenced_security_group_id, to_port -> one ModifySecurityGroupRules; switching the source attribute forces replacement; security_group_id is RequiresReplace; tags via the framework tagging interceptor's updateTags (DeleteTags/CreateTags). " +
      "Delete: RevokeSecurityGroupEgress (GroupId + SecurityGroupRuleIds=[id]); InvalidGroup.NotFound and InvalidSecurityGroupRuleId.NotFound are ignored. No waiters.",
  },
  {
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
  {
    type: "aws_instance",
    source: {
      files: [
        "internal/service/ec2/ec2_instance.go",
        "internal/service/ec2/find.go",
        "internal/service/ec2/status.go",
        "internal/service/ec2/wait.go",
      ],
      commit: "00a35305dc1b297a6fcdecdfbba33f1e63c3da39",
    },
    create: [
      "ec2:CreateTags",
      "ec2:DescribeImages",
      "ec2:DescribeInstanceAttribute",
      "ec2:DescribeInstanceCreditSpecifications",
      "ec2:DescribeInstanceTypes",
      "ec2:DescribeInstances",
      "ec2:DescribeTags",
      "ec2:DescribeVolumes",
      "ec2:DescribeVpcs",
      "ec2:MonitorInstances",
      "ec2:RunInstances",
    ],
    read: [
      "ec2:DescribeInstanceAttribute",
      "ec2:DescribeInstanceCreditSpecifications",
      "ec2:DescribeInstanceTypes",
      "ec2:DescribeInstances",
      "ec2:DescribeTags",
      "ec2:DescribeVolumes",
      "ec2:DescribeVpcs",
    ],
    update: {
      capacity_reservation_specification: [
        "ec2:DescribeInstances",
        "ec2:ModifyInstanceAttribute",
        "ec2:ModifyInstanceCapacityReservationAttributes",
        "ec2:StartInstances",
        "ec2:StopInstances",
      ],
      credit_specification: ["ec2:ModifyInstanceCreditSpecification"],
      disable_api_stop: ["ec2:ModifyInstanceAttribute"],
      disable_api_termination: ["ec2:ModifyInstanceAttribute"],
      ebs_block_device: [],
      enable_primary_ipv6: ["ec2:DescribeInstances", "ec2:ModifyNetworkInterfaceAttribute"],
      force_destroy: [],
      get_password_data: ["ec2:GetPasswordData"],
      host_resource_group_arn: [],
      iam_instance_profile: [
        "ec2:AssociateIamInstanceProfile",
        "ec2:DescribeIamInstanceProfileAssociations",
        "ec2:DescribeInstances",
        "ec2:DisassociateIamInstanceProfile",
        "ec2:ReplaceIamInstanceProfileAssociation",
      ],
      instance_initiated_shutdown_behavior: ["ec2:ModifyInstanceAttribute"],
      instance_type: ["ec2:DescribeInstanceTypes", "ec2:DescribeInstances", "ec2:ModifyInstanceAttribute", "ec2:StartInstances", "ec2:StopInstances"],
      ipv6_address_count: ["ec2:AssignIpv6Addresses", "ec2:DescribeInstances", "ec2:UnassignIpv6Addresses"],
      maintenance_options: ["ec2:DescribeInstances", "ec2:ModifyInstanceMaintenanceOptions"],
      metadata_options: ["ec2:DescribeInstances", "ec2:ModifyInstanceMetadataOptions"],
      monitoring: ["ec2:MonitorInstances", "ec2:UnmonitorInstances"],
      root_block_device: [
        "ec2:CreateTags",
        "ec2:DeleteTags",
        "ec2:DescribeInstances",
        "ec2:DescribeVolumesModifications",
        "ec2:ModifyInstanceAttribute",
        "ec2:ModifyVolume",
      ],
      secondary_private_ips: ["ec2:AssignPrivateIpAddresses", "ec2:DescribeInstances", "ec2:UnassignPrivateIpAddresses"],
      source_dest_check: ["ec2:ModifyInstanceAttribute"],
      tags: ["ec2:CreateTags", "ec2:DeleteTags"],
      user_data: ["ec2:DescribeInstances", "ec2:ModifyInstanceAttribute", "ec2:StartInstances", "ec2:StopInstances"],
      user_data_base64: ["ec2:DescribeInstances", "ec2:ModifyInstanceAttribute", "ec2:StartInstances", "ec2:StopInstances"],
      user_data_replace_on_change: [],
      volume_tags: ["ec2:CreateTags", "ec2:DeleteTags", "ec2:DescribeVolumes"],
      vpc_security_group_ids: ["ec2:DescribeInstances", "ec2:ModifyNetworkInterfaceAttribute"],
    },
    delete: ["ec2:DescribeInstances", "ec2:TerminateInstances"],
    import: [
      "ec2:DescribeInstanceAttribute",
      "ec2:DescribeInstanceCreditSpecifications",
      "ec2:DescribeInstanceTypes",
      "ec2:DescribeInstances",
      "ec2:DescribeTags",
      "ec2:DescribeVolumes",
      "ec2:DescribeVpcs",
    ],
    notes:
      'Source: ec2_instance.go and find.go at hashicorp@00a35305dc1b (aws-sdk-go-v2, @SDKResource("aws_instance"), @Tags(identifierAttribute="id"), @IdentityAttribute("id") + @CustomImport; header \'Copyright IBM Corp. 2014, 2026\', i.e. a snapshot a little after v6.25.0; the older stored copies are aws-sdk-go v1). Waiters: status.go (SDK v2 copy, stored text id 2228338710) and wait.go (upstream mirror zongruxie4@036145e2): waitInstanceCreated/Started/Stopped/Deleted poll statusInstance -> DescribeInstances; the IAM instance profile, metadata options, maintenance options, capacity reservation and root-volume DeleteOnTermination waiters poll findInstanceByID -> DescribeInstances; waitVolumeModificationComplete polls findVolumeModificationByID -> DescribeVolumesModifications. instanceProfileARNToName only parses the ARN (no IAM call). ' +
      "Arguments follow the v6.25.0 schema (@cdktf/provider-aws 21.22.1, where get_password_data appears as fetchPasswordData): the 2026 snapshot's in-place cpu_options update (StopInstances, ModifyInstanceCpuOptions, StartInstances; PR #46568 merged 2026-02-19), cpu_options.nested_virtualization and secondary_network_interface post-date 6.25.0 and are left out; in 6.25.0 a cpu_options change replaces the instance. " +
      "Create (config: ami, instance_type, subnet_id, vpc_security_group_ids, iam_instance_profile, metadata_options, encrypted gp3 root_block_device, monitoring, tags, volume_tags): buildInstanceOpts -> readBlockDeviceMappingsFromConfig -> findRootDeviceName -> DescribeImages (because root_block_device is set; the launch-template lookup DescribeLaunchTemplateVersions only with launch_template, DescribeInstanceTypes here only with credit_specification); RunInstances (retried up to 2 min on 'Invalid IAM Instance Profile' / 'has no associated IAM Roles') with TagSpecifications for the instance (tags) and its volumes (volume_tags): tag-on-create is authorized as ec2:CreateTags, no separate call; waitInstanceCreated (DescribeInstances); a separate CreateTags per volume only for root_block_device.tags / ebs_block_device.tags (they conflict with volume_tags); then the Update function with IsNewResource: its monitoring branch has no IsNewResource guard, so monitoring = true calls MonitorInstances; ModifyInstanceAttribute would follow only for source_dest_check = false or a set instance_initiated_shutdown_behavior (not in this config); then Read. " +
      "Not SDK calls, not listed: RunInstances, AssociateIamInstanceProfile and ReplaceIamInstanceProfileAssociation with an instance profile require iam:PassRole on the profile's role; a root volume encrypted with a customer-managed KMS key requires KMS grants for EC2 (none with the default aws/ebs key). " +
      "Read/import: DescribeInstances (findInstanceByID); DescribeInstanceTypes (instance type info, always); DescribeTags (findInstanceTagValue for the aws:ec2launchtemplate:id tag, always; plus readVolumeTags when volume_tags is set and no block-device tags are); DescribeVolumes (readBlockDevices; and the attached volume ids for volume_tags); DescribeVpcs (findVPCByID: is the VPC the default one, for security group ids vs names); DescribeInstanceAttribute (instanceInitiatedShutdownBehavior, disableApiStop, disableApiTermination, userData); DescribeInstanceCreditSpecifications only for burstable instance types (t2/t3/t3a/t4g). Conditional and not reachable with this config: DescribeLaunchTemplates + DescribeLaunchTemplateVersions (instance launched from a launch template), GetPasswordData (get_password_data = true), DescribeSpotInstanceRequests (spot instance). Import: the custom importer (identity id) sets force_destroy = false, then Read. " +
      "Update (the Update function ends with Read): instance_type, user_data, user_data_base64 -> modifyInstanceAttributeWithStopStart: StopInstances, wait stopped (DescribeInstances), ModifyInstanceAttribute, StartInstances (retried on 'LaunchPlan instance type does not match attribute value'), wait running; instance_type's CustomizeDiff also calls DescribeInstanceTypes for the old and new type at plan time (different architectures force replacement), and when capacity_reservation_id changes in the same apply the type is modified inside the capacity-reservation branch instead; user_data/user_data_base64 force replacement instead when user_data_replace_on_change = true. capacity_reservation_specification: StopInstances + wait, ModifyInstanceAttribute (instance type, only if it changes together with capacity_reservation_id), ModifyInstanceCapacityReservationAttributes, wait (DescribeInstances), StartInstances + wait. iam_instance_profile: DescribeIamInstanceProfileAssociations, then AssociateIamInstanceProfile (none yet), ReplaceIamInstanceProfileAssociation (running instance), DisassociateIamInstanceProfile + AssociateIamInstanceProfile (stopped/stopping instance) or DisassociateIamInstanceProfile (profile removed); then waitInstanceIAMInstanceProfileUpdated (DescribeInstances). vpc_security_group_ids / secondary_private_ips / ipv6_address_count / enable_primary_ipv6: DescribeInstances to find the primary ENI, then ModifyNetworkInterfaceAttribute (Groups / EnablePrimaryIpv6), Unassign/AssignPrivateIpAddresses, Assign/UnassignIpv6Addresses. metadata_options: ModifyInstanceMetadataOptions (retried once on UnsupportedOperation for InstanceMetadataTags) + wait applied (DescribeInstances). maintenance_options: ModifyInstanceMaintenanceOptions + wait (DescribeInstances). monitoring: MonitorInstances or UnmonitorInstances. credit_specification: ModifyInstanceCreditSpecification. disable_api_stop / disable_api_termination / instance_initiated_shutdown_behavior / source_dest_check: ModifyInstanceAttribute (source_dest_check only without network_interface). volume_tags: DescribeVolumes (attachment.instance-id) then updateTags (DeleteTags/CreateTags) on each volume. root_block_device: volume_size/volume_type/iops/throughput -> ModifyVolume + wait (DescribeVolumesModifications); delete_on_termination -> ModifyInstanceAttribute (BlockDeviceMappings) + wait (DescribeInstances); tags/tags_all -> updateTags on the root volume; encrypted and kms_key_id are ForceNew. get_password_data: GetPasswordData from the Read after the update. ebs_block_device (only its nested tags are not ForceNew), host_resource_group_arn, force_destroy, user_data_replace_on_change: not ForceNew but the Update function has no branch for them, so no call. " +
      "Not updatable (ForceNew, ForceNewIf or every nested field ForceNew): ami, associate_public_ip_address, availability_zone, cpu_options (6.25.0), ebs_optimized, enclave_options, ephemeral_block_device, hibernation, host_id, instance_market_options, ipv6_addresses, key_name, launch_template, network_interface, placement_group, placement_group_id, placement_partition_number, primary_network_interface, private_dns_name_options (ForceNew, so its ModifyPrivateDnsNameOptions branch is unreachable), private_ip, security_groups, subnet_id, tenancy. " +
      "Delete: TerminateInstances (InvalidInstanceID.NotFound ignored) then waitInstanceDeleted (DescribeInstances). Conditional and not reachable with this config: force_destroy = true first calls ModifyInstanceAttribute twice (DisableApiTermination = false, DisableApiStop = false); a spot instance (instance_lifecycle = spot) first calls CancelSpotInstanceRequests.",
  },
];
