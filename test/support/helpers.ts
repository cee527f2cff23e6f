import { Testing, TerraformStack } from "cdktf";
import { EnvironmentConfig, EnvironmentInput, validateEnvironments } from "../../config";
import { BUILT_IN_ENVIRONMENTS } from "../../config/environments";

/** A synthesized stack as parsed JSON. */
export interface SynthJson {
  resource: Record<string, Record<string, Record<string, any>>>;
  data?: Record<string, Record<string, Record<string, any>>>;
  output?: Record<string, { value: unknown; description?: string; sensitive?: boolean }>;
  provider?: Record<string, any[]>;
  terraform: { backend?: Record<string, Record<string, unknown>>; [key: string]: unknown };
  locals?: Record<string, string>;
}

export function synthJson(stack: TerraformStack): SynthJson {
  return JSON.parse(Testing.synth(stack));
}

/** A bare stack to put one construct in. */
export function testStack(id = "test"): TerraformStack {
  return new TerraformStack(Testing.app(), id);
}

/** Every resource of a type, as a list of their configurations. */
export function resources(json: SynthJson, type: string): Array<Record<string, any>> {
  return Object.values(json.resource?.[type] ?? {});
}

/** The one resource of a type whose logical id contains `idPart` (or matches it, for a RegExp). */
export function resource(json: SynthJson, type: string, idPart: string | RegExp = ""): Record<string, any> {
  const matches = Object.entries(json.resource?.[type] ?? {}).filter(([id]) => (typeof idPart === "string" ? id.includes(idPart) : idPart.test(id)));
  if (matches.length !== 1) {
    throw new Error(`expected one ${type} matching "${idPart}", found ${matches.length}: ${matches.map(([id]) => id).join(", ")}`);
  }
  return matches[0][1];
}

/** Parses a policy string attribute. */
export function policy(text: string): { Version: string; Statement: Array<Record<string, any>> } {
  return JSON.parse(text);
}

/** A policy statement by Sid. */
export function statement(text: string, sid: string): Record<string, any> {
  const found = policy(text).Statement.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid} in ${text}`);
  return found;
}

/** Deep copy of a built-in environment input, to alter in a test. */
export function builtIn(name: "dev" | "staging" | "prod"): any {
  return structuredClone(BUILT_IN_ENVIRONMENTS.find((e) => e.name === name));
}

/** Validates inputs as if they were built-in environments. */
export function validate(...inputs: EnvironmentInput[] | any[]): EnvironmentConfig[] {
  return validateEnvironments(inputs.map((input) => ({ source: "test", input })));
}

/** The validated built-in environment. */
export function builtInConfig(name: "dev" | "staging" | "prod"): EnvironmentConfig {
  return validate(builtIn(name))[0];
}

/** The problems validation reports for the inputs (fails the test if there are none). */
export function problemsOf(...inputs: any[]): string[] {
  try {
    validate(...inputs);
  } catch (error: any) {
    if (!error.problems) throw error;
    return error.problems;
  }
  throw new Error("expected the configuration to be rejected, but it validated");
}
