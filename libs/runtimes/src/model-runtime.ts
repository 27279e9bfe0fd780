import type { DType, Tensor } from './tensor';

/** One input or output of a model. */
export interface TensorSpec {
  name: string;
  dtype: DType;
  /** -1 for a dynamic (symbolic or unknown) dimension; the first one is usually the batch. */
  shape: number[];
}

export interface ModelSignature {
  inputs: TensorSpec[];
  outputs: TensorSpec[];
}

/** What a version says about how to load it, besides its artifacts. */
export interface LoadOptions {
  /**
   * The version's framework as the registry stores it (`ONNX`, `TENSORFLOW`, `SCIKIT_LEARN`, `XGBOOST`);
   * empty or `FRAMEWORK_UNSPECIFIED` to detect it from the files.
   */
  framework?: string;
  /** A custom prediction routine, `module#ClassName`, found in `packageDirs`. */
  predictionClass?: string;
  /** The staged `packageUris` of the version, in order. */
  packageDirs?: string[];
  /** The TensorFlow signature to serve. @default 'serving_default' */
  signatureName?: string;
}

/** A model ready to run. One instance serves concurrent run() calls. */
export interface LoadedModel {
  /** The runtime's name, e.g. 'onnx'. */
  runtime: string;
  signature: ModelSignature;
  /** Runs the model on tensors keyed by input name; answers every output of the signature by name. */
  run(feeds: Record<string, Tensor>): Promise<Record<string, Tensor>>;
  /** Frees the model; run() must not be called afterwards. */
  close(): Promise<void>;
  /**
   * Models that take AI Platform's JSON instances as they are (custom prediction routines) implement this;
   * the predictor then skips the tensor conversion. `options` holds the request's other top-level keys.
   */
  predictInstances?(instances: unknown[], options: Record<string, unknown>): Promise<unknown[]>;
  /**
   * A model taking JSON instances whose code asked for it (a routine instance with `batching = true`):
   * concurrent requests with the same options may reach predictInstances as one call, their instances
   * one list. Tensor models batch when their inputs have a dynamic batch dimension. @default false
   */
  mergesRequests?: boolean;
}

/** A way to run one kind of model artifact (ONNX, TensorFlow.js, custom routine). */
export interface ModelRuntime {
  /** e.g. 'onnx'. */
  name: string;
  /** Loads the model in `artifactDir`; rejects with a ModelLoadError whose message a user can act on. */
  load(artifactDir: string, options?: LoadOptions): Promise<LoadedModel>;
}

/** A model could not be loaded: missing or invalid artifacts. The message says what to fix. */
export class ModelLoadError extends Error {
  override readonly name = 'ModelLoadError';
}

/** A model failed while running (bad feeds, an operator error). */
export class ModelRunError extends Error {
  override readonly name = 'ModelRunError';
}
