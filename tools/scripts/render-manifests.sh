#!/usr/bin/env bash
# Renders deploy/kustomize/base and every overlay with `kubectl kustomize` and checks each rendering
# against the code with tools/scripts/check-manifests.py: entry files exist, probes and resource requests
# are set, every Service selects a Deployment, every PRESAGE_* variable set is one the service reads, and
# a deployer with the Kubernetes replica driver has its RBAC, image and ReadWriteMany artifacts claim.
# Without kubectl (Debian package `kubectl`) or python3-yaml it says so and skips, unless CI=true.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v kubectl >/dev/null || ! /usr/bin/python3 -c 'import yaml' 2>/dev/null; then
  if [ "${CI:-}" = "true" ]; then echo "manifest check: kubectl or python3-yaml missing" >&2; exit 1; fi
  echo "manifest check skipped: install kubectl and python3-yaml to run it"
  exit 0
fi
for dir in deploy/kustomize/base deploy/kustomize/overlays/*/; do
  dir=${dir%/}
  kubectl kustomize "$dir" | /usr/bin/python3 tools/scripts/check-manifests.py "$dir"
done
