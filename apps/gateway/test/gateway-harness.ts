import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { createClient, createGrpcServer } from '@presage/grpc-kit';
import type { AsyncHandlers, GrpcServer, PromiseClient } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import type { DeployerServiceHandlers } from '@presage/proto/src/generated/presage/internal/v1/DeployerService';
import type { PredictorServiceHandlers } from '@presage/proto/src/generated/presage/internal/v1/PredictorService';
import type { RegistryDeploymentServiceHandlers } from '@presage/proto/src/generated/presage/internal/v1/RegistryDeploymentService';
import type { Replica } from '@presage/proto/src/generated/presage/internal/v1/Replica';
import { createTestDatabase } from '@presage/testing';
import type { TestDatabase } from '@presage/testing';
import { startGateway } from '../src/gateway';
import type { Gateway, GatewayTuning } from '../src/gateway';

const REGISTRY_MAIN = path.resolve(__dirname, '../../registry/src/main.ts');

/**
 * The real registry as its own process (apps never import apps, so not in-process) over a fresh
 * database, and the gateway in-process on free ports pointing at it. The deployer is a stand-in
 * answering ListReplicas from `replicas`: the real deployer is another service.
 */
export interface GatewayHarness {
  baseUrl: string;
  grpcAddress: string;
  registryAddress: string;
  /** The registry's internal API, to mark versions READY as the deployer would. */
  deployment: PromiseClient<RegistryDeploymentServiceHandlers>;
  /** What the stand-in deployer's ListReplicas answers. */
  replicas: Replica[];
  stop(): Promise<void>;
}

export async function startGatewayHarness(
  env: { maxBodyBytes?: number; tuning?: GatewayTuning } = {},
): Promise<GatewayHarness> {
  const logger = createLogger('gateway-test', { level: 'error' });
  const db = await createTestDatabase();
  const registry = await startRegistryProcess(db);
  const replicas: Replica[] = [];
  const deployer = createGrpcServer({ name: 'stand-in-deployer', logger });
  deployer.addService<DeployerServiceHandlers>('presage.internal.v1.DeployerService', {
    ListReplicas: () => Promise.resolve({ replicas }),
    Nudge: () => Promise.resolve({}),
  });
  const deployerAddress = `127.0.0.1:${await deployer.listen('127.0.0.1:0')}`;
  const gateway: Gateway = await startGateway(
    {
      httpHost: '127.0.0.1',
      httpPort: 0,
      grpcHost: '127.0.0.1',
      grpcPort: 0,
      registryAddress: registry.address,
      deployerAddress,
      batchAddress: undefined,
      maxBodyBytes: env.maxBodyBytes ?? 1572864,
    },
    logger,
    env.tuning,
  );
  const deployment = createClient<RegistryDeploymentServiceHandlers>(
    'presage.internal.v1.RegistryDeploymentService',
    registry.address,
  );
  return {
    baseUrl: `http://127.0.0.1:${gateway.httpPort}`,
    grpcAddress: `127.0.0.1:${gateway.grpcPort}`,
    registryAddress: registry.address,
    deployment: deployment.client,
    replicas,
    async stop() {
      deployment.close();
      await gateway.stop();
      await deployer.shutdown();
      await registry.stop();
      await db.drop();
    },
  };
}

interface RegistryProcess {
  address: string;
  stop(): Promise<void>;
}

async function startRegistryProcess(db: TestDatabase): Promise<RegistryProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', REGISTRY_MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      PRESAGE_REGISTRY_ADDRESS: '127.0.0.1:0',
      PRESAGE_DEPLOYER_ADDRESS: '',
      PRESAGE_LOG_LEVEL: 'info',
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
  server.addService<PredictorServiceHandlers>('presage.internal.v1.PredictorService', {
    Predict: (request, context) => {
      fake.calls += 1;
      return fake.handler(request, context);
    },
  });
  fake.address = `127.0.0.1:${await server.listen('127.0.0.1:0')}`;
  return fake;
}

/** fetch + JSON body. */
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
