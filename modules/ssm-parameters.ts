import { Construct } from "constructs";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { KmsKey } from "./kms-key";
import { SSM_MAX_HIERARCHY_LEVELS } from "../config/aws";

export interface ParameterValue {
  readonly value: string;
  readonly description: string;
  /** Store as SecureString, encrypted with `kmsKey`. @default false */
  readonly secure?: boolean;
}

export interface SsmParametersProps {
  /** Path every parameter lives under, e.g. `/poolside/deployment/prod`. */
  readonly path: string;
  /** Parameters by name relative to `path` (`cluster/name`). */
  readonly parameters: Record<string, ParameterValue>;
  /** Key for SecureString parameters; required when any is secure. */
  readonly kmsKey?: KmsKey;
}

const SEGMENT = /^[a-zA-Z0-9_.-]+$/;

/**
 * Publishes values (a stack's outputs) as SSM parameters under one path, where
 * deployment tooling reads them with `GetParametersByPath`; sensitive ones as
 * SecureString with the stack's key.
 */
export class SsmParameters extends Construct {
  /** Full parameter names by relative name. */
  readonly parameterNames: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: SsmParametersProps) {
    super(scope, id);
    const problems: string[] = [];
    if (
      !props.path.startsWith("/") ||
      props.path.endsWith("/") ||
      !props.path
        .slice(1)
        .split("/")
        .every((s) => SEGMENT.test(s))
    ) {
      problems.push(`path "${props.path}" must be /<segment>[/<segment>...] with segments of letters, digits, _ . -`);
    }
    for (const name of Object.keys(props.parameters)) {
      if (!name.split("/").every((s) => SEGMENT.test(s)))
        problems.push(`parameter name "${name}" must be segments of letters, digits, _ . - joined by /`);
      const depth = `${props.path}/${name}`.split("/").length - 1;
      if (depth > SSM_MAX_HIERARCHY_LEVELS)
        problems.push(`parameter "${props.path}/${name}" is ${depth} levels deep; SSM allows ${SSM_MAX_HIERARCHY_LEVELS}`);
    }
    if (!props.kmsKey && Object.values(props.parameters).some((p) => p.secure)) problems.push("secure parameters need kmsKey");
    if (problems.length > 0) throw new Error(`SsmParameters ${this.node.path}: ${problems.join("; ")}`);

    for (const [name, parameter] of Object.entries(props.parameters)) {
      const fullName = `${props.path}/${name}`;
      new SsmParameter(this, name.replace(/[^a-zA-Z0-9]/g, "_"), {
        name: fullName,
        description: parameter.description,
        type: parameter.secure ? "SecureString" : "String",
        keyId: parameter.secure ? props.kmsKey!.keyArn : undefined,
        value: parameter.value,
      });
      this.parameterNames[name] = fullName;
    }
  }
}
