"use strict";
/*
 * Runs in a Kubernetes Job (Node 20 or later, no packages): makes a webhook's CA and server
 * certificate inside the cluster, so no key passes through Terraform's plan or state.
 *
 *   node webhook-certificates-job.cjs secret    creates the Secret when absent, renews its server
 *                                               certificate near expiry, and adopts one of the same
 *                                               four files made elsewhere (an earlier version's, by
 *                                               Terraform): labels it and issues its server certificate
 *                                               again from its CA; anything else is left as it is
 *   node webhook-certificates-job.cjs ca-bundle sets the CA of the Secret as caBundle on the webhook
 *                                               configuration's entries for the Service
 *
 * Settings come from the environment (see `settings`). Keys are RSA 2048 in PKCS#1 PEM and the
 * Secret's file names are those IOMETE's Spark operator reads, as the certificates it had before.
 * Node signs; this file only lays out the DER (RFC 5280) around the signature.
 */
const { Buffer } = require("node:buffer");
const crypto = require("node:crypto");
const fs = require("node:fs");
const http = require("node:http");
const https = require("node:https");
const { URL } = require("node:url");

/** The label that marks a Secret this Job made (and so may renew). */
const MADE_BY = { key: "app.kubernetes.io/managed-by", value: "webhook-certificates-job" };
const FILES = { caCert: "ca-cert.pem", caKey: "ca-key.pem", serverCert: "server-cert.pem", serverKey: "server-key.pem" };
const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Certificates start a little in the past: nodes' clocks differ. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

// ---- DER (X.690): the few ASN.1 types a certificate needs ----

function derLength(n) {
  if (n < 0x80) return Buffer.from([n]);
  const bytes = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length].concat(bytes));
}
function tlv(tag, content) {
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}
const sequence = (...items) => tlv(0x30, Buffer.concat(items));
const set = (...items) => tlv(0x31, Buffer.concat(items));
const explicit = (n, content) => tlv(0xa0 + n, content);
const octets = (bytes) => tlv(0x04, bytes);
const boolean = (value) => tlv(0x01, Buffer.from([value ? 0xff : 0]));
const utf8 = (text) => tlv(0x0c, Buffer.from(text, "utf8"));
const nullValue = () => tlv(0x05, Buffer.alloc(0));

/** A non-negative INTEGER from big-endian bytes: no redundant leading zeros, a zero before a high bit. */
function unsignedInteger(bytes) {
  let b = Buffer.from(bytes);
  while (b.length > 1 && b[0] === 0 && !(b[1] & 0x80)) b = b.subarray(1);
  if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(0x02, b);
}
function objectId(dotted) {
  const [first, second, ...rest] = dotted.split(".").map(Number);
  const out = [40 * first + second];
  for (const arc of rest) {
    const encoded = [arc % 128];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) encoded.unshift(0x80 | (v % 128));
    out.push(...encoded);
  }
  return tlv(0x06, Buffer.from(out));
}
/** A BIT STRING of named bits (bit 0 first), with trailing zero bits dropped as DER requires. */
function namedBits(bitNumbers) {
  const bytes = Buffer.alloc(Math.floor(Math.max(...bitNumbers) / 8) + 1);
  for (const bit of bitNumbers) bytes[Math.floor(bit / 8)] |= 0x80 >> (bit % 8);
  const last = bytes[bytes.length - 1];
  let unused = 0;
  while (unused < 7 && !(last & (1 << unused))) unused++;
  return tlv(0x03, Buffer.concat([Buffer.from([unused]), bytes]));
}
const bitString = (bytes) => tlv(0x03, Buffer.concat([Buffer.from([0]), bytes]));
/** UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5). */
function time(date) {
  const digits = date.toISOString().replace(/[-:T]/g, "").slice(0, 14) + "Z";
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(digits.slice(2))) : tlv(0x18, Buffer.from(digits));
}

// ---- X.509 ----

const OID = {
  commonName: "2.5.4.3",
  sha256WithRsa: "1.2.840.113549.1.1.11",
  subjectKeyId: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  authorityKeyId: "2.5.29.35",
  extKeyUsage: "2.5.29.37",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
};
/** keyUsage bits (RFC 5280 4.2.1.3). */
const USAGE = { digitalSignature: 0, keyEncipherment: 2, keyCertSign: 5, cRLSign: 6 };

const signatureAlgorithm = () => sequence(objectId(OID.sha256WithRsa), nullValue());
const name = (commonName) => sequence(set(sequence(objectId(OID.commonName), utf8(commonName))));
function extension(oid, critical, value) {
  return sequence(objectId(oid), ...(critical ? [boolean(true)] : []), octets(value));
}
/** The key identifier RFC 5280 4.2.1.2 (1) describes: SHA-1 of the subjectPublicKey bits. */
function keyIdentifier(publicKey) {
  const spki = publicKey.export({ type: "pkcs1", format: "der" });
  return crypto.createHash("sha1").update(spki).digest();
}

/**
 * A certificate for `subject`'s key signed with `issuer`'s key: a CA (`ca: true`) or a server
 * certificate for `dnsName` (serverAuth and clientAuth, as IOMETE's own script made them).
 */
function certificate({ subject, issuer, commonName, issuerName, ca, dnsName, notBefore, notAfter }) {
  const subjectKeyId = keyIdentifier(subject.publicKey);
  const extensions = ca
    ? [
        extension(OID.basicConstraints, true, sequence(boolean(true))),
        extension(OID.keyUsage, true, namedBits([USAGE.digitalSignature, USAGE.keyCertSign, USAGE.cRLSign])),
        extension(OID.subjectKeyId, false, octets(subjectKeyId)),
      ]
    : [
        extension(OID.basicConstraints, true, sequence()),
        extension(OID.keyUsage, true, namedBits([USAGE.digitalSignature, USAGE.keyEncipherment])),
        extension(OID.extKeyUsage, false, sequence(objectId(OID.serverAuth), objectId(OID.clientAuth))),
        extension(OID.subjectAltName, false, sequence(tlv(0x82, Buffer.from(dnsName, "ascii")))),
        extension(OID.subjectKeyId, false, octets(subjectKeyId)),
        extension(OID.authorityKeyId, false, sequence(tlv(0x80, keyIdentifier(issuer.publicKey)))),
      ];
  const serial = crypto.randomBytes(16);
  serial[0] &= 0x7f;
  const toBeSigned = sequence(
    explicit(0, unsignedInteger([2])),
    unsignedInteger(serial),
    signatureAlgorithm(),
    name(issuerName),
    sequence(time(notBefore), time(notAfter)),
    name(commonName),
    subject.publicKey.export({ type: "spki", format: "der" }),
    explicit(3, sequence(...extensions)),
  );
  const signature = crypto.sign("sha256", toBeSigned, issuer.privateKey);
  return pem("CERTIFICATE", sequence(toBeSigned, signatureAlgorithm(), bitString(signature)));
}

function pem(label, der) {
  const lines = der.toString("base64").match(/.{1,64}/g);
  const boundary = (word) => "-----" + word + " " + label + "-----";
  return [boundary("BEGIN"), ...lines, boundary("END"), ""].join("\n");
}

const newKey = () => crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const keyPem = (key) => key.privateKey.export({ type: "pkcs1", format: "pem" });
const keyFromPem = (text) => {
  const privateKey = crypto.createPrivateKey(text);
  return { privateKey, publicKey: crypto.createPublicKey(privateKey) };
};

/** A server certificate (and its new key) for `dnsName`, signed by the CA. */
function serverFiles(caKey, caCommonName, dnsName, days, now) {
  const key = newKey();
  const cert = certificate({
    subject: key,
    issuer: caKey,
    commonName: dnsName,
    issuerName: caCommonName,
    ca: false,
    dnsName,
    notBefore: new Date(now.getTime() - CLOCK_SKEW_MS),
    notAfter: new Date(now.getTime() + days * DAY_MS),
  });
  return { [FILES.serverCert]: cert, [FILES.serverKey]: keyPem(key) };
}

/** The four files: a new CA and a server certificate for `dnsName` it signed. */
function generate({ dnsName, caDays, serverDays, now = new Date() }) {
  const caKey = newKey();
  const caCommonName = dnsName + " CA";
  const caCert = certificate({
    subject: caKey,
    issuer: caKey,
    commonName: caCommonName,
    issuerName: caCommonName,
    ca: true,
    notBefore: new Date(now.getTime() - CLOCK_SKEW_MS),
    notAfter: new Date(now.getTime() + caDays * DAY_MS),
  });
  return { [FILES.caCert]: caCert, [FILES.caKey]: keyPem(caKey), ...serverFiles(caKey, caCommonName, dnsName, serverDays, now) };
}

/**
 * Whether the files are a CA whose key is the one given, and a server certificate it signed:
 * a Secret of that shape can be adopted (renewed from its own CA, which the webhook trusts).
 */
function isOwnChain(files) {
  if (!Object.values(FILES).every((name) => typeof files[name] === "string")) return false;
  try {
    const ca = new crypto.X509Certificate(files[FILES.caCert]);
    const server = new crypto.X509Certificate(files[FILES.serverCert]);
    return ca.ca && ca.checkPrivateKey(crypto.createPrivateKey(files[FILES.caKey])) && server.checkIssued(ca) && server.verify(ca.publicKey);
  } catch {
    return false;
  }
}

/**
 * The server certificate again, from the same CA, when the one given expires within `renewDays`
 * or no longer names `dnsName`; otherwise undefined. A CA near its end is not renewed here: a new
 * CA means a new caBundle, which is a new Secret (delete it and run the Job again).
 */
function renewal(files, { dnsName, serverDays, renewDays, now = new Date() }) {
  const server = new crypto.X509Certificate(files[FILES.serverCert]);
  const dueAt = new Date(server.validTo).getTime() - renewDays * DAY_MS;
  if (dueAt > now.getTime() && server.checkHost(dnsName) === dnsName) return undefined;
  return reissued(files, dnsName, serverDays, now);
}

/** A new server certificate (and key) for `dnsName`, signed by the files' own CA. */
function reissued(files, dnsName, days, now) {
  const ca = new crypto.X509Certificate(files[FILES.caCert]);
  return serverFiles(keyFromPem(files[FILES.caKey]), commonNameOf(ca.subject), dnsName, days, now);
}
const commonNameOf = (subject) => /(?:^|\n)CN=([^\n]*)/.exec(subject)[1];

// ---- The Kubernetes API ----

/** The API server from inside a pod: its Service, the pod's service account token and the cluster's CA. */
function inClusterApi(env = process.env) {
  const account = "/var/run/secrets/kubernetes.io/serviceaccount/";
  return {
    // An IPv6 address goes in brackets in a URL.
    base:
      "https://" +
      (env.KUBERNETES_SERVICE_HOST.includes(":") ? "[" + env.KUBERNETES_SERVICE_HOST + "]" : env.KUBERNETES_SERVICE_HOST) +
      ":" +
      env.KUBERNETES_SERVICE_PORT,
    token: fs.readFileSync(account + "token", "utf8").trim(),
    ca: fs.readFileSync(account + "ca.crt"),
  };
}

/** One API call: resolves to { status, body } (body parsed), whatever the status. */
function call(api, method, path, body, contentType = "application/json") {
  const url = new URL(path, api.base);
  const transport = url.protocol === "https:" ? https : http;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method,
        ca: api.ca,
        headers: {
          authorization: "Bearer " + api.token,
          accept: "application/json",
          ...(payload === undefined ? {} : { "content-type": contentType, "content-length": Buffer.byteLength(payload) }),
        },
        timeout: 30000,
      },
      (response) => {
        const chunks = [];
        response.on("error", reject);
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = text;
          }
          resolve({ status: response.statusCode, body: parsed });
        });
      },
    );
    request.on("timeout", () => request.destroy(new Error(method + " " + url.pathname + ": no answer in 30 s")));
    request.on("error", reject);
    if (payload !== undefined) request.write(payload);
    request.end();
  });
}

function failure(what, response) {
  const message = response.body && typeof response.body === "object" ? response.body.message : response.body;
  return new Error(what + ": HTTP " + response.status + (message ? " (" + message + ")" : ""));
}

const decode = (data) => Object.fromEntries(Object.entries(data || {}).map(([k, v]) => [k, Buffer.from(v, "base64").toString("utf8")]));
const encode = (files) => Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.from(v, "utf8").toString("base64")]));

/** Mode `secret`: what it did, in one word (`created`, `renewed`, `adopted`, `kept`, `foreign`). */
async function ensureSecret(api, s, log, now = new Date()) {
  const path = "/api/v1/namespaces/" + s.namespace + "/secrets/" + s.secretName;
  const current = await call(api, "GET", path);
  if (current.status === 404) {
    const secret = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: s.secretName, namespace: s.namespace, labels: { [MADE_BY.key]: MADE_BY.value } },
      type: "Opaque",
      data: encode(generate({ dnsName: s.dnsName, caDays: s.caDays, serverDays: s.serverDays, now })),
    };
    const created = await call(api, "POST", "/api/v1/namespaces/" + s.namespace + "/secrets", secret);
    if (created.status === 201) return done(log, "created", s);
    // Another run made it first: what it made stands.
    if (created.status === 409) return done(log, "kept", s);
    throw failure("creating Secret " + s.namespace + "/" + s.secretName, created);
  }
  if (current.status !== 200) throw failure("reading Secret " + s.namespace + "/" + s.secretName, current);
  const labels = current.body.metadata.labels || {};
  const files = decode(current.body.data);
  const ours = labels[MADE_BY.key] === MADE_BY.value;
  if (!ours && !isOwnChain(files)) return done(log, "foreign", s);
  // Adopted: its server certificate is issued again at once, from the CA the webhook already trusts (nothing breaks).
  const renewed = ours
    ? renewal(files, { dnsName: s.dnsName, serverDays: s.serverDays, renewDays: s.renewDays, now })
    : reissued(files, s.dnsName, s.serverDays, now);
  if (!renewed) return done(log, "kept", s);
  const metadata = { ...current.body.metadata, labels: { ...labels, [MADE_BY.key]: MADE_BY.value } };
  // resourceVersion (kept in metadata) makes the update fail rather than overwrite a change made meanwhile.
  const updated = await call(api, "PUT", path, { ...current.body, metadata, data: encode({ ...files, ...renewed }) });
  if (updated.status !== 200) throw failure("renewing the server certificate in Secret " + s.namespace + "/" + s.secretName, updated);
  return done(log, ours ? "renewed" : "adopted", s);
}

const OUTCOMES = {
  created: "created with a new CA and server certificate",
  renewed: "kept its CA; the server certificate was renewed (restart the webhook's server to serve it)",
  adopted:
    "was made elsewhere with its own CA: labelled as this Job's, its server certificate issued again from that CA (restart the webhook's server to serve it)",
  kept: "exists and is current: kept",
  foreign: "exists and is not a CA with the server certificate it signed: kept as it is (delete it and run the Job again to replace it)",
};
function done(log, outcome, s) {
  log("Secret " + s.namespace + "/" + s.secretName + " " + OUTCOMES[outcome]);
  return outcome;
}

/** Mode `ca-bundle`: sets the Secret's CA on each entry of the webhook configuration that calls the Service; how many. */
async function applyCaBundle(api, s, log) {
  const secret = await call(api, "GET", "/api/v1/namespaces/" + s.namespace + "/secrets/" + s.secretName);
  if (secret.status !== 200) throw failure("reading Secret " + s.namespace + "/" + s.secretName, secret);
  const caBundle = secret.body.data && secret.body.data[FILES.caCert];
  if (!caBundle) throw new Error("Secret " + s.namespace + "/" + s.secretName + " has no " + FILES.caCert);
  const path = "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/" + s.webhookConfiguration;
  const configuration = await call(api, "GET", path);
  if (configuration.status !== 200) throw failure("reading MutatingWebhookConfiguration " + s.webhookConfiguration, configuration);
  const patch = (configuration.body.webhooks || []).flatMap((webhook, i) => {
    const service = (webhook.clientConfig || {}).service || {};
    if (service.name !== s.serviceName || service.namespace !== s.namespace) return [];
    // The test makes the patch fail if the list changed meanwhile, rather than land on another webhook.
    return [
      { op: "test", path: "/webhooks/" + i + "/name", value: webhook.name },
      { op: "add", path: "/webhooks/" + i + "/clientConfig/caBundle", value: caBundle },
    ];
  });
  const webhooks = patch.length / 2;
  if (!webhooks)
    throw new Error(
      "MutatingWebhookConfiguration " + s.webhookConfiguration + " has no webhook calling Service " + s.namespace + "/" + s.serviceName,
    );
  const patched = await call(api, "PATCH", path, patch, "application/json-patch+json");
  if (patched.status !== 200) throw failure("setting caBundle on MutatingWebhookConfiguration " + s.webhookConfiguration, patched);
  log("MutatingWebhookConfiguration " + s.webhookConfiguration + ": caBundle set on " + webhooks + " webhook(s)");
  return webhooks;
}

/** The Job's settings, from its environment; a missing or malformed one stops the Job with its name. */
function settings(env = process.env) {
  const text = (key) => {
    if (!env[key]) throw new Error("environment variable " + key + " is required");
    return env[key];
  };
  const days = (key) => {
    const value = Number(text(key));
    if (!Number.isInteger(value) || value < 1) throw new Error("environment variable " + key + " must be a whole number of days, got " + env[key]);
    return value;
  };
  const namespace = text("WEBHOOK_NAMESPACE");
  const serviceName = text("WEBHOOK_SERVICE");
  return {
    namespace,
    serviceName,
    dnsName: serviceName + "." + namespace + ".svc",
    secretName: text("WEBHOOK_SECRET"),
    webhookConfiguration: env.WEBHOOK_CONFIGURATION,
    caDays: days("CA_VALIDITY_DAYS"),
    serverDays: days("SERVER_VALIDITY_DAYS"),
    renewDays: days("RENEW_DAYS_BEFORE_EXPIRY"),
  };
}

async function main(argv = process.argv.slice(2), env = process.env, log = console.log, api = undefined) {
  const s = settings(env);
  const connection = api || inClusterApi(env);
  if (argv[0] === "secret") return ensureSecret(connection, s, log);
  if (argv[0] === "ca-bundle") {
    if (!s.webhookConfiguration) throw new Error("environment variable WEBHOOK_CONFIGURATION is required in mode ca-bundle");
    return applyCaBundle(connection, s, log);
  }
  throw new Error('the mode must be "secret" or "ca-bundle", got ' + JSON.stringify(argv[0]));
}

module.exports = { generate, renewal, ensureSecret, applyCaBundle, settings, main, MADE_BY, FILES };

if (require.main === module) {
  main().catch((error) => {
    console.error(error.message);
    process.exitCode = 1;
  });
}
