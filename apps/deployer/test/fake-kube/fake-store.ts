import { randomUUID } from 'node:crypto';
import type { V1Deployment, V1EndpointSlice, V1Job, V1Pod, V1Service } from '@kubernetes/client-node' with {
  'resolution-mode': 'import',
};

/** An object as the API server stores it: plain JSON. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: Array<{
      apiVersion: string;
      kind: string;
      name: string;
      uid: string;
      controller?: boolean;
    }>;
    finalizers?: string[];
    [key: string]: unknown;
  };
  spec?: unknown;
  status?: unknown;
  [key: string]: unknown;
}

export interface ResourceTypes {
  deployments: V1Deployment;
  services: V1Service;
  endpointslices: V1EndpointSlice;
  jobs: V1Job;
  pods: V1Pod;
}

export type Resource = keyof ResourceTypes;

/** A stored object with the fields of its API type (client-node's models); metadata as stored (JSON). */
export type Stored<R extends Resource> = KubeObject &
  Omit<ResourceTypes[R], 'apiVersion' | 'kind' | 'metadata'>;

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubeObject;
}

type Listener = (resource: Resource, event: WatchEvent) => void;

/**
 * The fake API server's storage: one resourceVersion counter for everything (like etcd's revision), the
 * full history of events per resource (so a watch from any resourceVersion replays what it missed), and
 * deep copies in and out so no caller mutates stored state.
 */
export class FakeStore {
  private revision = 0;
  private readonly objects = new Map<Resource, Map<string, KubeObject>>();
  private readonly history = new Map<Resource, Array<{ revision: number; event: WatchEvent }>>();
  private readonly listeners = new Set<Listener>();

  get resourceVersion(): string {
    return String(this.revision);
  }

  get<R extends Resource>(resource: R, namespace: string, name: string): Stored<R> | undefined {
    const found = this.bucket(resource).get(`${namespace}/${name}`);
    return found && (structuredClone(found) as Stored<R>);
  }

  list<R extends Resource>(resource: R, namespace: string, selector?: string): Array<Stored<R>> {
    const matches = selector ? compileSelector(selector) : () => true;
    return [...this.bucket(resource).values()]
      .filter((o) => o.metadata.namespace === namespace && matches(o.metadata.labels ?? {}))
      .map((o) => structuredClone(o) as Stored<R>);
  }

  /** Stores a new object: uid, resourceVersion, generation 1, creationTimestamp. */
  create(resource: Resource, object: KubeObject): KubeObject {
    const stored = structuredClone(object);
    stored.metadata.uid ??= randomUUID();
    stored.metadata.generation = 1;
    stored.metadata.creationTimestamp = new Date().toISOString();
    return this.write(resource, stored, 'ADDED');
  }

  /** Replaces a stored object; generation moves when its spec changed, resourceVersion always. */
  update(resource: Resource, object: KubeObject): KubeObject {
    const previous = this.bucket(resource).get(key(object));
    if (!previous) throw new Error(`update of missing ${resource} ${key(object)}`);
    const stored = structuredClone(object);
    stored.metadata.uid = previous.metadata.uid;
    stored.metadata.creationTimestamp = previous.metadata.creationTimestamp;
    const specChanged = JSON.stringify(previous.spec) !== JSON.stringify(stored.spec);
    stored.metadata.generation = (previous.metadata.generation ?? 1) + (specChanged ? 1 : 0);
    if (
      JSON.stringify({ ...previous, metadata: { ...previous.metadata, resourceVersion: '' } }) ===
      JSON.stringify({ ...stored, metadata: { ...stored.metadata, resourceVersion: '' } })
    ) {
      return structuredClone(previous);
    }
    return this.write(resource, stored, 'MODIFIED');
  }

  remove(resource: Resource, namespace: string, name: string): KubeObject | undefined {
    const bucket = this.bucket(resource);
    const found = bucket.get(`${namespace}/${name}`);
    if (!found) return undefined;
    bucket.delete(`${namespace}/${name}`);
    const gone = structuredClone(found);
    gone.metadata.resourceVersion = String(++this.revision);
    this.record(resource, { type: 'DELETED', object: gone });
    return gone;
  }

  /** Events of `resource` after `revision`, oldest first. */
  eventsSince(resource: Resource, revision: number): WatchEvent[] {
    return (this.history.get(resource) ?? [])
      .filter((h) => h.revision > revision)
      .map((h) => structuredClone(h.event));
  }

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(resource: Resource, object: KubeObject, type: 'ADDED' | 'MODIFIED'): KubeObject {
    object.metadata.resourceVersion = String(++this.revision);
    this.bucket(resource).set(key(object), object);
    this.record(resource, { type, object: structuredClone(object) });
    return structuredClone(object);
  }

  private record(resource: Resource, event: WatchEvent): void {
    const list = this.history.get(resource) ?? [];
    list.push({ revision: this.revision, event });
    this.history.set(resource, list);
    for (const listener of this.listeners) listener(resource, structuredClone(event));
  }

  private bucket(resource: Resource): Map<string, KubeObject> {
    let bucket = this.objects.get(resource);
    if (!bucket) this.objects.set(resource, (bucket = new Map<string, KubeObject>()));
    return bucket;
  }
}

function key(object: KubeObject): string {
  return `${object.metadata.namespace}/${object.metadata.name}`;
}

/**
 * A label selector as the API takes it: `a=b`, `a==b`, `a!=b`, `a`, `!a`, `a in (x,y)`, `a notin (x)`,
 * joined by commas.
 */
export function compileSelector(selector: string): (labels: Record<string, string>) => boolean {
  const terms = selector.match(/[^,(]+(\([^)]*\))?/g) ?? [];
  const tests = terms.map((raw) => {
    const term = raw.trim();
    const set = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (set) {
      const values = set[3]!.split(',').map((v) => v.trim());
      return (l: Record<string, string>) =>
        (set[2] === 'in') === (set[1]! in l && values.includes(l[set[1]!]!));
    }
    const pair = /^([^=!]+)(==|=|!=)(.*)$/.exec(term);
    if (pair) {
      const [, name, op, value] = pair as unknown as [string, string, string, string];
      return (l: Record<string, string>) =>
        op === '!=' ? l[name.trim()] !== value.trim() : l[name.trim()] === value.trim();
    }
    if (term.startsWith('!')) return (l: Record<string, string>) => !(term.slice(1) in l);
    return (l: Record<string, string>) => term in l;
  });
  return (labels) => tests.every((test) => test(labels));
}
