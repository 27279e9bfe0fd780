import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, StatusCode } from '@presage/errors';
import { parseVersionName } from '@presage/resources';
import { restCredential } from '../auth/credentials';
import type { CancelSignal } from '../caller-signal';
import type { MethodInvoker } from '../method-table';
import { writeJson } from '../rest/error-response';
import type { ConsoleHandler } from '../rest/rest-server';
import type { ConsoleSeries } from './console-series';
import { loadConsoleAssets } from './static-assets';
import type { StaticAsset } from './static-assets';

export interface ConsoleFrontOptions {
  series: ConsoleSeries;
  /**
   * The public GetVersion, as REST callers reach it (behind the auth guard when auth is on): a series
   * is answered only to a caller who may get its version, and only for a version that exists.
   */
  getVersion: MethodInvoker;
  /** Checks a credential before anything else is looked at. @default none (auth off) */
  authenticate?: ((credential: string | undefined) => Promise<unknown>) | undefined;
  /** The console's files. @default loadConsoleAssets() */
  assets?: Map<string, StaticAsset>;
  now?: () => number;
}

const SERIES_PATH = '/console/api/series';
/** Public: whether the console must ask for a key before it calls the API (so it never starts with a 401). */
const SETTINGS_PATH = '/console/api/settings';
/**
 * The console's files are public (the data is not: every call it makes carries the user's key). Its
 * pages render text only; the policy keeps anything else from running, framing it, or leaking URLs.
 */
const ASSET_HEADERS = {
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'",
};

/** `/console/…`: the web console's files, and the series its charts read. */
export function createConsoleHandler(options: ConsoleFrontOptions): ConsoleHandler {
  const assets = options.assets ?? loadConsoleAssets();
  const now = options.now ?? Date.now;
  return async (request, response, path, query, signal) => {
    const method = (request.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      throw new ApiError(StatusCode.UNIMPLEMENTED, `The console answers GET only, not ${method} on ${path}.`);
    }
    if (path === SERIES_PATH) return answerSeries(options, request, response, query, signal, now());
    if (path === SETTINGS_PATH) {
      return writeJson(response, 200, { auth: options.authenticate ? 'required' : 'off' });
    }
    if (path === '/console') {
      response.writeHead(301, { location: '/console/', 'content-length': '0' });
      return void response.end();
    }
    const asset = assets.get(path === '/console/' ? 'index.html' : path.slice('/console/'.length));
    if (!asset) throw new ApiError(StatusCode.NOT_FOUND, `The console has no file at ${path}.`);
    serveAsset(request, response, asset, method === 'HEAD');
  };
}

async function answerSeries(
  options: ConsoleFrontOptions,
  request: IncomingMessage,
  response: ServerResponse,
  query: URLSearchParams,
  signal: CancelSignal,
  now: number,
): Promise<void> {
  const credential = () => restCredential(request.headers, query);
  // An anonymous caller learns nothing but 401, whatever it asked.
  if (options.authenticate) await options.authenticate(credential());
  const version = query.get('version');
  if (!version) {
    throw ApiError.invalidArgument({
      field: 'version',
      description: 'Name the version: ?version=projects/{project}/models/{model}/versions/{version}.',
    });
  }
  parseVersionName(version, 'version');
  const since = parseSince(query.get('since'), now);
  // The caller must be allowed to get the version (403 otherwise), and it must exist (404).
  await options.getVersion({ name: version }, { actor: undefined, signal, credential });
  const series = options.series.series(version, since);
  writeJson(response, 200, { version, ...series }, { 'cache-control': 'no-store' });
}

/** `since`: milliseconds since the epoch or an RFC 3339 time; absent: everything kept. */
export function parseSince(value: string | null, now: number): number {
  if (value === null || value === '') return -Infinity;
  const parsed = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(parsed) || parsed > now + 86_400_000) {
    throw ApiError.invalidArgument({
      field: 'since',
      description: `Expected milliseconds since the epoch or an RFC 3339 time not in the future, got "${value.slice(0, 40)}".`,
    });
  }
  return parsed;
}

function serveAsset(
  request: IncomingMessage,
  response: ServerResponse,
  asset: StaticAsset,
  headOnly: boolean,
): void {
  const headers = { ...ASSET_HEADERS, etag: asset.etag, 'content-type': asset.contentType };
  if (request.headers['if-none-match'] === asset.etag) {
    response.writeHead(304, headers);
    return void response.end();
  }
  response.writeHead(200, { ...headers, 'content-length': String(asset.body.length) });
  response.end(headOnly ? undefined : asset.body);
}
