/** The gateway's settings, read from the environment once; every problem is reported together. */
export interface GatewayConfig {
  /** PRESAGE_HTTP_HOST. @default '127.0.0.1' */
  httpHost: string;
  /** PRESAGE_HTTP_PORT. @default 8080 */
  httpPort: number;
  /** PRESAGE_GRPC_HOST. @default '127.0.0.1' */
  grpcHost: string;
  /** PRESAGE_GRPC_PORT. @default 8090 */
  grpcPort: number;
  /** PRESAGE_REGISTRY_ADDRESS. @default '127.0.0.1:8091' */
  registryAddress: string;
  /** PRESAGE_DEPLOYER_ADDRESS. @default '127.0.0.1:8092' */
  deployerAddress: string;
  /** PRESAGE_BATCH_ADDRESS; unset → JobService answers 501 "batch prediction is not enabled". */
  batchAddress: string | undefined;
  /** PRESAGE_AUTOSCALER_ADDRESS; unset → AutoscalingService answers 501 "autoscaling is not enabled". */
  autoscalerAddress?: string | undefined;
  /** PRESAGE_MAX_BODY_BYTES. @default 1572864 (1.5 MiB, AI Platform's payload limit) */
  maxBodyBytes: number;
}

const ADDRESS = /^[^\s:]+:\d{1,5}$/;
const HOST = /^[^\s:/]+$|^\[[0-9a-fA-F:]+\]$|^[0-9a-fA-F:]+$/;

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const problems: string[] = [];
  const port = (key: string, fallback: number): number => {
    const text = env[key] || String(fallback);
    const value = Number(text);
    if (!/^\d+$/.test(text) || value > 65535)
      problems.push(`${key} must be a port number 0-65535, got "${text}"`);
    return value;
  };
  const host = (key: string): string => {
    const value = env[key] || '127.0.0.1';
    if (!HOST.test(value)) problems.push(`${key} must be a host name or IP address, got "${value}"`);
    return value;
  };
  const address = (key: string, fallback: string | undefined): string | undefined => {
    const value = env[key] || fallback;
    if (value !== undefined && !ADDRESS.test(value))
      problems.push(`${key} must be host:port, got "${value}"`);
    return value;
  };
  const maxBodyText = env['PRESAGE_MAX_BODY_BYTES'] || '1572864';
  const maxBodyBytes = Number(maxBodyText);
  if (!/^\d+$/.test(maxBodyText) || maxBodyBytes < 1) {
    problems.push(`PRESAGE_MAX_BODY_BYTES must be a positive number of bytes, got "${maxBodyText}"`);
  }
  const config: GatewayConfig = {
    httpHost: host('PRESAGE_HTTP_HOST'),
    httpPort: port('PRESAGE_HTTP_PORT', 8080),
    grpcHost: host('PRESAGE_GRPC_HOST'),
    grpcPort: port('PRESAGE_GRPC_PORT', 8090),
    registryAddress: address('PRESAGE_REGISTRY_ADDRESS', '127.0.0.1:8091')!,
    deployerAddress: address('PRESAGE_DEPLOYER_ADDRESS', '127.0.0.1:8092')!,
    batchAddress: address('PRESAGE_BATCH_ADDRESS', undefined),
    autoscalerAddress: address('PRESAGE_AUTOSCALER_ADDRESS', undefined),
    maxBodyBytes,
  };
  if (problems.length > 0) throw new Error(`Invalid gateway configuration:\n  ${problems.join('\n  ')}`);
  return config;
}
