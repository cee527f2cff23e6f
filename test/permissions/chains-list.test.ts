import * as fs from "fs";
import * as path from "path";
import { chainsOf, PROVEN_CHAINS } from "../../permissions/review/chains";
import { builtInDeployments } from "./fixtures";

// The report's list of chains proven denied (permissions/review/chains.ts) names tests that exist.
describe("the chains the report lists as proven", () => {
  it.each(PROVEN_CHAINS.map((c) => [c.id, c] as const))("%s names a test that exists", (_id, chain) => {
    const text = fs.readFileSync(path.resolve(__dirname, "../..", chain.provenBy.file), "utf8");
    expect(text).toContain(chain.provenBy.title);
    expect(text).toMatch(/\b(it|it\.each|describe)\(/);
  });

  it("are listed for the stacks they concern: the bastion's for Poolside's stack only", () => {
    const [{ models }] = builtInDeployments("dev");
    const ids = (stackId: string) => chainsOf(models.get(stackId)!).map((c) => c.id);
    expect(ids("poolside-dev")).toContain("bastion-reach");
    expect(ids("iomete-data-plane-dev")).not.toContain("bastion-reach");
    expect(ids("iomete-data-plane-dev")).toEqual(expect.arrayContaining(["trust-rewrite", "access-entry-widening", "key-adoption"]));
  });
});
