import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformElement, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";

// test/support/vendor-bundle.cjs: the third-party packages, one bundle per test file.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- Jest's config loads it as CommonJS
const { specifiers } = require("./support/vendor-bundle.cjs");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script of ours
const { cacheDir } = require("../scripts/cache-dir.cjs");

describe("the third-party bundle the tests load", () => {
  it("covers every specifier of cdktf, constructs, the providers, zod and yaml the code imports, and nothing else", () => {
    const specs: string[] = specifiers();
    expect(specs).toEqual(
      expect.arrayContaining(["cdktf", "constructs", "zod", "yaml", "@cdktf/provider-aws/lib/vpc", "@cdktf/provider-helm/lib/release"]),
    );
    for (const spec of specs) expect(spec).toMatch(/^(cdktf|constructs|@cdktf\/provider-[a-z]+|zod|yaml)(\/|$)/);
  });

  it("is what the tests load, unless JEST_UNBUNDLED is set", () => {
    const at = require.resolve("@cdktf/provider-aws/lib/vpc");
    if (process.env.JEST_UNBUNDLED) expect(at).toBe(path.resolve(__dirname, "../node_modules/@cdktf/provider-aws/lib/vpc/index.js"));
    else expect(path.relative(cacheDir("jest-vendor"), at)).toMatch(/^[0-9a-f]{16}\/modules\/\d+\.js$/);
  });

  it("holds one instance of each package: a provider's resource is cdktf's and constructs' own kind", () => {
    const stack = new TerraformStack(new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "vendor-")) }), "one");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const vpc = new Vpc(stack, "vpc", { cidrBlock: "10.0.0.0/16" });
    expect(vpc).toBeInstanceOf(TerraformElement);
    expect(vpc).toBeInstanceOf(Construct);
    expect(TerraformStack.of(vpc)).toBe(stack);
  });
});
