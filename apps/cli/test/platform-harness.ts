import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, pidsWithEnv, serviceMain, usePlatformCredential, waitFor } from '@presage/testing';

/**
 * `presage up` with every service on a free port and a fresh PRESAGE_HOME, as a user runs it. Once it is
 * up, this process's grpc-kit clients present its internal credential (to call internal ports directly).
 */
export interface Platform {
  rest: string;
  gatewayGrpc: string;
  deployer: string;
  registry: string;
  /** The autoscaler's Prometheus endpoint, `http://host:port/metrics`. */
  autoscalerMetrics: string;
  home: string;
  output(): string;
  /** SIGTERM to the cli; resolves with its exit code. Kills whatever is left. */
  stop(): Promise<number | null>;
}

export async function startPlatform(options: {
  demo: boolean;
  env?: Record<string, string>;
  /** The output line that says it is up. @default the demo's READY line with the demo, else the banner */
  readyLine?: string;
}): Promise<Platform> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-platform-'));
  const httpPort = await freePort();
  const grpcPort = await freePort();
  const registry = `127.0.0.1:${await freePort()}`;
  const deployer = `127.0.0.1:${await freePort()}`;
  const batch = `127.0.0.1:${await freePort()}`;
  const autoscaler = `127.0.0.1:${await freePort()}`;
  const autoscalerMetrics = `127.0.0.1:${await freePort()}`;
  const child = spawn(process.execPath, [serviceMain('cli'), 'up'], {
    env: {
      ...process.env,
      PRESAGE_HOME: home,
      DATABASE_URL: process.env['PRESAGE_PLATFORM_DATABASE_URL'] ?? '',
      PRESAGE_HTTP_PORT: String(httpPort),
      PRESAGE_GRPC_PORT: String(grpcPort),
      PRESAGE_REGISTRY_ADDRESS: registry,
      PRESAGE_DEPLOYER_ADDRESS: deployer,
      PRESAGE_BATCH_ADDRESS: batch,
      PRESAGE_REGISTRY_METRICS_ADDRESS: `127.0.0.1:${await freePort()}`,
      PRESAGE_DEPLOYER_METRICS_ADDRESS: `127.0.0.1:${await freePort()}`,
      PRESAGE_BATCH_METRICS_ADDRESS: `127.0.0.1:${await freePort()}`,
      PRESAGE_AUTOSCALER_METRICS_ADDRESS: autoscalerMetrics,
      PRESAGE_AUTOSCALER_ADDRESS: autoscaler,
      PRESAGE_DEMO: options.demo ? '1' : '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ready =
    options.readyLine ?? (options.demo ? 'Demo model projects/demo/models/iris is READY' : 'Presage is up');
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    const code = await waitFor(() => (child.exitCode === null ? undefined : child.exitCode), {
      timeoutMs: 60_000,
      description: 'presage up to exit',
    }).catch(() => null);
    // Services run in their own process groups: make sure none outlives a failed test.
    for (const match of output.matchAll(/"message":"started \w+","pid":(\d+)/g)) {
      try {
        process.kill(Number(match[1]), 'SIGKILL');
      } catch {
        // gone
      }
    }
    fs.rmSync(home, { recursive: true, force: true });
    // PRESAGE_TEST_PLATFORM_LOGS=<dir> keeps what every platform printed, to read after a failure.
    const logs = process.env['PRESAGE_TEST_PLATFORM_LOGS'];
    if (logs) {
      fs.mkdirSync(logs, { recursive: true });
      fs.writeFileSync(path.join(logs, `${path.basename(home)}.log`), output);
    }
    return code;
  };
  try {
    await waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`presage up exited with ${child.exitCode}:\n${output}`);
        return output.includes(ready);
      },
      { timeoutMs: 120_000, description: ready },
    );
    const tlsEnv = Object.entries(options.env ?? {}).filter(([name]) => name.startsWith('PRESAGE_TLS_'));
    usePlatformCredential(home, Object.fromEntries(tlsEnv));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    rest: `http://127.0.0.1:${httpPort}`,
    gatewayGrpc: `127.0.0.1:${grpcPort}`,
    deployer,
    registry,
    autoscalerMetrics: `http://${autoscalerMetrics}/metrics`,
    home,
    output: () => output,
    stop,
  };
}

/** JSON over REST: the status and the parsed body. */
export async function call(
  platform: Platform,
  method: string,
  urlPath: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${platform.rest}${urlPath}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    throw new Error(
      `${method} ${urlPath} answered ${response.status} with a non-JSON body: ${text.slice(0, 300)}`,
    );
  }
  return { status: response.status, body: parsed };
}

/** Polls an operation over REST until it is done. */
export async function waitForOperation(platform: Platform, name: string): Promise<Record<string, unknown>> {
  return waitFor(
    async () => {
      const { status, body } = await call(platform, 'GET', `/v1/${name}`);
      if (status !== 200) throw new Error(`GET ${name} answered ${status}: ${JSON.stringify(body)}`);
      return body['done'] === true ? body : undefined;
    },
    { timeoutMs: 60_000, description: `operation ${name}` },
  );
}

/** Pids of the predictor processes serving `version`. */
export function predictorPids(version: string): number[] {
  return pidsWithEnv('PRESAGE_PREDICTOR_VERSION', version);
}
