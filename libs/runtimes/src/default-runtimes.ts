import type { LoadedModel } from './model-runtime';
import { ONNX_MODEL_FILE, createOnnxRuntime } from './onnx/onnx-runtime';
import { createRuntimeRegistry } from './runtime-registry';

/** The runtimes Presage knows, in detection order. */
export const defaultRuntimes = createRuntimeRegistry([
  { name: 'onnx', markers: [ONNX_MODEL_FILE], create: () => createOnnxRuntime() },
]);

/** The name of the runtime for the artifacts in `dir`; throws listing the files it looked for. */
export function detectRuntime(dir: string): Promise<string> {
  return defaultRuntimes.detect(dir);
}

/** Detects the runtime of `dir` and loads its model. */
export function loadModel(dir: string): Promise<LoadedModel> {
  return defaultRuntimes.load(dir);
}
