import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import readline from 'node:readline';
import * as grpc from '@grpc/grpc-js';
import { ApiError } from '@presage/errors';
import { createClient, createGrpcServer } from '@presage/grpc-kit';
import type { AsyncHandlers, CallContext, GrpcServer, PromiseClient } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import { DEFAULT_SAMPLER, createTelemetry } from '@presage/telemetry';
import type { SamplerSetting } from '@presage/telemetry';
import type { Telemetry } from '@presage/telemetry';
import { createTestDatabase, freePort, serviceMain, startServiceProcess, waitFor } from '@presage/testing';
import type { ServiceProcess, TestDatabase } from '@presage/testing';
import type {
  PredictStreamRequest__Output,
  PredictorServiceHandlers,
  RegistryDeploymentServiceHandlers,
  Replica,
} from '@presage/proto';
import { DeployerService, PredictorService, RegistryDeploymentService } from '@presage/proto';
import type { GatewayConfig } from '../src/config';
import { startGateway } from '../src/gateway';
import type { Gateway, GatewayTuning } from '../src/gateway';

/**
 * The real registry as its own process (apps never import apps, so not in-process) over a fresh
 * database, and the gateway in-process on free ports pointing at it. The deployer is a stand-in
 * answering ListReplicas from `replicas`, or with `realDeployer` the real deployer process, which runs
 * real predictor processes (local driver).
 */
export interface GatewayHarness {
  baseUrl: string;
  grpcAddress: string;
  registryAddress: string;
  deployerAddress: string;
  /** The registry's database (request-logging tables are read from it). */
  databaseUrl: string;
  /** The registry's internal API, to mark versions READY as the deployer would. */
  deployment: PromiseClient<RegistryDeploymentServiceHandlers>;
  /** What the stand-in deployer's ListReplicas answers (unused with the real deployer). */
  replicas: Replica[];
  /** The real deployer process, when started. */
  deployer: ServiceProcess | undefined;
  /** The gateway's telemetry (its /metrics is on `baseUrl`). */
  telemetry: Telemetry;
  /** One more gateway in this process on free ports, with these settings, before the same services. */
  startGateway(settings: Partial<GatewayConfig>): Promise<ExtraGateway>;
  stop(): Promise<void>;
}

export interface ExtraGateway {
  baseUrl: string;
  grpcAddress: string;
  stop(): Promise<void>;
}

export interface GatewayHarnessOptions {
  maxBodyBytes?: number;
  tuning?: GatewayTuning;
  /** Gateway settings over the harness's defaults. */
  gateway?: Partial<GatewayConfig>;
  /** The gateway's spans go to this JSON-lines file. */
  tracesFile?: string;
  /** Which requests the gateway traces. @default DEFAULT_SAMPLER */
  tracesSampler?: SamplerSetting;
  /** Runs the real deployer with this extra environment (e.g. PRESAGE_HOME), not the stand-in. */
  realDeployer?: Record<string, string>;
  /** A deployer the test runs itself, at this address, instead of the stand-in. */
  deployerAddress?: string;
  /** Where the gateways' access-log lines go. @default discarded */
  accessLog?: (line: string) => void;
  /** The registry process's extra environment (e.g. model monitoring's interval). */
  registryEnv?: Record<string, string>;
}

export async function startGatewayHarness(options: GatewayHarnessOptions = {}): Promise<GatewayHarness> {
  const logger = createLogger('gateway-test', { level: (process.env['HARNESS_LOG'] as 'debug') ?? 'error' });
  const db = await createTestDatabase();
  const realDeployerAddress = options.realDeployer ? `127.0.0.1:${await freePort()}` : '';
  const registry = await startRegistryProcess(db, realDeployerAddress, options.registryEnv ?? {});
  const replicas: Replica[] = [];
  let standIn: GrpcServer | undefined;
  let deployer: ServiceProcess | undefined;
  let deployerAddress = realDeployerAddress;
  if (options.realDeployer) {
    deployer = await startServiceProcess({
      entry: serviceMain('deployer'),
      env: {
        PRESAGE_DEPLOYER_ADDRESS: realDeployerAddress,
        PRESAGE_REGISTRY_ADDRESS: registry.address,
        PRESAGE_RECONCILE_INTERVAL_MS: '1000',
        PRESAGE_REPLICAS_OUTLIVE_DEPLOYER: '0',
        ...options.realDeployer,
      },
      listeningMessage: 'deployer listening',
    });
  } else if (options.deployerAddress) {
    deployerAddress = options.deployerAddress;
  } else {
    standIn = createGrpcServer({ name: 'stand-in-deployer', logger });
    standIn.addService(DeployerService, {
      ListReplicas: () => Promise.resolve({ replicas }),
      Nudge: () => Promise.resolve({}),
    });
    deployerAddress = `127.0.0.1:${await standIn.listen('127.0.0.1:0')}`;
  }
  const settings = (overrides: Partial<GatewayConfig> | undefined): GatewayConfig => ({
    httpHost: '127.0.0.1',
    httpPort: 0,
    grpcHost: '127.0.0.1',
    grpcPort: 0,
    registryAddress: registry.address,
    deployerAddress,
    batchAddress: undefined,
    maxBodyBytes: options.maxBodyBytes ?? 1572864,
    maxResponseBytes: 32 * (options.maxBodyBytes ?? 1572864),
    autoscalerAddress: undefined,
    coldStartQueueSize: 100,
    coldStartTimeoutMs: 60_000,
    auth: 'off',
    bootstrapAdminKey: undefined,
    authCacheMs: 2_000,
    oidc: undefined,
    predictionsPerMinute: 0,
    shadowMaxInFlight: 32,
    shadowTimeoutMs: 5_000,
    requestLogBufferRows: 10_000,
    requestLogFlushMs: 1_000,
    console: true,
    consoleSampleMs: 1_000,
    consoleRetentionMs: 3_600_000,
    telemetry: {
      otlpEndpoint: undefined,
      otlpTracesEndpoint: undefined,
      exportIntervalMs: 1000,
      tracesFile: undefined,
      tracesSampler: DEFAULT_SAMPLER,
    },
    internalCredential: undefined,
    ...overrides,
  });
  const telemetry = createTelemetry({
    service: 'gateway',
    tracesFile: options.tracesFile,
    tracesSampler: options.tracesSampler,
    logger,
  });
  const gateway: Gateway = await startGateway(
    settings(options.gateway),
    { logger, telemetry, accessLog: options.accessLog ?? discard },
    options.tuning,
  );
  const extras: ExtraGateway[] = [];
  const deployment = createClient(RegistryDeploymentService, registry.address);
  return {
    baseUrl: `http://127.0.0.1:${gateway.httpPort}`,
    grpcAddress: `127.0.0.1:${gateway.grpcPort}`,
    registryAddress: registry.address,
    deployerAddress,
    databaseUrl: db.url,
    deployment: deployment.client,
    replicas,
    deployer,
    telemetry,
    async startGateway(overrides) {
      const own = createTelemetry({ service: 'gateway', logger });
      const extra = await startGateway(
        settings(overrides),
        { logger, telemetry: own, accessLog: options.accessLog ?? discard },
        options.tuning,
      );
      const started: ExtraGateway = {
        baseUrl: `http://127.0.0.1:${extra.httpPort}`,
        grpcAddress: `127.0.0.1:${extra.grpcPort}`,
        stop: async () => {
          await extra.stop();
          await own.shutdown();
        },
      };
      extras.push(started);
      return started;
    },
    async stop() {
      deployment.close();
      await Promise.all(extras.map((extra) => extra.stop()));
      await gateway.stop();
      await telemetry.shutdown();
      await standIn?.shutdown();
      await deployer?.stop();
      await registry.stop();
      await db.drop();
    },
  };
}

const discard = (): void => undefined;

interface RegistryProcess {
  address: string;
  stop(): Promise<void>;
}

async function startRegistryProcess(
  db: TestDatabase,
  deployerAddress: string,
  extraEnv: Record<string, string>,
): Promise<RegistryProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [serviceMain('registry')], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      PRESAGE_REGISTRY_ADDRESS: '127.0.0.1:0',
      PRESAGE_DEPLOYER_ADDRESS: deployerAddress,
      PRESAGE_LOG_LEVEL: 'info',
      ...extraEnv,
    },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log: string[] = [];
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`registry did not start within 30 s:\n${log.join('\n')}`)),
      30_000,
    );
    readline.createInterface({ input: child.stderr }).on('line', (line) => {
      log.push(line);
      try {
        const entry = JSON.parse(line) as { message?: string; address?: string };
        if (entry.message === 'registry listening' && entry.address) {
          clearTimeout(timer);
          resolve(entry.address);
        }
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`registry exited with ${code}:\n${log.join('\n')}`));
    });
  });
  return {
    address,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * A stand-in for a predictor process (the real one is built in apps/predictor): serves
 * PredictorService/Predict with `handler` and counts the calls it took.
 */
export interface FakePredictor {
  address: string;
  calls: number;
  handler: AsyncHandlers<PredictorServiceHandlers>['Predict'];
  stop(): Promise<void>;
}

export async function startFakePredictor(reply: string): Promise<FakePredictor> {
  const logger = createLogger('fake-predictor', { level: 'error' });
  const server: GrpcServer = createGrpcServer({ name: 'fake-predictor', logger, shutdownGraceMs: 100 });
  const fake: FakePredictor = {
    address: '',
    calls: 0,
    handler: () => Promise.resolve({ body: Buffer.from(reply), httpStatus: 200 }),
    stop: () => server.shutdown(),
  };
  server.addService(PredictorService, {
    Predict: (request, context) => {
      fake.calls += 1;
      return fake.handler(request, context);
    },
    // The gateway's path: each streamed prediction goes to the same handler, and its outcome back by id.
    PredictStream: (stream) => {
      stream.on('data', (message: PredictStreamRequest__Output) => {
        for (const predict of message.predicts) {
          fake.calls += 1;
          const metadata = new grpc.Metadata();
          if (predict.traceparent) metadata.set('traceparent', predict.traceparent);
          const context: CallContext = {
            metadata,
            deadline: predict.timeoutMs ? new Date(Date.now() + predict.timeoutMs) : undefined,
            signal: new AbortController().signal,
            method: '/presage.internal.v1.PredictorService/PredictStream',
            logger,
          };
          fake.handler({ body: predict.body }, context).then(
            (answer) =>
              stream.write({
                answers: [
                  {
                    id: predict.id,
                    code: 0,
                    body: Buffer.from(answer.body ?? ''),
                    httpStatus: answer.httpStatus ?? 200,
                    message: '',
                  },
                ],
              }),
            (error: unknown) => {
              const apiError = ApiError.from(error);
              stream.write({
                answers: [
                  {
                    id: predict.id,
                    code: apiError.code,
                    body: Buffer.alloc(0),
                    httpStatus: 0,
                    message: apiError.message,
                  },
                ],
              });
            },
          );
        }
      });
      stream.on('end', () => stream.end());
    },
  });
  fake.address = `127.0.0.1:${await server.listen('127.0.0.1:0')}`;
  return fake;
}

/** fetch + JSON body. */
/** Waits until the version (a full name) is READY over REST; throws its error message if it FAILED. */
export async function waitUntilReady(baseUrl: string, version: string, timeoutMs = 90_000): Promise<void> {
  await waitFor(
    async () => {
      const got = await call(baseUrl, 'GET', `/v1/${version}`);
      const { state, errorMessage } = got.json as { state?: string; errorMessage?: string };
      if (state === 'FAILED') throw new Error(errorMessage);
      return state === 'READY';
    },
    { timeoutMs, description: `${version} to become READY` },
  );
}

export async function call(
  baseUrl: string,
  method: string,
  urlPath: string,
  body?: unknown,
  headers: Record<string, string> = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk response JSON freely
): Promise<{ status: number; json: any }> {
  const response = await fetch(`${baseUrl}${urlPath}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}
