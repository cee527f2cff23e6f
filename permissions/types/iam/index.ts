import { awsIamInstanceProfile } from "./aws_iam_instance_profile";
import { awsIamOpenidConnectProvider } from "./aws_iam_openid_connect_provider";
import { awsIamRole } from "./aws_iam_role";
import { awsIamRolePolicy } from "./aws_iam_role_policy";
import { awsIamRolePolicyAttachment } from "./aws_iam_role_policy_attachment";
import { TypePermissions } from "../types";

/** Every type of the folder, one file each (`test/permissions/types.test.ts` fails on a file left out). */
export const iamTypes: readonly TypePermissions[] = [
  awsIamInstanceProfile,
  awsIamOpenidConnectProvider,
  awsIamRole,
  awsIamRolePolicy,
  awsIamRolePolicyAttachment,
];
