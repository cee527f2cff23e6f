import { IConstruct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { EnvironmentConfig } from "../../config";
import { roleBoundaryArn } from "../../config/naming";

/**
 * Puts each role of a stack under its boundary: the configured one, or, when the
 * config names none, the role's own generated boundary (its declared permissions,
 * created by the provisioner stack). Done once the stack is defined, so the modules
 * keep taking a plain `permissionsBoundaryArn` and need not know the scheme.
 */
export function useRoleBoundaries(scope: IConstruct, env: EnvironmentConfig): void {
  for (const node of scope.node.findAll()) {
    if (!(node instanceof IamRole)) continue;
    const name = node.nameInput;
    if (typeof name !== "string") throw new Error(`Role ${node.node.path} has no literal name; its permissions boundary is named after it`);
    node.permissionsBoundary = roleBoundaryArn(env, name);
  }
}
