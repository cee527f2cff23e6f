import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// scripts/migrate-helm-storage.sh against a stand-in for kubectl that keeps a cluster's objects
// in a folder (test/fixtures/kubectl-standin): Helm's records move from Secrets to ConfigMaps as
// Helm's configmap driver reads them, the same bytes, the same labels.
const root = path.resolve(__dirname, "..");
const STANDIN = path.join(__dirname, "fixtures", "kubectl-standin");

/** What Helm keeps for a release (base64 of gzip of JSON), and a Secret's data of it (base64 once more). */
const record = (release: string) => Buffer.from(`H4sI-${release}-gzip`).toString("base64");

function cluster(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cluster-"));
  const put = (namespace: string, kind: string, name: string, release: string | undefined, labels: Record<string, string>) => {
    const object = path.join(dir, namespace, kind, name);
    fs.mkdirSync(path.join(object, "labels"), { recursive: true });
    if (release !== undefined) fs.writeFileSync(path.join(object, "release"), release);
    for (const [key, value] of Object.entries(labels)) fs.writeFileSync(path.join(object, "labels", key), value);
  };
  const helmLabels = (name: string, version: string) => ({ name, owner: "helm", status: "deployed", version, modifiedAt: "1764000000" });
  put("kube-system", "secret", "sh.helm.release.v1.karpenter.v1", Buffer.from(record("karpenter")).toString("base64"), helmLabels("karpenter", "1"));
  put("kube-system", "secret", "sh.helm.release.v1.karpenter.v2", Buffer.from(record("karpenter2")).toString("base64"), helmLabels("karpenter", "2"));
  put("kube-system", "secret", "not-helm", "c2VjcmV0", { app: "other" });
  put(
    "iomete-system",
    "secret",
    "sh.helm.release.v1.data-plane-base.v1",
    Buffer.from(record("base")).toString("base64"),
    helmLabels("data-plane-base", "1"),
  );
  // A run killed between its create and its label: the ConfigMap is there, unlabelled.
  put("iomete-system", "configmap", "sh.helm.release.v1.data-plane-base.v1", record("base"), {});
  return dir;
}

const run = (dir: string, args: string[] = []) =>
  spawnSync("bash", [path.join(root, "scripts/migrate-helm-storage.sh"), ...args], {
    encoding: "utf8",
    env: { ...process.env, PATH: `${STANDIN}:${process.env.PATH}`, CLUSTER: dir },
  });

const configMap = (dir: string, namespace: string, name: string) => {
  const object = path.join(dir, namespace, "configmap", name);
  if (!fs.existsSync(object)) return undefined;
  const labels = Object.fromEntries(
    fs.readdirSync(path.join(object, "labels")).map((k) => [k, fs.readFileSync(path.join(object, "labels", k), "utf8")]),
  );
  return { release: fs.readFileSync(path.join(object, "release"), "utf8"), labels };
};

describe("scripts/migrate-helm-storage.sh", () => {
  it("copies every Helm record of the release namespaces to a ConfigMap with Helm's labels, finishing an interrupted copy, and no other Secret", () => {
    const dir = cluster();
    const result = run(dir);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(configMap(dir, "kube-system", "sh.helm.release.v1.karpenter.v2")).toEqual({
      release: record("karpenter2"),
      labels: { name: "karpenter", owner: "helm", status: "deployed", version: "2", modifiedAt: "1764000000" },
    });
    expect(configMap(dir, "kube-system", "sh.helm.release.v1.karpenter.v1")!.release).toBe(record("karpenter"));
    expect(configMap(dir, "iomete-system", "sh.helm.release.v1.data-plane-base.v1")).toEqual({
      release: record("base"),
      labels: { name: "data-plane-base", owner: "helm", status: "deployed", version: "1", modifiedAt: "1764000000" },
    });
    expect(configMap(dir, "kube-system", "not-helm")).toBeUndefined();
    expect(result.stdout).toMatch(/Copied 3 Helm release record\(s\)\./);
    // Run again: nothing left to do, nothing changed.
    const again = run(dir);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/Copied 0 Helm release record\(s\)\./);
    expect(again.stdout).toContain("kube-system/sh.helm.release.v1.karpenter.v1: a ConfigMap of that name exists; left as it is");
  });

  it("takes the namespaces it is given, and answers --help without touching the cluster", () => {
    const dir = cluster();
    expect(run(dir, ["iomete-system"]).stdout).toMatch(/Copied 1 Helm release record\(s\)\./);
    expect(configMap(dir, "kube-system", "sh.helm.release.v1.karpenter.v1")).toBeUndefined();
    const calls = () => fs.readFileSync(path.join(dir, "calls.log"), "utf8");
    const before = calls();
    const help = run(dir, ["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Copies Helm's release records from Secrets/);
    expect(help.stdout).toContain("usage: scripts/migrate-helm-storage.sh [namespace ...]");
    expect(calls()).toBe(before);
  });
});
