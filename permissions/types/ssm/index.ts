import { awsSsmParameter } from "./aws_ssm_parameter";
import { awsSsmParameterData } from "./aws_ssm_parameter_data";
import { TypePermissions } from "../types";

/** Every type of the folder, one file each (`test/permissions/types.test.ts` fails on a file left out). */
export const ssmTypes: readonly TypePermissions[] = [awsSsmParameter, awsSsmParameterData];
