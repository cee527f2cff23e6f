import { EnvironmentInput } from "../schema";
import { dev } from "./dev";
import { prod } from "./prod";
import { staging } from "./staging";

/** The environments `cdktf synth` builds when the user supplies none. */
export const BUILT_IN_ENVIRONMENTS: readonly EnvironmentInput[] = [dev, staging, prod];
