import path from 'node:path';
import { readDatabaseUrl } from '@presage/db';
import { ConfigError, EnvReader, readAllowedPaths, readInternalCredential } from '@presage/env';
import type { AllowedPaths, InternalCredential } from '@presage/env';
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
  /** PRESAGE_DEMO: register and serve the bundled iris model at start-up (`0` or `false` turns it off). @default true */
  demo: boolean;
  /** PRESAGE_ALLOWED_PATHS, read here too so a bad value stops `presage up` first; the demo must lie under it. */
  allowedPaths: AllowedPaths;
  /**
   * PRESAGE_INTERNAL_CREDENTIAL_FILE or PRESAGE_INTERNAL_CREDENTIAL: the platform's internal credential,
   * which the services inherit. @default undefined (`presage up` makes `$PRESAGE_HOME/internal-credential`)
   */
  internalCredential: InternalCredential | undefined;
  /** The environment the services inherit (each also gets its own settings on top). */
  inheritedEnv: NodeJS.ProcessEnv;
}

export class CliConfigError extends ConfigError {
  override name = 'CliConfigError';

  constructor(problems: readonly string[]) {
    super('presage', problems);
  }
}

export function loadCliConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): CliConfig {
  const reader = new EnvReader(env);
  const autoscalerAddress = reader.address('PRESAGE_AUTOSCALER_ADDRESS', '127.0.0.1:8094');
  const config: CliConfig = {
    registryAddress: reader.address('PRESAGE_REGISTRY_ADDRESS', '127.0.0.1:8091'),
    deployerAddress: reader.address('PRESAGE_DEPLOYER_ADDRESS', '127.0.0.1:8092'),
    batchAddress: reader.address('PRESAGE_BATCH_ADDRESS', '127.0.0.1:8093'),
    autoscalerAddress,
    registryMetricsAddress: reader.address('PRESAGE_REGISTRY_METRICS_ADDRESS', '127.0.0.1:9191'),
    deployerMetricsAddress: reader.address('PRESAGE_DEPLOYER_METRICS_ADDRESS', '127.0.0.1:9192'),
    batchMetricsAddress: reader.address('PRESAGE_BATCH_METRICS_ADDRESS', '127.0.0.1:9193'),
    autoscalerMetricsAddress: reader.address('PRESAGE_AUTOSCALER_METRICS_ADDRESS', '127.0.0.1:9194'),
    httpPort: reader.port('PRESAGE_HTTP_PORT', 8080),
    grpcPort: reader.port('PRESAGE_GRPC_PORT', 8090),
    databaseUrl: readDatabaseUrl(reader),
    // Read here too so a bad value stops `presage up` before any service starts.
    otlpEndpoint: readTelemetryEnv(env, reader.problems).otlpEndpoint ?? `http://${autoscalerAddress}`,
    home: path.resolve(cwd, reader.text('PRESAGE_HOME', './.presage')),
    demo: reader.flag('PRESAGE_DEMO', true),
    allowedPaths: readAllowedPaths(reader),
    internalCredential: readInternalCredential(reader, { secretComesLater: true }),
    inheritedEnv: { ...env },
  };
  if (reader.problems.length > 0) throw new CliConfigError(reader.problems);
  return config;
}
