import type { CliConfig } from './config';

/** What a service gets from `presage up` when it starts. */
export interface ServiceContext {
  config: CliConfig;
  /** The embedded Postgres's URL, or the configured DATABASE_URL. */
  databaseUrl: string;
}

/** One service `presage up` runs: a row of the table below. */
export interface PlatformService {
  /** The process name in logs and in the banner. */
  name: string;
  /** The compiled composition root, relative to the repository root (built by tools/scripts/build.mjs). */
  entry: string;
  /** Node's flags for it: CONTROL_PLANE_NODE_FLAGS, or none for a service on the prediction path. */
  nodeFlags: readonly string[];
  /** Where it serves gRPC: health-checked (grpc.health.v1) at start-up and shown in the banner. */
  address(config: CliConfig): string;
  /** Its Prometheus endpoint, shown in the banner. @default none shown */
  metricsUrl?(config: CliConfig): string;
  /** Its settings, on top of the environment the cli was started with. */
  env(context: ServiceContext): Record<string, string>;
}

/**
 * Node flags of the processes that serve no prediction (registry, deployer, batch, autoscaler, the
 * embedded Postgres runnable): V8's young generation capped at 1 MiB a semi-space instead of 16 MiB.
 * Start-up allocation grows it to the cap and an idle process keeps it: the cap takes ~10 MiB of
 * resident memory off each. They allocate little, so the more frequent scavenges cost nothing that
 * shows; the gateway and predictors keep V8's default, sized for throughput.
 */
export const CONTROL_PLANE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];

/**
 * Telemetry every service gets: its Prometheus endpoint (the gateway's is on its REST port, predictors
 * pick free ports and the deployer lists them) and the OTLP push, by default to the autoscaler's
 * receiver: every service (and, through the deployer's environment, every predictor) pushes to it.
 */
function telemetryEnv(config: CliConfig, metricsAddress?: string): Record<string, string> {
  return {
    ...(metricsAddress ? { PRESAGE_METRICS_ADDRESS: metricsAddress } : {}),
    PRESAGE_OTLP_ENDPOINT: config.otlpEndpoint,
  };
}

/**
 * The services of the platform, in start-up order (they stop in reverse). To add one, add a row; every
 * service sees the others' addresses through `config`.
 */
export const PLATFORM_SERVICES: readonly PlatformService[] = [
  {
    name: 'registry',
    entry: 'apps/registry/dist/main.js',
    nodeFlags: CONTROL_PLANE_NODE_FLAGS,
    address: (config) => config.registryAddress,
    metricsUrl: (config) => `http://${config.registryMetricsAddress}/metrics`,
    env: ({ config, databaseUrl }) => ({
      PRESAGE_REGISTRY_ADDRESS: config.registryAddress,
      PRESAGE_HOME: config.home,
      DATABASE_URL: databaseUrl,
      ...telemetryEnv(config, config.registryMetricsAddress),
    }),
  },
  {
    name: 'deployer',
    entry: 'apps/deployer/dist/main.js',
    nodeFlags: CONTROL_PLANE_NODE_FLAGS,
    address: (config) => config.deployerAddress,
    metricsUrl: (config) => `http://${config.deployerMetricsAddress}/metrics`,
    env: ({ config }) => ({
      PRESAGE_DEPLOYER_ADDRESS: config.deployerAddress,
      PRESAGE_REGISTRY_ADDRESS: config.registryAddress,
      PRESAGE_HOME: config.home,
      // A crashed deployer restarted by the supervisor adopts the replicas; Ctrl-C stops them with it.
      PRESAGE_REPLICAS_OUTLIVE_DEPLOYER: '0',
      ...telemetryEnv(config, config.deployerMetricsAddress),
    }),
  },
  {
    name: 'batch',
    entry: 'apps/batch/dist/main.js',
    nodeFlags: CONTROL_PLANE_NODE_FLAGS,
    address: (config) => config.batchAddress,
    metricsUrl: (config) => `http://${config.batchMetricsAddress}/metrics`,
    env: ({ config, databaseUrl }) => ({
      PRESAGE_BATCH_ADDRESS: config.batchAddress,
      PRESAGE_REGISTRY_ADDRESS: config.registryAddress,
      PRESAGE_DEPLOYER_ADDRESS: config.deployerAddress,
      PRESAGE_HOME: config.home,
      DATABASE_URL: databaseUrl,
      ...telemetryEnv(config, config.batchMetricsAddress),
    }),
  },
  {
    name: 'autoscaler',
    entry: 'apps/autoscaler/dist/main.js',
    nodeFlags: CONTROL_PLANE_NODE_FLAGS,
    address: (config) => config.autoscalerAddress,
    metricsUrl: (config) => `http://${config.autoscalerMetricsAddress}/metrics`,
    env: ({ config, databaseUrl }) => ({
      PRESAGE_AUTOSCALER_ADDRESS: config.autoscalerAddress,
      PRESAGE_DEPLOYER_ADDRESS: config.deployerAddress,
      PRESAGE_HOME: config.home,
      DATABASE_URL: databaseUrl,
      // Its own metrics on /metrics only: it is the receiver the others push to.
      PRESAGE_METRICS_ADDRESS: config.autoscalerMetricsAddress,
    }),
  },
  {
    name: 'gateway',
    entry: 'apps/gateway/dist/main.js',
    nodeFlags: [],
    address: (config) => `127.0.0.1:${config.grpcPort}`,
    metricsUrl: (config) => `http://127.0.0.1:${config.httpPort}/metrics`,
    env: ({ config }) => ({
      PRESAGE_HTTP_PORT: String(config.httpPort),
      PRESAGE_GRPC_PORT: String(config.grpcPort),
      PRESAGE_REGISTRY_ADDRESS: config.registryAddress,
      PRESAGE_DEPLOYER_ADDRESS: config.deployerAddress,
      PRESAGE_BATCH_ADDRESS: config.batchAddress,
      ...telemetryEnv(config),
      PRESAGE_AUTOSCALER_ADDRESS: config.autoscalerAddress,
    }),
  },
];
