import { noAwsCall } from "../kubernetes/shared";

export const tlsLocallySignedCert = noAwsCall("tls_locally_signed_cert", "The Spark webhook's server certificate", "terraform-provider-tls 4.1.0", [
  "internal/provider/resource_locally_signed_cert.go",
]);
