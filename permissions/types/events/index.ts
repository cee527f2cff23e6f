import { awsCloudwatchEventRule } from "./aws_cloudwatch_event_rule";
import { awsCloudwatchEventTarget } from "./aws_cloudwatch_event_target";
import { TypePermissions } from "../types";

/** Every type of the folder, one file each (`test/permissions/types.test.ts` fails on a file left out). */
export const eventsTypes: readonly TypePermissions[] = [awsCloudwatchEventRule, awsCloudwatchEventTarget];
