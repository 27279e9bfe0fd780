import type { PromiseClient } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import type { ModelServiceHandlers } from '@presage/proto';
import type { AccessControl } from '../auth/access-control';
import { guardOpenInference } from '../auth/open-inference-guard';
import type { MethodInvoker } from '../method-table';
import type { PredictRouter } from '../predict/predict-router';
import type { Readiness, V2RestHandler } from '../rest/rest-server';
import { ModelCatalog } from './model-catalog';
import { OpenInference } from './open-inference';
import { openInferenceMethods } from './v2-grpc';
import { createV2RestHandler } from './v2-rest';

/** The Presage release the server metadata names. */
export const SERVER_VERSION = '0.1.0';

export interface OpenInferenceFrontOptions {
  /** The registry's ModelService, for versions, their signatures and states. */
  registry: PromiseClient<ModelServiceHandlers>;
  /** The gateway's predict router, quota included. */
  router: PredictRouter;
  readiness: () => Promise<Readiness>;
  /** Present while PRESAGE_AUTH=required. */
  access: AccessControl | undefined;
  maxBodyBytes: number;
  logger: Logger;
  /** How long a version resolution is reused. @default 1000 */
  versionTtlMs?: number | undefined;
  /** Deadline of a registry lookup. @default 5000 */
  lookupDeadlineMs?: number;
}

/** The Open Inference Protocol on both fronts: the REST handler for `/v2…` and the gRPC methods. */
export function createOpenInferenceFront(options: OpenInferenceFrontOptions): {
  rest: V2RestHandler;
  methods: Map<string, MethodInvoker>;
} {
  const { registry } = options;
  const deadline = { deadlineMs: options.lookupDeadlineMs ?? 5_000 };
  const catalog = new ModelCatalog(
    {
      getModel: (name) => registry.GetModel({ name }, deadline),
      getVersion: (name) => registry.GetVersion({ name }, deadline),
      listVersions: (parent, pageToken) =>
        registry.ListVersions({ parent, pageToken, pageSize: 100 }, deadline),
    },
    { ttlMs: options.versionTtlMs },
  );
  const service = new OpenInference({
    catalog,
    router: options.router,
    readiness: options.readiness,
    guard: options.access && guardOpenInference(options.access),
    serverVersion: SERVER_VERSION,
  });
  return {
    rest: createV2RestHandler({ service, maxBodyBytes: options.maxBodyBytes, logger: options.logger }),
    methods: openInferenceMethods(service),
  };
}
