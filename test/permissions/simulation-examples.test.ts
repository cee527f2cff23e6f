import { proveAgainstAttacker } from "./attacker-proof";
import { proveDeployers } from "./deployer-proof";
import { exampleDeployments } from "./fixtures";

// Each example environment users copy (examples/environments/), proven and attacked like the built-in ones:
// the existing-VPC one (staging-shaped) and the one under the account's own permissions boundary (prod-shaped).
for (const example of exampleDeployments()) {
  const label = `example ${example.env.name} (account ${example.env.account.id})`;
  describe(label, () => {
    proveDeployers(example.env.name as "dev" | "staging" | "prod", example);
    proveAgainstAttacker(label, () => example);
  });
}
