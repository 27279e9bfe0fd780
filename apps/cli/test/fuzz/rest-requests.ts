import type { MethodDefinition } from '@grpc/proto-loader';
import { protoRoot, serviceDefinition } from '@presage/proto';
import { Type } from 'protobufjs';
import type { FuzzNames } from './fuzz-names';
import { malformedJsonText, nastyNumber, nastyString, randomJson } from './fuzz-values';
import type { MessageFuzzer } from './message-json';
import type { SeededRandom } from './seeded-random';

/** One generated HTTP request. */
export interface RestCase {
  method: string;
  /** The raw request target: path and query, percent-encoded as sent. */
  target: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  /** What it was generated for, e.g. `PATCH /v1/{name=projects/*\/models/*}`. */
  label: string;
}

interface RestRoute {
  verb: string;
  pattern: string;
  /** `*`, a top-level field, or undefined. */
  body: string | undefined;
  requestType: Type;
  methodPath: string;
}

interface HttpRule {
  get?: string;
  put?: string;
  post?: string;
  delete?: string;
  patch?: string;
  body?: string;
  additional_bindings?: HttpRule | HttpRule[];
}

const VERBS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const RESERVED_KEYS = ['__proto__.polluted', 'constructor.prototype.x', 'a..b', '.', 'model.', '$.xgafv'];

/** Every REST route of the public services, from their google.api.http rules. */
export function restRoutes(services: readonly string[]): RestRoute[] {
  const routes: RestRoute[] = [];
  for (const serviceName of services) {
    for (const method of Object.values(serviceDefinition(serviceName)) as MethodDefinition<
      unknown,
      unknown
    >[]) {
      const rule = (method.options as Record<string, unknown> | undefined)?.['(google.api.http)'] as
        HttpRule | undefined;
      if (!rule) continue;
      const extra = rule.additional_bindings;
      for (const binding of [rule, ...(extra === undefined ? [] : Array.isArray(extra) ? extra : [extra])]) {
        const verb = VERBS.find((v) => binding[v]);
        if (!verb) continue;
        const [, service, name] = method.path.split('/');
        const resolved = protoRoot().lookupService(service!).methods[name!]!.resolvedRequestType!;
        routes.push({
          verb: verb.toUpperCase(),
          pattern: binding[verb]!,
          body: binding.body || undefined,
          requestType: resolved,
          methodPath: method.path,
        });
      }
    }
  }
  return routes;
}

/** Generates REST requests over `routes`, the predict route excepted (PredictBodies covers it). */
export class RestRequests {
  private readonly routes: RestRoute[];

  constructor(
    private readonly random: SeededRandom,
    private readonly names: FuzzNames,
    private readonly messages: MessageFuzzer,
    routes: RestRoute[],
    /** Bodies above this size test the limit. */
    private readonly maxBodyBytes: number,
  ) {
    this.routes = routes.filter((route) => !route.pattern.endsWith(':predict'));
  }

  next(): RestCase {
    const r = this.random;
    const route = r.pick(this.routes);
    const mutating = route.verb !== 'GET';
    const verb = r.chance(0.04) ? r.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) : route.verb;
    const path = r.chance(0.05) ? `/v1/${this.segment(nastyString(r))}` : this.fillPath(route, mutating);
    const query = this.query(route, mutating);
    const { body, contentType } = this.body(route, mutating);
    const headers: Record<string, string> = {};
    if (contentType) headers['content-type'] = contentType;
    if (r.chance(0.1)) headers['x-presage-actor'] = this.headerText();
    if (r.chance(0.05))
      headers['traceparent'] = r.pick(['00-xyz', '00-' + '0'.repeat(32) + '-' + '0'.repeat(16) + '-01']);
    return {
      method: verb,
      target: query ? `${path}?${query}` : path,
      headers,
      body,
      label: `${route.verb} ${route.pattern}`,
    };
  }

  private fillPath(route: RestRoute, mutating: boolean): string {
    return route.pattern.replace(/\{([^}=]+)(?:=[^}]*)?\}/g, (_m, field: string) => {
      const r = this.random;
      const value = r.chance(0.8) ? this.names.name(field, mutating) : nastyString(r);
      return value
        .split('/')
        .map((segment) => this.segment(segment))
        .join('/');
    });
  }

  /** One path segment as a client might send it: encoded, raw, or with broken escapes. */
  private segment(value: string): string {
    const r = this.random;
    const roll = r.next();
    if (roll < 0.8) return encodeURIComponent(safeForEncoding(value));
    if (roll < 0.9) return rawAscii(value);
    return `${rawAscii(value)}${r.pick(['%', '%Z', '%ZZ', '%00', '%2F', '%ED%A0%80', '%C0%AF', '%FF'])}`;
  }

  private query(route: RestRoute, mutating: boolean): string {
    const r = this.random;
    if (!r.chance(route.body ? 0.2 : 0.7)) return '';
    const params: string[] = [];
    const fields = route.requestType.fieldsArray;
    for (let i = r.int(4); i >= 0; i--) {
      const roll = r.next();
      let key: string;
      let value: string;
      if (roll < 0.6 && fields.length > 0) {
        const field = r.pick(fields);
        key = r.chance(0.8) ? field.name : field.name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
        value = this.queryValue(key, mutating);
      } else if (roll < 0.8) {
        key = r.pick(RESERVED_KEYS);
        value = String(r.int(3));
      } else {
        key = nastyString(r);
        value = nastyString(r);
      }
      params.push(
        `${encodeURIComponent(safeForEncoding(key))}=${encodeURIComponent(safeForEncoding(value))}`,
      );
    }
    return params.join('&');
  }

  private queryValue(key: string, mutating: boolean): string {
    const r = this.random;
    if (/page_?[sS]ize/.test(key)) return r.pick([String(Math.trunc(nastyNumber(r))), 'abc', '1.5', '']);
    if (/update_?[mM]ask/.test(key)) return this.messages.fieldMask();
    if (key === 'name' || key === 'parent') return this.names.name(key, mutating);
    const value = randomJson(r, 0);
    return typeof value === 'string' ? value : JSON.stringify(value);
  }

  private body(route: RestRoute, mutating: boolean): { body: Buffer | undefined; contentType?: string } {
    const r = this.random;
    const contentType = r.chance(0.9)
      ? 'application/json'
      : r.pick(['text/plain', 'application/json; charset=latin1', 'multipart/form-data', '']);
    if (!route.body && !r.chance(0.05)) return { body: undefined, contentType };
    const roll = r.next();
    if (roll < 0.02) return { body: Buffer.alloc(this.maxBodyBytes + 1 + r.int(1000), 0x20), contentType };
    if (roll < 0.15) return { body: Buffer.from(malformedJsonText(r)), contentType };
    if (roll < 0.22) return { body: Buffer.from(JSON.stringify(randomJson(r))), contentType };
    const type = bodyType(route);
    const json = type ? this.messages.message(type, mutating) : randomJson(r);
    return { body: Buffer.from(JSON.stringify(json) ?? ''), contentType };
  }

  /** Header text Node sends: printable ASCII, sometimes Latin-1 (which HTTP allows and gRPC metadata does not). */
  private headerText(): string {
    const text = nastyString(this.random).slice(0, 200);
    return this.random.chance(0.7)
      ? rawAscii(text).replace(/[^\x21-\x7e ]/g, '')
      : text.replace(/[^\t\x20-\x7e\x80-\xff]/g, '\u00e9');
  }
}

/** The message a route's body holds: the request for `*`, the named field's type otherwise. */
function bodyType(route: RestRoute): Type | undefined {
  if (!route.body) return undefined;
  if (route.body === '*') return route.requestType;
  const field =
    route.requestType.fields[route.body] ?? route.requestType.fieldsArray.find((f) => f.name === route.body);
  const resolved = field?.resolvedType;
  return resolved instanceof Type ? resolved : undefined;
}

/** encodeURIComponent throws on lone surrogates: those become the replacement character here. */
export function safeForEncoding(value: string): string {
  return value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** The value with everything Node refuses in a request target percent-encoded, the rest raw. */
function rawAscii(value: string): string {
  return Array.from(safeForEncoding(value))
    .map((c) => (/^[\x21-\x7e]$/.test(c) && c !== '/' && c !== '?' && c !== '#' ? c : encodeURIComponent(c)))
    .join('');
}
