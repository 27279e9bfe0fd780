#!/usr/bin/env bash
# Compiles every Presage proto for other languages (Python with gRPC stubs, Java, C++) with protoc, and
# round-trips a Version and a ModelInferRequest through the generated Python code: clients in other
# languages are a stated use. With PRESAGE_INFER_ADDRESS=<gateway gRPC host:port> and PRESAGE_INFER_MODEL
# (`{project}.{model}` serving the linear fixture) it also runs tools/scripts/v2_infer_check.py: a Python
# client performs ModelInfer against that running platform (apps/gateway/test/open-inference.test.ts does).
# Needs Debian's protobuf-compiler, python3-grpc-tools and python3-protobuf; without them it says so and
# skips, unless CI=true, where a missing tool is a failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v protoc >/dev/null || ! /usr/bin/python3 -c 'import grpc_tools, google.protobuf' 2>/dev/null; then
  if [ "${CI:-}" = "true" ]; then echo "proto cross-check: protoc or python3-grpc-tools missing" >&2; exit 1; fi
  echo "proto cross-check skipped: install protobuf-compiler python3-grpc-tools python3-protobuf to run it"
  exit 0
fi
# PRESAGE_PROTO_OUT keeps the generated code (tests use the Python package); else a temporary directory.
if [ -n "${PRESAGE_PROTO_OUT:-}" ]; then
  out=$PRESAGE_PROTO_OUT
else
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi
google=node_modules/google-gax/build/protos
mapfile -t presage < <(cd protos && find presage inference -name '*.proto' | sort)
deps=(google/api/annotations.proto google/api/http.proto google/api/field_behavior.proto google/api/httpbody.proto
  google/api/client.proto google/api/launch_stage.proto google/longrunning/operations.proto google/rpc/status.proto google/rpc/error_details.proto
  google/iam/v1/iam_policy.proto google/iam/v1/policy.proto google/iam/v1/options.proto google/type/expr.proto
  google/api/resource.proto)
mkdir -p "$out/python" "$out/java" "$out/cpp"
protoc -I protos -I "$google" --java_out="$out/java" --cpp_out="$out/cpp" "${presage[@]}"
protoc -I protos -I "$google" --python_out="$out/python" "${presage[@]}" "${deps[@]}"
# grpc_tools bundles an older protoc: use it for the service stubs only.
/usr/bin/python3 -m grpc_tools.protoc -I protos -I "$google" -I /usr/include --grpc_python_out="$out/python" "${presage[@]}"
PYTHONPATH="$out/python" /usr/bin/python3 - <<'PY'
from presage.v1 import model_service_pb2 as ms, model_service_pb2_grpc as ms_grpc
from presage.v1 import job_service_pb2, prediction_service_pb2, operations_pb2_grpc  # noqa: F401
from presage.internal.v1 import deployment_pb2_grpc  # noqa: F401
v = ms.Version(name="v1", deployment_uri="/m", state=ms.Version.READY)
v.lineage.evaluation_metrics["auc"] = 0.93
assert ms.Version.FromString(v.SerializeToString()).lineage.evaluation_metrics["auc"] == 0.93
assert hasattr(ms_grpc, "ModelServiceStub")
from inference import grpc_predict_v2_pb2 as v2, grpc_predict_v2_pb2_grpc as v2_grpc
r = v2.ModelInferRequest(model_name="demo.iris", model_version="v1")
r.inputs.add(name="x", datatype="FP32", shape=[1, 4]).contents.fp32_contents.extend([1, 2, 3, 4])
r.raw_input_contents.append(b"\x00" * 16)
assert v2.ModelInferRequest.FromString(r.SerializeToString()).inputs[0].shape == [1, 4]
assert hasattr(v2_grpc, "GRPCInferenceServiceStub")
PY
if [ -n "${PRESAGE_INFER_ADDRESS:-}" ]; then
  PYTHONPATH="$out/python" /usr/bin/python3 tools/scripts/v2_infer_check.py "$PRESAGE_INFER_ADDRESS" "${PRESAGE_INFER_MODEL:?set PRESAGE_INFER_MODEL}"
fi
echo "proto cross-check: python (grpc), java and c++ code generated from ${#presage[@]} presage and inference protos"
