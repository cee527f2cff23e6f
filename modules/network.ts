import { Construct } from "constructs";
import { Fn } from "cdktf";
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Ec2Tag } from "@cdktf/provider-aws/lib/ec2-tag";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { AZ_COUNT, EKS_UNSUPPORTED_ZONE_IDS } from "../config/aws";
import { iometeSubnetLayout } from "../config/cidr";

/** Build a new VPC. */
export interface CreateVpcProps {
  readonly mode: "create";
  /** IMPORTANT: changing it replaces the VPC and everything in it. */
  readonly vpcCidr: string;
  /** 2 or 3 zones. */
  readonly azCount: number;
  /** Zone names; left out, the region's available zones are looked up at plan time. */
  readonly availabilityZones?: string[];
  /** `single` NAT gateway, or one `per-az`. */
  readonly natMode: "single" | "per-az";
  /** @default IOMETE's layout: cidrsubnet(vpc, 4, k) */
  readonly publicSubnetCidrs?: string[];
  /** @default IOMETE's layout: cidrsubnet(vpc, 3, k + 5) */
  readonly privateSubnetCidrs?: string[];
}

/** Use a VPC that exists (Palette's "static" mode): nothing is created but the discovery tags. */
export interface ExistingVpcProps {
  readonly mode: "existing";
  readonly vpcId: string;
  readonly privateSubnetIds: string[];
  readonly publicSubnetIds: string[];
  /** Tag the private subnets with `discoveryTags` (for Karpenter), the only change to the network. */
  readonly tagSubnetsForKarpenter: boolean;
}

export interface NetworkProps {
  /** Prefix of the `Name` tags. */
  readonly name: string;
  readonly region: string;
  readonly vpc: CreateVpcProps | ExistingVpcProps;
  /** Tags for public subnets, e.g. `kubernetes.io/role/elb`. @default none */
  readonly publicSubnetTags?: Record<string, string>;
  /** Tags for private subnets, e.g. `kubernetes.io/role/internal-elb`. @default none */
  readonly privateSubnetTags?: Record<string, string>;
  /**
   * Discovery tags for the private subnets (`karpenter.sh/discovery`): the only
   * tags added to an existing VPC's subnets. @default none
   */
  readonly discoveryTags?: Record<string, string>;
}

/**
 * The network an EKS cluster runs in: a VPC with public subnets (load
 * balancers, NAT) and private subnets (nodes) in each zone, an internet gateway,
 * NAT, a route table per private zone, an S3 gateway endpoint so lakehouse
 * traffic stays off the NAT, and the default security group stripped of its
 * rules so nothing lands in an open group by accident. Subnet CIDRs are computed
 * here, so the plan shows literals.
 * https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html
 */
export class Network extends Construct {
  readonly vpcId: string;
  readonly privateSubnetIds: string[];
  readonly publicSubnetIds: string[];
  /** Public IPs of the NAT gateways (empty for an existing VPC). */
  readonly natPublicIps: string[];
  /** Literal CIDRs of the created subnets (empty for an existing VPC). */
  readonly publicSubnetCidrs: string[] = [];
  readonly privateSubnetCidrs: string[] = [];

  private readonly props: NetworkProps;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    this.props = props;
    if (props.vpc.mode === "existing") {
      this.vpcId = props.vpc.vpcId;
      this.privateSubnetIds = props.vpc.privateSubnetIds;
      this.publicSubnetIds = props.vpc.publicSubnetIds;
      this.natPublicIps = [];
      if (props.vpc.tagSubnetsForKarpenter) this.tagExistingSubnets(props.vpc);
      return;
    }

    const config = props.vpc;
    if (config.azCount < AZ_COUNT.min || config.azCount > AZ_COUNT.max) {
      throw new Error(`Network ${this.node.path}: azCount ${config.azCount} must be ${AZ_COUNT.min} to ${AZ_COUNT.max}`);
    }
    const layout = iometeSubnetLayout(config.vpcCidr, config.azCount);
    this.publicSubnetCidrs = config.publicSubnetCidrs ?? layout.publicCidrs;
    this.privateSubnetCidrs = config.privateSubnetCidrs ?? layout.privateCidrs;

    const vpc = this.createVpc(config);
    this.vpcId = vpc.id;
    const igw = new InternetGateway(this, "internet_gateway", { vpcId: vpc.id, tags: { Name: props.name } });
    const { publicSubnets, privateSubnets } = this.createSubnets(vpc, this.zoneNames(config));
    this.publicSubnetIds = publicSubnets.map((s) => s.id);
    this.privateSubnetIds = privateSubnets.map((s) => s.id);
    const { eips, nats } = this.createNatGateways(config, igw, publicSubnets);
    this.natPublicIps = eips.map((eip) => eip.publicIp);
    const publicRoutes = this.routePublicSubnets(vpc, igw, publicSubnets);
    const privateRoutes = this.routePrivateSubnets(vpc, config, nats, privateSubnets);
    this.addS3GatewayEndpoint(vpc, [publicRoutes, ...privateRoutes]);
  }

  /** An existing VPC gets the discovery tags on its private subnets, and nothing else. */
  private tagExistingSubnets(vpc: ExistingVpcProps): void {
    vpc.privateSubnetIds.forEach((subnetId, i) => {
      for (const [key, value] of Object.entries(this.props.discoveryTags ?? {})) {
        new Ec2Tag(this, `private_subnet_tag_${i}_${sanitize(key)}`, { resourceId: subnetId, key, value });
      }
    });
  }

  private createVpc(config: CreateVpcProps): Vpc {
    const vpc = new Vpc(this, "Resource", {
      cidrBlock: config.vpcCidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: this.props.name },
    });
    // No rules at all: AWS's default group allows all traffic between its members.
    new DefaultSecurityGroup(this, "default_security_group", {
      vpcId: vpc.id,
      tags: { Name: `${this.props.name}-default-unused` },
    });
    return vpc;
  }

  /** A public and a private subnet per zone, with the CIDRs computed above. */
  private createSubnets(vpc: Vpc, zones: string[]): { publicSubnets: Subnet[]; privateSubnets: Subnet[] } {
    const { name, publicSubnetTags, privateSubnetTags, discoveryTags } = this.props;
    const publicSubnets = zones.map(
      (zone, i) =>
        new Subnet(this, `public_${i}`, {
          vpcId: vpc.id,
          cidrBlock: this.publicSubnetCidrs[i],
          availabilityZone: zone,
          // Load balancers get their addresses from AWS; instances here need none.
          mapPublicIpOnLaunch: false,
          tags: { Name: `${name}-public-${i}`, ...publicSubnetTags },
        }),
    );
    const privateSubnets = zones.map(
      (zone, i) =>
        new Subnet(this, `private_${i}`, {
          vpcId: vpc.id,
          cidrBlock: this.privateSubnetCidrs[i],
          availabilityZone: zone,
          tags: { Name: `${name}-private-${i}`, ...privateSubnetTags, ...discoveryTags },
        }),
    );
    return { publicSubnets, privateSubnets };
  }

  /** One NAT gateway (`single`) or one per zone (`per-az`), each with its address. */
  private createNatGateways(config: CreateVpcProps, igw: InternetGateway, publicSubnets: Subnet[]): { eips: Eip[]; nats: NatGateway[] } {
    const name = this.props.name;
    const natCount = config.natMode === "single" ? 1 : config.azCount;
    const eips = Array.from(
      { length: natCount },
      (_, i) => new Eip(this, `nat_eip_${i}`, { domain: "vpc", tags: { Name: `${name}-nat-${i}` }, dependsOn: [igw] }),
    );
    const nats = eips.map(
      (eip, i) =>
        new NatGateway(this, `nat_${i}`, {
          allocationId: eip.allocationId,
          subnetId: publicSubnets[i].id,
          tags: { Name: `${name}-nat-${i}` },
          dependsOn: [igw],
        }),
    );
    return { eips, nats };
  }

  private routePublicSubnets(vpc: Vpc, igw: InternetGateway, publicSubnets: Subnet[]): RouteTable {
    const publicRoutes = new RouteTable(this, "public_routes", { vpcId: vpc.id, tags: { Name: `${this.props.name}-public` } });
    new Route(this, "public_default_route", {
      routeTableId: publicRoutes.id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: igw.id,
    });
    publicSubnets.forEach(
      (subnet, i) => new RouteTableAssociation(this, `public_${i}_routes`, { subnetId: subnet.id, routeTableId: publicRoutes.id }),
    );
    return publicRoutes;
  }

  /** One table per zone whatever the NAT mode, so switching modes only changes routes. */
  private routePrivateSubnets(vpc: Vpc, config: CreateVpcProps, nats: NatGateway[], privateSubnets: Subnet[]): RouteTable[] {
    return privateSubnets.map((subnet, i) => {
      const table = new RouteTable(this, `private_${i}_routes`, { vpcId: vpc.id, tags: { Name: `${this.props.name}-private-${i}` } });
      new Route(this, `private_${i}_default_route`, {
        routeTableId: table.id,
        destinationCidrBlock: "0.0.0.0/0",
        natGatewayId: nats[config.natMode === "single" ? 0 : i].id,
      });
      new RouteTableAssociation(this, `private_${i}_routes_association`, { subnetId: subnet.id, routeTableId: table.id });
      return table;
    });
  }

  /** Lakehouse traffic to S3 stays off the NAT (and its per-GB charge). */
  private addS3GatewayEndpoint(vpc: Vpc, routeTables: RouteTable[]): void {
    new VpcEndpoint(this, "s3_endpoint", {
      vpcId: vpc.id,
      serviceName: `com.amazonaws.${this.props.region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: routeTables.map((t) => t.id),
      tags: { Name: `${this.props.name}-s3` },
    });
  }

  private zoneNames(config: CreateVpcProps): string[] {
    if (config.availabilityZones) return config.availabilityZones;
    const available = new DataAwsAvailabilityZones(this, "zones", {
      state: "available",
      // Local and Wavelength zones cannot host EKS nodes, nor can a few regular ones.
      filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
      excludeZoneIds: EKS_UNSUPPORTED_ZONE_IDS,
      lifecycle: {
        postcondition: [
          {
            condition: `\${length(self.names) >= ${config.azCount}}`,
            errorMessage: `The region has fewer than ${config.azCount} zones that can host EKS; lower azCount or list availabilityZones.`,
          },
        ],
      },
    });
    // element() wraps around; the postcondition above makes a short list fail instead of reusing a zone.
    return Array.from({ length: config.azCount }, (_, i) => Fn.element(available.names, i));
  }
}

function sanitize(text: string): string {
  return text.replace(/[^A-Za-z0-9_]/g, "_");
}
