import { proveDeployers } from "./deployer-proof";

// Offline IAM simulation of the dev deployers: see deployer-proof.ts.
proveDeployers("dev");
