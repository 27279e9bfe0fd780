import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { errorMessage } from '@presage/errors';
import type { LoadedModel, ModelRuntime, ModelSignature, TensorSpec } from '../model-runtime';
import { ModelLoadError, ModelRunError } from '../model-runtime';
import type { DType, Tensor } from '../tensor';
import { isDType } from '../tensor';
import { unreadableReason } from '../fs-reasons';
import { ONNX_MODEL_FILE } from './onnx-model-file';

export { ONNX_MODEL_FILE };

export interface OnnxRuntimeOptions {
  /** Threads one run may use. Replicas scale out by process, so one each. @default 1 */
  intraOpNumThreads?: number;
  /** @default 1 */
  interOpNumThreads?: number;
}

/** ONNX models (`model.onnx`) through onnxruntime-node on the CPU. */
export function createOnnxRuntime(options: OnnxRuntimeOptions = {}): ModelRuntime {
  return {
    name: 'onnx',
    load: async (artifactDir) => {
      const path = join(artifactDir, ONNX_MODEL_FILE);
      await requireFile(artifactDir, path);
      return openSession(path, path, options);
    },
  };
}

/**
 * Serves an ONNX model held in memory, e.g. one converted from another format at load time. `source`
 * names it in errors (`<source> is not a valid ONNX model: …`).
 */
export function loadOnnxBytes(
  model: Uint8Array,
  source: string,
  options: OnnxRuntimeOptions = {},
): Promise<LoadedModel> {
  return openSession(model, source, options);
}

async function openSession(
  model: string | Uint8Array,
  source: string,
  options: OnnxRuntimeOptions,
): Promise<LoadedModel> {
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: options.intraOpNumThreads ?? 1,
    interOpNumThreads: options.interOpNumThreads ?? 1,
    graphOptimizationLevel: 'all',
  };
  let session: ort.InferenceSession;
  try {
    // Two calls: create() is overloaded on a path and on bytes.
    session =
      typeof model === 'string'
        ? await ort.InferenceSession.create(model, sessionOptions)
        : await ort.InferenceSession.create(model, sessionOptions);
  } catch (error) {
    throw new ModelLoadError(`${source} is not a valid ONNX model: ${ortReason(error)}`, { cause: error });
  }
  try {
    return loadedModel(session, signatureOf(session, source));
  } catch (error) {
    await session.release();
    throw error;
  }
}

async function requireFile(dir: string, path: string): Promise<void> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ModelLoadError(`No ${ONNX_MODEL_FILE} in ${dir}: ${path} is not a file`);
  } catch (error) {
    if (error instanceof ModelLoadError) throw error;
    const reason = unreadableReason(error, 'file', path);
    throw new ModelLoadError(`No ${ONNX_MODEL_FILE} in ${dir}: ${reason}`, { cause: error });
  }
}

function loadedModel(session: ort.InferenceSession, signature: ModelSignature): LoadedModel {
  const fetches = signature.outputs.map((output) => output.name);
  return {
    runtime: 'onnx',
    signature,
    run: async (feeds) => {
      let results: ort.InferenceSession.OnnxValueMapType;
      try {
        const ortFeeds: Record<string, ort.Tensor> = {};
        for (const [name, tensor] of Object.entries(feeds)) ortFeeds[name] = toOrtTensor(tensor);
        results = await session.run(ortFeeds, fetches);
      } catch (error) {
        throw new ModelRunError(ortReason(error), { cause: error });
      }
      const outputs: Record<string, Tensor> = {};
      for (const name of fetches) {
        const value = results[name];
        if (!value) throw new ModelRunError(`the model returned no output "${name}"`);
        outputs[name] = fromOrtTensor(value);
      }
      return outputs;
    },
    close: () => session.release(),
  };
}

function signatureOf(session: ort.InferenceSession, path: string): ModelSignature {
  const inputs = session.inputMetadata.map((metadata) => {
    const spec = specOf(metadata);
    if (!spec)
      throw new ModelLoadError(
        `${path}: input "${metadata.name}" is not a tensor; Presage feeds tensors only`,
      );
    return spec;
  });
  // Non-tensor outputs (sequences and maps, e.g. skl2onnx's ZipMap) are left out: export with zipmap=False.
  const outputs = session.outputMetadata.map(specOf).filter((spec): spec is TensorSpec => spec !== undefined);
  if (outputs.length === 0) throw new ModelLoadError(`${path}: the model has no tensor outputs`);
  return { inputs, outputs };
}

function specOf(metadata: ort.InferenceSession.ValueMetadata): TensorSpec | undefined {
  if (!metadata.isTensor) return undefined;
  if (!isDType(metadata.type)) {
    throw new ModelLoadError(
      `${metadata.name} has element type ${metadata.type}, which Presage does not support`,
    );
  }
  const shape = metadata.shape.map((dim) => (typeof dim === 'number' && dim >= 0 ? dim : -1));
  return { name: metadata.name, dtype: metadata.type, shape };
}

function toOrtTensor(tensor: Tensor): ort.Tensor {
  return new ort.Tensor(tensor.dtype, tensor.data, tensor.shape);
}

function fromOrtTensor(value: ort.OnnxValue): Tensor {
  if (!isDType(value.type))
    throw new ModelRunError(`the model returned a ${value.type} tensor, which Presage does not support`);
  const dtype: DType = value.type;
  const data = value.data;
  const shape = value.dims.map(Number);
  if (dtype === 'bool' && !(data instanceof Uint8Array)) {
    return { dtype, shape, data: Uint8Array.from(data as unknown as ArrayLike<number>) };
  }
  return { dtype, shape, data };
}

/** ORT's message without its file path and error-code noise. */
function ortReason(error: unknown): string {
  const message = errorMessage(error);
  return message
    .replace(/^\[ONNXRuntimeError\]\s*:\s*\d+\s*:\s*[A-Z_]+\s*:\s*/, '')
    .replace(/^Load model from .* failed:\s*/, '')
    .trim();
}
