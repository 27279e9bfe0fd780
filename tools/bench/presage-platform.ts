// Starts the Presage platform for a benchmark the way a user does (`presage up`, embedded Postgres), on free
// ports with a fresh PRESAGE_HOME, and deploys fixture models over REST.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Fixture } from '@presage/model-fixtures';
import { freePort, pidsWithEnv, usePlatformCredential, waitFor } from '@presage/testing';

const REPO_ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(REPO_ROOT, 'apps/cli/dist/main.js');
const START_TIMEOUT_MS = 180_000;

export interface PresagePlatform {
  /** The gateway's REST base URL, e.g. http://127.0.0.1:40123. */
  rest: string;
  /** The gateway's public gRPC address, e.g. 127.0.0.1:40124. */
  gatewayGrpc: string;
  /** The deployer's gRPC address (internal DeployerService: ListReplicas), e.g. 127.0.0.1:40124. */
  deployer: string;
  home: string;
  /** The key the benchmark's own REST calls carry: PRESAGE_BOOTSTRAP_ADMIN_KEY when it was set. */
  adminKey: string | undefined;
  /** Everything `presage up` printed so far (for failure messages). */
  output: () => string;
  /** SIGTERM to `presage up`, then SIGKILL to anything left that runs with this PRESAGE_HOME. Idempotent. */
  stop: () => Promise<void>;
}

/** Compiles what is stale (tools/scripts/build.mjs), as `npm start` does before it runs the platform. */
export function buildPresage(): void {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'tools/scripts/build.mjs'), '--quiet'], {
    stdio: 'inherit',
  });
  if (result.status !== 0)
    throw new Error(`tools/scripts/build.mjs failed (${result.status ?? result.signal})`);
}

export async function startPresage(extraEnv: Record<string, string> = {}): Promise<PresagePlatform> {
  buildPresage();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-bench-'));
  const ports = {
    http: await freePort(),
    grpc: await freePort(),
    registry: await freePort(),
    deployer: await freePort(),
    batch: await freePort(),
    autoscaler: await freePort(),
    registryMetrics: await freePort(),
    deployerMetrics: await freePort(),
    batchMetrics: await freePort(),
    autoscalerMetrics: await freePort(),
  };
  const child = spawn(process.execPath, [CLI, 'up'], {
    env: {
      ...process.env,
      PRESAGE_HOME: home,
      DATABASE_URL: '',
      PRESAGE_HTTP_PORT: String(ports.http),
      PRESAGE_GRPC_PORT: String(ports.grpc),
      PRESAGE_REGISTRY_ADDRESS: `127.0.0.1:${ports.registry}`,
      PRESAGE_DEPLOYER_ADDRESS: `127.0.0.1:${ports.deployer}`,
      PRESAGE_BATCH_ADDRESS: `127.0.0.1:${ports.batch}`,
      PRESAGE_AUTOSCALER_ADDRESS: `127.0.0.1:${ports.autoscaler}`,
      PRESAGE_REGISTRY_METRICS_ADDRESS: `127.0.0.1:${ports.registryMetrics}`,
      PRESAGE_DEPLOYER_METRICS_ADDRESS: `127.0.0.1:${ports.deployerMetrics}`,
      PRESAGE_BATCH_METRICS_ADDRESS: `127.0.0.1:${ports.batchMetrics}`,
      PRESAGE_AUTOSCALER_METRICS_ADDRESS: `127.0.0.1:${ports.autoscalerMetrics}`,
      PRESAGE_DEMO: '0',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await waitFor(() => child.exitCode !== null || child.signalCode !== null, {
        timeoutMs: 60_000,
        description: 'presage up to exit',
      }).catch(() => child.kill('SIGKILL'));
      // Services and predictors run in their own process groups; every one inherits this PRESAGE_HOME.
      for (const pid of pidsWithEnv('PRESAGE_HOME', home)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      fs.rmSync(home, { recursive: true, force: true });
    })());
  try {
    await waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`presage up exited with ${child.exitCode}:\n${output}`);
        return output.includes('Presage is up');
      },
      { timeoutMs: START_TIMEOUT_MS, intervalMs: 200, description: '"Presage is up"' },
    );
    // The benchmarks call the deployer (ListReplicas), an internal port.
    usePlatformCredential(home);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    rest: `http://127.0.0.1:${ports.http}`,
    gatewayGrpc: `127.0.0.1:${ports.grpc}`,
    deployer: `127.0.0.1:${ports.deployer}`,
    home,
    adminKey: extraEnv['PRESAGE_BOOTSTRAP_ADMIN_KEY'],
    output: () => output,
    stop,
  };
}

/** JSON over REST; throws unless the answer is 200. */
export async function callRest(
  platform: PresagePlatform,
  method: string,
  urlPath: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${platform.rest}${urlPath}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(platform.adminKey ? { authorization: `Bearer ${platform.adminKey}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`${method} ${urlPath} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * Creates `projects/{project}/models/{fixture.name}` with version v1 from the fixture's directory (plus
 * `versionFields`, e.g. `{autoScaling: {minNodes: 0}}`) and waits until the version is READY. Returns the
 * model's resource name.
 */
export async function deployFixture(
  platform: PresagePlatform,
  project: string,
  fixture: Fixture,
  versionFields: Record<string, unknown> = {},
): Promise<string> {
  const model = `projects/${project}/models/${fixture.name}`;
  await callRest(platform, 'POST', `/v1/projects/${project}/models`, { name: fixture.name });
  const operation = await callRest(platform, 'POST', `/v1/${model}/versions`, {
    ...versionFields,
    name: 'v1',
    deploymentUri: fixture.dir,
  });
  const done = await waitFor(
    async () => {
      const op = await callRest(platform, 'GET', `/v1/${String(operation['name'])}`);
      return op['done'] === true ? op : undefined;
    },
    {
      timeoutMs: START_TIMEOUT_MS,
      intervalMs: 200,
      description: `version ${model}/versions/v1 to be created`,
    },
  );
  if (done['error'] !== undefined)
    throw new Error(`Creating ${model}/versions/v1 failed: ${JSON.stringify(done['error'])}`);
  const version = await callRest(platform, 'GET', `/v1/${model}/versions/v1`);
  if (version['state'] !== 'READY')
    throw new Error(`${model}/versions/v1 is ${String(version['state'])}, not READY`);
  return model;
}
