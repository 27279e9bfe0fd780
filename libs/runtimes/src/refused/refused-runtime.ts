import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadOptions, ModelRuntime } from '../model-runtime';
import { ModelLoadError } from '../model-runtime';

/**
 * Artifacts AI Platform serves but Presage refuses: pickles (which run arbitrary code when loaded) and
 * XGBoost's binary formats. Registered last, so that a directory that also holds a model Presage can
 * serve is served; loading always fails with what to do instead.
 */
export const REFUSED_MODEL_FILES = ['model.pkl', 'model.joblib', 'model.bst', 'model.ubj'] as const;

export const XGBOOST_GUIDANCE =
  "save the booster with booster.save_model('model.json') (the JSON format) and deploy that file";
export const SKLEARN_GUIDANCE =
  'export the model to ONNX (skl2onnx: to_onnx(model, X[:1]) → model.onnx) — pickles are not loaded, they can run arbitrary code';

/** A runtime whose load() explains why the artifact is refused and how to convert it. */
export function createRefusedRuntime(): ModelRuntime {
  return {
    name: 'refused',
    load: async (artifactDir, options = {}) => {
      const files = await readdir(artifactDir).catch(() => [] as string[]);
      const file = REFUSED_MODEL_FILES.find((name) => files.includes(name));
      if (!file) {
        throw new ModelLoadError(
          `No ${REFUSED_MODEL_FILES.join(' or ')} in ${artifactDir}: the directory holds none of them`,
        );
      }
      throw new ModelLoadError(await refusal(artifactDir, file, options));
    },
  };
}

async function refusal(dir: string, file: string, options: LoadOptions): Promise<string> {
  const path = join(dir, file);
  if (file === 'model.bst' || file === 'model.ubj') {
    return `${path} is an XGBoost binary model, which Presage does not load: ${XGBOOST_GUIDANCE}.`;
  }
  const library = await pickledLibrary(path, options.framework);
  const what = `${path} is a pickle (${file === 'model.joblib' ? 'joblib' : 'pickle'})`;
  if (library === 'XGBOOST')
    return `${what} of an XGBoost model, which Presage does not load: ${XGBOOST_GUIDANCE}.`;
  if (library === 'SCIKIT_LEARN') return `${what} of a scikit-learn model: ${SKLEARN_GUIDANCE}.`;
  return (
    `${what}; Presage does not load pickles, they can run arbitrary code. For scikit-learn, ${SKLEARN_GUIDANCE}. ` +
    `For XGBoost, ${XGBOOST_GUIDANCE}.`
  );
}

/** The version's framework when set; else a guess from the module names an uncompressed pickle holds. */
async function pickledLibrary(path: string, framework: string | undefined): Promise<string | undefined> {
  if (framework === 'XGBOOST' || framework === 'SCIKIT_LEARN') return framework;
  let head: string;
  try {
    const file = await open(path);
    try {
      const buffer = Buffer.alloc(64 * 1024);
      const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
      head = buffer.toString('latin1', 0, bytesRead);
    } finally {
      await file.close();
    }
  } catch {
    return undefined;
  }
  if (head.includes('xgboost')) return 'XGBOOST';
  if (head.includes('sklearn')) return 'SCIKIT_LEARN';
  return undefined;
}
