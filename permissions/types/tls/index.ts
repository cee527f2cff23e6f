import { tlsCertRequest } from "./tls_cert_request";
import { tlsLocallySignedCert } from "./tls_locally_signed_cert";
import { tlsPrivateKey } from "./tls_private_key";
import { tlsSelfSignedCert } from "./tls_self_signed_cert";
import { TypePermissions } from "../types";

/** Every type of the folder, one file each (`test/permissions/types.test.ts` fails on a file left out). */
export const tlsTypes: readonly TypePermissions[] = [tlsCertRequest, tlsLocallySignedCert, tlsPrivateKey, tlsSelfSignedCert];
