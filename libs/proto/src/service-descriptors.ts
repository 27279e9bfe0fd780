import type { ProtoGrpcType } from './generated/presage';
import type { OperationsHandlers as LongrunningOperationsHandlers } from './generated/google/longrunning/Operations';
import type { AutoscalerServiceHandlers } from './generated/presage/internal/v1/AutoscalerService';
import type { CredentialServiceHandlers } from './generated/presage/internal/v1/CredentialService';
import type { BatchWorkerServiceHandlers } from './generated/presage/internal/v1/BatchWorkerService';
import type { DeployerServiceHandlers } from './generated/presage/internal/v1/DeployerService';
import type { PredictorServiceHandlers } from './generated/presage/internal/v1/PredictorService';
import type { PredictionLogServiceHandlers } from './generated/presage/internal/v1/PredictionLogService';
import type { RegistryDeploymentServiceHandlers } from './generated/presage/internal/v1/RegistryDeploymentService';
import type { AccessServiceHandlers } from './generated/presage/v1/AccessService';
import type { AutoscalingServiceHandlers } from './generated/presage/v1/AutoscalingService';
import type { JobServiceHandlers } from './generated/presage/v1/JobService';
import type { ModelServiceHandlers } from './generated/presage/v1/ModelService';
import type { OnlinePredictionServiceHandlers } from './generated/presage/v1/OnlinePredictionService';
import type { OperationsHandlers } from './generated/presage/v1/Operations';
import type { GRPCInferenceServiceHandlers } from './generated/inference/GRPCInferenceService';

/**
 * A service of Presage's protos: its fully qualified name, typed by its generated `*Handlers` interface,
 * so that `createClient(ModelService, address)` and `server.addService(ModelService, handlers)` take
 * and give that service's messages and nothing else can be paired with the name.
 */
export interface ServiceDescriptor<H> {
  /** e.g. `presage.v1.ModelService`. */
  readonly fullName: string;
  /** Never set: carries H for type inference. */
  readonly handlers?: H;
}

/** The generated `*Handlers` interface a descriptor stands for. */
export type HandlersOf<S> = S extends ServiceDescriptor<infer H> ? H : never;

/** The generated definition of the service named N in the loaded package (never when there is none). */
type DefinitionAt<T, N extends string> = N extends `${infer Head}.${infer Rest}`
  ? Head extends keyof T
    ? DefinitionAt<T[Head], Rest>
    : never
  : N extends keyof T
    ? T[N] extends { service: infer D }
      ? D
      : never
    : never;

/** The method names of a generated interface, without the index signature grpc-js's types add. */
type MethodNames<T> = keyof { [K in keyof T as string extends K ? never : K]: T[K] };

type SameNames<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** N when it names a service whose methods are exactly H's; otherwise a type error at the descriptor. */
type CheckedName<N extends string, H> = [DefinitionAt<ProtoGrpcType, N>] extends [never]
  ? `no service is named ${N}`
  : SameNames<MethodNames<DefinitionAt<ProtoGrpcType, N>>, MethodNames<H>> extends true
    ? N
    : `${N} does not have these handlers' methods`;

/** Pairs a `*Handlers` interface with its service's full name, checked against the generated package. */
function describe<H>() {
  return <N extends string>(fullName: N & CheckedName<N, H>): ServiceDescriptor<H> => ({ fullName });
}

export const ModelService = describe<ModelServiceHandlers>()('presage.v1.ModelService');
export const JobService = describe<JobServiceHandlers>()('presage.v1.JobService');
export const OnlinePredictionService = describe<OnlinePredictionServiceHandlers>()(
  'presage.v1.OnlinePredictionService',
);
export const AutoscalingService = describe<AutoscalingServiceHandlers>()('presage.v1.AutoscalingService');
/** presage.v1.Operations: AI Platform's operations under `projects/{p}/operations`. */
export const Operations = describe<OperationsHandlers>()('presage.v1.Operations');
/** google.longrunning.Operations, the generic operations service Google's clients also call. */
export const LongrunningOperations = describe<LongrunningOperationsHandlers>()(
  'google.longrunning.Operations',
);
export const DeployerService = describe<DeployerServiceHandlers>()('presage.internal.v1.DeployerService');
export const RegistryDeploymentService = describe<RegistryDeploymentServiceHandlers>()(
  'presage.internal.v1.RegistryDeploymentService',
);
export const PredictorService = describe<PredictorServiceHandlers>()('presage.internal.v1.PredictorService');
export const BatchWorkerService = describe<BatchWorkerServiceHandlers>()(
  'presage.internal.v1.BatchWorkerService',
);
export const AutoscalerService = describe<AutoscalerServiceHandlers>()(
  'presage.internal.v1.AutoscalerService',
);
/** presage.v1.AccessService: API keys and project IAM policies, served by the registry. */
export const AccessService = describe<AccessServiceHandlers>()('presage.v1.AccessService');
export const CredentialService = describe<CredentialServiceHandlers>()(
  'presage.internal.v1.CredentialService',
);
/** presage.internal.v1.PredictionLogService: sampled prediction logs, served by the registry. */
export const PredictionLogService = describe<PredictionLogServiceHandlers>()(
  'presage.internal.v1.PredictionLogService',
);
/** inference.GRPCInferenceService: the Open Inference Protocol (KServe v2), served by the gateway. */
export const GRPCInferenceService = describe<GRPCInferenceServiceHandlers>()(
  'inference.GRPCInferenceService',
);
