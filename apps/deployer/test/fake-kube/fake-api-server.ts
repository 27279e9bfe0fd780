import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RESOURCES, StatusError, defaults, invalid, invalidIf } from './fake-admission';
import { applyObject, mergePatch } from './fake-patch';
import { compileSelector } from './fake-store';
import type { FakeStore, KubeObject, Resource } from './fake-store';

/** One request the fake served, for tests to assert what the driver sent. */
export interface RecordedRequest {
  method: string;
  resource: Resource | undefined;
  name: string | undefined;
  query: Record<string, string>;
  contentType: string | undefined;
  body: unknown;
}

/**
 * The Kubernetes REST API over node:http for the resources the driver uses: list (label selectors),
 * watch (from a resourceVersion), get, create, replace, patch (server-side apply, JSON merge; strategic
 * merge is treated as a JSON merge) and delete (propagation policies), answering errors with Status
 * bodies like the real API server (404 NotFound, 409 AlreadyExists/Conflict, 422 Invalid, 403
 * Forbidden for what `forbid` lists).
 */
export class FakeApiServer {
  readonly requests: RecordedRequest[] = [];
  /** `verb resource` pairs answered 403, as RBAC would, e.g. `patch deployments`. */
  readonly forbidden = new Set<string>();
  private readonly server = http.createServer((req, res) => void this.serve(req, res));
  private readonly watches = new Set<http.ServerResponse>();

  constructor(
    private readonly store: FakeStore,
    /** A pod's container output, from the kubelet. */
    private readonly logs: (pod: string) => string[],
  ) {}

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const watch of this.watches) watch.end();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    const raw = await readBody(req);
    const route =
      /^\/(?:api\/v1|apis\/([^/]+)\/([^/]+))\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+)(?:\/(log))?)?$/.exec(
        url.pathname,
      );
    const resource = route?.[4] as Resource | undefined;
    const name = route?.[5];
    const contentType = req.headers['content-type']?.split(';')[0];
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // Kept raw: the handler refuses it.
    }
    this.requests.push({ method: req.method ?? 'GET', resource, name, query, contentType, body });
    try {
      const meta = resource && RESOURCES[resource];
      const groupVersion = route?.[1] ? `${route[1]}/${route[2]}` : 'v1';
      if (!route || !meta || meta.groupVersion !== groupVersion) {
        throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
      }
      const namespace = route[3]!;
      const verb = verbOf(req.method ?? 'GET', name, query);
      const subresource = route[6] ? `${resource}/${route[6]}` : resource;
      if (this.forbidden.has(`${verb} ${subresource}`)) {
        const what = `${resource}${meta.group ? `.${meta.group}` : ''}${name ? ` "${name}"` : ''}`;
        throw new StatusError(
          403,
          'Forbidden',
          `${what} is forbidden: User "system:serviceaccount:${namespace}:presage-deployer" cannot ${verb} resource "${subresource}" in API group "${meta.group}" in the namespace "${namespace}"`,
        );
      }
      if (verb === 'watch') return this.watch(res, resource, namespace, query);
      if (route[6]) return this.log(res, namespace, name!, query);
      const answer = this.handle(verb, resource, namespace, name, query, body, contentType);
      send(res, answer.code, answer.body);
    } catch (error) {
      if (!(error instanceof StatusError)) throw error;
      send(res, error.code, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: error.message,
        reason: error.reason,
        details: { name, kind: resource, ...error.details },
        code: error.code,
      });
    }
  }

  private handle(
    verb: string,
    resource: Resource,
    namespace: string,
    name: string | undefined,
    query: Record<string, string>,
    body: unknown,
    contentType: string | undefined,
  ): { code: number; body: unknown } {
    const meta = RESOURCES[resource];
    const what = `${resource}${meta.group ? `.${meta.group}` : ''} "${name}"`;
    const existing = name ? this.store.get(resource, namespace, name) : undefined;
    switch (verb) {
      case 'list':
        return {
          code: 200,
          body: {
            apiVersion: meta.groupVersion,
            kind: `${meta.kind}List`,
            metadata: { resourceVersion: this.store.resourceVersion },
            items: this.store.list(resource, namespace, query['labelSelector']),
          },
        };
      case 'get':
        if (!existing) throw new StatusError(404, 'NotFound', `${what} not found`);
        return { code: 200, body: existing };
      case 'create': {
        const object = objectBody(body, resource);
        if (this.store.get(resource, namespace, object.metadata.name)) {
          throw new StatusError(
            409,
            'AlreadyExists',
            `${resource}${meta.group ? `.${meta.group}` : ''} "${object.metadata.name}" already exists`,
          );
        }
        return { code: 201, body: this.create(resource, namespace, object) };
      }
      case 'update': {
        if (!existing) throw new StatusError(404, 'NotFound', `${what} not found`);
        const object = objectBody(body, resource);
        const sentVersion = object.metadata.resourceVersion;
        if (sentVersion && sentVersion !== existing.metadata.resourceVersion) {
          throw new StatusError(
            409,
            'Conflict',
            `Operation cannot be fulfilled on ${what}: the object has been modified; please apply your changes to the latest version and try again`,
          );
        }
        return { code: 200, body: this.replace(resource, existing, { ...object, status: existing.status }) };
      }
      case 'patch':
        return this.patch(resource, namespace, name!, existing, query, body, contentType);
      case 'delete':
        if (!existing) throw new StatusError(404, 'NotFound', `${what} not found`);
        this.delete(resource, existing, query, body);
        return {
          code: 200,
          body: {
            kind: 'Status',
            apiVersion: 'v1',
            metadata: {},
            status: 'Success',
            details: { name, kind: resource, uid: existing.metadata.uid },
          },
        };
      default:
        throw new StatusError(405, 'MethodNotAllowed', `${verb} is not supported by the fake API server`);
    }
  }

  private patch(
    resource: Resource,
    namespace: string,
    name: string,
    existing: KubeObject | undefined,
    query: Record<string, string>,
    body: unknown,
    contentType: string | undefined,
  ): { code: number; body: unknown } {
    if (typeof body !== 'object' || body === null) {
      throw new StatusError(
        400,
        'BadRequest',
        'the fake API server takes JSON patch bodies only (JSON is valid YAML)',
      );
    }
    if (contentType === 'application/apply-patch+yaml') {
      if (!query['fieldManager']) {
        throw new StatusError(400, 'BadRequest', 'PATCH: fieldManager is required for apply requests');
      }
      const applied = objectBody(body, resource);
      if (applied.metadata.name !== name) {
        throw new StatusError(
          400,
          'BadRequest',
          `the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`,
        );
      }
      if (!existing) return { code: 201, body: this.create(resource, namespace, applied) };
      return { code: 200, body: this.replace(resource, existing, applyObject(existing, applied)) };
    }
    if (!existing) throw new StatusError(404, 'NotFound', `${resource} "${name}" not found`);
    if (
      contentType === 'application/merge-patch+json' ||
      contentType === 'application/strategic-merge-patch+json'
    ) {
      return { code: 200, body: this.replace(resource, existing, mergePatch(existing, body) as KubeObject) };
    }
    throw new StatusError(
      415,
      'UnsupportedMediaType',
      `the fake API server does not take ${contentType} patches`,
    );
  }

  private create(resource: Resource, namespace: string, object: KubeObject): KubeObject {
    const stored: KubeObject = {
      ...object,
      apiVersion: RESOURCES[resource].groupVersion,
      kind: RESOURCES[resource].kind,
      metadata: { ...object.metadata, namespace, uid: randomUUID() },
      status: resource === 'pods' ? { phase: 'Pending' } : {},
    };
    defaults(resource, stored);
    invalidIf(resource, stored);
    return this.store.create(resource, stored);
  }

  private replace(resource: Resource, existing: KubeObject, next: KubeObject): KubeObject {
    const immutable: Partial<Record<Resource, string[]>> = {
      deployments: ['selector'],
      jobs: ['selector', 'template'],
      services: ['clusterIP'],
    };
    next.metadata = {
      ...next.metadata,
      namespace: existing.metadata.namespace,
      name: existing.metadata.name,
    };
    if (resource === 'jobs') defaults(resource, next, existing.metadata.uid);
    const specOf = (object: KubeObject) => (object.spec ?? {}) as Record<string, unknown>;
    for (const field of immutable[resource] ?? []) {
      if (JSON.stringify(specOf(existing)[field]) !== JSON.stringify(specOf(next)[field])) {
        throw invalid(resource, existing.metadata.name, [
          { field: `spec.${field}`, message: 'Invalid value: field is immutable' },
        ]);
      }
    }
    invalidIf(resource, next);
    return this.store.update(resource, next);
  }

  private delete(resource: Resource, object: KubeObject, query: Record<string, string>, body: unknown): void {
    const options = (body ?? {}) as { propagationPolicy?: string };
    // batch/v1 Jobs orphan their pods unless told otherwise; everything else deletes them in the background.
    const policy =
      query['propagationPolicy'] ??
      options.propagationPolicy ??
      (resource === 'jobs' ? 'Orphan' : 'Background');
    const now = new Date().toISOString();
    if (resource === 'pods') {
      // Graceful: the kubelet stops the containers, then removes the pod.
      this.store.update(resource, { ...object, metadata: { ...object.metadata, deletionTimestamp: now } });
      return;
    }
    if (policy === 'Foreground') {
      const finalizers = [...(object.metadata.finalizers ?? []), 'foregroundDeletion'];
      this.store.update(resource, {
        ...object,
        metadata: { ...object.metadata, deletionTimestamp: now, finalizers },
      });
      return;
    }
    if (policy === 'Orphan') {
      for (const dependent of this.store.list('pods', object.metadata.namespace)) {
        const owners = dependent.metadata.ownerReferences ?? [];
        if (!owners.some((o) => o.uid === object.metadata.uid)) continue;
        dependent.metadata.ownerReferences = owners.filter((o) => o.uid !== object.metadata.uid);
        this.store.update('pods', dependent);
      }
    }
    this.store.remove(resource, object.metadata.namespace, object.metadata.name);
  }

  /** pods/{name}/log: what the kubelet keeps of the container's output, from its start. */
  private log(
    res: http.ServerResponse,
    namespace: string,
    name: string,
    query: Record<string, string>,
  ): void {
    if (!this.store.get('pods', namespace, name))
      throw new StatusError(404, 'NotFound', `pods "${name}" not found`);
    let text = this.logs(name)
      .map((line) => `${line}\n`)
      .join('');
    if (query['limitBytes']) text = Buffer.from(text).subarray(0, Number(query['limitBytes'])).toString();
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(text);
  }

  private watch(
    res: http.ServerResponse,
    resource: Resource,
    namespace: string,
    query: Record<string, string>,
  ): void {
    const matches = compileSelector(query['labelSelector'] ?? '');
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    this.watches.add(res);
    const write = (type: string, object: KubeObject) => {
      if (object.metadata.namespace === namespace && matches(object.metadata.labels ?? {})) {
        res.write(`${JSON.stringify({ type, object })}\n`);
      }
    };
    const since = query['resourceVersion'];
    if (!since || since === '0') {
      for (const object of this.store.list(resource, namespace)) write('ADDED', object);
    } else {
      for (const event of this.store.eventsSince(resource, Number(since))) write(event.type, event.object);
    }
    const unsubscribe = this.store.onEvent((r, event) => r === resource && write(event.type, event.object));
    const timeout = query['timeoutSeconds']
      ? setTimeout(() => res.end(), Number(query['timeoutSeconds']) * 1000)
      : undefined;
    res.on('close', () => {
      unsubscribe();
      clearTimeout(timeout);
      this.watches.delete(res);
    });
  }
}

function verbOf(method: string, name: string | undefined, query: Record<string, string>): string {
  if (method === 'GET')
    return name ? 'get' : query['watch'] === 'true' || query['watch'] === '1' ? 'watch' : 'list';
  return { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' }[method] ?? method.toLowerCase();
}

function objectBody(body: unknown, resource: Resource): KubeObject {
  const object = body as Partial<KubeObject> | undefined;
  if (!object || typeof object !== 'object' || !object.metadata?.name) {
    throw new StatusError(400, 'BadRequest', 'the request body is not an object with metadata.name');
  }
  if (object.kind && object.kind !== RESOURCES[resource].kind) {
    throw new StatusError(400, 'BadRequest', `the body is a ${object.kind}, the URL names ${resource}`);
  }
  return object as KubeObject;
}

function send(res: http.ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
