import { proveDeployers } from "./deployer-proof";

// Offline IAM simulation of the prod deployers: see deployer-proof.ts.
proveDeployers("prod");
