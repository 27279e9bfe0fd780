import type { ModelInferRequest__Output, ModelInferResponse, ModelMetadataResponse } from '@presage/proto';
import { SERVED_VERSION } from '../method-table';
import type { MethodInvoker } from '../method-table';
import { invalid, parseDatatype } from './datatypes';
import type { InputTensor } from './input-tensors';
import { contentsElements, elementCount, hasContents, parseShape, rawElements } from './input-tensors';
import type { InferResult, OpenInference } from './open-inference';
import { outputContents, outputRaw } from './output-tensors';

/** The Open Inference Protocol's gRPC service, served on the gateway's public gRPC port. */
export const OPEN_INFERENCE_SERVICE = 'inference.GRPCInferenceService';

const path = (method: string): string => `/${OPEN_INFERENCE_SERVICE}/${method}`;

interface ModelRequest {
  name?: unknown;
  version?: unknown;
}

/**
 * The service's methods for the gateway's method table. Each checks its own access (server health and
 * metadata are open; a model's readiness and metadata need read access, inference needs predict).
 */
export function openInferenceMethods(service: OpenInference): Map<string, MethodInvoker> {
  const model = (request: ModelRequest) => ({
    name: typeof request.name === 'string' ? request.name : '',
    version: typeof request.version === 'string' ? request.version : '',
  });
  return new Map<string, MethodInvoker>([
    [path('ServerLive'), () => Promise.resolve({ live: true })],
    [path('ServerReady'), async () => ({ ready: await service.serverReady() })],
    [path('ServerMetadata'), () => Promise.resolve(service.serverMetadata())],
    [
      path('ModelReady'),
      async (request, call) => {
        const { name, version } = model(request);
        return { ready: await service.modelReady(await service.admit(name, 'read', call), version) };
      },
    ],
    [
      path('ModelMetadata'),
      async (request, call): Promise<ModelMetadataResponse> => {
        const { name, version } = model(request);
        return service.modelMetadata(await service.admit(name, 'read', call), version);
      },
    ],
    [
      path('ModelInfer'),
      async (request, call) => {
        const infer = request as unknown as ModelInferRequest__Output;
        const admitted = await service.admit(infer.modelName, 'infer', call);
        const raw = infer.rawInputContents.length > 0;
        const result = await service.infer(admitted, infer.modelVersion, {
          id: infer.id,
          inputs: inferInputs(infer),
          outputs: infer.outputs.map((output) => output.name),
        });
        // The public gRPC server sends it as the `x-presage-version` trailer, as for Predict.
        return { ...inferResponse(result, raw), [SERVED_VERSION]: result.versionName };
      },
    ],
  ]);
}

/** The request's inputs, from typed contents or from raw_input_contents (one entry per input, never both). */
function inferInputs(request: ModelInferRequest__Output): InputTensor[] {
  const raw = request.rawInputContents;
  if (raw.length > 0 && raw.length !== request.inputs.length) {
    throw invalid(
      `raw_input_contents has ${raw.length} entries for ${request.inputs.length} inputs: one entry per input, in order`,
    );
  }
  return request.inputs.map((input, k) => {
    const info = parseDatatype(input.datatype, input.name);
    const shape = parseShape(input.shape, input.name);
    if (raw.length === 0)
      return { name: input.name, info, shape, elements: contentsElements(input.contents, info, input.name) };
    if (hasContents(input.contents)) {
      throw invalid(
        `input '${input.name}' sets contents while the request uses raw_input_contents: use one or the other`,
      );
    }
    return {
      name: input.name,
      info,
      shape,
      elements: rawElements(raw[k]!, info, elementCount(shape), input.name),
    };
  });
}

/** Outputs as raw_output_contents when the request sent raw inputs, else as typed contents. */
function inferResponse(result: InferResult, raw: boolean): ModelInferResponse {
  return {
    modelName: result.modelName,
    modelVersion: result.modelVersion,
    id: result.id,
    outputs: result.outputs.map((output) => ({
      name: output.name,
      datatype: output.info.datatype,
      shape: output.shape,
      ...(raw ? {} : { contents: outputContents(output) }),
    })),
    ...(raw ? { rawOutputContents: result.outputs.map(outputRaw) } : {}),
  };
}
