import * as fs from "fs";
import * as path from "path";
import { z, ZodTypeAny } from "zod";
import { environmentSchema } from "../config/schema";
import { configurationFields } from "../scripts/config-reference";
import { docsCommand, FIGURES_END, FIGURES_START, generatedDocs, REFERENCE_FILE } from "../scripts/commands/docs";
import { runInProcess } from "./support/commands";
import { projectFolder } from "./support/projects";

// The documentation a newcomer reads: what the code decides is written by `npm run docs`
// and checked here; the rest is checked for what it must hold.
const root = path.resolve(__dirname, "..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const readme = read("README.md");

describe("the generated documentation", () => {
  it("docs/configuration.md and the README's figures are what `npm run docs` writes (run it after changing the schema or the policies)", async () => {
    const written = await generatedDocs(readme, "README.md", REFERENCE_FILE);
    expect(read(REFERENCE_FILE)).toBe(written[REFERENCE_FILE]);
    expect(readme).toBe(written["README.md"]);
    expect(readme).toMatch(/The built-in set \(`dev`, `staging`, `prod`\) defines \d+ stacks/);
    expect(readme).toMatch(/\| `iomete-data-plane-prod` +\| \d+ +\| \d+ +\| \d+ +\| [\d,]+ +\| \d+ +\| \d+ +\| 1,677 actions on any resource/);
  });

  it("lists every field of the schema, each with its documentation", () => {
    // The schema's leaves, walked on their own, against the reference's rows.
    const paths: string[] = [];
    const walk = (schema: ZodTypeAny, prefix: string): void => {
      let inner = schema;
      while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodEffects || inner instanceof z.ZodNullable) {
        inner = inner instanceof z.ZodEffects ? inner.innerType() : inner instanceof z.ZodDefault ? inner._def.innerType : inner.unwrap();
      }
      if (inner instanceof z.ZodDiscriminatedUnion) for (const option of inner.options) walk(option, prefix);
      else if (inner instanceof z.ZodArray && prefix) walk(inner.element, `${prefix.slice(0, -1)}[].`);
      else if (inner instanceof z.ZodObject) {
        for (const [key, child] of Object.entries(inner.shape as Record<string, ZodTypeAny>)) {
          paths.push(`${prefix}${key}`);
          walk(child, `${prefix}${key}.`);
        }
      }
    };
    walk(environmentSchema, "");
    const fields = configurationFields();
    expect(fields.map((f) => f.path).sort()).toEqual(paths.filter((p) => !p.endsWith("]")).sort());
    expect(fields.filter((f) => f.doc.replace(/^\([^)]*\)\s*/, "") === "").map((f) => f.path)).toEqual([]);
    const kind = fields.find((f) => f.path === "kind")!;
    expect(kind).toMatchObject({ type: '"production" or "staging" or "development"', required: false });
    expect(fields.find((f) => f.path === "iomete.network.vpcCidr")).toMatchObject({
      defaultValue: '"10.10.0.0/16"',
      doc: expect.stringMatching(/^\(mode: create\) VPC range/),
    });
  });

  it("npm run docs refuses a README without its figures markers and a reference it did not write, touching nothing", async () => {
    const project = projectFolder();
    fs.writeFileSync(path.join(project, "README.md"), "# ours\n");
    const noMarkers = await runInProcess(docsCommand, [], { cwd: project });
    expect(noMarkers.status).toBe(2);
    expect(noMarkers.stderr).toContain(
      `README.md needs the lines ${FIGURES_START} and ${FIGURES_END}, once each, in that order; nothing was written`,
    );
    fs.writeFileSync(path.join(project, "README.md"), `# ours\n\n${FIGURES_START}\nold\n${FIGURES_END}\n`);
    fs.mkdirSync(path.join(project, "docs"));
    fs.writeFileSync(path.join(project, REFERENCE_FILE), "# our own notes\n");
    const foreign = await runInProcess(docsCommand, [], { cwd: project });
    expect(foreign.status).toBe(2);
    expect(foreign.stderr).toMatch(/configuration\.md exists and was not written by this command/);
    expect(fs.readFileSync(path.join(project, "README.md"), "utf8")).toContain("\nold\n");
    fs.rmSync(path.join(project, REFERENCE_FILE));
    expect((await runInProcess(docsCommand, [], { cwd: project })).status).toBe(0);
    expect(fs.readFileSync(path.join(project, "README.md"), "utf8")).toMatch(/^# ours\n\n<!-- figures: [^\n]*-->\n\nThe built-in set/);
  });
});

describe("the README", () => {
  it("opens with the two commands, has a table of contents naming every section, and no prose line over 200 characters", () => {
    expect(readme.split("\n").slice(2, 6).join("\n")).toMatch(/^```sh\nnpm ci && npm run synth .*\nnpm ci && npm test .*\n```$/);
    const sections = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]).filter((s) => s !== "Contents");
    const anchor = (title: string) =>
      title
        .toLowerCase()
        .replace(/[^\w\s-]/g, "")
        .replace(/\s/g, "-");
    const contents = readme.slice(readme.indexOf("## Contents"), readme.indexOf("\n## ", readme.indexOf("## Contents") + 1));
    expect([...contents.matchAll(/- \[(.+)\]\(#(.+)\)/g)].map((m) => [m[1], m[2]])).toEqual(sections.map((s) => [s, anchor(s)]));
    let code = false;
    const long = readme.split("\n").filter((line) => {
      if (line.startsWith("```")) code = !code;
      return !code && !line.startsWith("|") && line.length > 200;
    });
    expect(long).toEqual([]);
  });

  it.each(["README.md", "CHANGELOG.md", ...fs.readdirSync(path.join(root, "docs")).map((f) => `docs/${f}`)])(
    "%s links only to files that exist",
    (file) => {
      const links = [...read(file).matchAll(/\]\(((?!https?:|#)[^)#]+)(#[^)]*)?\)/g)].map((m) => m[1]);
      for (const link of links) expect([file, fs.existsSync(path.join(root, path.dirname(file), link))]).toEqual([file, true]);
    },
  );
});

describe("the first-deploy guide and the changelog", () => {
  const guide = read("docs/first-deploy.md");

  it("give prerequisites with versions, credentials, the applies in order, a cost estimate, teardown and ten failures", () => {
    for (const heading of [
      "## Prerequisites",
      "## Credentials: who does what",
      "## The order of applies",
      "## What an environment costs",
      "## Teardown",
      "## When a step fails",
    ]) {
      expect(guide).toContain(heading);
    }
    for (const tool of ["Terraform", "AWS CLI", "Session Manager plugin", "kubectl"])
      expect(guide).toMatch(new RegExp(`\\| ${tool}[^|]*\\| [^|]*\\d`));
    const order = ["state-backend-<account>-<region>", "provisioner-<env>", "iomete-data-plane-<env>", "iomete-kubernetes-<env>"].map((s) =>
      guide.indexOf(`deploy ${s}`),
    );
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]))).toBe(true);
    const failures = guide.slice(guide.indexOf("## When a step fails"));
    expect(failures.match(/^\d+\. \*\*/gm)).toHaveLength(10);
  });

  it("has an upgrade note for each breaking change, the kind field first", () => {
    const changelog = read("CHANGELOG.md");
    const breaking = changelog.slice(changelog.indexOf("### Breaking"), changelog.indexOf("### Added"));
    const changes = breaking.split(/\n- \*\*/).slice(1);
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) expect(change).toMatch(/\*\*Upgrade\*\*: /);
    expect(changes[0]).toMatch(/^An environment's posture is the field `kind`/);
  });
});
