/**
 * scikit-learn models exported to ONNX (skl2onnx), served with AI Platform's scikit-learn output shape:
 * a classifier answers its label per instance, a regressor its value per instance (a [N, 1] output is
 * flattened to [N]). The signature's outputs are narrowed to that one output.
 *
 * Probabilities: AI Platform returned them for a version that asked (predict_proba). Presage's choice is
 * to deploy the same model.onnx with framework ONNX instead, which answers every output keyed by name
 * (`{"label": 2, "probabilities": [...]}` per instance). Classifiers must be exported without ZipMap
 * (`to_onnx(model, X[:1], options={'zipmap': False})`): its sequence-of-maps output is refused.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { onnx } from 'onnx-proto';
import type { LoadedModel, ModelRuntime, TensorSpec } from '../model-runtime';
import { ModelLoadError } from '../model-runtime';
import type { OnnxRuntimeOptions } from '../onnx/onnx-runtime';
import { ONNX_MODEL_FILE, createOnnxRuntime } from '../onnx/onnx-runtime';
import type { Tensor } from '../tensor';

/** Output names skl2onnx gives a classifier's label. */
const LABEL_OUTPUTS = ['label', 'output_label'];

export function createSklearnRuntime(options: OnnxRuntimeOptions = {}): ModelRuntime {
  const onnxRuntime = createOnnxRuntime(options);
  return {
    name: 'sklearn',
    load: async (artifactDir) => {
      const model = await onnxRuntime.load(artifactDir);
      try {
        const path = join(artifactDir, ONNX_MODEL_FILE);
        await refuseNonTensorOutputs(path);
        return narrowed(model, predictionOutput(model.signature.outputs, path));
      } catch (error) {
        await model.close();
        throw error;
      }
    },
  };
}

/** The output AI Platform answers for scikit-learn: the label of a classifier, or the only output. */
function predictionOutput(outputs: readonly TensorSpec[], path: string): TensorSpec {
  const named = outputs.find((spec) => LABEL_OUTPUTS.includes(spec.name));
  if (named) return named;
  if (outputs.length === 1) return outputs[0]!;
  const labels = outputs.filter(
    (spec) => spec.shape.length === 1 && (spec.dtype === 'int64' || spec.dtype === 'string'),
  );
  if (labels.length === 1) return labels[0]!;
  const names = outputs.map((spec) => spec.name).join(', ');
  throw new ModelLoadError(
    `${path} has outputs ${names} and none is a classifier's label (named label); ` +
      'deploy it with framework ONNX to get every output keyed by name',
  );
}

function narrowed(model: LoadedModel, output: TensorSpec): LoadedModel {
  const flatten = output.shape.length === 2 && output.shape[1] === 1;
  const spec: TensorSpec = flatten ? { ...output, shape: [output.shape[0]!] } : output;
  return {
    runtime: 'sklearn',
    signature: { inputs: model.signature.inputs, outputs: [spec] },
    run: async (feeds) => {
      const outputs = await model.run(feeds);
      const tensor = outputs[output.name]!;
      const answer: Tensor = flatten ? { ...tensor, shape: [tensor.shape[0]!] } : tensor;
      return { [spec.name]: answer };
    },
    close: () => model.close(),
  };
}

/** ORT leaves non-tensor outputs out of the signature; the graph says whether there were any. */
async function refuseNonTensorOutputs(path: string): Promise<void> {
  const graph = onnx.ModelProto.decode(await readFile(path)).graph;
  const others = (graph?.output ?? []).filter((output) => !output.type?.tensorType);
  if (others.length === 0) return;
  const names = others.map((output) => output.name ?? '?').join(', ');
  throw new ModelLoadError(
    `${path} has outputs that are not tensors (${names}), e.g. skl2onnx's ZipMap of class probabilities, ` +
      "which Presage does not serve: export with to_onnx(model, X[:1], options={'zipmap': False})",
  );
}
