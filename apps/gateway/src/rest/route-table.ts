import type { MethodDefinition } from '@grpc/proto-loader';
import { protoRoot, serviceDefinition } from '@presage/proto';
import { compareSpecificity, matchPathTemplate, parsePathTemplate } from './path-template';
import type { PathBindings, PathTemplate } from './path-template';

/** One REST binding of a gRPC method, from its `(google.api.http)` option. */
export interface Route {
  /** Upper-case HTTP method. */
  httpMethod: string;
  template: PathTemplate;
  /** `*` (the whole request), a top-level field name (snake or camel case as written), or undefined. */
  body: string | undefined;
  /** A top-level field that receives the response instead of the whole message; rarely used. */
  responseBody: string | undefined;
  /** `/presage.v1.ModelService/GetModel`. */
  methodPath: string;
  /** Fully qualified message names. */
  requestType: string;
  responseType: string;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; bindings: PathBindings }
  | { kind: 'wrong-method'; allowed: string[] }
  | { kind: 'not-found' };

export interface RouteTable {
  routes: readonly Route[];
  match(httpMethod: string, rawPath: string): RouteMatch;
}

/** The shape of google.api.HttpRule as proto-loader exposes it in method options. */
interface HttpRuleOption {
  get?: string;
  put?: string;
  post?: string;
  delete?: string;
  patch?: string;
  custom?: { kind: string; path: string };
  body?: string;
  response_body?: string;
  additional_bindings?: HttpRuleOption | HttpRuleOption[];
}

const VERBS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Builds the routes of every method of `serviceNames` that has a `(google.api.http)` option. */
export function createRouteTable(serviceNames: readonly string[]): RouteTable {
  const routes: Route[] = [];
  for (const serviceName of serviceNames) {
    for (const method of Object.values(serviceDefinition(serviceName)) as MethodDefinition<
      unknown,
      unknown
    >[]) {
      const rule = (method.options as Record<string, unknown> | undefined)?.['(google.api.http)'] as
        HttpRuleOption | undefined;
      if (rule) routes.push(...routesOf(rule, method));
    }
  }
  return routeTableOf(routes);
}

export function routeTableOf(routes: Route[]): RouteTable {
  const sorted = [...routes].sort((a, b) => compareSpecificity(a.template, b.template));
  return {
    routes: sorted,
    match(httpMethod, rawPath) {
      const allowed = new Set<string>();
      for (const route of sorted) {
        const bindings = matchPathTemplate(route.template, rawPath);
        if (!bindings) continue;
        if (route.httpMethod === httpMethod) return { kind: 'found', route, bindings };
        allowed.add(route.httpMethod);
      }
      return allowed.size > 0
        ? { kind: 'wrong-method', allowed: [...allowed].sort() }
        : { kind: 'not-found' };
    },
  };
}

function routesOf(rule: HttpRuleOption, method: MethodDefinition<unknown, unknown>): Route[] {
  const additional = rule.additional_bindings;
  const extra = additional === undefined ? [] : Array.isArray(additional) ? additional : [additional];
  return [rule, ...extra].map((binding) => routeOf(binding, method));
}

function routeOf(rule: HttpRuleOption, method: MethodDefinition<unknown, unknown>): Route {
  let httpMethod: string | undefined;
  let pattern: string | undefined;
  for (const verb of VERBS) {
    const value = rule[verb];
    if (value) {
      httpMethod = verb.toUpperCase();
      pattern = value;
    }
  }
  if (rule.custom?.path) {
    httpMethod = rule.custom.kind.toUpperCase();
    pattern = rule.custom.path;
  }
  if (!httpMethod || !pattern) throw new Error(`${method.path}: google.api.http rule without a pattern`);
  return {
    httpMethod,
    template: parsePathTemplate(pattern),
    body: rule.body || undefined,
    responseBody: rule.response_body || undefined,
    methodPath: method.path,
    ...messageTypesOf(method.path),
  };
}

/** Fully qualified request and response message names, from the protobufjs view of the same service. */
function messageTypesOf(methodPath: string): { requestType: string; responseType: string } {
  const [, serviceName, methodName] = methodPath.split('/');
  const method = protoRoot().lookupService(serviceName!).methods[methodName!];
  if (!method?.resolvedRequestType || !method.resolvedResponseType)
    throw new Error(`cannot resolve the types of ${methodPath}`);
  return {
    requestType: method.resolvedRequestType.fullName.replace(/^\./, ''),
    responseType: method.resolvedResponseType.fullName.replace(/^\./, ''),
  };
}
