import { ResourceRule } from "./types";

export const Ec2Imdsv2: ResourceRule = {
  id: "EC2-IMDSV2",
  level: "error",
  finding: "EC2 instances can use IMDSv1 (tokens not required)",
  fix: 'Set metadata_options.http_tokens = "required" on the instance or launch template.',
  appliesTo: ["aws_instance", "aws_launch_template"],
  check: (resource) => (resource.attributes.metadata_options?.http_tokens === "required" ? undefined : "http_tokens is not required"),
};
