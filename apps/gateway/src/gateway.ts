import { ApiError, StatusCode } from '@presage/errors';
import { createClient, createStreamClient } from '@presage/grpc-kit';
import type { MessageLimits } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import { createFailureLog, rpcServerMetrics } from '@presage/telemetry';
import type { Telemetry } from '@presage/telemetry';
import {
  AccessService,
  AutoscalingService,
  CredentialService,
  DeployerService,
  JobService,
  LongrunningOperations,
  ModelService,
  Operations,
  PredictionLogService,
} from '@presage/proto';
import { timestampToDate } from '@presage/proto';
import { AccessControl } from './auth/access-control';
import { guardMethods, guardPredict } from './auth/guard';
import { OidcVerifier } from './auth/oidc-verifier';
import type { GatewayConfig } from './config';
import { createConsoleHandler } from './console/console-front';
import { ConsoleSeries } from './console/console-series';
import { disabledService, forwardService } from './forwarding';
import type { ForwardedService } from './forwarding';
import { createPublicGrpcServer } from './grpc/public-grpc-server';
import { createOpenInferenceFront } from './open-inference/open-inference-front';
import { OPEN_INFERENCE_SERVICE } from './open-inference/v2-grpc';
import type { MethodInvoker } from './method-table';
import { createColdStartQueue } from './predict/cold-start-queue';
import { createDemandReporter } from './predict/demand-reporter';
import { createPredictMetrics } from './predict/predict-metrics';
import { createPredictRouter } from './predict/predict-router';
import { PREDICT_METHOD, createPredictInvoker } from './predict/prediction-service';
import { createPredictorPool } from './predict/predictor-pool';
import { PredictionQuota, cachedQuotaSettings, withPredictionQuota } from './predict/prediction-quota';
import { createWatchedReplicaTable } from './predict/replica-watch';
import { ShadowTraffic } from './predict/shadow-traffic';
import { createVersionResolver } from './predict/version-resolver';
import { RequestLog } from './predict/request-log';
import { createReadiness } from './readiness';
import { createRestServer } from './rest/rest-server';
import { createRouteTable } from './rest/route-table';
import type { FastPredict } from './rest/rest-server';

/** The public services, over REST (from their google.api.http rules) and gRPC. */
export const PUBLIC_SERVICES = [
  'presage.v1.ModelService',
  'presage.v1.Operations',
  'presage.v1.JobService',
  'presage.v1.OnlinePredictionService',
  'presage.v1.AutoscalingService',
  'presage.v1.AccessService',
] as const;
/**
 * How long a version lookup may wait for the registry: a resolved version is served from memory while it
 * is checked again, so this bounds only the first request for a name.
 */
const LOOKUP_DEADLINE_MS = 5_000;
/** How long the registry may take to write one batch of request-log rows before it is tried again. */
const REQUEST_LOG_DEADLINE_MS = 5_000;
/** Served over gRPC only (its HTTP rules use paths AI Platform does not have). */
const GRPC_ONLY_SERVICES = ['google.longrunning.Operations'] as const;

export interface Gateway {
  httpPort: number;
  grpcPort: number;
  stop(): Promise<void>;
}

/** Cache lifetimes; only tests change them. */
export interface GatewayTuning {
  /** How long a ListReplicas answer is reused, with a deployer that cannot be watched. @default 1000 */
  replicaTtlMs?: number;
  /** How long a READY version resolution is reused. @default 1000 */
  versionTtlMs?: number;
}

/** What the composition root gives the gateway besides its settings. */
export interface GatewayDeps {
  logger: Logger;
  /** Its meter and tracer; `/metrics` on the REST port serves its Prometheus handler. */
  telemetry: Telemetry;
  /**
   * Where access-log lines go (models with onlinePredictionLogging): one JSON object a line.
   * @default process.stdout.write
   */
  accessLog?: (line: string) => void;
}

/** Starts the REST and gRPC fronts; ports 0 pick free ones. */
export async function startGateway(
  config: GatewayConfig,
  { logger, telemetry, accessLog }: GatewayDeps,
  tuning: GatewayTuning = {},
): Promise<Gateway> {
  const limits: MessageLimits = {
    maxBodyBytes: config.maxBodyBytes,
    maxResponseBytes: config.maxResponseBytes,
  };
  const forwarded: ForwardedService[] = [
    forwardService(ModelService, config.registryAddress, limits),
    forwardService(Operations, config.registryAddress, limits),
    forwardService(LongrunningOperations, config.registryAddress, limits),
    forwardService(AccessService, config.registryAddress, limits),
    config.batchAddress
      ? forwardService(JobService, config.batchAddress, limits)
      : disabledService(
          JobService,
          'batch prediction is not enabled: set PRESAGE_BATCH_ADDRESS on the gateway',
        ),
    config.autoscalerAddress
      ? forwardService(AutoscalingService, config.autoscalerAddress, limits)
      : disabledService(
          AutoscalingService,
          'autoscaling is not enabled: set PRESAGE_AUTOSCALER_ADDRESS on the gateway',
        ),
  ];
  const registry = createClient(ModelService, config.registryAddress, {
    limits,
  });
  const deployer = createClient(DeployerService, config.deployerAddress, { deadlineMs: 5_000 });
  const deployerStreams = createStreamClient(DeployerService, config.deployerAddress);
  const predictors = createPredictorPool({ limits });
  const consoleSeries = config.console
    ? new ConsoleSeries({ sampleMs: config.consoleSampleMs, retentionMs: config.consoleRetentionMs })
    : undefined;
  const replicas = createWatchedReplicaTable({
    watch: () => deployerStreams.client.WatchReplicas({}),
    list: async () => (await deployer.client.ListReplicas({})).replicas,
    ttlMs: tuning.replicaTtlMs,
    logger,
    onListing: (listed) => {
      predictors.listed(listed.map((replica) => replica.address));
      consoleSeries?.replicasListed(listed);
    },
    onReachability: (reachable, error) =>
      reachable
        ? logger.info('the deployer answers again: routing from its replica list')
        : logger.warn('the deployer cannot be reached: routing from the last replica list it gave', {
            error,
          }),
  });
  const registryUnreachable = createFailureLog(
    logger,
    'the registry cannot be reached: predictions use the versions last resolved',
  );
  const predictMetrics = createPredictMetrics(telemetry.meter);
  const metrics = consoleSeries ? consoleSeries.instrument(predictMetrics) : predictMetrics;
  const autoscaler = config.autoscalerAddress ? createDemandReporter(config.autoscalerAddress) : undefined;
  const coldStart = createColdStartQueue({
    replicas,
    reportDemand: autoscaler?.report,
    metrics,
    logger,
    maxQueued: config.coldStartQueueSize,
    timeoutMs: config.coldStartTimeoutMs,
  });
  const predictionLogs = createClient(PredictionLogService, config.registryAddress, {
    limits,
    deadlineMs: REQUEST_LOG_DEADLINE_MS,
  });
  const requestLog = new RequestLog({
    send: async (rows) => void (await predictionLogs.client.AppendPredictionLogs({ rows })),
    meter: telemetry.meter,
    logger,
    maxRows: config.requestLogBufferRows,
    flushIntervalMs: config.requestLogFlushMs,
  });
  const routes = createPredictRouter({
    resolver: createVersionResolver(
      {
        getModel: (name) => registry.client.GetModel({ name }, { deadlineMs: LOOKUP_DEADLINE_MS }),
        getVersion: (name) => registry.client.GetVersion({ name }, { deadlineMs: LOOKUP_DEADLINE_MS }),
      },
      { ttlMs: tuning.versionTtlMs, onLookupFailure: (_name, error) => registryUnreachable(error) },
    ),
    replicas,
    callPredictor: predictors.call,
    coldStart,
    metrics,
    tracer: telemetry.tracer,
    logger,
    shadow: (send) =>
      new ShadowTraffic({
        send,
        meter: telemetry.meter,
        logger,
        maxInFlight: config.shadowMaxInFlight,
        timeoutMs: config.shadowTimeoutMs,
      }),
    requestLog,
    accessLog: accessLog ?? ((line) => void process.stdout.write(line)),
  });
  const serviceMethods = new Map<string, MethodInvoker>(
    forwarded.flatMap((service) => [...service.invokers]),
  );
  // Each project's quota setting (projects/{p}/quotaSettings) over PRESAGE_QUOTA_PREDICTIONS_PER_MINUTE.
  const quotaSettings = createClient(AccessService, config.registryAddress, {
    deadlineMs: LOOKUP_DEADLINE_MS,
  });
  const quotaSettingOf = cachedQuotaSettings(
    async (project) => {
      try {
        const name = `projects/${project}/quotaSettings`;
        return (await quotaSettings.client.GetQuotaSettings({ name })).predictionsPerMinute;
      } catch (error) {
        // Not a project name: the prediction is refused for it on its way.
        if (ApiError.from(error).code === StatusCode.INVALID_ARGUMENT) return 0;
        throw error;
      }
    },
    { ttlMs: config.authCacheMs, onLookupFailure: (_project, error) => registryUnreachable(error) },
  );
  const router = withPredictionQuota(
    routes,
    new PredictionQuota(config.predictionsPerMinute, quotaSettingOf),
  );
  serviceMethods.set(PREDICT_METHOD, createPredictInvoker(router));
  const access = config.auth === 'required' ? createAccessControl(config, logger) : undefined;
  const methods = access ? guardMethods(serviceMethods, access.control) : serviceMethods;
  const readiness = createReadiness([
    { name: 'registry', address: config.registryAddress },
    { name: 'deployer', address: config.deployerAddress },
  ]);
  // The Open Inference Protocol (v2): through the same router, checking its own access per method.
  const openInference = createOpenInferenceFront({
    registry: registry.client,
    router,
    readiness,
    access: access?.control,
    maxBodyBytes: config.maxBodyBytes,
    logger,
    versionTtlMs: tuning.versionTtlMs,
    lookupDeadlineMs: LOOKUP_DEADLINE_MS,
  });
  const fastPredict: FastPredict = (name, body, call) =>
    router.predict(name, body, {
      signal: call.signal,
      trace: call.trace,
      routingKey: call.routingKey,
      actor: call.actor,
    });

  const grpcMethods = new Map([...methods, ...openInference.methods]);
  const grpcServices = [...PUBLIC_SERVICES, ...GRPC_ONLY_SERVICES, OPEN_INFERENCE_SERVICE];
  const grpcServer = createPublicGrpcServer(grpcServices, grpcMethods, {
    logger,
    limits,
    onCallFinished: rpcServerMetrics(telemetry.meter),
  });
  const authenticate =
    access && ((credential: string | undefined) => access.control.authenticate(credential));
  const consoleHandler =
    consoleSeries &&
    createConsoleHandler({
      series: consoleSeries,
      getVersion: methods.get('/presage.v1.ModelService/GetVersion')!,
      authenticate,
    });
  const rest = createRestServer({
    routes: createRouteTable(PUBLIC_SERVICES),
    methods,
    maxBodyBytes: config.maxBodyBytes,
    logger,
    readiness,
    metrics: telemetry.metricsHandler,
    predict: access ? guardPredict(fastPredict, access.control) : fastPredict,
    authenticate,
    v2: openInference.rest,
    console: consoleHandler,
  });
  const grpcPort = await grpcServer.listen(`${config.grpcHost}:${config.grpcPort}`);
  const httpPort = await rest.listen(config.httpHost, config.httpPort);
  consoleSeries?.start();
  logger.info('gateway listening', {
    http: `${config.httpHost}:${httpPort}`,
    grpc: `${config.grpcHost}:${grpcPort}`,
    auth: config.auth,
    console: config.console ? '/console/' : 'off',
  });

  let stopped: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    coldStart.close();
    consoleSeries?.close();
    replicas.close();
    await Promise.all([rest.close(), grpcServer.shutdown()]);
    await requestLog.close();
    predictionLogs.close();
    for (const service of forwarded) service.close();
    registry.close();
    quotaSettings.close();
    deployer.close();
    deployerStreams.close();
    predictors.close();
    autoscaler?.close();
    access?.close();
  };
  return { httpPort, grpcPort, stop: () => (stopped ??= stop()) };
}

/** PRESAGE_AUTH=required: keys and policies read from the registry, kept config.authCacheMs. */
function createAccessControl(
  config: GatewayConfig,
  logger: Logger,
): { control: AccessControl; close(): void } {
  const credentials = createClient(CredentialService, config.registryAddress, {
    deadlineMs: LOOKUP_DEADLINE_MS,
  });
  const policies = createClient(AccessService, config.registryAddress, { deadlineMs: LOOKUP_DEADLINE_MS });
  const verifier = config.oidc && new OidcVerifier(config.oidc);
  const control = new AccessControl({
    lookupKey: async (sha256) => {
      try {
        const key = await credentials.client.LookupApiKey({ keySha256: sha256 });
        return { member: key.member, expires: timestampToDate(key.expireTime) ?? undefined };
      } catch (error) {
        if (ApiError.from(error).code === StatusCode.NOT_FOUND) return undefined;
        throw error;
      }
    },
    getPolicy: async (project) =>
      (await policies.client.GetIamPolicy({ resource: `projects/${project}` })).bindings.map((binding) => ({
        role: binding.role,
        members: binding.members,
      })),
    verifyToken: verifier && ((token) => verifier.verify(token)),
    bootstrapKey: config.bootstrapAdminKey,
    cacheMs: config.authCacheMs,
    logger,
  });
  return {
    control,
    close: () => {
      credentials.close();
      policies.close();
    },
  };
}
