import { awsDynamodbTable } from "./aws_dynamodb_table";
import { TypePermissions } from "../types";

/** Every type of the folder, one file each (`test/permissions/types.test.ts` fails on a file left out). */
export const dynamodbTypes: readonly TypePermissions[] = [awsDynamodbTable];
