import { proveAgainstAttacker } from "./attacker-proof";
import { proveDeployers } from "./deployer-proof";
import { builtInDeployments } from "./fixtures";

// Offline IAM simulation of the prod deployers: see deployer-proof.ts.
proveDeployers("prod");
proveAgainstAttacker("prod", () => builtInDeployments("prod")[0]);
