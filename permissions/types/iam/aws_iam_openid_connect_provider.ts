import { eksOidcProviderPattern } from "./shared";
import { TypePermissions } from "../types";

export const awsIamOpenidConnectProvider: TypePermissions = {
  purpose: "The cluster's OIDC issuer, trusted for IRSA",
  // The issuer id is the cluster's, unknown until it exists: every EKS provider of the region until
  // the provisioner reads the stack's own from its state.
  arns: (_, ctx) => [ctx.deployed?.oidcProviderArn ?? eksOidcProviderPattern(ctx)],
  rules: [
    { phase: "create", actions: ["iam:CreateOpenIDConnectProvider", "iam:TagOpenIDConnectProvider"], gate: { kind: "request-tag" } },
    { phase: "read", actions: ["iam:GetOpenIDConnectProvider"], gate: { kind: "resource-tag" } },
    {
      phase: "update",
      actions: [
        "iam:UpdateOpenIDConnectProviderThumbprint",
        "iam:AddClientIDToOpenIDConnectProvider",
        "iam:RemoveClientIDFromOpenIDConnectProvider",
        "iam:TagOpenIDConnectProvider",
        "iam:UntagOpenIDConnectProvider",
      ],
      gate: { kind: "resource-tag" },
    },
    { phase: "delete", actions: ["iam:DeleteOpenIDConnectProvider"], gate: { kind: "resource-tag" } },
  ],
  calls: {
    type: "aws_iam_openid_connect_provider",
    source: {
      files: ["internal/service/iam/openid_connect_provider.go", "internal/service/iam/tags.go"],
      commit: "01606926a0c0ab9174aec440f976a48b0baee722",
    },
    create: ["iam:CreateOpenIDConnectProvider", "iam:GetOpenIDConnectProvider", "iam:TagOpenIDConnectProvider"],
    read: ["iam:GetOpenIDConnectProvider"],
    update: {
      client_id_list: ["iam:AddClientIDToOpenIDConnectProvider", "iam:RemoveClientIDFromOpenIDConnectProvider"],
      tags: ["iam:TagOpenIDConnectProvider", "iam:UntagOpenIDConnectProvider"],
      thumbprint_list: ["iam:UpdateOpenIDConnectProviderThumbprint"],
    },
    delete: ["iam:DeleteOpenIDConnectProvider"],
    import: ["iam:GetOpenIDConnectProvider"],
    notes:
      "Source: hashicorp/terraform-provider-aws openid_connect_provider.go@01606926 (6.x, aws-sdk-go-v2, @ArnIdentity, preIdentityVersion v6.4.0; header still 'Copyright (c) HashiCorp, Inc.', so slightly older than 6.25.0); tags.go@0413c661ec1b94f3033c98f3fbd1e8c1b2725589 (openIDConnectProviderCreateTags/openIDConnectProviderUpdateTags). " +
      "Create: CreateOpenIDConnectProvider with Url, ClientIDList, ThumbprintList (if set) and Tags; if the partition rejects tag-on-create it is retried without Tags and iam:TagOpenIDConnectProvider is then called via openIDConnectProviderCreateTags (IAM itself requires iam:TagOpenIDConnectProvider to pass Tags on create); then Read. " +
      "Read: GetOpenIDConnectProvider (findOpenIDConnectProviderByARN); tags come from the response (setTagsOut), so ListOpenIDConnectProviderTags is not on this path. " +
      "Update: thumbprint_list -> UpdateOpenIDConnectProviderThumbprint, only when the new list is non-empty (clearing it makes no call; issue #40509); client_id_list (a set, not ForceNew) -> AddClientIDToOpenIDConnectProvider for each added ID, RemoveClientIDFromOpenIDConnectProvider for each removed ID; tags -> tagging interceptor (resourceType 'OIDCProvider', identifier arn): UntagOpenIDConnectProvider/TagOpenIDConnectProvider. url is ForceNew. Update ends with Read. " +
      "Delete: DeleteOpenIDConnectProvider (NoSuchEntity ignored). Import: ARN identity import (no Importer function, no API call), then Read.",
  },
};
