export { DTYPES, elementCount, isDType } from './tensor';
export type { DType, Tensor, TensorData, TensorDataMap } from './tensor';
export { ModelLoadError, ModelRunError } from './model-runtime';
export type { LoadOptions, LoadedModel, ModelRuntime, ModelSignature, TensorSpec } from './model-runtime';
export { createRuntimeRegistry } from './runtime-registry';
export type { RuntimeRegistration, RuntimeRegistry } from './runtime-registry';
export { ONNX_MODEL_FILE, createOnnxRuntime, loadOnnxBytes } from './onnx/onnx-runtime';
export type { OnnxRuntimeOptions } from './onnx/onnx-runtime';
export { defaultRuntimes, detectRuntime, loadModel } from './default-runtimes';
