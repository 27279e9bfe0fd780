import path from 'node:path';
import { readTelemetryEnv } from '@presage/telemetry';

/** The cli's settings, read from the environment once; every problem is reported together. */
export interface CliConfig {
  /** PRESAGE_HOME, made absolute: where the platform keeps its state. @default './.presage' */
  home: string;
  /** DATABASE_URL; unset → `presage up` starts an embedded Postgres with its cluster in `${home}/postgres`. */
  databaseUrl: string | undefined;
  /** PRESAGE_REGISTRY_ADDRESS: where the registry serves gRPC. @default '127.0.0.1:8091' */
  registryAddress: string;
  /** PRESAGE_DEPLOYER_ADDRESS: where the deployer serves gRPC. @default '127.0.0.1:8092' */
  deployerAddress: string;
  /** PRESAGE_BATCH_ADDRESS: where the batch service serves gRPC (jobs, and its workers). @default '127.0.0.1:8093' */
  batchAddress: string;
  /** PRESAGE_AUTOSCALER_ADDRESS: where the autoscaler serves gRPC and receives OTLP metrics. @default '127.0.0.1:8094' */
  autoscalerAddress: string;
  /** PRESAGE_HTTP_PORT: the gateway's REST port. @default 8080 */
  httpPort: number;
  /** PRESAGE_GRPC_PORT: the gateway's public gRPC port. @default 8090 */
  grpcPort: number;
  /** PRESAGE_REGISTRY_METRICS_ADDRESS: the registry's Prometheus `GET /metrics`. @default '127.0.0.1:9191' */
  registryMetricsAddress: string;
  /** PRESAGE_DEPLOYER_METRICS_ADDRESS: the deployer's Prometheus `GET /metrics`. @default '127.0.0.1:9192' */
  deployerMetricsAddress: string;
  /** PRESAGE_BATCH_METRICS_ADDRESS: the batch service's Prometheus `GET /metrics`. @default '127.0.0.1:9193' */
  batchMetricsAddress: string;
  /** PRESAGE_AUTOSCALER_METRICS_ADDRESS: the autoscaler's Prometheus `GET /metrics`. @default '127.0.0.1:9194' */
  autoscalerMetricsAddress: string;
  /**
   * PRESAGE_OTLP_ENDPOINT: where every service pushes its metrics over OTLP/gRPC (a collector that
   * forwards to the autoscaler, say). @default the autoscaler's receiver, `http://${PRESAGE_AUTOSCALER_ADDRESS}`
   */
  otlpEndpoint: string;
  /** PRESAGE_DEMO: register and serve the bundled iris model at start-up (`0` turns it off). @default true */
  demo: boolean;
  /** The environment the services inherit (each also gets its own settings on top). */
  inheritedEnv: NodeJS.ProcessEnv;
}

export class CliConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid presage configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'CliConfigError';
  }
}

const ADDRESS = /^[^\s:]+:\d{1,5}$/;

export function loadCliConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): CliConfig {
  const problems: string[] = [];
  const registryAddress = env['PRESAGE_REGISTRY_ADDRESS'] || '127.0.0.1:8091';
  const deployerAddress = env['PRESAGE_DEPLOYER_ADDRESS'] || '127.0.0.1:8092';
  const batchAddress = env['PRESAGE_BATCH_ADDRESS'] || '127.0.0.1:8093';
  const autoscalerAddress = env['PRESAGE_AUTOSCALER_ADDRESS'] || '127.0.0.1:8094';
  const registryMetricsAddress = env['PRESAGE_REGISTRY_METRICS_ADDRESS'] || '127.0.0.1:9191';
  const deployerMetricsAddress = env['PRESAGE_DEPLOYER_METRICS_ADDRESS'] || '127.0.0.1:9192';
  const batchMetricsAddress = env['PRESAGE_BATCH_METRICS_ADDRESS'] || '127.0.0.1:9193';
  const autoscalerMetricsAddress = env['PRESAGE_AUTOSCALER_METRICS_ADDRESS'] || '127.0.0.1:9194';
  for (const [name, value] of [
    ['PRESAGE_REGISTRY_ADDRESS', registryAddress],
    ['PRESAGE_DEPLOYER_ADDRESS', deployerAddress],
    ['PRESAGE_BATCH_ADDRESS', batchAddress],
    ['PRESAGE_AUTOSCALER_ADDRESS', autoscalerAddress],
    ['PRESAGE_REGISTRY_METRICS_ADDRESS', registryMetricsAddress],
    ['PRESAGE_DEPLOYER_METRICS_ADDRESS', deployerMetricsAddress],
    ['PRESAGE_BATCH_METRICS_ADDRESS', batchMetricsAddress],
    ['PRESAGE_AUTOSCALER_METRICS_ADDRESS', autoscalerMetricsAddress],
  ] as const) {
    if (!ADDRESS.test(value)) problems.push(`${name} must be host:port, got "${value}"`);
  }
  const port = (key: string, fallback: number): number => {
    const text = env[key] || String(fallback);
    if (!/^\d{1,5}$/.test(text) || Number(text) > 65535)
      problems.push(`${key} must be a port number, got "${text}"`);
    return Number(text);
  };
  const httpPort = port('PRESAGE_HTTP_PORT', 8080);
  const grpcPort = port('PRESAGE_GRPC_PORT', 8090);
  const databaseUrl = env['DATABASE_URL'] || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// URL');
  }
  // Read here too so a bad value stops `presage up` before any service starts.
  const { otlpEndpoint } = readTelemetryEnv(env, problems);
  const home = env['PRESAGE_HOME'] || './.presage';
  if (problems.length > 0) throw new CliConfigError(problems);
  return {
    home: path.resolve(cwd, home),
    databaseUrl,
    registryAddress,
    deployerAddress,
    batchAddress,
    autoscalerAddress,
    httpPort,
    grpcPort,
    registryMetricsAddress,
    deployerMetricsAddress,
    batchMetricsAddress,
    autoscalerMetricsAddress,
    otlpEndpoint: otlpEndpoint ?? `http://${autoscalerAddress}`,
    demo: env['PRESAGE_DEMO'] !== '0',
    inheritedEnv: { ...env },
  };
}
