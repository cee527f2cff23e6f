import { execFileSync, spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";

// The program the certificate Jobs run in the cluster: plain CommonJS, loaded as the Job loads it.
const SCRIPT = path.join(__dirname, "../../modules/assets/webhook-certificates-job.cjs");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const job = require(SCRIPT);

const NAMESPACE = "iomete-system";
const SERVICE = "spark-operator-webhook";
const DNS_NAME = `${SERVICE}.${NAMESPACE}.svc`;
const SECRET = "spark-operator-webhook-certs";
const CONFIGURATION = "spark-operator-iomete-system";
const DAY_MS = 24 * 3600 * 1000;
const ENV = {
  WEBHOOK_NAMESPACE: NAMESPACE,
  WEBHOOK_SERVICE: SERVICE,
  WEBHOOK_SECRET: SECRET,
  WEBHOOK_CONFIGURATION: CONFIGURATION,
  CA_VALIDITY_DAYS: "3650",
  SERVER_VALIDITY_DAYS: "3650",
  RENEW_DAYS_BEFORE_EXPIRY: "30",
};
const TOKEN = "service-account-token";

type Files = Record<string, string>;
const b64 = (text: string) => Buffer.from(text).toString("base64");
const unb64 = (text: string) => Buffer.from(text, "base64").toString("utf8");

/** What a certificate chain must be for the API server to call the webhook: checked by Node's OpenSSL, not by the code that made it. */
function expectValidChain(files: Files, now = new Date()) {
  const ca = new crypto.X509Certificate(files["ca-cert.pem"]);
  const server = new crypto.X509Certificate(files["server-cert.pem"]);
  expect(ca.ca).toBe(true);
  expect(ca.verify(ca.publicKey)).toBe(true);
  expect(server.ca).toBe(false);
  expect(server.checkIssued(ca)).toBe(true);
  expect(server.verify(ca.publicKey)).toBe(true);
  expect(server.subjectAltName).toBe(`DNS:${DNS_NAME}`);
  expect(server.checkHost(DNS_NAME)).toBe(DNS_NAME);
  expect(server.keyUsage).toEqual(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]);
  expect(new Date(server.validFrom).getTime()).toBeLessThanOrEqual(now.getTime());
  // Each key is the one its certificate carries, in the PKCS#1 form the TLS provider wrote before.
  for (const [cert, key] of [
    [ca, files["ca-key.pem"]],
    [server, files["server-key.pem"]],
  ] as const) {
    expect(key).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    expect(cert.checkPrivateKey(crypto.createPrivateKey(key))).toBe(true);
  }
}

describe("the webhook certificates' program: certificates", () => {
  const files: Files = job.generate({ dnsName: DNS_NAME, caDays: 3650, serverDays: 3650 });

  it("makes the four files IOMETE's operator reads: a CA and a server certificate for the Service that it signed", () => {
    expect(Object.keys(files).sort()).toEqual(["ca-cert.pem", "ca-key.pem", "server-cert.pem", "server-key.pem"]);
    expectValidChain(files);
    const server = new crypto.X509Certificate(files["server-cert.pem"]);
    const days = (new Date(server.validTo).getTime() - Date.now()) / DAY_MS;
    expect(days).toBeGreaterThan(3649);
    expect(days).toBeLessThan(3651);
  });

  it("makes a new CA each time, never a fixed one", () => {
    const again: Files = job.generate({ dnsName: DNS_NAME, caDays: 3650, serverDays: 3650 });
    expect(again["ca-key.pem"]).not.toBe(files["ca-key.pem"]);
    expect(new crypto.X509Certificate(again["ca-cert.pem"]).serialNumber).not.toBe(new crypto.X509Certificate(files["ca-cert.pem"]).serialNumber);
  });

  it("writes certificates OpenSSL's own verifier accepts for a TLS server", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "webhook-certs-"));
    try {
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
      const out = execFileSync("openssl", ["verify", "-purpose", "sslserver", "-CAfile", "ca-cert.pem", "server-cert.pem"], {
        cwd: dir,
        encoding: "utf8",
      });
      expect(out.trim()).toBe("server-cert.pem: OK");
      // Strict DER: what Go's parser (the operator's and the API server's) reads.
      execFileSync("openssl", ["asn1parse", "-in", "server-cert.pem", "-strictpem"], { cwd: dir, stdio: "ignore" });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("renews the server certificate from the same CA only near its expiry, or when it names another host", () => {
    const now = new Date();
    expect(job.renewal(files, { dnsName: DNS_NAME, serverDays: 3650, renewDaysBeforeExpiry: 30, renewDays: 30, now })).toBeUndefined();
    const late = new Date(now.getTime() + 3630 * DAY_MS);
    const renewed: Files = job.renewal(files, { dnsName: DNS_NAME, serverDays: 3650, renewDays: 30, now: late });
    expect(Object.keys(renewed).sort()).toEqual(["server-cert.pem", "server-key.pem"]);
    expectValidChain({ ...files, ...renewed }, late);
    expect(renewed["server-key.pem"]).not.toBe(files["server-key.pem"]);
    expect(job.renewal(files, { dnsName: "other.iomete-system.svc", serverDays: 3650, renewDays: 30, now })).toBeDefined();
  });
});

interface StandIn {
  readonly api: { base: string; token: string };
  readonly secrets: Map<string, any>;
  readonly configurations: Map<string, any>;
  readonly writes: Array<{ method: string; path: string; body: any; contentType?: string }>;
  /** The next answer to a method and path, instead of the stand-in's own. */
  readonly answers: Map<string, { status: number; body: any }>;
  close(): Promise<void>;
}

/** The few Kubernetes API calls the program makes, answered as the API server does (404, 409, resourceVersion), with bearer auth. */
async function kubernetesStandIn(): Promise<StandIn> {
  const secrets = new Map<string, any>();
  const configurations = new Map<string, any>();
  const writes: StandIn["writes"] = [];
  const answers = new Map<string, { status: number; body: any }>();
  let version = 1;
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (d) => (text += d));
    req.on("end", () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { message: "Unauthorized" });
      const body = text ? JSON.parse(text) : undefined;
      const url = req.url!;
      if (req.method !== "GET") writes.push({ method: req.method!, path: url, body, contentType: req.headers["content-type"] });
      const canned = answers.get(`${req.method} ${url}`);
      if (canned) {
        answers.delete(`${req.method} ${url}`);
        return send(canned.status, canned.body);
      }
      const secret = /^\/api\/v1\/namespaces\/([^/]+)\/secrets(?:\/([^/]+))?$/.exec(url);
      const configuration = /^\/apis\/admissionregistration\.k8s\.io\/v1\/mutatingwebhookconfigurations\/([^/]+)$/.exec(url);
      if (secret && req.method === "POST") {
        const key = `${secret[1]}/${body.metadata.name}`;
        if (secrets.has(key)) return send(409, { message: `secrets "${body.metadata.name}" already exists` });
        secrets.set(key, { ...body, metadata: { ...body.metadata, resourceVersion: String(version++) } });
        return send(201, secrets.get(key));
      }
      if (secret && secret[2]) {
        const key = `${secret[1]}/${secret[2]}`;
        if (!secrets.has(key)) return send(404, { message: `secrets "${secret[2]}" not found` });
        if (req.method === "GET") return send(200, secrets.get(key));
        if (req.method === "PUT") {
          if (body.metadata.resourceVersion !== secrets.get(key).metadata.resourceVersion)
            return send(409, { message: "the object has been modified" });
          secrets.set(key, { ...body, metadata: { ...body.metadata, resourceVersion: String(version++) } });
          return send(200, secrets.get(key));
        }
      }
      if (configuration) {
        const current = configurations.get(configuration[1]);
        if (!current) return send(404, { message: `mutatingwebhookconfigurations "${configuration[1]}" not found` });
        if (req.method === "GET") return send(200, current);
        if (req.method === "PATCH" && req.headers["content-type"] === "application/json-patch+json") {
          // A JSON patch applies whole or not at all: its tests first.
          for (const op of body.filter((o: any) => o.op === "test")) {
            const [, index] = /^\/webhooks\/(\d+)\/name$/.exec(op.path)!;
            if (current.webhooks[Number(index)]?.name !== op.value) return send(422, { message: `the test of ${op.path} failed` });
          }
          for (const op of body.filter((o: any) => o.op === "add")) {
            const [, index, field] = /^\/webhooks\/(\d+)\/clientConfig\/(\w+)$/.exec(op.path)!;
            current.webhooks[Number(index)].clientConfig[field] = op.value;
          }
          return send(200, current);
        }
      }
      send(405, { message: `${req.method} ${url} is not served here` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    api: { base: `http://127.0.0.1:${port}`, token: TOKEN },
    secrets,
    configurations,
    writes,
    answers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("the webhook certificates' program: against the Kubernetes API", () => {
  let k: StandIn;
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);
  const run = (mode: string, env: Record<string, string> = ENV) => job.main([mode], env, log, k.api);
  const stored = () => k.secrets.get(`${NAMESPACE}/${SECRET}`);
  /** The Secret the first test's run made: later tests start from it (RSA keys take a while to make). */
  let made: any;
  const seed = () => k.secrets.set(`${NAMESPACE}/${SECRET}`, structuredClone(made));
  beforeEach(async () => {
    k = await kubernetesStandIn();
    logs.length = 0;
  });
  afterEach(() => k.close());

  it("creates the Secret, labelled as its own, with a valid chain, when it is absent", async () => {
    await expect(run("secret")).resolves.toBe("created");
    const secret = stored();
    made = structuredClone(secret);
    expect(secret.metadata).toMatchObject({
      name: SECRET,
      namespace: NAMESPACE,
      labels: { "app.kubernetes.io/managed-by": "webhook-certificates-job" },
    });
    expect(secret.type).toBe("Opaque");
    expectValidChain(Object.fromEntries(Object.entries<string>(secret.data).map(([k, v]) => [k, unb64(v)])));
    expect(logs).toEqual([`Secret ${NAMESPACE}/${SECRET} created with a new CA and server certificate`]);
  });

  it("keeps its own current Secret: a second run writes nothing", async () => {
    seed();
    const first = JSON.stringify(stored());
    await expect(run("secret")).resolves.toBe("kept");
    expect(k.writes).toEqual([]);
    expect(JSON.stringify(stored())).toBe(first);
  });

  it("renews its own server certificate near expiry with the same CA, guarded by the Secret's resourceVersion", async () => {
    const old: Files = job.generate({ dnsName: DNS_NAME, caDays: 3650, serverDays: 20 });
    k.secrets.set(`${NAMESPACE}/${SECRET}`, {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: SECRET, namespace: NAMESPACE, labels: { "app.kubernetes.io/managed-by": "webhook-certificates-job" }, resourceVersion: "7" },
      data: Object.fromEntries(Object.entries(old).map(([k, v]) => [k, b64(v)])),
    });
    await expect(run("secret")).resolves.toBe("renewed");
    const [put] = k.writes;
    expect(put).toMatchObject({ method: "PUT", path: `/api/v1/namespaces/${NAMESPACE}/secrets/${SECRET}` });
    expect(put.body.metadata.resourceVersion).toBe("7");
    const files = Object.fromEntries(Object.entries<string>(stored().data).map(([k, v]) => [k, unb64(v)]));
    expect(files["ca-cert.pem"]).toBe(old["ca-cert.pem"]);
    expect(files["ca-key.pem"]).toBe(old["ca-key.pem"]);
    expect(files["server-cert.pem"]).not.toBe(old["server-cert.pem"]);
    expectValidChain(files);
  });

  it("adopts an earlier version's Secret (a CA and the server certificate it signed): labels it and issues the server certificate again from that CA", async () => {
    const earlier: Files = job.generate({ dnsName: DNS_NAME, caDays: 3650, serverDays: 365 });
    k.secrets.set(`${NAMESPACE}/${SECRET}`, {
      metadata: { name: SECRET, namespace: NAMESPACE, resourceVersion: "4" },
      type: "Opaque",
      data: Object.fromEntries(Object.entries(earlier).map(([k, v]) => [k, b64(v)])),
    });
    await expect(run("secret")).resolves.toBe("adopted");
    const [put] = k.writes;
    expect(put.body.metadata).toMatchObject({ resourceVersion: "4", labels: { "app.kubernetes.io/managed-by": "webhook-certificates-job" } });
    const files = Object.fromEntries(Object.entries<string>(stored().data).map(([k, v]) => [k, unb64(v)]));
    // The CA the webhook configuration trusts stays; the operator's current certificate stays valid under it.
    expect(files["ca-cert.pem"]).toBe(earlier["ca-cert.pem"]);
    expect(files["ca-key.pem"]).toBe(earlier["ca-key.pem"]);
    expect(files["server-cert.pem"]).not.toBe(earlier["server-cert.pem"]);
    expectValidChain(files);
    expect((new Date(new crypto.X509Certificate(files["server-cert.pem"]).validTo).getTime() - Date.now()) / DAY_MS).toBeGreaterThan(3649);
    // Adopted, it is its own from then on.
    k.writes.length = 0;
    await expect(run("secret")).resolves.toBe("kept");
    expect(k.writes).toEqual([]);
  });

  it("leaves any other Secret of that name as it is", async () => {
    const foreign = { metadata: { name: SECRET, namespace: NAMESPACE, resourceVersion: "3" }, data: { "ca-cert.pem": b64("not ours") } };
    k.secrets.set(`${NAMESPACE}/${SECRET}`, foreign);
    await expect(run("secret")).resolves.toBe("foreign");
    expect(k.writes).toEqual([]);
    expect(logs[0]).toMatch(/is not a CA with the server certificate it signed: kept as it is \(delete it and run the Job again to replace it\)/);
  });

  it("keeps what another run created first (409) instead of failing", async () => {
    k.answers.set(`POST /api/v1/namespaces/${NAMESPACE}/secrets`, { status: 409, body: { message: "already exists" } });
    await expect(run("secret")).resolves.toBe("kept");
  });

  it("fails, naming the object, the status and the API's message, when the API refuses", async () => {
    k.answers.set(`GET /api/v1/namespaces/${NAMESPACE}/secrets/${SECRET}`, { status: 403, body: { message: "secrets is forbidden" } });
    await expect(run("secret")).rejects.toThrow(`reading Secret ${NAMESPACE}/${SECRET}: HTTP 403 (secrets is forbidden)`);
  });

  it("sets the Secret's CA as caBundle on the configuration's webhooks that call the Service, and on no other", async () => {
    seed();
    const other = { name: "other.example.com", clientConfig: { service: { name: "other", namespace: NAMESPACE } } };
    const spark = { name: "webhook.sparkoperator.k8s.io", clientConfig: { service: { name: SERVICE, namespace: NAMESPACE, path: "/webhook" } } };
    k.configurations.set(CONFIGURATION, { metadata: { name: CONFIGURATION }, webhooks: [other, spark] });
    await expect(run("ca-bundle")).resolves.toBe(1);
    const [patch] = k.writes.filter((w) => w.method === "PATCH");
    expect(patch.contentType).toBe("application/json-patch+json");
    expect(patch.body).toEqual([
      { op: "test", path: "/webhooks/1/name", value: "webhook.sparkoperator.k8s.io" },
      { op: "add", path: "/webhooks/1/clientConfig/caBundle", value: stored().data["ca-cert.pem"] },
    ]);
    const [first, second] = k.configurations.get(CONFIGURATION).webhooks;
    expect(first.clientConfig.caBundle).toBeUndefined();
    expect(unb64(second.clientConfig.caBundle)).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it("fails rather than patch another webhook when the configuration changed between its read and its patch", async () => {
    seed();
    const other = { name: "other.example.com", clientConfig: { service: { name: "other", namespace: NAMESPACE } } };
    const spark = { name: "webhook.sparkoperator.k8s.io", clientConfig: { service: { name: SERVICE, namespace: NAMESPACE } } };
    // Read with the Spark webhook first; by the patch, another webhook was put before it.
    k.configurations.set(CONFIGURATION, { metadata: { name: CONFIGURATION }, webhooks: [other, spark] });
    const path = `/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/${CONFIGURATION}`;
    k.answers.set(`GET ${path}`, { status: 200, body: { metadata: { name: CONFIGURATION }, webhooks: [spark] } });
    await expect(run("ca-bundle")).rejects.toThrow(`setting caBundle on MutatingWebhookConfiguration ${CONFIGURATION}: HTTP 422`);
    expect(k.configurations.get(CONFIGURATION).webhooks.map((w: any) => w.clientConfig.caBundle)).toEqual([undefined, undefined]);
  });

  it("fails when the configuration has no webhook for the Service, or the Secret is missing", async () => {
    seed();
    k.configurations.set(CONFIGURATION, { metadata: { name: CONFIGURATION }, webhooks: [] });
    await expect(run("ca-bundle")).rejects.toThrow(
      `MutatingWebhookConfiguration ${CONFIGURATION} has no webhook calling Service ${NAMESPACE}/${SERVICE}`,
    );
    k.secrets.clear();
    await expect(run("ca-bundle")).rejects.toThrow(`reading Secret ${NAMESPACE}/${SECRET}: HTTP 404`);
  });

  it("names a missing or malformed setting, and an unknown mode", async () => {
    const { WEBHOOK_SECRET: _omitted, ...withoutSecret } = ENV;
    await expect(run("secret", withoutSecret)).rejects.toThrow("environment variable WEBHOOK_SECRET is required");
    await expect(run("secret", { ...ENV, SERVER_VALIDITY_DAYS: "ten" })).rejects.toThrow(
      "environment variable SERVER_VALIDITY_DAYS must be a whole number of days, got ten",
    );
    await expect(run("rotate")).rejects.toThrow('the mode must be "secret" or "ca-bundle", got "rotate"');
  });

  it("exits 1 with the reason on its error stream when run as the Job runs it", () => {
    const result = spawnSync(process.execPath, [SCRIPT, "secret"], { env: { PATH: process.env.PATH }, encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe("environment variable WEBHOOK_NAMESPACE is required");
  });
});
