#!/usr/bin/env bash
# Renders deploy/kustomize/base with `kubectl kustomize` and checks what a cluster would only tell at
# run time: each container runs an entry file that exists, has probes and resource requests, every
# Service selects a Deployment, and every PRESAGE_* variable set is one the service's code reads.
# Without kubectl (Debian package `kubectl`) it says so and skips, unless CI=true.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v kubectl >/dev/null || ! /usr/bin/python3 -c 'import yaml' 2>/dev/null; then
  if [ "${CI:-}" = "true" ]; then echo "manifest check: kubectl or python3-yaml missing" >&2; exit 1; fi
  echo "manifest check skipped: install kubectl and python3-yaml to run it"
  exit 0
fi
kubectl kustomize deploy/kustomize/base | /usr/bin/python3 -c '
import os, re, sys, yaml
docs = [d for d in yaml.safe_load_all(sys.stdin) if d]
problems = []
deployments = [d for d in docs if d["kind"] == "Deployment"]
for d in deployments:
    name = d["metadata"]["name"]
    for c in d["spec"]["template"]["spec"]["containers"]:
        entry = next((a for a in c.get("command", []) if a.endswith("main.ts")), None)
        if not entry or not os.path.exists(entry):
            problems.append(f"{name}: command runs {entry}, which does not exist")
            continue
        app = os.path.dirname(os.path.dirname(entry))
        code = "".join(open(os.path.join(r, f)).read() for r, _, fs in os.walk(app) for f in fs if f.endswith(".ts"))
        for env in c.get("env", []):
            if env["name"].startswith("PRESAGE_") and env["name"] not in code:
                problems.append("%s: sets %s, which %s never reads" % (name, env["name"], app))
        for probe in ("readinessProbe", "livenessProbe"):
            if probe not in c:
                problems.append(f"{name}: no {probe}")
        if "requests" not in c.get("resources", {}):
            problems.append(f"{name}: no resource requests")
labels = [d["spec"]["template"]["metadata"]["labels"] for d in deployments]
for s in (d for d in docs if d["kind"] == "Service"):
    selector = s["spec"]["selector"]
    if not any(all(l.get(k) == v for k, v in selector.items()) for l in labels):
        problems.append("service %s selects no Deployment" % s["metadata"]["name"])
if problems:
    print("manifest check failed:\n  " + "\n  ".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"manifest check: {len(docs)} resources rendered, {len(deployments)} deployments consistent with the code")
'
