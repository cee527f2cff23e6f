import { wildcardTrustNotes } from "../../permissions/review/report";

describe("the security report's trust notes", () => {
  it("names each namespace whose every service account a trust admits, and nothing for named ones", () => {
    expect(wildcardTrustNotes("Federated: (the cluster's OIDC provider) for system:serviceaccount:iomete-system:*")).toEqual([
      "Wildcard trust: every service account of namespace `iomete-system` may assume this role, as the configuration chose; name them to narrow it.",
    ]);
    expect(wildcardTrustNotes("Federated: (the cluster's OIDC provider) for system:serviceaccount:iomete-system:lakehouse-service-account")).toEqual(
      [],
    );
  });
});
