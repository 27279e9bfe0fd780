import { ApiCallError, UnreachableError } from '../cli-errors';
import type { FieldViolation } from '../cli-errors';
import type { ClientConfig } from './client-config';

/** A JSON object as the API answers it (proto3 JSON mapping). */
export type Json = Record<string, unknown>;

const BAD_REQUEST_TYPE = 'type.googleapis.com/google.rpc.BadRequest';

/** Calls the gateway's REST API (AI Platform v1 paths) with node's fetch; every error answer becomes an ApiCallError. */
export class RestClient {
  constructor(private readonly config: Pick<ClientConfig, 'endpoint' | 'apiKey'>) {}

  get(path: string, query: Record<string, string | undefined> = {}): Promise<Json> {
    return this.call('GET', withQuery(path, query));
  }

  post(path: string, body: unknown = {}): Promise<Json> {
    return this.call('POST', path, body);
  }

  patch(path: string, body: unknown, query: Record<string, string | undefined> = {}): Promise<Json> {
    return this.call('PATCH', withQuery(path, query), body);
  }

  delete(path: string): Promise<Json> {
    return this.call('DELETE', path);
  }

  /** Every item of a paged list (AIP-158), following nextPageToken; at most `limit` items when given. */
  async list(
    path: string,
    field: string,
    query: Record<string, string | undefined>,
    limit?: number,
  ): Promise<Json[]> {
    const items: Json[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.get(path, { ...query, pageToken });
      items.push(...((page[field] as Json[] | undefined) ?? []));
      pageToken = (page['nextPageToken'] as string | undefined) || undefined;
    } while (pageToken && (limit === undefined || items.length < limit));
    return limit === undefined ? items : items.slice(0, limit);
  }

  private async call(method: string, path: string, body?: unknown): Promise<Json> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.config.apiKey) headers['authorization'] = `Bearer ${this.config.apiKey}`;
    let response: Response;
    try {
      response = await fetch(`${this.config.endpoint}/v1/${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
    } catch (error) {
      throw new UnreachableError(this.config.endpoint, error);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new ApiCallError(
        String(response.status),
        response.status,
        `${method} ${path} answered HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`,
      );
    }
    if (!response.ok) throw apiErrorOf(response, parsed);
    return parsed as Json;
  }
}

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** `{"error": {code, message, status, details}}`, or a prediction's `{"error": "…"}`. */
function apiErrorOf(response: Response, body: unknown): ApiCallError {
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error === 'string')
    return new ApiCallError(response.statusText || String(response.status), response.status, error);
  if (error && typeof error === 'object') {
    const status = error as { status?: string; message?: string; details?: unknown[] };
    return new ApiCallError(
      status.status ?? String(response.status),
      response.status,
      status.message ?? `HTTP ${response.status}`,
      fieldViolationsOf(status.details),
    );
  }
  return new ApiCallError(
    String(response.status),
    response.status,
    `HTTP ${response.status} ${response.statusText}`,
  );
}

function fieldViolationsOf(details: unknown[] | undefined): FieldViolation[] {
  const violations: FieldViolation[] = [];
  for (const detail of details ?? []) {
    const typed = detail as { '@type'?: string; fieldViolations?: FieldViolation[] };
    if (typed['@type'] === BAD_REQUEST_TYPE) violations.push(...(typed.fieldViolations ?? []));
  }
  return violations;
}
