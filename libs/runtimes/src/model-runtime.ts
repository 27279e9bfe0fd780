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

/** A model ready to run. One instance serves concurrent run() calls. */
export interface LoadedModel {
  /** The runtime's name, e.g. 'onnx'. */
  runtime: string;
  signature: ModelSignature;
  /** Runs the model on tensors keyed by input name; answers every output of the signature by name. */
  run(feeds: Record<string, Tensor>): Promise<Record<string, Tensor>>;
  /** Frees the model; run() must not be called afterwards. */
  close(): Promise<void>;
}

/** A way to run one kind of model artifact (ONNX, TensorFlow.js, custom routine). */
export interface ModelRuntime {
  /** e.g. 'onnx'. */
  name: string;
  /** Loads the model in `artifactDir`; rejects with a ModelLoadError whose message a user can act on. */
  load(artifactDir: string): Promise<LoadedModel>;
}

/** A model could not be loaded: missing or invalid artifacts. The message says what to fix. */
export class ModelLoadError extends Error {
  override readonly name = 'ModelLoadError';
}

/** A model failed while running (bad feeds, an operator error). */
export class ModelRunError extends Error {
  override readonly name = 'ModelRunError';
}
