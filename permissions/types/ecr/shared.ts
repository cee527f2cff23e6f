import { regionalArn } from "../../../lib/arn";
import { literalsOf, ResourceInstance } from "../../model";
import { ArnContext } from "../types";

export const repositoryArns = (_: ResourceInstance, ctx: ArnContext) =>
  literalsOf(ctx.model, "aws_ecr_repository", "name").map((r) => regionalArn(ctx, "ecr", `repository/${r}`));
