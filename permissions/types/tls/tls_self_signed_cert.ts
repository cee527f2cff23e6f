import { noAwsCall } from "../kubernetes/shared";

export const tlsSelfSignedCert = noAwsCall("tls_self_signed_cert", "The Spark webhook's CA", "terraform-provider-tls 4.1.0", [
  "internal/provider/resource_self_signed_cert.go",
]);
