import { EC2_DESCRIBE_REASON } from "../shared";
import { TypePermissions } from "../types";

export const awsAvailabilityZones: TypePermissions = {
  purpose: "Looks up the region's zones",
  arns: () => ["*"],
  rules: [{ phase: "read", actions: ["ec2:DescribeAvailabilityZones"], gate: { kind: "unscoped", reason: EC2_DESCRIBE_REASON } }],
  calls: {
    type: "aws_availability_zones",
    source: {
      files: ["internal/service/ec2/ec2_availability_zones_data_source.go"],
      commit: "0a55e18ad4aba59fe70eddc96bee22fe8d133b0c",
    },
    create: [],
    read: ["ec2:DescribeAvailabilityZones"],
    update: {},
    delete: [],
    import: [],
    notes:
      'Data source (@SDKDataSource("aws_availability_zones")): one conn.DescribeAvailabilityZones call with ' +
      "AllAvailabilityZones (all_availability_zones), a state filter and custom filters; exclude_names/exclude_zone_ids " +
      "are applied client-side. Keyed without a _data suffix (no resource of that name exists), as in the catalogue.",
  },
};
