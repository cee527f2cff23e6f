import { Network, NetworkProps } from "../../modules/network";
import { resource, resources, synthJson, testStack } from "../support/helpers";

function synthNetwork(vpc: NetworkProps["vpc"], extra: Partial<NetworkProps> = {}) {
  const stack = testStack();
  const network = new Network(stack, "network", {
    name: "demo",
    region: "eu-west-1",
    vpc,
    publicSubnetTags: { "kubernetes.io/role/elb": "1" },
    privateSubnetTags: { "kubernetes.io/role/internal-elb": "1" },
    discoveryTags: { "karpenter.sh/discovery": "demo" },
    ...extra,
  });
  return { json: synthJson(stack), network };
}

const subnetCidrs = (json: ReturnType<typeof synthJson>, kind: "public" | "private") =>
  Object.entries(json.resource.aws_subnet)
    .filter(([id]) => id.startsWith(`network_${kind}_`))
    .map(([, s]) => s.cidr_block);

describe("Network (new VPC)", () => {
  it("lays out IOMETE's subnets for three zones as literal CIDRs", () => {
    const { json } = synthNetwork({ mode: "create", vpcCidr: "10.10.0.0/16", azCount: 3, natMode: "single" });
    expect(subnetCidrs(json, "public")).toEqual(["10.10.0.0/20", "10.10.16.0/20", "10.10.32.0/20"]);
    expect(subnetCidrs(json, "private")).toEqual(["10.10.160.0/19", "10.10.192.0/19", "10.10.224.0/19"]);
  });

  it("lays out two zones", () => {
    const { json } = synthNetwork({ mode: "create", vpcCidr: "10.20.0.0/16", azCount: 2, natMode: "single" });
    expect(subnetCidrs(json, "public")).toEqual(["10.20.0.0/20", "10.20.16.0/20"]);
    expect(subnetCidrs(json, "private")).toEqual(["10.20.160.0/19", "10.20.192.0/19"]);
    expect(resources(json, "aws_route_table")).toHaveLength(3);
  });

  it("takes explicit subnet CIDRs and zones over the layout", () => {
    const { json } = synthNetwork({
      mode: "create",
      vpcCidr: "10.0.0.0/16",
      azCount: 2,
      natMode: "single",
      availabilityZones: ["eu-west-1a", "eu-west-1c"],
      publicSubnetCidrs: ["10.0.0.0/24", "10.0.1.0/24"],
      privateSubnetCidrs: ["10.0.16.0/20", "10.0.32.0/20"],
    });
    expect(subnetCidrs(json, "private")).toEqual(["10.0.16.0/20", "10.0.32.0/20"]);
    expect(resources(json, "aws_subnet").map((s) => s.availability_zone)).toEqual(["eu-west-1a", "eu-west-1c", "eu-west-1a", "eu-west-1c"]);
    expect(json.data?.aws_availability_zones).toBeUndefined();
  });

  it("looks up available zones, without local zones and zones EKS cannot use, failing when too few", () => {
    const { json } = synthNetwork({ mode: "create", vpcCidr: "10.10.0.0/16", azCount: 2, natMode: "single" });
    const zones = Object.values(json.data!.aws_availability_zones)[0];
    expect(zones).toMatchObject({
      state: "available",
      filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
      exclude_zone_ids: ["use1-az3", "usw1-az2", "cac1-az3"],
      lifecycle: { postcondition: [{ condition: "${length(self.names) >= 2}", error_message: expect.stringMatching(/fewer than 2 zones/) }] },
    });
    expect(resource(json, "aws_subnet", "private_1").availability_zone).toMatch(/^\$\{element\(data\.aws_availability_zones\.\w+\.names, 1\)\}$/);
  });

  it("builds one NAT gateway in single mode, routed from every private zone", () => {
    const { json, network } = synthNetwork({ mode: "create", vpcCidr: "10.10.0.0/16", azCount: 3, natMode: "single" });
    expect(resources(json, "aws_nat_gateway")).toHaveLength(1);
    expect(resources(json, "aws_eip")).toHaveLength(1);
    const natRoutes = resources(json, "aws_route").filter((r) => r.nat_gateway_id);
    expect(natRoutes).toHaveLength(3);
    expect(new Set(natRoutes.map((r) => r.nat_gateway_id)).size).toBe(1);
    expect(network.natPublicIps).toHaveLength(1);
  });

  it("builds one NAT gateway per zone in per-az mode, each zone routed to its own", () => {
    const { json, network } = synthNetwork({ mode: "create", vpcCidr: "10.10.0.0/16", azCount: 3, natMode: "per-az" });
    expect(resources(json, "aws_nat_gateway")).toHaveLength(3);
    expect(resource(json, "aws_nat_gateway", "nat_2").subnet_id).toMatch(/aws_subnet\.network_public_2_\w+\.id/);
    expect(resource(json, "aws_route", "private_2_default_route").nat_gateway_id).toMatch(/aws_nat_gateway\.network_nat_2_\w+\.id/);
    expect(network.natPublicIps).toHaveLength(3);
  });

  it("routes the public subnets to the internet gateway and gives instances no public IPs", () => {
    const { json } = synthNetwork({ mode: "create", vpcCidr: "10.10.0.0/16", azCount: 2, natMode: "single" });
    expect(resource(json, "aws_route", "public_default_route")).toMatchObject({
      destination_cidr_block: "0.0.0.0/0",
      gateway_id: expect.stringMatching(/aws_internet_gateway/),
    });
    for (const subnet of resources(json, "aws_subnet")) expect(subnet.map_public_ip_on_launch).not.toBe(true);
  });

  it("tags subnets for load balancers and Karpenter discovery", () => {
    const { json } = synthNetwork({ mode: "create", vpcCidr: "10.10.0.0/16", azCount: 2, natMode: "single" });
    expect(resource(json, "aws_subnet", "public_0").tags).toEqual({ Name: "demo-public-0", "kubernetes.io/role/elb": "1" });
    expect(resource(json, "aws_subnet", "private_1").tags).toEqual({
      Name: "demo-private-1",
      "kubernetes.io/role/internal-elb": "1",
      "karpenter.sh/discovery": "demo",
    });
  });

  it("enables DNS, strips the default security group, and adds an S3 gateway endpoint on every route table", () => {
    const { json } = synthNetwork({ mode: "create", vpcCidr: "10.10.0.0/16", azCount: 2, natMode: "single" });
    expect(resource(json, "aws_vpc")).toMatchObject({ cidr_block: "10.10.0.0/16", enable_dns_hostnames: true, enable_dns_support: true });
    const defaultGroup = resource(json, "aws_default_security_group");
    expect(defaultGroup.ingress).toBeUndefined();
    expect(defaultGroup.egress).toBeUndefined();
    const endpoint = resource(json, "aws_vpc_endpoint");
    expect(endpoint).toMatchObject({ service_name: "com.amazonaws.eu-west-1.s3", vpc_endpoint_type: "Gateway" });
    expect(endpoint.route_table_ids).toHaveLength(3);
  });
});

describe("Network (existing VPC)", () => {
  const existing = {
    mode: "existing" as const,
    vpcId: "vpc-0123456789abcdef0",
    privateSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
    publicSubnetIds: ["subnet-0bbbbbbbbbbbbbbb1"],
    tagSubnetsForKarpenter: true,
  };

  it("creates no network resources and passes the ids through", () => {
    const { json, network } = synthNetwork(existing);
    for (const type of ["aws_vpc", "aws_subnet", "aws_nat_gateway", "aws_internet_gateway", "aws_route_table"]) {
      expect(resources(json, type)).toHaveLength(0);
    }
    expect(network.vpcId).toBe("vpc-0123456789abcdef0");
    expect(network.privateSubnetIds).toEqual(existing.privateSubnetIds);
    expect(network.natPublicIps).toEqual([]);
  });

  it("tags only the existing private subnets, only with the discovery tag", () => {
    const { json } = synthNetwork(existing);
    const tags = resources(json, "aws_ec2_tag");
    expect(tags).toHaveLength(2);
    expect(tags.map((t) => t.key)).toEqual(["karpenter.sh/discovery", "karpenter.sh/discovery"]);
    expect(tags).toContainEqual({ resource_id: "subnet-0aaaaaaaaaaaaaaa2", key: "karpenter.sh/discovery", value: "demo" });
    expect(tags.map((t) => t.resource_id)).not.toContain("subnet-0bbbbbbbbbbbbbbb1");
  });

  it("changes nothing when subnet tagging is off", () => {
    const { json } = synthNetwork({ ...existing, tagSubnetsForKarpenter: false });
    expect(json.resource).toBeUndefined();
  });
});
