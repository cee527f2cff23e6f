import { Construct } from "constructs";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { BASTION_EXTRA_POLICIES_MAX, isArmInstanceType } from "../config/aws";
import { awsManagedPolicyArn } from "../lib/arn";
import { BASTION_DEFAULTS, withDefaults } from "../config/defaults";
import { Role } from "./iam-role";
import { PolicyStatement } from "../lib/policy-document";

/** The public SSM parameter with the latest Amazon Linux 2023 AMI of the region. */
export const AMAZON_LINUX_AMI_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
/** The same image for Graviton (arm64) instance types. */
export const AMAZON_LINUX_ARM64_AMI_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64";

export interface BastionProps {
  /** Name of the instance, its security group and instance profile. */
  readonly name: string;
  /** Name of the instance role. IMPORTANT: changing it replaces the role. */
  readonly roleName: string;
  readonly partition: string;
  readonly vpcId: string;
  /** A private subnet: the bastion has no public address and no inbound rule. */
  readonly subnetId: string;
  /** x86_64 or Graviton; the image follows. @default BASTION_DEFAULTS.instanceType (t3.medium) */
  readonly instanceType?: string;
  /** Root volume, encrypted. @default BASTION_DEFAULTS.volumeSizeGiB (30) */
  readonly volumeSizeGiB?: number;
  /** @default false */
  readonly detailedMonitoring?: boolean;
  /** Named inline policies of the instance role; every statement needs a `Sid`. */
  readonly policies: Record<string, PolicyStatement[]>;
  /**
   * Managed policies for the deployment tooling: the seam for the generated,
   * tag-gated deployer policy. @default none
   */
  readonly deployerPolicyArns?: string[];
  /** Tags for the root volume, which the provider's default tags do not reach. @default none */
  readonly volumeTags?: Record<string, string>;
  /** @default no boundary */
  readonly permissionsBoundaryArn?: string;
}

/**
 * An EC2 host for deployment and administration that is reached only through
 * SSM Session Manager: no key pair, no inbound rule, no public address, in a
 * private subnet, IMDSv2 with a hop limit of 1 (containers on it cannot reach
 * the instance's credentials), an encrypted root volume, and the latest Amazon
 * Linux looked up through AWS's public SSM parameter rather than a pinned AMI id.
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html
 */
export class Bastion extends Construct {
  readonly instanceId: string;
  readonly roleArn: string;
  readonly roleName: string;
  readonly securityGroupId: string;
  readonly role: Role;

  private readonly props: BastionProps;

  constructor(scope: Construct, id: string, props: BastionProps) {
    super(scope, id);
    this.props = props;
    this.validate();
    this.role = this.createRole();
    this.roleArn = this.role.roleArn;
    this.roleName = this.role.roleName;
    const profile = new IamInstanceProfile(this, "instance_profile", { name: props.name, role: this.role.roleName });
    this.securityGroupId = this.createSecurityGroup();
    this.instanceId = this.createInstance(profile).id;
  }

  private validate(): void {
    const { policies, deployerPolicyArns } = this.props;
    const missingSid = Object.entries(policies).flatMap(([name, statements]) => statements.filter((s) => !s.Sid).map(() => name));
    if (missingSid.length > 0) {
      throw new Error(`Bastion ${this.node.path}: every statement needs a Sid (missing in ${[...new Set(missingSid)].join(", ")})`);
    }
    if ((deployerPolicyArns?.length ?? 0) > BASTION_EXTRA_POLICIES_MAX) {
      throw new Error(
        `Bastion ${this.node.path}: deployerPolicyArns has ${deployerPolicyArns!.length} policies; IAM allows 10 per role and one is AmazonSSMManagedInstanceCore`,
      );
    }
  }

  private createRole(): Role {
    const props = this.props;
    return new Role(this, "role", {
      roleName: props.roleName,
      description: `Bastion ${props.name}, reached through SSM Session Manager`,
      trustStatements: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
      managedPolicyArns: [awsManagedPolicyArn(props.partition, "AmazonSSMManagedInstanceCore"), ...(props.deployerPolicyArns ?? [])],
      inlinePolicies: props.policies,
      permissionsBoundaryArn: props.permissionsBoundaryArn,
    });
  }

  /** No inbound rules at all (sessions come through SSM); HTTPS out. */
  private createSecurityGroup(): string {
    const name = this.props.name;
    const securityGroup = new SecurityGroup(this, "security_group", {
      name,
      description: `Bastion ${name}: no inbound rules, HTTPS out`,
      vpcId: this.props.vpcId,
      tags: { Name: name },
    });
    // SSM, ECR, EKS and package repositories are all HTTPS; DNS to the VPC resolver is not filtered by groups.
    new VpcSecurityGroupEgressRule(this, "egress_https", {
      securityGroupId: securityGroup.id,
      cidrIpv4: "0.0.0.0/0",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      description: "HTTPS to AWS APIs (SSM, ECR, EKS) and package repositories",
    });
    return securityGroup.id;
  }

  private createInstance(profile: IamInstanceProfile): Instance {
    const props = withDefaults(BASTION_DEFAULTS, this.props);
    // The image follows the instance type's architecture (a t4g bastion gets the arm64 image).
    const ami = new DataAwsSsmParameter(this, "ami", {
      name: isArmInstanceType(props.instanceType) ? AMAZON_LINUX_ARM64_AMI_PARAMETER : AMAZON_LINUX_AMI_PARAMETER,
    });
    return new Instance(this, "Resource", {
      ami: ami.value,
      instanceType: props.instanceType,
      subnetId: props.subnetId,
      vpcSecurityGroupIds: [this.securityGroupId],
      iamInstanceProfile: profile.name,
      associatePublicIpAddress: false,
      monitoring: props.detailedMonitoring,
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
      rootBlockDevice: { encrypted: true, volumeType: "gp3", volumeSize: props.volumeSizeGiB, deleteOnTermination: true },
      volumeTags: { ...props.volumeTags, Name: props.name },
      tags: { Name: props.name },
      // A new AMI would otherwise replace the bastion on the next plan; patch it in place (SSM Patch Manager).
      lifecycle: { ignoreChanges: ["ami"] },
      dependsOn: this.role.withPermissions,
    });
  }
}
