import { Testing } from "cdktf";
import { PoolsideStack } from "../../stacks/poolside-stack";
import { builtIn, problemsOf, resource, synthJson, validate } from "../support/helpers";

/**
 * Poolside's GPU node group in reserved capacity: an On-Demand Capacity Reservation (by id in its
 * zone, or by resource group) or a Capacity Block for ML, and the config checks that keep the
 * group on what the reservation is for.
 */

const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];

function prodWith(
  gpu: object,
  network: object = { mode: "create", vpcCidr: "10.31.0.0/16", azCount: 3, availabilityZones: ZONES, natMode: "per-az" },
) {
  const input = builtIn("prod");
  input.poolside = { ...input.poolside, network, gpuNodeGroup: gpu };
  return input;
}

function gpuOf(input: any) {
  const env = validate(input)[0];
  const json = synthJson(new PoolsideStack(Testing.app(), "poolside-prod", { environment: env }));
  return { group: resource(json, "aws_eks_node_group", "gpu_node_group"), template: resource(json, "aws_launch_template", "gpu_launch_template") };
}

it("runs a Capacity Block's nodes as CAPACITY_BLOCK, its instance type in the launch template, in the block's zone", () => {
  const { group, template } = gpuOf(
    prodWith({
      instanceTypes: ["p5.48xlarge"],
      capacityReservation: { type: "capacity-block", id: "cr-0fedcba9876543210", instanceType: "p5.48xlarge", availabilityZone: "eu-west-1b" },
    }),
  );
  expect(group.capacity_type).toBe("CAPACITY_BLOCK");
  expect(group.instance_types).toBeUndefined();
  expect(group.subnet_ids).toEqual([expect.stringMatching(/^\$\{aws_subnet\.network_private_1_/)]);
  expect(template).toMatchObject({
    instance_type: "p5.48xlarge",
    instance_market_options: { market_type: "capacity-block" },
    capacity_reservation_specification: { capacity_reservation_target: { capacity_reservation_id: "cr-0fedcba9876543210" } },
  });
});

it("targets a resource group of reservations across the cluster's subnets", () => {
  const arn = "arn:aws:resource-groups:eu-west-1:333333333333:group/poolside-gpu";
  const { group, template } = gpuOf(prodWith({ instanceTypes: ["p5.48xlarge"], capacityReservation: { type: "on-demand", resourceGroupArn: arn } }));
  expect(group.capacity_type).toBe("ON_DEMAND");
  expect(group.subnet_ids).toHaveLength(3);
  expect(template.capacity_reservation_specification).toEqual({ capacity_reservation_target: { capacity_reservation_resource_group_arn: arn } });
  expect(template.instance_market_options).toBeUndefined();
});

it.each([
  [
    "an instance type the reservation is not for",
    {
      instanceTypes: ["p4d.24xlarge"],
      capacityReservation: { type: "on-demand", id: "cr-0a1b2c3d4e5f60789", instanceType: "p5.48xlarge", availabilityZone: "eu-west-1a" },
    },
    /poolside\.gpuNodeGroup\.instanceTypes: \["p4d\.24xlarge"\] must be exactly \["p5\.48xlarge"\], the instance type the reservation is for/,
  ],
  [
    "a zone of another region",
    { instanceTypes: ["p5.48xlarge"], capacityReservation: { type: "on-demand", id: "cr-0a1b2c3d4e5f60789", availabilityZone: "us-east-1a" } },
    /capacityReservation\.availabilityZone: "us-east-1a" is not a zone of the environment's region eu-west-1/,
  ],
  [
    "an id without its zone",
    { instanceTypes: ["p5.48xlarge"], capacityReservation: { type: "on-demand", id: "cr-0a1b2c3d4e5f60789" } },
    /capacityReservation\.availabilityZone: \(missing\) is required with an id/,
  ],
  [
    "both an id and a resource group",
    {
      instanceTypes: ["p5.48xlarge"],
      capacityReservation: {
        type: "on-demand",
        id: "cr-0a1b2c3d4e5f60789",
        availabilityZone: "eu-west-1a",
        resourceGroupArn: "arn:aws:resource-groups:eu-west-1:333333333333:group/g",
      },
    },
    /capacityReservation: .* needs exactly one of id and resourceGroupArn/,
  ],
  [
    "a Capacity Block without its instance type",
    { instanceTypes: ["p5.48xlarge"], capacityReservation: { type: "capacity-block", id: "cr-0a1b2c3d4e5f60789", availabilityZone: "eu-west-1a" } },
    /capacityReservation\.instanceType: \(missing\) is required for a Capacity Block/,
  ],
  [
    "Spot in a reservation",
    {
      instanceTypes: ["p5.48xlarge"],
      capacityType: "SPOT",
      capacityReservation: { type: "on-demand", id: "cr-0a1b2c3d4e5f60789", availabilityZone: "eu-west-1a" },
    },
    /poolside\.gpuNodeGroup\.capacityType: "SPOT" must be ON_DEMAND with a capacity reservation/,
  ],
])("refuses %s, naming the field and what is allowed", (_what, gpu, message) => {
  expect(problemsOf(prodWith(gpu)).join("\n")).toMatch(message);
});

it("needs the network's zones listed to place the group in the reservation's zone", () => {
  const gpu = {
    instanceTypes: ["p5.48xlarge"],
    capacityReservation: { type: "on-demand", id: "cr-0a1b2c3d4e5f60789", availabilityZone: "eu-west-1a" },
  };
  expect(problemsOf(prodWith(gpu, { mode: "create", vpcCidr: "10.31.0.0/16", azCount: 3 })).join("\n")).toMatch(
    /poolside\.network\.availabilityZones: \(missing\) must list eu-west-1a \(the reservation's zone\)/,
  );
});
