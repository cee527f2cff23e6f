import { awsDbInstance } from "./aws_db_instance";
import { awsDbSubnetGroup } from "./aws_db_subnet_group";
import { TypePermissions } from "../types";

/** Every type of the folder, one file each (`test/permissions/types.test.ts` fails on a file left out). */
export const rdsTypes: readonly TypePermissions[] = [awsDbInstance, awsDbSubnetGroup];
