import { awsEcrLifecyclePolicy } from "./aws_ecr_lifecycle_policy";
import { awsEcrRepository } from "./aws_ecr_repository";
import { TypePermissions } from "../types";

/** Every type of the folder, one file each (`test/permissions/types.test.ts` fails on a file left out). */
export const ecrTypes: readonly TypePermissions[] = [awsEcrLifecyclePolicy, awsEcrRepository];
