"""Checks rendered Kubernetes manifests (YAML on stdin) against the code, for tools/scripts/render-manifests.sh.

What a cluster would only tell at run time: each container runs a compiled entry (`node apps/<service>/dist/main.js`,
which the image builds from `apps/<service>/src/main.ts` with tools/scripts/build.mjs), has probes and
resource requests, every Service selects a Deployment, every PRESAGE_* variable set is one the service's
code reads, no pod gets Service links (their *_PORT variables would mix with PRESAGE_* settings), every
container gets the platform's internal credential from its Secret (never a value written in a manifest), and
a deployer with the Kubernetes replica driver has the RBAC, the image and the ReadWriteMany artifacts claim
the driver needs.
"""
import os
import sys

import yaml

# What apps/deployer/src/drivers/kubernetes-*.ts calls: (API group, resource) -> verbs.
DRIVER_RBAC = {
    ("apps", "deployments"): {"list", "watch", "create", "patch", "delete"},
    ("batch", "jobs"): {"list", "watch", "create", "patch", "delete"},
    ("", "services"): {"create", "patch", "delete"},
    ("discovery.k8s.io", "endpointslices"): {"list", "watch"},
    ("", "pods"): {"list", "watch"},
    ("", "pods/log"): {"get"},
}

# The Secret every platform pod reads the internal credential from (deploy/README.md says how to create it;
# apps/deployer/src/drivers/kubernetes-manifests.ts gives predictor pods the same).
CREDENTIAL_SECRET = {"name": "presage-internal-credential", "key": "credential"}

label = sys.argv[1] if len(sys.argv) > 1 else "manifests"
docs = [d for d in yaml.safe_load_all(sys.stdin) if d]
problems = []
by_kind = {}
for d in docs:
    by_kind.setdefault(d["kind"], {})[d["metadata"]["name"]] = d
deployments = list(by_kind.get("Deployment", {}).values())


def env_of(container):
    return {e["name"]: e for e in container.get("env", [])}


def code_of(app):
    return "".join(
        open(os.path.join(r, f)).read() for r, _, fs in os.walk(app) for f in fs if f.endswith(".ts")
    )


def check_internal_credential(name, env):
    """The service requires the credential on its ports and presents it to the others: from the Secret only."""
    setting = env.get("PRESAGE_INTERNAL_CREDENTIAL")
    if setting is None:
        problems.append(
            f"{name}: no PRESAGE_INTERNAL_CREDENTIAL: its internal port would be open to anyone who reaches it"
            f" (set it from Secret {CREDENTIAL_SECRET['name']}, key {CREDENTIAL_SECRET['key']}, by secretKeyRef)"
        )
        return
    ref = setting.get("valueFrom", {}).get("secretKeyRef", {})
    if "value" in setting or {k: ref.get(k) for k in CREDENTIAL_SECRET} != CREDENTIAL_SECRET:
        problems.append(
            f"{name}: PRESAGE_INTERNAL_CREDENTIAL must come from Secret {CREDENTIAL_SECRET['name']}, key"
            f" {CREDENTIAL_SECRET['key']} (secretKeyRef), never a value in a manifest"
        )


def check_driver_rbac(name, pod):
    account = pod.get("serviceAccountName", "default")
    if account not in by_kind.get("ServiceAccount", {}):
        problems.append(f"{name}: the Kubernetes driver runs as service account {account}, which is not defined")
    if pod.get("automountServiceAccountToken") is False:
        problems.append(f"{name}: the Kubernetes driver needs its service account token mounted")
    granted = {}
    for binding in by_kind.get("RoleBinding", {}).values():
        if not any(s.get("kind") == "ServiceAccount" and s.get("name") == account for s in binding.get("subjects", [])):
            continue
        role = by_kind.get(binding["roleRef"]["kind"], {}).get(binding["roleRef"]["name"])
        for rule in (role or {}).get("rules", []):
            for group in rule.get("apiGroups", []):
                for resource in rule.get("resources", []):
                    granted.setdefault((group, resource), set()).update(rule.get("verbs", []))
    for (group, resource), verbs in DRIVER_RBAC.items():
        missing = verbs - granted.get((group, resource), set())
        if missing:
            problems.append(
                f"{name}: service account {account} may not {', '.join(sorted(missing))} {resource}"
                f" (API group '{group}'), which the Kubernetes driver does"
            )


def check_driver_volume(name, pod, container, env):
    claim = env.get("PRESAGE_ARTIFACTS_CLAIM", {}).get("value", "presage-artifacts")
    pvc = by_kind.get("PersistentVolumeClaim", {}).get(claim)
    if not pvc:
        problems.append(f"{name}: PRESAGE_ARTIFACTS_CLAIM names {claim}, which is not defined")
    elif "ReadWriteMany" not in pvc["spec"].get("accessModes", []):
        problems.append(f"{name}: claim {claim} must be ReadWriteMany: predictor pods on any node mount it")
    home = env.get("PRESAGE_HOME", {}).get("value", "./.presage")
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    mounted = any(
        m["mountPath"].rstrip("/") == f"{home}/artifacts"
        and volumes.get(m["name"], {}).get("persistentVolumeClaim", {}).get("claimName") == claim
        for m in container.get("volumeMounts", [])
    )
    if not mounted:
        problems.append(f"{name}: claim {claim} must be mounted at $PRESAGE_HOME/artifacts ({home}/artifacts)")
    image = env.get("PRESAGE_PREDICTOR_IMAGE", {}).get("value")
    if image != container.get("image"):
        problems.append(
            f"{name}: PRESAGE_PREDICTOR_IMAGE is {image}, not the deployer's image {container.get('image')}"
            " (an overlay that sets images: needs the base's replacements: too)"
        )


for d in deployments:
    name = d["metadata"]["name"]
    pod = d["spec"]["template"]["spec"]
    if pod.get("enableServiceLinks") is not False:
        problems.append(f"{name}: set enableServiceLinks: false (Service links add *_PORT variables to every pod)")
    for c in pod["containers"]:
        command = c.get("command", [])
        entry = command[1] if len(command) == 2 and command[0] == "node" else None
        for probe in ("readinessProbe", "livenessProbe"):
            if probe not in c:
                problems.append(f"{name}: no {probe}")
        if "requests" not in c.get("resources", {}):
            problems.append(f"{name}: no resource requests")
        source = entry and entry.replace("/dist/main.js", "/src/main.ts")
        if not entry or not entry.endswith("/dist/main.js") or not os.path.exists(source):
            problems.append(
                f"{name}: command is {command}; it must be ['node', 'apps/<service>/dist/main.js'] for an"
                " apps/<service>/src/main.ts that the image compiles"
            )
            continue
        app = os.path.dirname(os.path.dirname(entry))
        code = code_of(app)
        env = env_of(c)
        check_internal_credential(name, env)
        for var in env:
            if var.startswith("PRESAGE_") and var not in code:
                problems.append("%s: sets %s, which %s never reads" % (name, var, app))
        if app == "apps/deployer":
            driver = env.get("PRESAGE_REPLICA_DRIVER", {}).get("value", "local")
            if driver == "kubernetes":
                check_driver_rbac(name, pod)
                check_driver_volume(name, pod, c, env)
            elif "PRESAGE_PREDICTOR_HOST" not in env:
                problems.append(f"{name}: the local driver needs PRESAGE_PREDICTOR_HOST (the pod IP) for the gateway")

labels = [d["spec"]["template"]["metadata"]["labels"] for d in deployments]
for s in by_kind.get("Service", {}).values():
    selector = s["spec"]["selector"]
    if not any(all(l.get(k) == v for k, v in selector.items()) for l in labels):
        problems.append("service %s selects no Deployment" % s["metadata"]["name"])

# Every Deployment but the gateway's, and the pods the deployer creates, admit on their non-metrics ports
# only the platform's own pods (deploy/kustomize/base/network-policy.yaml).
PLATFORM_NAMES = {d["spec"]["template"]["metadata"]["labels"].get("app.kubernetes.io/name") for d in deployments}
MANAGED = {"app.kubernetes.io/managed-by": "presage-deployer"}


def selects(selector, pod_labels):
    if not all(pod_labels.get(k) == v for k, v in selector.get("matchLabels", {}).items()):
        return False
    for e in selector.get("matchExpressions", []):
        if e["operator"] != "In" or pod_labels.get(e["key"]) not in e["values"]:
            return False
    return True


def admits_only_platform(policy):
    for rule in policy["spec"].get("ingress", []):
        if [p.get("port") for p in rule.get("ports", [])] == ["metrics"]:
            continue
        peers = rule.get("from")
        if not peers:
            return False
        for peer in peers:
            if set(peer) != {"podSelector"}:
                return False
            selector = peer["podSelector"]
            names = [e["values"] for e in selector.get("matchExpressions", []) if e["key"] == "app.kubernetes.io/name"]
            if selector.get("matchLabels") != MANAGED and not (names and set(names[0]) <= PLATFORM_NAMES):
                return False
    return True


policies = list(by_kind.get("NetworkPolicy", {}).values())
protected = [labels_ for labels_ in labels if labels_.get("app.kubernetes.io/name") != "presage-gateway"] + [MANAGED]
for pod_labels in protected:
    covering = [p for p in policies if selects(p["spec"]["podSelector"], pod_labels)]
    if not covering or not all(admits_only_platform(p) and "Ingress" in p["spec"]["policyTypes"] for p in covering):
        problems.append(f"pods {pod_labels} are not limited to the platform's own callers by a NetworkPolicy")

if problems:
    print(f"manifest check of {label} failed:\n  " + "\n  ".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"manifest check of {label}: {len(docs)} resources, {len(deployments)} deployments consistent with the code")
