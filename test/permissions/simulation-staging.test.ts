import { proveDeployers } from "./deployer-proof";

// Offline IAM simulation of the staging deployers: see deployer-proof.ts.
proveDeployers("staging");
