import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@presage/log';
import { createLogger } from '@presage/log';
import { errorMessage } from '@presage/errors';
import type { LoadedModel, LoadOptions, ModelRuntime } from '../model-runtime';
import { ModelLoadError } from '../model-runtime';
import { loadGraphModel } from './graph-model';
import { loadLayersModel } from './layers-model';
import type { ModelJson } from './model-json';
import { TFJS_MODEL_FILE, invalid, readModelJson } from './model-json';
import { loadSavedModel, savedModelNeedsNative } from './saved-model';
import { SAVED_MODEL_FILE } from './tensorflow-detection';
import { runtimeName, selectBackend } from './tf-backend';
import { DEFAULT_SIGNATURE } from './tf-signature';
import { unreadableReason } from '../fs-reasons';

export interface TensorflowRuntimeOptions {
  /** Where the backend choice is logged. @default createLogger('runtimes') */
  logger?: Logger;
}

/**
 * TensorFlow models through TensorFlow.js: graph and layers models (`model.json` + weight shards) on the
 * native backend when `@tensorflow/tfjs-node` is installed, else WebAssembly; SavedModels on the native
 * backend only. The runtime's name says which backend runs: `tensorflow-node` or `tensorflow-wasm`.
 */
export function createTensorflowRuntime(options: TensorflowRuntimeOptions = {}): ModelRuntime {
  const backend = selectBackend(options.logger ?? createLogger('runtimes'));
  const name = runtimeName(backend.backend);
  return {
    name,
    load: async (artifactDir, loadOptions: LoadOptions = {}) => {
      const signatureName = loadOptions.signatureName || DEFAULT_SIGNATURE;
      const files = await listDir(artifactDir);
      try {
        await backend.ready;
      } catch (error) {
        throw new ModelLoadError(`TensorFlow.js could not start: ${errorMessage(error)}`, { cause: error });
      }
      if (files.includes(TFJS_MODEL_FILE)) {
        const path = join(artifactDir, TFJS_MODEL_FILE);
        return loadModelJson(path, await readModelJson(path), signatureName, name);
      }
      if (files.includes(SAVED_MODEL_FILE)) {
        if (!backend.native) throw savedModelNeedsNative(artifactDir);
        return loadSavedModel(artifactDir, backend.native, signatureName, name);
      }
      const held =
        files.length === 0
          ? 'the directory is empty'
          : `the directory holds ${files.slice(0, 10).join(', ')}`;
      throw new ModelLoadError(
        `No ${TFJS_MODEL_FILE} in ${artifactDir}: ${held}. A TensorFlow model is a TF.js ${TFJS_MODEL_FILE} ` +
          `(with its weight shards) or a SavedModel (${SAVED_MODEL_FILE} with variables/)`,
      );
    },
  };
}

function loadModelJson(
  path: string,
  json: ModelJson,
  signatureName: string,
  runtime: string,
): Promise<LoadedModel> {
  const topology = json.modelTopology as Record<string, unknown>;
  const format =
    json.format ??
    (Array.isArray(topology['node']) ? 'graph-model' : 'class_name' in topology ? 'layers-model' : '');
  if (format === 'graph-model') return loadGraphModel(path, json, signatureName, runtime);
  if (format === 'layers-model') return loadLayersModel(path, json, runtime);
  throw invalid(path, `its format is "${format}"; Presage runs "graph-model" and "layers-model"`);
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    const reason = unreadableReason(error, 'directory', dir);
    throw new ModelLoadError(`No ${TFJS_MODEL_FILE} in ${dir}: ${reason}`, { cause: error });
  }
}
