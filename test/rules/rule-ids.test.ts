import * as fs from "fs";
import * as path from "path";
import { RULES } from "../../rules";

// cdk-nag's convention: a rule's id is its file's name, so a finding leads to its file.
const dir = path.resolve(__dirname, "../../rules");
const ruleFiles = fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && !["index.ts", "types.ts", "policy-helpers.ts"].includes(f));

it.each(ruleFiles)("%s holds the rule whose id is its name", async (file) => {
  const module = await import(path.join(dir, file));
  const rules = Object.values(module).filter(
    (v: any) => v && typeof v === "object" && typeof v.id === "string" && typeof v.check === "function",
  ) as Array<{ id: string }>;
  expect(rules.map((r) => r.id)).toEqual([path.basename(file, ".ts").toUpperCase()]);
});

it("runs every rule file's rule in the pack, and no other", () => {
  expect(RULES.map((r) => r.id).sort()).toEqual(ruleFiles.map((f) => path.basename(f, ".ts").toUpperCase()).sort());
});
