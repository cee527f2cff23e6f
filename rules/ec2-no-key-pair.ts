import { ResourceRule } from "./types";

export const Ec2NoKeyPair: ResourceRule = {
  id: "EC2-NO-KEY-PAIR",
  level: "error",
  finding: "EC2 instance has an SSH key pair",
  fix: "Remove key_name: the bastion is reached through SSM Session Manager only.",
  appliesTo: ["aws_instance"],
  check: (instance) => (instance.attributes.key_name ? `key_name ${instance.attributes.key_name}` : undefined),
};
