import { awsCloudwatchLogGroup } from "./aws_cloudwatch_log_group";
import { TypePermissions } from "../types";

/** Every type of the folder, one file each (`test/permissions/types.test.ts` fails on a file left out). */
export const logsTypes: readonly TypePermissions[] = [awsCloudwatchLogGroup];
