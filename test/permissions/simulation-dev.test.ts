import { proveAgainstAttacker } from "./attacker-proof";
import { proveDeployers } from "./deployer-proof";
import { builtInDeployments } from "./fixtures";

// Offline IAM simulation of the dev deployers: see deployer-proof.ts.
proveDeployers("dev");
proveAgainstAttacker("dev", () => builtInDeployments("dev")[0]);
