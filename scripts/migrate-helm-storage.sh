#!/usr/bin/env bash
# Copies Helm's release records from Secrets (Helm's default storage) to ConfigMaps, where the
# Kubernetes side's Helm provider keeps them since it uses the `configmap` driver: run it once,
# as a cluster administrator with kubectl pointed at the cluster, before the first deploy of
# iomete-kubernetes-<env> after the upgrade (CHANGELOG.md). Without the copies, Terraform finds no
# release and installs each again.
#
# usage: scripts/migrate-helm-storage.sh [namespace ...]
#        (default: the Kubernetes side's release namespaces: iomete-system kube-system istio-system)
#
# A record that already has a ConfigMap is left as it is; the Secrets are left too (delete them once
# a plan of iomete-kubernetes-<env> shows its releases unchanged). Needs kubectl and base64.
set -euo pipefail

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
namespaces=("$@")
[ "${#namespaces[@]}" -gt 0 ] || namespaces=(iomete-system kube-system istio-system)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

copied=0
for namespace in "${namespaces[@]}"; do
  for name in $(kubectl get secrets -n "$namespace" -l owner=helm -o 'jsonpath={.items[*].metadata.name}'); do
    # Helm finds a record by its labels: a ConfigMap with them is done; one without (a run killed
    # between its create and its label) gets them now.
    if kubectl get configmap -n "$namespace" "$name" >/dev/null 2>&1; then
      if [ "$(kubectl get configmap -n "$namespace" "$name" -o 'jsonpath={.metadata.labels.owner}')" = helm ]; then
        echo "$namespace/$name: a ConfigMap of that name exists; left as it is"
        continue
      fi
    else
      # A Secret's data is base64 of what Helm stores; a ConfigMap holds what Helm stores as it is.
      kubectl get secret -n "$namespace" "$name" -o 'jsonpath={.data.release}' | base64 -d > "$scratch/release"
      kubectl create configmap -n "$namespace" "$name" --from-file=release="$scratch/release" >/dev/null
    fi
    labels=()
    for key in name owner status version modifiedAt; do
      value=$(kubectl get secret -n "$namespace" "$name" -o "jsonpath={.metadata.labels.$key}")
      if [ -n "$value" ]; then labels+=("$key=$value"); fi
    done
    kubectl label --overwrite configmap -n "$namespace" "$name" "${labels[@]}" >/dev/null
    echo "$namespace/$name: copied"
    copied=$((copied + 1))
  done
done
echo "Copied $copied Helm release record(s). Plan iomete-kubernetes-<env> now: its releases should show no change."
