"""A Python gRPC client of the registry, built from the generated stubs: what a user in another language does."""
import sys

import grpc
from google.rpc import error_details_pb2, status_pb2
from presage.v1 import model_service_pb2 as ms
from presage.v1 import model_service_pb2_grpc as ms_grpc

address = sys.argv[1]
with grpc.insecure_channel(address) as channel:
    models = ms_grpc.ModelServiceStub(channel)
    created = models.CreateModel(ms.CreateModelRequest(parent="projects/py", model=ms.Model(name="from_python", labels={"lang": "python"})))
    assert created.name == "projects/py/models/from_python", created.name
    fetched = models.GetModel(ms.GetModelRequest(name=created.name))
    assert fetched.labels["lang"] == "python"
    try:
        models.CreateModel(ms.CreateModelRequest(parent="projects/py", model=ms.Model(name="9bad")))
        raise SystemExit("expected INVALID_ARGUMENT")
    except grpc.RpcError as error:
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, error.code()
        trailers = dict(error.trailing_metadata())
        status = status_pb2.Status.FromString(trailers["grpc-status-details-bin"])
        violations = []
        for detail in status.details:
            if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                bad = error_details_pb2.BadRequest()
                detail.Unpack(bad)
                violations += [v.field for v in bad.field_violations]
        assert violations == ["model.name"], violations
print("python client ok")
