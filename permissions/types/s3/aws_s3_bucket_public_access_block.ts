import { bucketSetting } from "./shared";
import { TypePermissions } from "../types";

export const awsS3BucketPublicAccessBlock: TypePermissions = {
  ...bucketSetting("All four public-access blocks", ["s3:GetBucketPublicAccessBlock"], ["s3:PutBucketPublicAccessBlock"]),
  calls: {
    type: "aws_s3_bucket_public_access_block",
    source: {
      files: ["internal/service/s3/bucket_public_access_block.go"],
      commit: "ee797bc5f92b1e5e4dd790b0584c77596ddd3521",
    },
    create: ["s3:GetBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock"],
    read: ["s3:GetBucketPublicAccessBlock"],
    update: {
      block_public_acls: ["s3:PutBucketPublicAccessBlock"],
      block_public_policy: ["s3:PutBucketPublicAccessBlock"],
      ignore_public_acls: ["s3:PutBucketPublicAccessBlock"],
      restrict_public_buckets: ["s3:PutBucketPublicAccessBlock"],
      skip_destroy: ["s3:PutBucketPublicAccessBlock"],
    },
    delete: ["s3:GetBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock"],
    import: ["s3:GetBucketPublicAccessBlock"],
    notes:
      "SDK: PutPublicAccessBlock -> s3:PutBucketPublicAccessBlock; GetPublicAccessBlock -> s3:GetBucketPublicAccessBlock; DeletePublicAccessBlock -> s3:PutBucketPublicAccessBlock. " +
      "Create: Put (retried on NoSuchBucket), wait until Get finds it, Read. Update: one unconditional PutPublicAccessBlock with all four flags, whichever argument changed (so a skip_destroy-only change also calls it); no Read after update (eventual consistency workaround). " +
      "Delete: DeletePublicAccessBlock, then Get until not found; with skip_destroy=true (argument since v6.4.0) delete makes no call at all. bucket forces replacement.",
  },
};
