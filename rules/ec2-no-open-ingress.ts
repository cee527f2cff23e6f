import { ResourceRule } from "./types";

const OPEN = ["0.0.0.0/0", "::/0"];
const ADMIN_PORTS = [22, 3389];

interface Ingress {
  cidrs: string[];
  from?: number;
  to?: number;
}

function ingressesOf(type: string, a: Record<string, any>): Ingress[] {
  if (type === "aws_vpc_security_group_ingress_rule")
    return [{ cidrs: [a.cidr_ipv4, a.cidr_ipv6].filter(Boolean), from: a.from_port, to: a.to_port }];
  if (type === "aws_security_group_rule")
    return a.type === "ingress" ? [{ cidrs: [...(a.cidr_blocks ?? []), ...(a.ipv6_cidr_blocks ?? [])], from: a.from_port, to: a.to_port }] : [];
  return ([] as any[])
    .concat(a.ingress ?? [])
    .map((i) => ({ cidrs: [...(i.cidr_blocks ?? []), ...(i.ipv6_cidr_blocks ?? [])], from: i.from_port, to: i.to_port }));
}

export const Ec2NoOpenIngress: ResourceRule = {
  id: "EC2-NO-OPEN-INGRESS",
  level: "error",
  finding: "Security group admits traffic from the whole internet",
  fix: "Open ports to named CIDRs or security groups only; reach hosts through SSM Session Manager, never SSH/RDP from 0.0.0.0/0.",
  appliesTo: ["aws_vpc_security_group_ingress_rule", "aws_security_group_rule", "aws_security_group", "aws_default_security_group"],
  check(resource) {
    for (const ingress of ingressesOf(resource.type, resource.attributes)) {
      const open = ingress.cidrs.find((c) => OPEN.includes(c));
      if (!open) continue;
      const all = ingress.from === undefined || ingress.from === -1;
      const admin = ADMIN_PORTS.filter((p) => all || (ingress.from! <= p && p <= (ingress.to ?? ingress.from!)));
      return `${open} on ${all ? "every port" : `ports ${ingress.from}-${ingress.to}`}${admin.length ? ` (including ${admin.join(" and ")})` : ""}`;
    }
    return undefined;
  },
};
