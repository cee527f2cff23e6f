import * as fs from "fs";
import * as path from "path";

// Lower layers never reach up: permissions/, rules/, modules/ and config/ do not import stacks/; lib/ imports nothing of ours.
const root = path.resolve(__dirname, "..");

it.each(["config", "modules", "permissions", "rules"])("%s/ imports nothing from stacks/", (layer) => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts") && /from "(\.\.\/)+stacks\//.test(fs.readFileSync(full, "utf8"))) offenders.push(path.relative(root, full));
    }
  };
  walk(path.join(root, layer));
  expect(offenders).toEqual([]);
});

it("lib/ (ARNs, policy documents) imports nothing from the project: every layer may use it", () => {
  const offenders = fs
    .readdirSync(path.join(root, "lib"))
    .filter((f) => f.endsWith(".ts") && /from "\.\.\//.test(fs.readFileSync(path.join(root, "lib", f), "utf8")));
  expect(offenders).toEqual([]);
});
