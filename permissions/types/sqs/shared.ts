import { regionalArn } from "../../../lib/arn";
import { literalsOf, ResourceInstance } from "../../model";
import { ArnContext } from "../types";

export const queueArns = (_: ResourceInstance, ctx: ArnContext) =>
  literalsOf(ctx.model, "aws_sqs_queue", "name").map((q) => regionalArn(ctx, "sqs", q));
