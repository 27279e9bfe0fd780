import type { LoadOptions, LoadedModel } from './model-runtime';
import { ONNX_MODEL_FILE, createOnnxRuntime } from './onnx/onnx-runtime';
import { createRuntimeRegistry } from './runtime-registry';

/** The runtimes Presage knows, in detection order. */
export const defaultRuntimes = createRuntimeRegistry([
  {
    name: 'onnx',
    markers: [ONNX_MODEL_FILE],
    frameworks: ['ONNX', 'SCIKIT_LEARN', 'XGBOOST', 'TENSORFLOW'],
    create: () => createOnnxRuntime(),
  },
]);

/** The name of the runtime for the artifacts in `dir`; throws listing the files it looked for. */
export function detectRuntime(dir: string, options?: LoadOptions): Promise<string> {
  return defaultRuntimes.detect(dir, options);
}

/** Detects the runtime of `dir` and loads its model. */
export function loadModel(dir: string, options?: LoadOptions): Promise<LoadedModel> {
  return defaultRuntimes.load(dir, options);
}
