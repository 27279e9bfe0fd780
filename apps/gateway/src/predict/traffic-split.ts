/** Header (REST) and metadata key (gRPC) whose value keeps a caller on one version of a traffic split. */
export const ROUTING_KEY = 'x-presage-routing-key';

/**
 * A model's `traffic_split` (version id → percent) as cumulative ranges over the versions in id order, so
 * a pick costs one random number (or one hash) and a scan of a few entries, with no allocation. The
 * ranges depend on the split only: the same routing key lands on the same version in every gateway for
 * as long as the split is unchanged.
 */
export class TrafficSplit {
  /** Full version names, in version id order. */
  readonly versions: readonly string[];
  /** Upper bound (exclusive) of each version's range in [0, total). */
  private readonly bounds: readonly number[];
  private readonly total: number;

  private constructor(versions: string[], bounds: number[]) {
    this.versions = versions;
    this.bounds = bounds;
    this.total = bounds[bounds.length - 1] ?? 0;
  }

  /**
   * The split of `model` (`projects/{p}/models/{m}`), or undefined when it sends nothing anywhere
   * (empty, or every share 0): the default version then serves.
   */
  static of(model: string, split: Readonly<Record<string, number>>): TrafficSplit | undefined {
    const versions: string[] = [];
    const bounds: number[] = [];
    let total = 0;
    for (const id of Object.keys(split).sort()) {
      const percent = split[id]!;
      if (!(percent > 0)) continue;
      total += percent;
      versions.push(`${model}/versions/${id}`);
      bounds.push(total);
    }
    return versions.length === 0 ? undefined : new TrafficSplit(versions, bounds);
  }

  /**
   * The version a request goes to: weighted random, or with a routing key the version its hash falls
   * on (the same key, the same version, while the split is unchanged).
   */
  pick(routingKey?: string): string {
    if (this.versions.length === 1) return this.versions[0]!;
    const point = routingKey === undefined ? Math.random() * this.total : bucketOf(routingKey) % this.total;
    const { bounds } = this;
    for (let i = 0; i < bounds.length - 1; i++) if (point < bounds[i]!) return this.versions[i]!;
    return this.versions[bounds.length - 1]!;
  }
}

/**
 * A stable bucket in [0, 10 000) for a routing key: 32-bit FNV-1a over its UTF-16 code units, then a
 * murmur3 finaliser so that keys differing in their last character spread over the whole range.
 */
export function bucketOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) % 10_000;
}
