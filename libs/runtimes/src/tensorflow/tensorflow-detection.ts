import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TFJS_MODEL_FILE } from './model-json';

/** A TensorFlow SavedModel's graph. */
export const SAVED_MODEL_FILE = 'saved_model.pb';

/** The files that may hold a TensorFlow model. */
export const TENSORFLOW_MARKERS = [TFJS_MODEL_FILE, SAVED_MODEL_FILE];

/**
 * Whether `dir` holds a TensorFlow model: a SavedModel, or a model.json of TF.js (`modelTopology` or
 * `format`), not XGBoost's (`learner`), which shares the file name.
 */
export async function isTensorflowModel(dir: string, files: string[]): Promise<boolean> {
  if (files.includes(SAVED_MODEL_FILE)) return true;
  if (!files.includes(TFJS_MODEL_FILE)) return false;
  try {
    const json = JSON.parse(await readFile(join(dir, TFJS_MODEL_FILE), 'utf8')) as unknown;
    if (json === null || typeof json !== 'object' || Array.isArray(json)) return false;
    return !('learner' in json) && ('modelTopology' in json || 'format' in json);
  } catch {
    return false;
  }
}
