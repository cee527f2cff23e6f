import { regionalArn } from "../../../lib/arn";
import { literalsOf, ResourceInstance } from "../../model";
import { ArnContext } from "../types";

/** The stack's database instances, by identifier: `db:<identifier>`. */
export const databaseArns = (_: ResourceInstance, ctx: ArnContext) =>
  literalsOf(ctx.model, "aws_db_instance", "identifier").map((id) => regionalArn(ctx, "rds", `db:${id}`));

/** The stack's subnet groups, by name: `subgrp:<name>`. */
export const subnetGroupArns = (_: ResourceInstance, ctx: ArnContext) =>
  literalsOf(ctx.model, "aws_db_subnet_group", "name").map((name) => regionalArn(ctx, "rds", `subgrp:${name}`));
