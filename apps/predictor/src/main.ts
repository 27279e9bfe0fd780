import { createClient } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import type { Logger } from '@presage/log';
import type { BatchWorkerServiceHandlers } from '@presage/proto/src/generated/presage/internal/v1/BatchWorkerService';
import { ModelLoadError, defaultRuntimes } from '@presage/runtimes';
import type { LoadOptions, LoadedModel } from '@presage/runtimes';
import { createTelemetry, rpcServerMetrics } from '@presage/telemetry';
import { errorMessage } from '@presage/errors';
import { runBatchWorker } from './batch/batch-worker';
import { loadPredictorConfig } from './config';
import type { PredictorConfig } from './config';
import { RequestBatcher } from './batching/request-batcher';
import { createPredictorHandlers } from './handlers/predictor-handlers';
import { guardLoading } from './load-guard';
import { createPredictorMetrics } from './predictor-metrics';
import { writeEvent } from './ready-line';
import { createPredictorServer } from './server';

/** Exit code when the model cannot be loaded (the `failed` line says why). */
const EXIT_LOAD_FAILED = 3;

async function main(): Promise<void> {
  const config = loadPredictorConfig();
  const logger = createLogger('predictor').child({ version: config.version, replica: config.replica });
  const telemetry = createTelemetry({
    service: 'predictor',
    instanceId: config.replica,
    ...config.telemetry,
    logger,
  });
  const metrics = createPredictorMetrics(telemetry.meter, {
    version: config.version,
    replica: config.replica,
  });
  const started = process.hrtime.bigint();
  let model: LoadedModel;
  const guard = guardLoading();
  try {
    const options = loadOptionsOf(config);
    const runtime = await defaultRuntimes.detect(config.modelDir, options);
    model = await defaultRuntimes.get(runtime).load(config.modelDir, options);
    guard.settled();
  } catch (error) {
    guard.settled();
    logger.error('model failed to load', {
      modelDir: config.modelDir,
      error: error instanceof Error ? error : String(error),
    });
    const message =
      error instanceof ModelLoadError
        ? error.message
        : `Could not load the model in ${config.modelDir}: ${String(error)}`;
    await writeEvent({ event: 'failed', error: message });
    process.exit(EXIT_LOAD_FAILED);
  }
  const loadSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  logger.info('model loaded', { modelDir: config.modelDir, runtime: model.runtime, loadSeconds });
  metrics.modelLoaded(loadSeconds);
  if (config.batch) return runBatchMode(config, config.batch, model, loadSeconds, logger);

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
  const server = createPredictorServer(handlers, logger, config.limits, rpcServerMetrics(telemetry.meter));
  const port = await server.listen(config.address);
  const address = config.address.replace(/:\d+$/, `:${port}`);
  logger.info('telemetry', { metricsAddress, exports: telemetry.destinations });
  await writeEvent({
    event: 'ready',
    address,
    metricsAddress,
    runtime: model.runtime,
    signature: model.signature,
    loadSeconds,
  });

  const stop = async (signal: string): Promise<void> => {
    logger.info('predictor stopping', { signal, inFlight: handlers.inFlight() });
    // The gateways' streams end once their predictions are answered; the server waits for them.
    await Promise.all([handlers.drainStreams(), server.shutdown()]);
    await model.close();
    await telemetry.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

/** Batch mode: reports the model loaded, works on the job's shards, and exits once it needs no more work. */
async function runBatchMode(
  config: PredictorConfig,
  batch: NonNullable<PredictorConfig['batch']>,
  model: LoadedModel,
  loadSeconds: number,
  logger: Logger,
): Promise<void> {
  const client = createClient<BatchWorkerServiceHandlers>(
    'presage.internal.v1.BatchWorkerService',
    batch.address,
    { deadlineMs: 30_000, limits: config.limits },
  );
  await writeEvent({
    event: 'ready',
    address: '',
    metricsAddress: '',
    runtime: model.runtime,
    signature: model.signature,
    loadSeconds,
  });
  process.once('SIGTERM', () => process.exit(0));
  process.once('SIGINT', () => process.exit(0));
  try {
    await runBatchWorker({ model, client: client.client, job: batch.job, worker: batch.worker, logger });
  } finally {
    client.close();
    await model.close();
  }
  process.exit(0);
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

main().catch(async (error: unknown) => {
  createLogger('predictor').error('predictor failed to start', {
    error: error instanceof Error ? error : String(error),
  });
  await writeEvent({ event: 'failed', error: errorMessage(error) });
  process.exit(1);
});
