// What marks an XGBoost model, apart from its runtime (which loads onnx-proto and onnxruntime-node), so
// that detecting a model's runtime loads neither.
import { open } from 'node:fs/promises';
import { join } from 'node:path';

export const XGBOOST_MODEL_FILE = 'model.json';

/**
 * Whether `dir`'s model.json is an XGBoost model rather than a TensorFlow.js one: XGBoost's JSON has a
 * `learner` object near its start (TF.js has `modelTopology` or `format`). Reads the first 4 KiB only.
 */
export async function isXgboostModel(dir: string): Promise<boolean> {
  let head: string;
  try {
    const file = await open(join(dir, XGBOOST_MODEL_FILE));
    try {
      const buffer = Buffer.alloc(4096);
      const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
      head = buffer.toString('utf8', 0, bytesRead);
    } finally {
      await file.close();
    }
  } catch {
    return false;
  }
  return /"learner"\s*:\s*\{/.test(head) && !/"modelTopology"\s*:/.test(head);
}
