import * as tf from '@tensorflow/tfjs';
import { errorMessage } from '@presage/errors';
import type { LoadedModel, ModelSignature } from '../model-runtime';
import type { ModelJson } from './model-json';
import { invalid, memoryHandler, readArtifacts } from './model-json';
import { runWith } from './graph-model';
import { specOfTensorInfo } from './tf-signature';

/** A TF.js layers model (Keras topology): inputs and outputs named by their layers. */
export async function loadLayersModel(path: string, json: ModelJson, runtime: string): Promise<LoadedModel> {
  // Before loading: TF.js rewrites the topology object it is given.
  const names = topologyNames(structuredClone(json.modelTopology));
  const artifacts = await readArtifacts(path, json);
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(memoryHandler(artifacts));
  } catch (error) {
    throw invalid(path, errorMessage(error), error);
  }
  let signature: ModelSignature;
  try {
    signature = {
      inputs: model.inputs.map((t, i) =>
        specOfTensorInfo(names?.inputs[i] ?? model.inputNames[i] ?? t.name, t.dtype, t.shape, path),
      ),
      outputs: model.outputs.map((t, i) =>
        specOfTensorInfo(names?.outputs[i] ?? model.outputNames[i] ?? t.name, t.dtype, t.shape, path),
      ),
    };
  } catch (error) {
    model.dispose();
    throw error;
  }
  return {
    runtime,
    signature,
    run: (feeds) =>
      runWith(signature, feeds, (inputs) => {
        const xs = signature.inputs.map((spec) => inputs[spec.name]!);
        const ys = model.predict(xs.length === 1 ? xs[0]! : xs);
        return Promise.resolve(Array.isArray(ys) ? ys : [ys]);
      }),
    close: () => {
      model.dispose();
      return Promise.resolve();
    },
  };
}

interface KerasLayer {
  class_name?: string;
  config?: { name?: string };
}

/**
 * Input and output names as Keras gives them (TF.js renames auto-named layers when a process loads a model
 * twice: `dense_input_1`): a Sequential model's are `<first layer>_input` (or its InputLayer) and its last
 * layer; a functional model lists `input_layers` and `output_layers`.
 */
function topologyNames(topology: unknown): { inputs: string[]; outputs: string[] } | undefined {
  const root = (topology as { model_config?: unknown }).model_config ?? topology;
  const { class_name: kind, config } = root as {
    class_name?: string;
    config?:
      { layers?: KerasLayer[]; input_layers?: unknown[][]; output_layers?: unknown[][] } | KerasLayer[];
  };
  if (kind === 'Sequential') {
    const layers = Array.isArray(config) ? config : (config?.layers ?? []);
    const first = layers[0]?.config?.name;
    const last = layers[layers.length - 1]?.config?.name;
    if (!first || !last) return undefined;
    return { inputs: [layers[0]?.class_name === 'InputLayer' ? first : `${first}_input`], outputs: [last] };
  }
  if (config && !Array.isArray(config) && config.input_layers && config.output_layers) {
    return {
      inputs: config.input_layers.map((entry) => String(entry[0])),
      outputs: config.output_layers.map((entry) => String(entry[0])),
    };
  }
  return undefined;
}
