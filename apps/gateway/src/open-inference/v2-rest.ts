import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { ApiError, StatusCode, httpStatusOf } from '@presage/errors';
import type { Logger } from '@presage/log';
import { pickTraceHeaders } from '@presage/telemetry';
import { restCredential } from '../auth/credentials';
import type { CancelSignal } from '../caller-signal';
import type { V2RestHandler } from '../rest/rest-server';
import type { CallInfo } from '../method-table';
import { BodyTooLargeError, readBody } from '../rest/body-reader';
import { invalid, parseDatatype } from './datatypes';
import type { InputTensor } from './input-tensors';
import { jsonElements, parseShape } from './input-tensors';
import type { InferRequest, InferResult, OpenInference } from './open-inference';
import { outputJson } from './output-tensors';

export interface V2RestOptions {
  service: OpenInference;
  maxBodyBytes: number;
  logger: Logger;
}

/** `/v2/models/{name}[/versions/{v}][/ready|/infer]` → its parts. */
const MODEL_PATH = /^\/v2\/models\/([^/]+)(?:\/versions\/([^/]+))?(?:\/(ready|infer))?$/;

/**
 * The Open Inference Protocol's REST API on the gateway's HTTP port: health, server and model
 * metadata, model readiness and inference. Errors are `{"error": "..."}` with the status of their code
 * (400 for a bad request, 404 for an unknown model or version); health answers 200 for true and 400
 * for false, with an empty body.
 */
export function createV2RestHandler(options: V2RestOptions): V2RestHandler {
  return async (request, response, path, query, signal) => {
    try {
      await route(options, request, response, path, query, signal);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        response.shouldKeepAlive = false;
        writeV2Error(response, error, options.logger, 413);
        request.resume();
        return;
      }
      if (error instanceof WrongMethod) response.setHeader('allow', error.allowed);
      writeV2Error(response, error, options.logger, error instanceof WrongMethod ? 405 : undefined);
    }
  };
}

async function route(
  { service, maxBodyBytes }: V2RestOptions,
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  query: URLSearchParams,
  signal: CancelSignal,
): Promise<void> {
  const method = (request.method ?? 'GET').toUpperCase();
  const only = (allowed: string): void => {
    if (method !== allowed) throw new WrongMethod(`${path} takes ${allowed} only`, allowed);
  };
  if (path === '/v2' || path === '/v2/') {
    only('GET');
    return writeText(response, 200, JSON.stringify(service.serverMetadata()));
  }
  if (path === '/v2/health/live') {
    only('GET');
    return writeText(response, 200, '');
  }
  if (path === '/v2/health/ready') {
    only('GET');
    return writeText(response, (await service.serverReady()) ? 200 : 400, '');
  }
  const match = MODEL_PATH.exec(path);
  if (!match) throw new ApiError(StatusCode.NOT_FOUND, `The Open Inference Protocol has no path ${path}`);
  const [, rawName, rawVersion, action] = match;
  const name = decodeSegment(rawName!);
  const version = rawVersion === undefined ? '' : decodeSegment(rawVersion);
  only(action === 'infer' ? 'POST' : 'GET');
  const call: CallInfo = {
    actor: undefined,
    signal,
    credential: () => restCredential(request.headers, query),
    trace: request.headers.traceparent ? pickTraceHeaders((key) => header(request, key)) : undefined,
  };
  if (action === 'ready') {
    const admitted = await service.admit(name, 'read', call);
    return writeText(response, (await service.modelReady(admitted, version)) ? 200 : 400, '');
  }
  if (action === undefined) {
    const admitted = await service.admit(name, 'read', call);
    return writeText(response, 200, JSON.stringify(await service.modelMetadata(admitted, version)));
  }
  // Authorized before the body is read: an anonymous caller learns nothing but 401.
  const admitted = await service.admit(name, 'infer', call);
  if (request.headers['inference-header-content-length'] !== undefined) {
    throw invalid(
      'the binary data extension (Inference-Header-Content-Length) is not supported: send JSON data',
    );
  }
  const body = await readBody(request, maxBodyBytes);
  const result = await service.infer(admitted, version, parseInferRequest(body));
  response.setHeader('x-presage-version', result.versionName);
  return writeText(response, 200, inferResponseJson(result));
}

/** A method the path does not take: 405 with `Allow`. */
class WrongMethod extends ApiError {
  constructor(
    message: string,
    readonly allowed: string,
  ) {
    super(StatusCode.INVALID_ARGUMENT, message);
  }
}

/** `$inference_request` → the service's request; shapes, datatypes and data checked as they are read. */
export function parseInferRequest(body: Buffer): InferRequest {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw invalid(`the request body is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(json) || !Array.isArray(json['inputs'])) {
    throw invalid(
      'the request body must be an object with "inputs": [{"name", "shape", "datatype", "data"}, ...]',
    );
  }
  const { id, outputs } = json;
  if (id !== undefined && typeof id !== 'string') throw invalid('"id" must be a string');
  if (outputs !== undefined && !Array.isArray(outputs))
    throw invalid('"outputs" must be a list of {"name": ...}');
  return {
    id: id ?? '',
    inputs: (json['inputs'] as unknown[]).map(parseInput),
    outputs: ((outputs ?? []) as unknown[]).map((output) => {
      if (!isObject(output) || typeof output['name'] !== 'string')
        throw invalid('each of "outputs" needs a "name"');
      return output['name'];
    }),
  };
}

function parseInput(input: unknown, index: number): InputTensor {
  if (!isObject(input) || typeof input['name'] !== 'string') throw invalid(`input ${index} needs a "name"`);
  const name = input['name'];
  const parameters = input['parameters'];
  if (isObject(parameters) && ('binary_data_size' in parameters || 'shared_memory_region' in parameters)) {
    throw invalid(`input '${name}': binary data and shared memory are not supported; send "data"`);
  }
  return {
    name,
    info: parseDatatype(input['datatype'], name),
    shape: parseShape(input['shape'], name),
    elements: jsonElements(input['data'], name),
  };
}

/** `$inference_response` as JSON text, the outputs' data written straight from their values. */
export function inferResponseJson(result: InferResult): string {
  const id = result.id ? `,"id":${JSON.stringify(result.id)}` : '';
  const outputs = result.outputs.map(outputJson).join(',');
  return `{"model_name":${JSON.stringify(result.modelName)},"model_version":${JSON.stringify(result.modelVersion)}${id},"outputs":[${outputs}]}`;
}

function writeV2Error(response: ServerResponse, error: unknown, logger: Logger, httpCode?: number): void {
  let apiError = ApiError.from(error);
  if (!(error instanceof ApiError) || apiError.code === StatusCode.INTERNAL) {
    const traceId = randomBytes(8).toString('hex');
    logger.error('v2 request failed', { traceId, error: error instanceof Error ? error : String(error) });
    apiError = ApiError.internal(`Internal error (trace ${traceId})`);
  }
  const status = httpCode ?? httpStatusOf(apiError.code);
  writeText(response, status, JSON.stringify({ error: apiError.message }));
}

function writeText(response: ServerResponse, status: number, text: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const headers: Record<string, string> = { 'content-length': String(Buffer.byteLength(text)) };
  if (text) headers['content-type'] = 'application/json';
  response.writeHead(status, headers);
  response.end(text);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw invalid(`the path segment "${segment}" is not valid percent-encoding`);
  }
}

function header(request: IncomingMessage, key: string): string | undefined {
  const value = request.headers[key];
  return (Array.isArray(value) ? value[0] : value) || undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
