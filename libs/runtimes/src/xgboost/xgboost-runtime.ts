import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelRuntime } from '../model-runtime';
import { ModelLoadError } from '../model-runtime';
import type { OnnxRuntimeOptions } from '../onnx/onnx-runtime';
import { loadOnnxBytes } from '../onnx/onnx-runtime';
import { boosterToOnnx } from './booster-to-onnx';
import { predictFeatureInstances } from './feature-instances';
import type { Booster } from './xgboost-booster';
import { BoosterFormatError, readBooster } from './xgboost-booster';
import { unreadableReason } from '../fs-reasons';
import { XGBOOST_MODEL_FILE } from './xgboost-detection';

export { XGBOOST_MODEL_FILE, isXgboostModel } from './xgboost-detection';

/**
 * XGBoost boosters saved with `booster.save_model('model.json')`, converted to ONNX when loaded and run
 * by onnxruntime. The signature has one input, `features`: float32 [N, num_feature] (each instance is a
 * feature vector; NaN is a missing value), and one output: `value` [N] (regression), `probability` [N]
 * (binary:logistic), `probabilities` [N, num_class] (multi:softprob) or `label` int64 [N] (multi:softmax).
 * JSON instances are feature vectors where null is a missing feature (predictInstances): JSON has no NaN.
 */
export function createXgboostRuntime(options: OnnxRuntimeOptions = {}): ModelRuntime {
  return {
    name: 'xgboost',
    load: async (artifactDir) => {
      const path = join(artifactDir, XGBOOST_MODEL_FILE);
      const text = await readModelFile(artifactDir, path);
      let booster: Booster;
      let onnx: Uint8Array;
      try {
        booster = readBooster(JSON.parse(text));
        onnx = boosterToOnnx(booster);
      } catch (error) {
        if (!(error instanceof SyntaxError || error instanceof BoosterFormatError)) throw error;
        throw new ModelLoadError(`${path} is not a valid XGBoost model: ${error.message}`, { cause: error });
      }
      const model = await loadOnnxBytes(onnx, `${path} (converted to ONNX)`, options);
      return {
        ...model,
        runtime: 'xgboost',
        predictInstances: (instances) => predictFeatureInstances(model, instances, booster.numFeature),
      };
    },
  };
}

async function readModelFile(dir: string, path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const reason = unreadableReason(error, 'file', path);
    throw new ModelLoadError(`No ${XGBOOST_MODEL_FILE} in ${dir}: ${reason}`, { cause: error });
  }
}
