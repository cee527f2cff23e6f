import { regionalArn } from "../../../lib/arn";
import { TypePermissions } from "../types";

export const awsSsmParameterData: TypePermissions = {
  purpose: "Looks up the latest Amazon Linux AMI (AWS's public parameter)",
  // AWS's public parameters; "*" for the account, which IAM documents as empty and simulators reject.
  arns: (instance, ctx) => [regionalArn({ ...ctx, account: "*" }, "ssm", `parameter${instance.attributes.name}`)],
  rules: [{ phase: "read", actions: ["ssm:GetParameter"], gate: { kind: "name" } }],
  calls: {
    type: "aws_ssm_parameter_data",
    source: {
      files: ["internal/service/ssm/parameter_data_source.go", "internal/service/ssm/parameter.go"],
      commit: "01c22b083972e4c5027c0e60b814ba6dee7255a6",
    },
    create: [],
    read: ["ssm:GetParameter"],
    update: {},
    delete: [],
    import: [],
    notes:
      "Data source aws_ssm_parameter (@SDKDataSource, no @Tags), 'Copyright IBM Corp. 2014, 2025' version. Read: findParameterByName " +
      "(parameter.go) -> GetParameter with WithDecryption = with_decryption (default true); load_value only controls whether the value " +
      "is stored. IAM (not a provider call): decrypting a SecureString under a customer managed key also needs kms:Decrypt.",
  },
};
