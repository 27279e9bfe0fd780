import { createCustomRuntime } from './custom/custom-runtime';
import type { LoadOptions, LoadedModel } from './model-runtime';
import { ONNX_MODEL_FILE, createOnnxRuntime } from './onnx/onnx-runtime';
import { createRuntimeRegistry } from './runtime-registry';
import { REFUSED_MODEL_FILES, createRefusedRuntime } from './refused/refused-runtime';
import { createSklearnRuntime } from './sklearn/sklearn-runtime';
import { TENSORFLOW_MARKERS, isTensorflowModel } from './tensorflow/tensorflow-detection';
import type { createTensorflowRuntime } from './tensorflow/tensorflow-runtime';
import type { ModelRuntime } from './model-runtime';
import { XGBOOST_MODEL_FILE, createXgboostRuntime, isXgboostModel } from './xgboost/xgboost-runtime';

/** The runtimes Presage knows, in detection order. */
export const defaultRuntimes = createRuntimeRegistry([
  {
    name: 'tensorflow',
    markers: TENSORFLOW_MARKERS,
    frameworks: ['TENSORFLOW'],
    matches: isTensorflowModel,
    create: () => createTensorflowRuntimeOnFirstUse(),
  },
  {
    // Before onnx: a SCIKIT_LEARN version's model.onnx answers labels; detection alone leaves it to onnx.
    name: 'sklearn',
    markers: [ONNX_MODEL_FILE],
    frameworks: ['SCIKIT_LEARN'],
    detectable: false,
    create: () => createSklearnRuntime(),
  },
  {
    name: 'onnx',
    markers: [ONNX_MODEL_FILE],
    frameworks: ['ONNX', 'XGBOOST', 'TENSORFLOW'],
    create: () => createOnnxRuntime(),
  },
  {
    name: 'xgboost',
    markers: [XGBOOST_MODEL_FILE],
    frameworks: ['XGBOOST'],
    matches: isXgboostModel,
    create: () => createXgboostRuntime(),
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

/** TF.js and its WebAssembly load only in processes that serve a TensorFlow model. */
function createTensorflowRuntimeOnFirstUse(): ModelRuntime {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tensorflow = require('./tensorflow/tensorflow-runtime') as {
    createTensorflowRuntime: typeof createTensorflowRuntime;
  };
  return tensorflow.createTensorflowRuntime();
}
