import { withPort } from '@presage/env';
import { errorMessage } from '@presage/errors';
import { ServiceExit, createClient, runService, useInternalCredential } from '@presage/grpc-kit';
import type { ServiceLifecycle } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import type { Logger } from '@presage/log';
import { ModelLoadError, defaultRuntimes } from '@presage/runtimes';
import type { LoadOptions, LoadedModel } from '@presage/runtimes';
import { createTelemetry, rpcServerMetrics } from '@presage/telemetry';
import type { Telemetry } from '@presage/telemetry';
import { BatchWorkerService } from '@presage/proto';
import { runBatchWorker } from './batch/batch-worker';
import { loadPredictorConfig } from './config';
import type { PredictorConfig } from './config';
import { RequestBatcher } from './batching/request-batcher';
import { createPredictorHandlers } from './handlers/predictor-handlers';
import { guardLoading } from './load-guard';
import { createPredictorMetrics } from './predictor-metrics';
import type { PredictorMetrics } from './predictor-metrics';
import { writeEvent } from './ready-line';
import { createPredictorServer } from './server';

/** Exit code when the model cannot be loaded (the `failed` line says why). */
const EXIT_LOAD_FAILED = 3;

const baseLogger = createLogger('predictor');

void runService(
  {
    name: 'predictor',
    logger: baseLogger,
    onStartFailure: (error) => writeEvent({ event: 'failed', error: errorMessage(error) }),
  },
  async (lifecycle) => {
    const config = loadPredictorConfig();
    useInternalCredential(config.internalCredential);
    const logger = baseLogger.child({ version: config.version, replica: config.replica });
    const telemetry = createTelemetry({
      service: 'predictor',
      instanceId: config.replica,
      ...config.telemetry,
      internalCredential: config.internalCredential,
      logger,
    });
    const metrics = createPredictorMetrics(telemetry.meter, {
      version: config.version,
      replica: config.replica,
    });
    const { model, loadSeconds } = await loadModel(lifecycle, config, logger);
    metrics.modelLoaded(loadSeconds);
    if (config.batch) return runBatchMode(lifecycle, config, config.batch, model, loadSeconds, logger);
    lifecycle.onStop('telemetry', () => telemetry.shutdown());
    lifecycle.onStop('model', () => model.close());
    await serveOnline({ lifecycle, config, model, loadSeconds, logger, telemetry, metrics });
  },
);

/** Loads the version's model; when it cannot, says why on the `failed` line and exits EXIT_LOAD_FAILED. */
async function loadModel(
  lifecycle: ServiceLifecycle,
  config: PredictorConfig,
  logger: Logger,
): Promise<{ model: LoadedModel; loadSeconds: number }> {
  const started = process.hrtime.bigint();
  const guard = guardLoading();
  // Stopped while loading (the deployer gave up on it): an exit, not a crash of the model's code.
  lifecycle.onStop('model loading', () => guard.settled());
  let model: LoadedModel;
  try {
    const options = loadOptionsOf(config);
    const runtime = await defaultRuntimes.detect(config.modelDir, options);
    model = await defaultRuntimes.get(runtime).load(config.modelDir, options);
    guard.settled();
  } catch (error) {
    guard.settled();
    logger.error('model failed to load', { modelDir: config.modelDir, error });
    const message =
      error instanceof ModelLoadError
        ? error.message
        : `Could not load the model in ${config.modelDir}: ${String(error)}`;
    await writeEvent({ event: 'failed', error: message });
    throw new ServiceExit(EXIT_LOAD_FAILED, message);
  }
  const loadSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  logger.info('model loaded', { modelDir: config.modelDir, runtime: model.runtime, loadSeconds });
  return { model, loadSeconds };
}

interface OnlineServing {
  lifecycle: ServiceLifecycle;
  config: PredictorConfig;
  model: LoadedModel;
  loadSeconds: number;
  logger: Logger;
  telemetry: Telemetry;
  metrics: PredictorMetrics;
}

/** Online mode: serves PredictorService, then writes the `ready` line with the bound address. */
async function serveOnline(serving: OnlineServing): Promise<void> {
  const { lifecycle, config, model, loadSeconds, logger, telemetry, metrics } = serving;
  const metricsAddress = await telemetry.serveMetrics(config.metricsAddress);
  const timedModel = metrics.timed(model);
  const batcher = new RequestBatcher(
    timedModel,
    config.batching,
    config.limits.maxResponseBytes,
    metrics.batches,
  );
  logger.info('batching', { ...config.batching, merges: batcher.batching });
  const handlers = createPredictorHandlers({
    model: timedModel,
    batcher,
    version: config.version,
    replica: config.replica,
    loadSeconds,
    metricsAddress,
    metrics,
    tracer: telemetry.tracer,
    logger,
  });
  const server = createPredictorServer(
    handlers,
    logger,
    config.limits,
    rpcServerMetrics(telemetry.meter),
    config.internalCredential,
  );
  lifecycle.stopFields(() => ({
    version: config.version,
    replica: config.replica,
    inFlight: handlers.inFlight(),
  }));
  // The gateways' streams end once their predictions are answered; the server waits for them.
  lifecycle.onStop('server', () => Promise.all([handlers.drainStreams(), server.shutdown()]));
  const port = await server.listen(config.address);
  const address = withPort(config.address, port);
  logger.info('telemetry', { metricsAddress, exports: telemetry.destinations });
  await writeEvent({
    event: 'ready',
    address,
    metricsAddress,
    runtime: model.runtime,
    signature: model.signature,
    loadSeconds,
  });
}

/** Batch mode: reports the model loaded, works on the job's shards, and exits once it needs no more work. */
async function runBatchMode(
  lifecycle: ServiceLifecycle,
  config: PredictorConfig,
  batch: NonNullable<PredictorConfig['batch']>,
  model: LoadedModel,
  loadSeconds: number,
  logger: Logger,
): Promise<void> {
  const client = createClient(BatchWorkerService, batch.address, {
    deadlineMs: 30_000,
    limits: config.limits,
  });
  lifecycle.onStop('model', () => model.close());
  lifecycle.onStop('batch client', () => client.close());
  await writeEvent({
    event: 'ready',
    address: '',
    metricsAddress: '',
    runtime: model.runtime,
    signature: model.signature,
    loadSeconds,
  });
  await runBatchWorker({ model, client: client.client, job: batch.job, worker: batch.worker, logger });
  await lifecycle.stop('the job needs no more work');
}

/** How the version says to load its model; unset settings are left out, so each runtime's default holds. */
function loadOptionsOf(config: PredictorConfig): LoadOptions {
  return {
    ...(config.framework ? { framework: config.framework } : {}),
    ...(config.predictionClass ? { predictionClass: config.predictionClass } : {}),
    ...(config.packageDirs.length > 0 ? { packageDirs: config.packageDirs } : {}),
    ...(config.signatureName ? { signatureName: config.signatureName } : {}),
  };
}
