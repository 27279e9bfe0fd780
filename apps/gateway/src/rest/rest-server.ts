import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, StatusCode } from '@presage/errors';
import { checkRequestText } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import { lookupMessageType } from '@presage/proto';
import { pickTraceHeaders } from '@presage/telemetry';
import { ACTOR_KEY, HTTP_STATUS, SERVED_VERSION, VERSION_KEY } from '../method-table';
import type { CallInfo, HttpBodyReply, MethodTable } from '../method-table';
import { BodyTooLargeError, readBody } from './body-reader';
import { writeError, writeJson } from './error-response';
import { messageToJson } from './proto-json';
import { buildRequestMessage } from './request-message';
import type { Route, RouteTable } from './route-table';
import { restCredential } from '../auth/credentials';
import { ROUTING_KEY } from '../predict/traffic-split';
import { CallerSignal } from '../caller-signal';
import type { CancelSignal } from '../caller-signal';

export interface Readiness {
  /** `not ready` answers 503; `ready` and `degraded` (serving, with a dependency down) answer 200. */
  status: 'ready' | 'degraded' | 'not ready';
  /** Each dependency's state, by name. */
  checks: Record<string, string>;
}

export interface RestServerOptions {
  routes: RouteTable;
  methods: MethodTable;
  /** Largest accepted request body. */
  maxBodyBytes: number;
  logger: Logger;
  /** Backs `GET /readyz`. */
  readiness: () => Promise<Readiness>;
  /** Backs `GET /metrics` (Prometheus text format). */
  metrics: (request: IncomingMessage, response: ServerResponse) => void;
  /**
   * `POST /v1/{model or version}:predict` without route matching or proto-JSON work: the raw body goes
   * to the replica and its answer comes back as it is. @default through the route table like any method
   */
  predict?: FastPredict;
  /**
   * Checks the caller's credential before the body is read and parsed, so an anonymous caller learns
   * nothing but 401 (the method table checks permissions once the request names its project).
   * @default none (auth off)
   */
  authenticate?: (credential: string | undefined) => Promise<unknown>;
  /**
   * `/v2` and the paths under it: the Open Inference Protocol, which answers its own errors
   * (`{"error": "..."}`) and checks its own access. @default none (404 like any unknown path)
   */
  v2?: V2RestHandler | undefined;
  /**
   * `/console` and the paths under it: the web console's files and its series query
   * (apps/gateway/src/console). @default none (404 like any unknown path)
   */
  console?: ConsoleHandler | undefined;
}

/** Serves a request whose path is `/v2` or under it (apps/gateway/src/open-inference/v2-rest.ts). */
export type V2RestHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  query: URLSearchParams,
  signal: CancelSignal,
) => Promise<void>;

/** Serves a request whose path is `/console` or under it (apps/gateway/src/console/console-front.ts). */
export type ConsoleHandler = V2RestHandler;

/**
 * The predict path's own handler: a model, alias or version name and the raw body → the replica's
 * answer and the version that gave it (the `x-presage-version` header).
 */
export type FastPredict = (
  name: string,
  body: Buffer,
  call: CallInfo,
) => Promise<{ httpStatus: number; body: Buffer; version: string }>;

export interface RestServer {
  /** Resolves the bound port (port 0 → a free one). */
  listen(host: string, port: number): Promise<number>;
  close(): Promise<void>;
}

/** How much of an oversize body is drained (discarded) before the connection is cut. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/** The REST front: routes from the protos' google.api.http rules, proto3 JSON both ways. */
export function createRestServer(options: RestServerOptions): RestServer {
  const { logger } = options;
  const debug = logger.enabled('debug');
  const server = http.createServer((request, response) => {
    if (debug) logRequest(request, response, logger);
    const caller = new CallerSignal();
    response.once('close', () => {
      if (!response.writableFinished)
        caller.abort(new ApiError(StatusCode.CANCELLED, 'The client closed the connection'));
    });
    handle(options, request, response, caller).catch((error: unknown) => {
      if (error instanceof BodyTooLargeError) refuseBody(request, response, error, logger);
      else writeError(response, error, logger);
    });
  });
  return {
    listen: (host, port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

async function handle(
  options: RestServerOptions,
  request: IncomingMessage,
  response: ServerResponse,
  signal: CancelSignal,
): Promise<void> {
  const rawUrl = request.url ?? '/';
  const q = rawUrl.indexOf('?');
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1));
  const method = (request.method ?? 'GET').toUpperCase();

  if (rawPath === '/healthz' && method === 'GET') return writeJson(response, 200, { status: 'ok' });
  if (rawPath === '/metrics' && method === 'GET') {
    // Its series name projects, models and versions: with auth on, any valid credential may read them
    // (Prometheus: `authorization: { credentials_file: … }`), no one without.
    if (options.authenticate) await options.authenticate(restCredential(request.headers, query));
    return options.metrics(request, response);
  }
  if (rawPath === '/readyz' && method === 'GET') {
    const readiness = await options.readiness();
    return writeJson(response, readiness.status === 'not ready' ? 503 : 200, {
      status: readiness.status,
      ...readiness.checks,
    });
  }

  if (options.console && (rawPath === '/console' || rawPath.startsWith('/console/'))) {
    return options.console(request, response, rawPath, query, signal);
  }
  if (options.v2 && (rawPath === '/v2' || rawPath.startsWith('/v2/'))) {
    return options.v2(request, response, rawPath, query, signal);
  }

  const predictName = options.predict && method === 'POST' ? fastPredictName(rawPath) : undefined;
  if (predictName !== undefined) return fastPredict(options, predictName, request, response, signal, query);

  const match = options.routes.match(method, rawPath);
  if (match.kind === 'not-found') {
    throw new ApiError(
      StatusCode.NOT_FOUND,
      `The requested URL ${rawPath} was not found on this server: no API method has this path.`,
    );
  }
  if (match.kind === 'wrong-method') {
    const error = new ApiError(
      StatusCode.UNIMPLEMENTED,
      `The method ${method} is not allowed on ${rawPath}; allowed: ${match.allowed.join(', ')}.`,
    );
    return writeJsonError(response, error, 405, { allow: match.allowed.join(', ') });
  }
  const { route, bindings } = match;
  const invoke = options.methods.get(route.methodPath);
  if (!invoke) throw ApiError.unimplemented(`Method ${route.methodPath} is not implemented by this gateway`);

  const credential = () => restCredential(request.headers, query);
  if (options.authenticate) await options.authenticate(credential());
  const body = await readBody(request, options.maxBodyBytes);
  const contentType = request.headers['content-type'];
  const message = buildRequestMessage(route, { bindings, query, body, contentType });
  checkRequestText(lookupMessageType(route.requestType), message);
  const actor = actorHeader(request);
  const trace = pickTraceHeaders((key) => headerValue(request.headers[key]));
  const routingKey = headerValue(request.headers[ROUTING_KEY]);
  const reply = await invoke(message, { actor, signal, trace, credential, routingKey });
  writeReply(response, route, reply);
}

/**
 * `/v1/projects/p/models/m[@alias|/versions/v]:predict` with plain segments → the name (the resolver
 * checks an alias); anything else: undefined.
 */
const FAST_PREDICT_PATH = /^\/v1\/(projects\/[^/%:]+\/models\/[^/%:]+(?:\/versions\/[^/%:]+)?):predict$/;

function fastPredictName(rawPath: string): string | undefined {
  return FAST_PREDICT_PATH.exec(rawPath)?.[1];
}

async function fastPredict(
  options: RestServerOptions,
  name: string,
  request: IncomingMessage,
  response: ServerResponse,
  signal: CancelSignal,
  query: URLSearchParams,
): Promise<void> {
  const body = await readBody(request, options.maxBodyBytes);
  if (body.length === 0) {
    throw ApiError.invalidArgument({
      field: 'http_body',
      description: 'the request body is empty: send {"instances": [...]}',
    });
  }
  const trace = request.headers.traceparent
    ? pickTraceHeaders((key) => headerValue(request.headers[key]))
    : undefined;
  const credential = () => restCredential(request.headers, query);
  const answer = await options.predict!(name, body, {
    actor: undefined,
    signal,
    trace,
    credential,
    routingKey: headerValue(request.headers[ROUTING_KEY]),
  });
  response.writeHead(answer.httpStatus, {
    'content-type': 'application/json',
    'content-length': String(answer.body.length),
    [VERSION_KEY]: answer.version,
  });
  response.end(answer.body);
}

function logRequest(request: IncomingMessage, response: ServerResponse, logger: Logger): void {
  const started = Date.now();
  response.on('finish', () =>
    logger.debug('request', {
      method: request.method,
      url: request.url,
      status: response.statusCode,
      durationMs: Date.now() - started,
    }),
  );
}

function writeReply(response: ServerResponse, route: Route, reply: unknown): void {
  if (route.responseType === 'google.api.HttpBody') {
    const httpBody = reply as HttpBodyReply;
    const data = Buffer.from(httpBody.data ?? Buffer.alloc(0));
    const version = httpBody[SERVED_VERSION];
    response.writeHead(httpBody[HTTP_STATUS] ?? 200, {
      'content-type': httpBody.contentType || 'application/json',
      'content-length': String(data.length),
      ...(version === undefined ? {} : { [VERSION_KEY]: version }),
    });
    response.end(data);
    return;
  }
  writeJson(response, 200, messageToJson(route.responseType, reply));
}

function writeJsonError(
  response: ServerResponse,
  error: ApiError,
  httpCode: number,
  headers: Record<string, string>,
): void {
  writeJson(response, httpCode, error.toJSON(httpCode), headers);
}

/** Answers at once and closes the connection; what the client still sends is discarded, not kept. */
function refuseBody(
  request: IncomingMessage,
  response: ServerResponse,
  error: ApiError,
  logger: Logger,
): void {
  logger.info('request body over the limit refused', { url: request.url });
  response.shouldKeepAlive = false;
  writeJsonError(response, error, 413, { connection: 'close' });
  let drained = 0;
  request.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) request.destroy();
  });
  request.resume();
}

/**
 * The caller identity header. It travels on as gRPC metadata, which holds printable ASCII only: anything
 * else (HTTP allows Latin-1) is refused rather than failing the call further on.
 */
function actorHeader(request: IncomingMessage): string | undefined {
  const actor = headerValue(request.headers[ACTOR_KEY]);
  if (actor !== undefined && !/^[\x20-\x7e]*$/.test(actor)) {
    throw ApiError.invalidArgument({
      field: ACTOR_KEY,
      description: `The ${ACTOR_KEY} header may hold printable ASCII characters only.`,
    });
  }
  return actor;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text ? text : undefined;
}
