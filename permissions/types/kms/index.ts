import { awsKmsAlias } from "./aws_kms_alias";
import { awsKmsKey } from "./aws_kms_key";
import { TypePermissions } from "../types";

/** Every type of the folder, one file each (`test/permissions/types.test.ts` fails on a file left out). */
export const kmsTypes: readonly TypePermissions[] = [awsKmsAlias, awsKmsKey];
