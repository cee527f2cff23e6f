import { EC2_DESCRIBE_REASON } from "../shared";
import { ec2Arn } from "./shared";
import { formatArn, iamArn } from "../../../lib/arn";
import { blockOf, isLiteral, literalsOf, referencedInstance, ResourceInstance } from "../../model";
import { passRole } from "../iam/shared";
import { ArnContext, ContextValue, TypePermissions } from "../types";

/** The role of the instance profile an instance is launched with (the bastion's own). */
const profileRole = (instance: ResourceInstance, ctx: ArnContext) => {
  const profile = referencedInstance(ctx.model, instance.attributes.iam_instance_profile, "aws_iam_instance_profile");
  return profile && referencedInstance(ctx.model, profile.attributes.role, "aws_iam_role");
};

export const awsInstance: TypePermissions = {
  purpose: "The bastion host",
  // The provider tags the instance and its volumes in RunInstances; the network interface carries no tags.
  arns: (_, ctx) => [ec2Arn(ctx, "instance"), ec2Arn(ctx, "volume")],
  rules: [
    // The instance: only with IMDSv2 required and the stack's own instance profile (so no other role's credentials).
    {
      phase: "create",
      actions: ["ec2:RunInstances"],
      gate: { kind: "request-tag" },
      resources: (_, ctx) => [ec2Arn(ctx, "instance")],
      conditions: (_, ctx) => ({
        StringEquals: { "ec2:MetadataHttpTokens": "required" },
        ArnEquals: {
          "ec2:InstanceProfile": literalsOf(ctx.model, "aws_iam_instance_profile", "name").map((n) => iamArn(ctx, `instance-profile/${n}`)),
        },
      }),
    },
    { phase: "create", actions: ["ec2:RunInstances"], gate: { kind: "request-tag" }, resources: (_, ctx) => [ec2Arn(ctx, "volume")] },
    { phase: "create", actions: ["ec2:RunInstances"], gate: { kind: "name" }, resources: (_, ctx) => [ec2Arn(ctx, "network-interface")] },
    { phase: "create", actions: ["ec2:CreateTags"], gate: { kind: "tag-on-create", createActions: ["RunInstances"] } },
    // The profile's role goes to EC2 at launch, and when the profile is associated or replaced later.
    passRole("create", profileRole, ["ec2.amazonaws.com"]),
    // Launching also uses the AMI (AWS's, untaggable by us: only Amazon-owned images) and the stack's subnet and security group.
    {
      phase: "create",
      actions: ["ec2:RunInstances"],
      gate: { kind: "name" },
      resources: (_, ctx) => [formatArn({ partition: ctx.partition, service: "ec2", region: ctx.region, resource: "image/*" })],
      conditions: () => ({ StringEquals: { "ec2:Owner": "amazon" } }),
    },
    {
      phase: "create",
      actions: ["ec2:RunInstances"],
      gate: { kind: "resource-tag" },
      resources: (_, ctx) => [ec2Arn(ctx, "subnet"), ec2Arn(ctx, "security-group")],
    },
    {
      phase: "read",
      actions: [
        "ec2:DescribeInstances",
        "ec2:DescribeVolumes",
        "ec2:DescribeTags",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeInstanceCreditSpecifications",
        "ec2:DescribeImages",
        "ec2:DescribeVpcs",
        "ec2:DescribeIamInstanceProfileAssociations",
        "ec2:DescribeVolumesModifications",
      ],
      gate: { kind: "unscoped", reason: EC2_DESCRIBE_REASON },
    },
    { phase: "read", actions: ["ec2:DescribeInstanceAttribute"], gate: { kind: "resource-tag" }, resources: (_, ctx) => [ec2Arn(ctx, "instance")] },
    {
      phase: "update",
      // Changing the instance type stops and starts the instance.
      actions: ["ec2:ModifyInstanceAttribute", "ec2:MonitorInstances", "ec2:UnmonitorInstances", "ec2:StopInstances", "ec2:StartInstances"],
      gate: { kind: "resource-tag" },
      resources: (_, ctx) => [ec2Arn(ctx, "instance")],
    },
    // Metadata options change only with IMDSv2 kept required (the key is absent from a change that leaves tokens alone).
    {
      phase: "update",
      actions: ["ec2:ModifyInstanceMetadataOptions"],
      gate: { kind: "resource-tag" },
      resources: (_, ctx) => [ec2Arn(ctx, "instance")],
      conditions: () => ({ StringEqualsIfExists: { "ec2:Attribute/HttpTokens": "required" } }),
    },
    { phase: "delete", actions: ["ec2:TerminateInstances"], gate: { kind: "resource-tag" }, resources: (_, ctx) => [ec2Arn(ctx, "instance")] },
    // Day 2: another instance profile (its role must be one the deployer may pass: the stack's own), a resized root volume.
    {
      phase: "update",
      actions: ["ec2:AssociateIamInstanceProfile", "ec2:ReplaceIamInstanceProfileAssociation", "ec2:DisassociateIamInstanceProfile"],
      gate: { kind: "resource-tag" },
      resources: (_, ctx) => [ec2Arn(ctx, "instance")],
    },
    { phase: "update", actions: ["ec2:ModifyVolume"], gate: { kind: "resource-tag" }, resources: (_, ctx) => [ec2Arn(ctx, "volume")] },
    // Day 2: changed tags or volume tags on the stack's own instance and volumes.
    { phase: "update", actions: ["ec2:CreateTags", "ec2:DeleteTags"], gate: { kind: "resource-tag" } },
  ],
  requestContext: ({ instance, ctx, action }): Record<string, ContextValue> | undefined => {
    const tokens = String(blockOf(instance.attributes.metadata_options).http_tokens ?? "optional");
    const profile = referencedInstance(ctx.model, instance.attributes.iam_instance_profile, "aws_iam_instance_profile")?.attributes.name;
    if (action === "ec2:RunInstances")
      return {
        "ec2:MetadataHttpTokens": tokens,
        ...(isLiteral(profile) ? { "ec2:InstanceProfile": iamArn(ctx, `instance-profile/${profile}`) } : {}),
      };
    if (action === "ec2:ModifyInstanceMetadataOptions") return { "ec2:Attribute/HttpTokens": tokens };
    if (action === "iam:PassRole") return { "iam:PassedToService": "ec2.amazonaws.com" };
    return undefined;
  },
  callTargets: ({ instance, ctx, action }) =>
    action === "iam:PassRole" ? [profileRole(instance, ctx)].filter((r): r is ResourceInstance => !!r) : [],
  calls: {
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
    authorizedAlso: {
      // The instance profile's role is passed to EC2 at launch and whenever the profile is associated or replaced.
      create: [{ action: "iam:PassRole", whenSet: "iam_instance_profile" }],
      update: { iam_instance_profile: ["iam:PassRole"] },
    },
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
  acceptedGaps: [
    {
      operations: ["update vpc_security_group_ids"],
      action: "ec2:ModifyNetworkInterfaceAttribute",
      reason:
        "the bastion's only group is the stack's own, created with it; changing groups in place acts on its untagged interface, and allowing that would reach every interface of the account",
    },
  ],
};
