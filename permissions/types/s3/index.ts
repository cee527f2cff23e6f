import { awsS3Bucket } from "./aws_s3_bucket";
import { awsS3BucketLifecycleConfiguration } from "./aws_s3_bucket_lifecycle_configuration";
import { awsS3BucketLogging } from "./aws_s3_bucket_logging";
import { awsS3BucketOwnershipControls } from "./aws_s3_bucket_ownership_controls";
import { awsS3BucketPolicy } from "./aws_s3_bucket_policy";
import { awsS3BucketPublicAccessBlock } from "./aws_s3_bucket_public_access_block";
import { awsS3BucketServerSideEncryptionConfiguration } from "./aws_s3_bucket_server_side_encryption_configuration";
import { awsS3BucketVersioning } from "./aws_s3_bucket_versioning";
import { TypePermissions } from "../types";

/** Every type of the folder, one file each (`test/permissions/types.test.ts` fails on a file left out). */
export const s3Types: readonly TypePermissions[] = [
  awsS3Bucket,
  awsS3BucketLifecycleConfiguration,
  awsS3BucketLogging,
  awsS3BucketOwnershipControls,
  awsS3BucketPolicy,
  awsS3BucketPublicAccessBlock,
  awsS3BucketServerSideEncryptionConfiguration,
  awsS3BucketVersioning,
];
