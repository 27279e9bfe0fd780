import path from 'node:path';

/** The repository's `protos/` directory: the source of truth for every API. */
export const PROTO_ROOT = path.resolve(__dirname, '../../../protos');

/** google/api, google/rpc and google/longrunning protos, shipped inside the google-gax package. */
export const GOOGLE_PROTO_ROOT = path.resolve(require.resolve('google-gax'), '../../protos');

/** Every .proto of Presage, relative to PROTO_ROOT (the Open Inference Protocol's `inference` package too). */
export const PRESAGE_PROTO_FILES = [
  'presage/v1/model_service.proto',
  'presage/v1/operation_metadata.proto',
  'presage/v1/operations.proto',
  'presage/v1/job_service.proto',
  'presage/v1/prediction_service.proto',
  'presage/v1/autoscaling_service.proto',
  'presage/v1/access_service.proto',
  'presage/internal/v1/deployment.proto',
  'presage/internal/v1/predictor.proto',
  'presage/internal/v1/batch.proto',
  'presage/internal/v1/autoscaler.proto',
  'presage/internal/v1/access.proto',
  'presage/internal/v1/prediction_log.proto',
  'inference/grpc_predict_v2.proto',
] as const;

/** Google protos Presage serves or packs into `Any` and `grpc-status-details-bin`. */
export const GOOGLE_PROTO_FILES = [
  'google/longrunning/operations.proto',
  'google/rpc/status.proto',
  'google/rpc/error_details.proto',
  'google/protobuf/empty.proto',
] as const;

/**
 * The one set of @grpc/proto-loader options: the generated types in ./generated match them, so every
 * loader in the project must use exactly these.
 */
export const LOADER_OPTIONS = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  arrays: true,
  objects: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT, GOOGLE_PROTO_ROOT],
};

/** The same options as flags for `proto-loader-gen-types`. */
export const GEN_TYPES_FLAGS = [
  '--longs=String',
  '--enums=String',
  '--defaults',
  '--arrays',
  '--objects',
  '--oneofs',
];
