import { awsAvailabilityZones } from "./aws_availability_zones";
import { awsDefaultSecurityGroup } from "./aws_default_security_group";
import { awsEc2Tag } from "./aws_ec2_tag";
import { awsEip } from "./aws_eip";
import { awsInstance } from "./aws_instance";
import { awsInternetGateway } from "./aws_internet_gateway";
import { awsLaunchTemplate } from "./aws_launch_template";
import { awsNatGateway } from "./aws_nat_gateway";
import { awsRoute } from "./aws_route";
import { awsRouteTable } from "./aws_route_table";
import { awsRouteTableAssociation } from "./aws_route_table_association";
import { awsSecurityGroup } from "./aws_security_group";
import { awsSubnet } from "./aws_subnet";
import { awsVpc } from "./aws_vpc";
import { awsVpcEndpoint } from "./aws_vpc_endpoint";
import { awsVpcSecurityGroupEgressRule } from "./aws_vpc_security_group_egress_rule";
import { awsVpcSecurityGroupIngressRule } from "./aws_vpc_security_group_ingress_rule";
import { TypePermissions } from "../types";

/** Every type of the folder, one file each (`test/permissions/types.test.ts` fails on a file left out). */
export const ec2Types: readonly TypePermissions[] = [
  awsAvailabilityZones,
  awsDefaultSecurityGroup,
  awsEc2Tag,
  awsEip,
  awsInstance,
  awsInternetGateway,
  awsLaunchTemplate,
  awsNatGateway,
  awsRoute,
  awsRouteTable,
  awsRouteTableAssociation,
  awsSecurityGroup,
  awsSubnet,
  awsVpc,
  awsVpcEndpoint,
  awsVpcSecurityGroupEgressRule,
  awsVpcSecurityGroupIngressRule,
];
