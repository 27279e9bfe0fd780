"""ModelInfer from Python, with stubs generated from protos/ by Debian's protoc and grpcio.

Usage: PYTHONPATH=<generated python dir> /usr/bin/python3 v2_infer_check.py <gateway grpc address> <model>

<model> is `{project}.{model}` serving the `linear` fixture (libs/model-fixtures/src/linear.ts:
x float32 [N,4] -> y float32 [N,3] = x.W + b). Infers with typed contents and with raw contents and
checks the numbers; prints "python v2 client ok" when every check holds.
"""
import struct
import sys

import grpc
from inference import grpc_predict_v2_pb2 as pb
from inference import grpc_predict_v2_pb2_grpc as pb_grpc

W = [0.5, -1, 0.25, 1, 0.5, -0.5, -0.25, 2, 1, 0.125, 0, -1]  # [4, 3], row-major
B = [0.5, -0.25, 1]
ROWS = [[1, 2, 3, 4], [0, 0, 0, 0], [-1.5, 0.5, 2, -3]]


def expected():
    return [sum(row[i] * W[i * 3 + j] for i in range(4)) + B[j] for row in ROWS for j in range(3)]


def close(got, want):
    assert len(got) == len(want), (got, want)
    for g, w in zip(got, want):
        assert abs(g - w) <= 1e-4 * max(1.0, abs(w)), (got, want)


def main():
    address, model = sys.argv[1], sys.argv[2]
    flat = [float(v) for row in ROWS for v in row]
    with grpc.insecure_channel(address) as channel:
        stub = pb_grpc.GRPCInferenceServiceStub(channel)
        assert stub.ServerLive(pb.ServerLiveRequest()).live
        assert stub.ModelReady(pb.ModelReadyRequest(name=model)).ready
        meta = stub.ModelMetadata(pb.ModelMetadataRequest(name=model))
        assert [(t.name, t.datatype, list(t.shape)) for t in meta.inputs] == [("x", "FP32", [-1, 4])], meta

        typed = pb.ModelInferRequest(model_name=model, id="py-typed")
        tensor = typed.inputs.add(name="x", datatype="FP32", shape=[3, 4])
        tensor.contents.fp32_contents.extend(flat)
        answer = stub.ModelInfer(typed, timeout=30)
        assert answer.id == "py-typed" and answer.model_name == model, answer
        (y,) = answer.outputs
        assert (y.name, y.datatype, list(y.shape)) == ("y", "FP32", [3, 3]), y
        close(list(y.contents.fp32_contents), expected())

        raw = pb.ModelInferRequest(model_name=model)
        raw.inputs.add(name="x", datatype="FP32", shape=[3, 4])
        raw.raw_input_contents.append(struct.pack("<12f", *flat))
        answer = stub.ModelInfer(raw, timeout=30)
        assert len(answer.raw_output_contents) == 1 and not answer.outputs[0].HasField("contents"), answer
        close(list(struct.unpack("<9f", answer.raw_output_contents[0])), expected())

        wrong = pb.ModelInferRequest(model_name=model)
        wrong.inputs.add(name="x", datatype="FP32", shape=[1, 5]).contents.fp32_contents.extend([0.0] * 5)
        try:
            stub.ModelInfer(wrong, timeout=30)
            raise AssertionError("a wrong shape was accepted")
        except grpc.RpcError as error:
            assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, error
    print("python v2 client ok")


if __name__ == "__main__":
    main()
