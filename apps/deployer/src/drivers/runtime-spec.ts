/** The version's settings the predictor's runtime needs, besides its artifacts. */
export interface RuntimeSpec {
  /** Version.framework; empty or FRAMEWORK_UNSPECIFIED to detect it from the files. */
  framework: string;
  /** A custom prediction routine's `module#ClassName`; empty for none. */
  predictionClass: string;
  /** The staged copies of packageUris, in order. */
  packageDirs: string[];
  /** The TensorFlow signature to serve; empty for the runtime's default. */
  signatureName: string;
  /** Version.batching: 0 fields take the predictor's defaults (64 instances, no wait). */
  batching: { maxBatchSize: number; maxQueueDelayMs: number };
}

/** No batching settings of the version's own: the predictor's defaults. */
export const DEFAULT_BATCHING_SPEC: RuntimeSpec['batching'] = { maxBatchSize: 0, maxQueueDelayMs: 0 };

/** What a predictor says of the model it loaded. */
export interface ModelDescription {
  runtime: string;
  signature: unknown;
  loadSeconds: number;
}

/**
 * The environment a predictor loads a version's model with: the same for a local process and a pod,
 * a serving replica and a batch worker. Batching settings left at 0 are not set, so the predictor's
 * defaults hold.
 */
export function predictorRuntimeEnv(
  version: string,
  modelDir: string,
  runtime: RuntimeSpec,
): Record<string, string> {
  return {
    PRESAGE_PREDICTOR_MODEL_DIR: modelDir,
    PRESAGE_PREDICTOR_VERSION: version,
    PRESAGE_PREDICTOR_FRAMEWORK: runtime.framework,
    PRESAGE_PREDICTOR_PREDICTION_CLASS: runtime.predictionClass,
    PRESAGE_PREDICTOR_PACKAGE_DIRS: JSON.stringify(runtime.packageDirs),
    PRESAGE_PREDICTOR_SIGNATURE_NAME: runtime.signatureName,
    ...(runtime.batching.maxBatchSize > 0
      ? { PRESAGE_PREDICTOR_MAX_BATCH_SIZE: String(runtime.batching.maxBatchSize) }
      : {}),
    ...(runtime.batching.maxQueueDelayMs > 0
      ? { PRESAGE_PREDICTOR_MAX_QUEUE_DELAY_MS: String(runtime.batching.maxQueueDelayMs) }
      : {}),
  };
}
