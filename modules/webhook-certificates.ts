import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { writeOnlySecret } from "./write-only-secret";
import { CertRequest } from "@cdktf/provider-tls/lib/cert-request";
import { LocallySignedCert } from "@cdktf/provider-tls/lib/locally-signed-cert";
import { PrivateKey } from "@cdktf/provider-tls/lib/private-key";
import { SelfSignedCert } from "@cdktf/provider-tls/lib/self-signed-cert";

export interface WebhookCertificatesProps {
  /** The webhook's Service; the certificate names `<service>.<namespace>.svc`. */
  readonly serviceName: string;
  readonly namespace: string;
  /** The Secret the webhook server mounts. */
  readonly secretName: string;
  /** @default 10 years: the CA is what the webhook configuration trusts, so it outlives server certificates */
  readonly caValidityHours?: number;
  /** @default 1 year */
  readonly serverValidityHours?: number;
  /** An apply within this window before expiry issues a new server certificate. @default 30 days */
  readonly earlyRenewalHours?: number;
  /** What the Secret waits for (its namespace). @default nothing */
  readonly dependsOn?: ITerraformDependable[];
}

const HOURS_PER_DAY = 24;

/**
 * A webhook's TLS, generated per install: a CA and a server certificate for the
 * Service's in-cluster name, in a Secret with the file names IOMETE's Spark
 * operator reads (`ca-cert.pem`, `ca-key.pem`, `server-cert.pem`, `server-key.pem`).
 * IOMETE's module ships one fixed CA and key, published in its repository, so
 * anyone could mint certificates every install trusts; here no key exists before
 * Terraform creates it. The keys live in the Terraform state (KMS-encrypted S3; a listed
 * residual risk), the Secret's copy of them does not (write-only).
 */
export class WebhookCertificates extends Construct {
  /** The CA certificate, PEM. */
  readonly caCertificatePem: string;
  readonly secret: SecretV1;
  /** The secret with its certificates: a release that mounts it depends on this. */
  readonly dependable: ITerraformDependable;

  constructor(scope: Construct, id: string, props: WebhookCertificatesProps) {
    super(scope, id);
    const dnsName = `${props.serviceName}.${props.namespace}.svc`;
    const caKey = new PrivateKey(this, "ca_key", { algorithm: "RSA", rsaBits: 2048 });
    const ca = new SelfSignedCert(this, "ca", {
      privateKeyPem: caKey.privateKeyPem,
      isCaCertificate: true,
      subject: [{ commonName: `${dnsName} CA` }],
      validityPeriodHours: props.caValidityHours ?? 10 * 365 * HOURS_PER_DAY,
      allowedUses: ["cert_signing", "crl_signing", "digital_signature", "key_encipherment"],
    });
    const serverKey = new PrivateKey(this, "server_key", { algorithm: "RSA", rsaBits: 2048 });
    const request = new CertRequest(this, "server_request", {
      privateKeyPem: serverKey.privateKeyPem,
      subject: [{ commonName: dnsName }],
      dnsNames: [dnsName],
    });
    const server = new LocallySignedCert(this, "server", {
      certRequestPem: request.certRequestPem,
      caPrivateKeyPem: caKey.privateKeyPem,
      caCertPem: ca.certPem,
      validityPeriodHours: props.serverValidityHours ?? 365 * HOURS_PER_DAY,
      earlyRenewalHours: props.earlyRenewalHours ?? 30 * HOURS_PER_DAY,
      allowedUses: ["digital_signature", "key_encipherment", "server_auth", "client_auth"],
    });
    this.caCertificatePem = ca.certPem;
    // The keys are in state (the tls provider signs only with a key it keeps); the Secret's copy is not.
    this.secret = writeOnlySecret(this, "secret", {
      name: props.secretName,
      namespace: props.namespace,
      data: {
        "ca-cert.pem": ca.certPem,
        "ca-key.pem": caKey.privateKeyPem,
        "server-cert.pem": server.certPem,
        "server-key.pem": serverKey.privateKeyPem,
      },
      dependsOn: props.dependsOn,
    });
    this.dependable = this.secret;
  }
}
