import { noAwsCall } from "../kubernetes/shared";

export const tlsCertRequest = noAwsCall("tls_cert_request", "The Spark webhook's certificate request", "terraform-provider-tls 4.1.0", [
  "internal/provider/resource_cert_request.go",
]);
