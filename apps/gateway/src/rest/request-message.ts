/**
 * Builds the gRPC request message of a REST call from its three sources, as google.api.http
 * transcoding defines them: path variables, the body (`*` = the whole message, a field name = that
 * field, none = no body), and the query string for every field the other two do not bind.
 */
import { ApiError, StatusCode, badRequest, errorMessage } from '@presage/errors';
import { lookupMessageType } from '@presage/proto';
import { jsonDepthExceeds, tooDeepMessage } from '@presage/resources';
import { Type } from 'protobufjs';
import type { Field } from 'protobufjs';
import { JsonMappingError } from './json-mapping-error';
import type { PathBindings } from './path-template';
import { fieldFromJson, findField, fullNameOf, messageFromJson } from './proto-json';
import type { Route } from './route-table';

type Loose = Record<string, unknown>;

/** Google's system parameters: accepted on every request and ignored. */
export const STANDARD_QUERY_PARAMETERS: ReadonlySet<string> = new Set([
  'alt',
  'key',
  'fields',
  'prettyPrint',
  'pp',
  '$.xgafv',
  'quotaUser',
  'userIp',
  'access_token',
  'oauth_token',
  'callback',
  'upload_protocol',
  'uploadType',
]);

const HTTP_BODY = 'google.api.HttpBody';

export interface RestRequestParts {
  bindings: PathBindings;
  query: URLSearchParams;
  body: Buffer;
  contentType: string | undefined;
}

export function buildRequestMessage(
  route: Pick<Route, 'requestType' | 'body'>,
  parts: RestRequestParts,
): Loose {
  try {
    return build(route, parts);
  } catch (error) {
    if (error instanceof JsonMappingError) throw error.toApiError();
    throw error;
  }
}

function build(route: Pick<Route, 'requestType' | 'body'>, parts: RestRequestParts): Loose {
  const type = lookupMessageType(route.requestType);
  let message: Loose = {};
  let bodyField: Field | undefined;
  if (route.body === '*') {
    const raw = httpBodyField(type);
    if (raw) message[raw.name] = rawHttpBody(parts);
    else message = messageFromJson(route.requestType, parseJsonBody(parts.body));
  } else if (route.body) {
    bodyField = findField(type, route.body);
    if (!bodyField) throw new Error(`${route.requestType} has no body field ${route.body}`);
    message[bodyField.name] = isHttpBody(bodyField)
      ? rawHttpBody(parts)
      : fieldFromJson(bodyField, parseJsonBody(parts.body), bodyField.name);
  }
  const fromUrl = messageFromJson(route.requestType, queryJson(type, route.body, bodyField, parts), {
    stringBools: true,
    repeatedFromQuery: true,
  });
  mergeInto(message, fromUrl);
  return message;
}

/** Query parameters and path variables as one nested JSON object, path variables last (they win). */
function queryJson(
  type: Type,
  body: string | undefined,
  bodyField: Field | undefined,
  parts: RestRequestParts,
): Loose {
  const json: Loose = {};
  const boundByPath = new Set([...parts.bindings.keys()].map((p) => canonicalPath(type, p)));
  for (const key of new Set(parts.query.keys())) {
    if (STANDARD_QUERY_PARAMETERS.has(key)) continue;
    const canonical = canonicalPath(type, key);
    const top = canonical.split('.')[0];
    if (body === '*' || (bodyField && top === bodyField.name)) {
      throw badParameter(
        key,
        `Cannot bind query parameter "${key}": the field is taken from the request body.`,
      );
    }
    if ([...boundByPath].some((p) => p === canonical || canonical.startsWith(`${p}.`))) {
      throw badParameter(key, `Cannot bind query parameter "${key}": the field is taken from the URL path.`);
    }
    const values = parts.query.getAll(key);
    setNested(json, key, values.length === 1 ? values[0] : values);
  }
  for (const [fieldPath, value] of parts.bindings) setNested(json, fieldPath, value);
  return json;
}

/** A dotted path in canonical (camelCase field name) form, or the key itself for unknown fields. */
function canonicalPath(type: Type, dotted: string): string {
  const names: string[] = [];
  let current: Type | undefined = type;
  for (const segment of dotted.split('.')) {
    const field: Field | undefined = current ? findField(current, segment) : undefined;
    if (!field) {
      if (current)
        throw badParameter(
          dotted,
          `Cannot bind query parameter "${dotted}": field "${segment}" could not be found in ${fullNameOf(current)}.`,
        );
      names.push(segment);
      continue;
    }
    names.push(field.name);
    current = field.resolvedType instanceof Type && !field.repeated ? field.resolvedType : undefined;
  }
  return names.join('.');
}

/** Sets `a.b.c` in `target`, creating objects on the way; every segment is an own property (`__proto__` too). */
function setNested(target: Loose, dotted: string, value: unknown): void {
  const segments = dotted.split('.');
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    const next = Object.hasOwn(node, segment) ? node[segment] : undefined;
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) {
      node = next as Loose;
      continue;
    }
    const created: Loose = {};
    defineOwn(node, segment, created);
    node = created;
  }
  defineOwn(node, segments[segments.length - 1]!, value);
}

function defineOwn(target: Loose, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function mergeInto(target: Loose, source: Loose): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isPlainObject(existing) && isPlainObject(value)) mergeInto(existing, value);
    else target[key] = value;
  }
}

function isPlainObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function httpBodyField(type: Type): Field | undefined {
  return type.fieldsArray.find(isHttpBody);
}

function isHttpBody(field: Field): boolean {
  return (
    field.resolvedType instanceof Type && fullNameOf(field.resolvedType) === HTTP_BODY && !field.repeated
  );
}

function rawHttpBody(parts: RestRequestParts): Loose {
  return { contentType: parts.contentType ?? 'application/json', data: parts.body, extensions: [] };
}

/** The body as JSON; an empty body is `{}`. JSON nested deeper than MAX_JSON_DEPTH is refused before anything walks it. */
export function parseJsonBody(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (error) {
    const reason = errorMessage(error);
    throw bodyError(`Invalid JSON payload received. The request body is not valid JSON: ${reason}`);
  }
  if (jsonDepthExceeds(json))
    throw bodyError(`Invalid JSON payload received. ${tooDeepMessage('The request body')}`);
  return json;
}

function bodyError(description: string): ApiError {
  return new ApiError(StatusCode.INVALID_ARGUMENT, description, {
    details: [badRequest([{ field: '', description }])],
  });
}

function badParameter(key: string, description: string): ApiError {
  return ApiError.invalidArgument({ field: key, description });
}
