import { awsSqsQueue } from "./aws_sqs_queue";
import { awsSqsQueuePolicy } from "./aws_sqs_queue_policy";
import { TypePermissions } from "../types";

/** Every type of the folder, one file each (`test/permissions/types.test.ts` fails on a file left out). */
export const sqsTypes: readonly TypePermissions[] = [awsSqsQueue, awsSqsQueuePolicy];
