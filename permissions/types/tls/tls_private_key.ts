import { noAwsCall } from "../kubernetes/shared";

export const tlsPrivateKey = noAwsCall("tls_private_key", "Keys of the Spark webhook's CA and server certificate", "terraform-provider-tls 4.1.0", [
  "internal/provider/resource_private_key.go",
]);
