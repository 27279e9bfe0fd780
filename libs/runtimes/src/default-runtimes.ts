import { createCustomRuntime } from './custom/custom-runtime';
import type { LoadOptions, LoadedModel, ModelRuntime } from './model-runtime';
import { ONNX_MODEL_FILE } from './onnx/onnx-model-file';
import type { createOnnxRuntime } from './onnx/onnx-runtime';
import { createRuntimeRegistry } from './runtime-registry';
import { REFUSED_MODEL_FILES, createRefusedRuntime } from './refused/refused-runtime';
import type { createSklearnRuntime } from './sklearn/sklearn-runtime';
import { TENSORFLOW_MARKERS, isTensorflowModel } from './tensorflow/tensorflow-detection';
import type { createTensorflowRuntime } from './tensorflow/tensorflow-runtime';
import { XGBOOST_MODEL_FILE, isXgboostModel } from './xgboost/xgboost-detection';
import type { createXgboostRuntime } from './xgboost/xgboost-runtime';

/** The runtimes Presage knows, in detection order. */
export const defaultRuntimes = createRuntimeRegistry([
  {
    name: 'tensorflow',
    markers: TENSORFLOW_MARKERS,
    frameworks: ['TENSORFLOW'],
    matches: isTensorflowModel,
    create: () => onFirstUse.tensorflow(),
  },
  {
    // Before onnx: a SCIKIT_LEARN version's model.onnx answers labels; detection alone leaves it to onnx.
    name: 'sklearn',
    markers: [ONNX_MODEL_FILE],
    frameworks: ['SCIKIT_LEARN'],
    detectable: false,
    create: () => onFirstUse.sklearn(),
  },
  {
    name: 'onnx',
    markers: [ONNX_MODEL_FILE],
    frameworks: ['ONNX', 'XGBOOST', 'TENSORFLOW'],
    create: () => onFirstUse.onnx(),
  },
  {
    name: 'xgboost',
    markers: [XGBOOST_MODEL_FILE],
    frameworks: ['XGBOOST'],
    matches: isXgboostModel,
    create: () => onFirstUse.xgboost(),
  },
  {
    name: 'custom',
    markers: [],
    frameworks: [],
    chosenBy: (options) => Boolean(options.predictionClass),
    create: () => createCustomRuntime(),
  },
  {
    // Last, so that a real model beside a pickle wins; loading explains how to convert the pickle.
    name: 'refused',
    markers: [...REFUSED_MODEL_FILES],
    frameworks: ['SCIKIT_LEARN', 'XGBOOST'],
    listed: false,
    create: () => createRefusedRuntime(),
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

/**
 * The runtimes with a heavy module (onnxruntime-node's native binding, onnx-proto, TF.js and its
 * WebAssembly) load it only in a process that serves such a model: a predictor loads what it serves.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const onFirstUse = {
  onnx: (): ModelRuntime =>
    (require('./onnx/onnx-runtime') as { createOnnxRuntime: typeof createOnnxRuntime }).createOnnxRuntime(),
  sklearn: (): ModelRuntime =>
    (
      require('./sklearn/sklearn-runtime') as { createSklearnRuntime: typeof createSklearnRuntime }
    ).createSklearnRuntime(),
  xgboost: (): ModelRuntime =>
    (
      require('./xgboost/xgboost-runtime') as { createXgboostRuntime: typeof createXgboostRuntime }
    ).createXgboostRuntime(),
  tensorflow: (): ModelRuntime =>
    (
      require('./tensorflow/tensorflow-runtime') as {
        createTensorflowRuntime: typeof createTensorflowRuntime;
      }
    ).createTensorflowRuntime(),
};
/* eslint-enable @typescript-eslint/no-require-imports */
