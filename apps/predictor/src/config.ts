/** The predictor's settings, read from the environment once; every problem is reported together. */
export interface PredictorConfig {
  /** PRESAGE_PREDICTOR_MODEL_DIR (required): the directory holding the model's artifacts. */
  modelDir: string;
  /** PRESAGE_PREDICTOR_VERSION: the version's resource name, for logs and ModelInfo. @default 'local' */
  version: string;
  /** PRESAGE_PREDICTOR_ADDRESS: where the gRPC server listens. @default '127.0.0.1:0' (any free port) */
  address: string;
}

const ADDRESS = /^[^\s]+:\d{1,5}$/;

export function loadPredictorConfig(env: NodeJS.ProcessEnv = process.env): PredictorConfig {
  const problems: string[] = [];
  const modelDir = env['PRESAGE_PREDICTOR_MODEL_DIR'] ?? '';
  if (!modelDir)
    problems.push(
      'PRESAGE_PREDICTOR_MODEL_DIR is required: the directory holding the model (e.g. model.onnx)',
    );
  const address = env['PRESAGE_PREDICTOR_ADDRESS'] || '127.0.0.1:0';
  if (!ADDRESS.test(address)) problems.push(`PRESAGE_PREDICTOR_ADDRESS must be host:port, got "${address}"`);
  if (problems.length > 0) throw new Error(`Invalid predictor configuration:\n  ${problems.join('\n  ')}`);
  return { modelDir, version: env['PRESAGE_PREDICTOR_VERSION'] || 'local', address };
}
