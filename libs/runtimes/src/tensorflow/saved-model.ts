import * as tf from '@tensorflow/tfjs';
import { errorMessage } from '@presage/errors';
import type { LoadedModel, ModelSignature } from '../model-runtime';
import { ModelLoadError, ModelRunError } from '../model-runtime';
import { runWith } from './graph-model';
import type { SavedModelTensorInfo, TfjsNode } from './tf-backend';
import { TFJS_NODE } from './tf-backend';
import { SAVED_MODEL_FILE } from './tensorflow-detection';
import { specOfTensorInfo } from './tf-signature';

const SERVE_TAG = 'serve';

/** Why a SavedModel cannot run without tfjs-node, and what the user can do about it. */
export function savedModelNeedsNative(dir: string): ModelLoadError {
  return new ModelLoadError(
    `This is a TensorFlow SavedModel; running it needs the native backend: \`npm install ${TFJS_NODE}\` on a ` +
      'machine with internet access, or convert the model: to ONNX with ' +
      `\`python -m tf2onnx.convert --saved-model ${dir} --output model.onnx\`, or to TF.js with ` +
      `\`tensorflowjs_converter --input_format=tf_saved_model ${dir} <out>\``,
  );
}

/** A SavedModel through tfjs-node's libtensorflow, serving the `serve` tag's `signatureName`. */
export async function loadSavedModel(
  dir: string,
  native: TfjsNode,
  signatureName: string,
  runtime: string,
): Promise<LoadedModel> {
  let signature: ModelSignature;
  let model: Awaited<ReturnType<TfjsNode['node']['loadSavedModel']>>;
  try {
    const metaGraphs = await native.node.getMetaGraphsFromSavedModel(dir);
    const serve = metaGraphs.find((m) => m.tags.includes(SERVE_TAG));
    if (!serve) {
      const tags = metaGraphs.map((m) => m.tags.join('+')).join(', ');
      throw new ModelLoadError(`${dir}: the SavedModel has no "${SERVE_TAG}" tag (it has: ${tags})`);
    }
    const def = serve.signatureDefs[signatureName];
    if (!def) {
      const names = Object.keys(serve.signatureDefs).join(', ');
      throw new ModelLoadError(
        `${dir}: the SavedModel has no signature "${signatureName}"; it has: ${names}`,
      );
    }
    const specs = (entries: Record<string, SavedModelTensorInfo>) =>
      Object.entries(entries).map(([alias, info]) =>
        specOfTensorInfo(alias, info.tfDtype ?? info.dtype, info.shape, dir),
      );
    signature = { inputs: specs(def.inputs), outputs: specs(def.outputs) };
    model = await native.node.loadSavedModel(dir, [SERVE_TAG], signatureName);
  } catch (error) {
    if (error instanceof ModelLoadError) throw error;
    throw new ModelLoadError(`${dir}/${SAVED_MODEL_FILE} is not a valid SavedModel: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  return {
    runtime,
    signature,
    run: (feeds) =>
      runWith(signature, feeds, (inputs) => Promise.resolve(inOrder(model.predict(inputs), signature))),
    close: () => {
      model.dispose();
      return Promise.resolve();
    },
  };
}

/** tfjs-node answers a map keyed by output alias (or a bare tensor for one output): as a list in signature order. */
function inOrder(
  result: tf.NamedTensorMap | tf.Tensor | tf.Tensor[],
  signature: ModelSignature,
): tf.Tensor[] {
  if (Array.isArray(result)) return result;
  if (result instanceof tf.Tensor) return [result];
  return signature.outputs.map((o) => {
    const tensor = result[o.name];
    if (!tensor) {
      tf.dispose(result);
      throw new ModelRunError(`the model returned no output '${o.name}'`);
    }
    return tensor;
  });
}
