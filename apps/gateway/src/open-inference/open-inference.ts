import { ApiError, StatusCode } from '@presage/errors';
import type { CallInfo } from '../method-table';
import { remainingMs } from '../method-table';
import type { PredictRouter } from '../predict/predict-router';
import type { Readiness } from '../rest/rest-server';
import { checkInputs, instancesBody } from './instances-body';
import type { SignatureTensor } from './instances-body';
import type { InputTensor } from './input-tensors';
import { SERVING_STATES, parseModelName } from './model-catalog';
import type { ModelCatalog, ModelRef, ServedVersion } from './model-catalog';
import type { OutputTensor } from './output-tensors';
import { predictionsToOutputs, selectOutputs } from './output-tensors';
import { datatypeOfDtype } from './datatypes';

/** What a v2 model call needs the caller to hold: `read` for readiness and metadata, `infer` to infer. */
export type ModelAccess = 'read' | 'infer';

/**
 * Checks the caller may do `access` on the model (`projects/{p}/models/{m}`) and gives the call as the
 * caller's principal; absent while auth is off.
 */
export type ModelGuard = (call: CallInfo, access: ModelAccess, resource: string) => Promise<CallInfo>;

export interface OpenInferenceOptions {
  catalog: ModelCatalog;
  /** The gateway's predict path (quota, scale from zero, metrics, tracing). */
  router: PredictRouter;
  /** The gateway's own readiness (`/readyz`): the server is ready unless it is `not ready`. */
  readiness: () => Promise<Readiness>;
  guard?: ModelGuard | undefined;
  /** Answered by server metadata. */
  serverVersion: string;
  /** Deadline of an inference when the caller sets none. @default 60_000 */
  deadlineMs?: number;
}

export interface InferRequest {
  id: string;
  inputs: InputTensor[];
  /** Output names asked for; none: all. */
  outputs: string[];
}

export interface InferResult {
  modelName: string;
  modelVersion: string;
  /** `projects/{p}/models/{m}/versions/{v}`: the REST answer's `x-presage-version`. */
  versionName: string;
  id: string;
  outputs: OutputTensor[];
}

export interface ModelMetadata {
  name: string;
  versions: string[];
  platform: string;
  inputs: { name: string; datatype: string; shape: number[] }[];
  outputs: { name: string; datatype: string; shape: number[] }[];
}

/** A model a call is allowed to use: its reference and the call as the caller's principal. */
export interface AdmittedModel {
  model: ModelRef;
  call: CallInfo;
}

/**
 * The Open Inference Protocol (KServe v2) over Presage, for both fronts: models named
 * `{project}.{model}`, versions by id (none: the default version), inference converted to the AI
 * Platform instances the predictors take and sent through the predict router, outputs converted back
 * with the signature's datatypes.
 */
export class OpenInference {
  private readonly deadlineMs: number;

  constructor(private readonly options: OpenInferenceOptions) {
    this.deadlineMs = options.deadlineMs ?? 60_000;
  }

  serverMetadata(): { name: string; version: string; extensions: string[] } {
    return { name: 'presage', version: this.options.serverVersion, extensions: [] };
  }

  async serverReady(): Promise<boolean> {
    return (await this.options.readiness()).status !== 'not ready';
  }

  /** The model named, if the caller may use it so: NOT_FOUND, UNAUTHENTICATED or PERMISSION_DENIED otherwise. */
  async admit(v2Name: string, access: ModelAccess, call: CallInfo): Promise<AdmittedModel> {
    const model = parseModelName(v2Name);
    const guarded = this.options.guard ? await this.options.guard(call, access, model.resource) : call;
    return { model, call: guarded };
  }

  async modelReady({ model }: AdmittedModel, versionId: string): Promise<boolean> {
    return SERVING_STATES.has((await this.options.catalog.version(model, versionId)).state);
  }

  async modelMetadata({ model }: AdmittedModel, versionId: string): Promise<ModelMetadata> {
    const version = await this.options.catalog.version(model, versionId);
    const versions = versionId ? [version.id] : await this.options.catalog.servingVersionIds(model);
    const tensors = (specs: SignatureTensor[]) =>
      specs.map((spec) => ({ name: spec.name, datatype: datatypeOfDtype(spec.dtype), shape: spec.shape }));
    return {
      name: model.v2Name,
      versions,
      platform: version.platform,
      inputs: tensors(version.inputs),
      outputs: tensors(version.outputs),
    };
  }

  async infer(
    { model, call }: AdmittedModel,
    versionId: string,
    request: InferRequest,
  ): Promise<InferResult> {
    const version = await this.options.catalog.version(model, versionId);
    checkServes(version);
    const checked = checkInputs(request.inputs, version.inputs);
    const wanted = selectOutputs(request.outputs, version.outputs);
    const outcome = await this.options.router.predict(version.name, instancesBody(checked), {
      deadlineMs: remainingMs(call, this.deadlineMs),
      signal: call.signal,
      trace: call.trace,
    });
    const answer = parseAnswer(outcome.body);
    if (outcome.httpStatus !== 200 || answer.predictions === undefined) {
      throw new ApiError(
        StatusCode.INVALID_ARGUMENT,
        answer.error ?? `the model answered ${outcome.httpStatus}`,
      );
    }
    return {
      modelName: model.v2Name,
      modelVersion: version.id,
      versionName: version.name,
      id: request.id,
      outputs: predictionsToOutputs(answer.predictions, version.outputs, wanted, checked.batchSize),
    };
  }
}

/** A version without a tensor signature (not deployed yet, or a custom routine) cannot take v2 tensors. */
function checkServes(version: ServedVersion): void {
  if (!SERVING_STATES.has(version.state)) {
    const failure = version.state === 'FAILED' && version.errorMessage ? `: ${version.errorMessage}` : '';
    throw ApiError.failedPrecondition(
      `The version "${version.id}" cannot serve inferences: its state is ${version.state}${failure}.`,
      'VERSION_NOT_READY',
    );
  }
  if (version.inputs.length === 0 || version.outputs.length === 0) {
    throw ApiError.failedPrecondition(
      `The version "${version.id}" has no recorded tensor signature (a custom prediction routine): use its :predict method.`,
      'NO_SIGNATURE',
    );
  }
}

function parseAnswer(body: Buffer): { predictions?: unknown; error?: string } {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { predictions?: unknown; error?: unknown };
    return {
      predictions: parsed.predictions,
      ...(typeof parsed.error === 'string' ? { error: parsed.error } : {}),
    };
  } catch {
    throw ApiError.internal('the replica answered a body that is not JSON');
  }
}
