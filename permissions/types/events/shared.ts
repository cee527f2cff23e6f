import { regionalArn } from "../../../lib/arn";
import { literalsOf, ResourceInstance } from "../../model";
import { ArnContext } from "../types";

export const ruleArns = (_: ResourceInstance, ctx: ArnContext) =>
  literalsOf(ctx.model, "aws_cloudwatch_event_rule", "name").map((r) => regionalArn(ctx, "events", `rule/${r}`));
