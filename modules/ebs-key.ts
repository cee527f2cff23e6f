import { Role } from "./iam-role";

/**
 * What a role needs of a customer-managed key that encrypts EBS volumes (an account's
 * default EBS encryption key): use it, and create the grants EC2 and the EBS CSI driver
 * attach volumes with, for AWS resources only.
 * https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html (KMS key for encryption)
 */
export function grantEbsKey(role: Role, keyArn: string): void {
  role.addToInlinePolicy("EbsEncryptionKey", {
    Sid: "UseEbsKey",
    Effect: "Allow",
    // Spelled out: no wildcard action anywhere (the rule pack and the generated boundaries check).
    Action: [
      "kms:Encrypt",
      "kms:Decrypt",
      "kms:ReEncryptFrom",
      "kms:ReEncryptTo",
      "kms:GenerateDataKey",
      "kms:GenerateDataKeyWithoutPlaintext",
      "kms:DescribeKey",
    ],
    Resource: keyArn,
  });
  role.addToInlinePolicy("EbsEncryptionKey", {
    Sid: "GrantsForVolumes",
    Effect: "Allow",
    Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
    Resource: keyArn,
    Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
  });
}
