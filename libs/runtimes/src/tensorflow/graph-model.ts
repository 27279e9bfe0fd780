import * as tf from '@tensorflow/tfjs';
import { errorMessage } from '@presage/errors';
import type { LoadedModel, ModelSignature, TensorSpec } from '../model-runtime';
import { ModelRunError } from '../model-runtime';
import type { Tensor } from '../tensor';
import type { ModelJson } from './model-json';
import { invalid, memoryHandler, readArtifacts } from './model-json';
import { executedDtype, fromTfTensor, toTfTensor } from './tf-tensors';
import { pickSignatureDef, specOfTensorInfo, specsOfSignatureDef } from './tf-signature';

interface GraphNode {
  name?: string;
  attr?: Record<string, { type?: string } | undefined>;
}

/**
 * A TF.js graph model (tensorflowjs_converter output). Inputs and outputs are the SignatureDef's aliases
 * (`signatureName`, default serving_default) when model.json has one, else the graph's placeholder and
 * output node names.
 */
export async function loadGraphModel(
  path: string,
  json: ModelJson,
  signatureName: string,
  runtime: string,
): Promise<LoadedModel> {
  const def = pickSignatureDef(json, signatureName, path);
  const artifacts = await readArtifacts(path, json);
  if (def) {
    artifacts.signature = def;
    // TF.js prefers userDefinedMetadata.signature: keep only the one picked.
    const { signature: _ignored, ...metadata } = artifacts.userDefinedMetadata ?? {};
    artifacts.userDefinedMetadata = metadata;
  }
  let model: tf.GraphModel;
  try {
    model = await tf.loadGraphModel(memoryHandler(artifacts));
  } catch (error) {
    throw invalid(path, errorMessage(error), error);
  }
  try {
    const signature = def ? specsOfSignatureDef(def, path) : graphSignature(model, json, path);
    return graphLoadedModel(model, signature, runtime);
  } catch (error) {
    model.dispose();
    throw error;
  }
}

/** Without a SignatureDef: the graph's own nodes, dtypes from the GraphDef (it says int64 where TF.js says int32). */
function graphSignature(model: tf.GraphModel, json: ModelJson, path: string): ModelSignature {
  const nodes = (json.modelTopology as { node?: GraphNode[] }).node ?? [];
  const nodeDtype = (name: string): string | undefined => {
    const attr = nodes.find((n) => n.name === name.replace(/:\d+$/, ''))?.attr;
    return attr?.['dtype']?.type ?? attr?.['T']?.type;
  };
  const spec = (info: tf.ModelTensorInfo): TensorSpec =>
    specOfTensorInfo(info.name, nodeDtype(info.name) ?? info.dtype ?? 'float32', info.shape, path);
  return { inputs: model.inputs.map(spec), outputs: model.outputs.map(spec) };
}

function graphLoadedModel(model: tf.GraphModel, signature: ModelSignature, runtime: string): LoadedModel {
  const fetches = signature.outputs.map((o) => o.name);
  let needsAsync = false;
  const execute = async (inputs: tf.NamedTensorMap): Promise<tf.Tensor[]> => {
    if (!needsAsync) {
      try {
        return asList(model.execute(inputs, fetches));
      } catch (error) {
        // Control flow (While, If) needs executeAsync; TF.js says so in its message.
        if (!/executeAsync/.test(errorMessage(error))) throw error;
        needsAsync = true;
      }
    }
    return asList(await model.executeAsync(inputs, fetches));
  };
  return {
    runtime,
    signature,
    run: (feeds) => runWith(signature, feeds, (inputs) => execute(inputs)),
    close: () => {
      model.dispose();
      return Promise.resolve();
    },
  };
}

/**
 * Converts the feeds, runs `execute`, converts its outputs (in signature order) and disposes every TF.js
 * tensor it made, whatever happens: memory stays flat over requests.
 */
export async function runWith(
  signature: ModelSignature,
  feeds: Record<string, Tensor>,
  execute: (inputs: tf.NamedTensorMap) => Promise<tf.Tensor[]>,
): Promise<Record<string, Tensor>> {
  const inputs: tf.NamedTensorMap = {};
  let results: tf.Tensor[] = [];
  try {
    for (const spec of signature.inputs) {
      const feed = feeds[spec.name];
      if (!feed) throw new ModelRunError(`missing input '${spec.name}'`);
      inputs[spec.name] = toTfTensor(spec.name, feed, executedDtype(spec.dtype));
    }
    results = await execute(inputs);
    const outputs: Record<string, Tensor> = {};
    signature.outputs.forEach((spec, i) => {
      const value = results[i];
      if (!value) throw new ModelRunError(`the model returned no output '${spec.name}'`);
      outputs[spec.name] = fromTfTensor(value, spec.dtype);
    });
    return outputs;
  } catch (error) {
    throw error instanceof ModelRunError ? error : new ModelRunError(errorMessage(error), { cause: error });
  } finally {
    tf.dispose(Object.values(inputs));
    tf.dispose(results);
  }
}

function asList(value: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
  return Array.isArray(value) ? value : [value];
}
