import { ResourceRule } from "./types";

export const Ec2EncryptedVolumes: ResourceRule = {
  id: "EC2-ENCRYPTED-VOLUMES",
  level: "error",
  finding: "EC2 volume is not encrypted",
  fix: 'Set encrypted = true on root_block_device and every ebs block (launch templates: ebs.encrypted "true").',
  appliesTo: ["aws_instance", "aws_launch_template"],
  check(resource) {
    const a = resource.attributes;
    if (resource.type === "aws_instance") {
      const devices = [a.root_block_device, ...([] as any[]).concat(a.ebs_block_device ?? [])].filter(Boolean);
      if (devices.length === 0) return "root volume encryption left to the account default";
      return devices.every((d) => d.encrypted === true) ? undefined : "a volume has encrypted unset or false";
    }
    const mappings = ([] as any[]).concat(a.block_device_mappings ?? []);
    if (mappings.length === 0) return "volumes left to the AMI's mapping";
    return mappings.every((m) => String(m.ebs?.encrypted) === "true") ? undefined : "a mapping has encrypted unset or false";
  },
};
