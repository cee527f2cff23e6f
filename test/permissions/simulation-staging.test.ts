import { proveAgainstAttacker } from "./attacker-proof";
import { proveDeployers } from "./deployer-proof";
import { builtInDeployments } from "./fixtures";

// Offline IAM simulation of the staging deployers: see deployer-proof.ts.
proveDeployers("staging");
proveAgainstAttacker("staging", () => builtInDeployments("staging")[0]);
