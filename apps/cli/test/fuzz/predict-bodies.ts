import { deepJsonText, malformedJsonText, nastyNumber, nastyString, randomJson } from './fuzz-values';
import type { SeededRandom } from './seeded-random';

/** One generated prediction request: the name in the URL (or PredictRequest.name) and the raw body. */
export interface PredictCase {
  name: string;
  body: Buffer;
}

/**
 * Prediction requests for the served demo model (one input of 4 floats, `input`), other names, and
 * bodies of every wrong kind: shapes, types, nesting, sizes, encodings.
 */
export class PredictBodies {
  constructor(
    private readonly random: SeededRandom,
    /** The served model's version and its input's name. */
    private readonly served: { model: string; version: string; input: string },
    private readonly maxBodyBytes: number,
  ) {}

  next(): PredictCase {
    const r = this.random;
    const name = r.chance(0.85)
      ? r.pick([this.served.model, this.served.version])
      : r.pick(['projects/fuzz/models/m0', 'projects/demo/models/none', 'projects/demo', nastyString(r)]);
    return { name, body: this.body() };
  }

  private body(): Buffer {
    const r = this.random;
    const roll = r.next();
    if (roll < 0.002) return Buffer.from(this.manyInstances(100_000));
    if (roll < 0.01) return Buffer.alloc(this.maxBodyBytes + 1, 0x20);
    if (roll < 0.1) return Buffer.from(malformedJsonText(r));
    if (roll < 0.15)
      return Buffer.from(`{"instances": [${deepJsonText(r.pick([90, 200, 10_000]), 'array')}]}`);
    if (roll < 0.2) {
      const deep = deepJsonText(r.pick([200, 10_000]), r.chance(0.5) ? 'array' : 'object');
      return Buffer.from(`{"instances": [{"${this.served.input}": [1, 2, 3, 4], "key": ${deep}}]}`);
    }
    if (roll < 0.25)
      return Buffer.from(`{"instances": [[1, 2, 3, 4]], "parameters": ${deepJsonText(10_000, 'object')}}`);
    const request: Record<string, unknown> = { instances: this.instances() };
    if (r.chance(0.1)) request['signature_name'] = nastyString(r);
    if (r.chance(0.05)) request[nastyString(r)] = randomJson(r);
    if (r.chance(0.03)) delete request['instances'];
    return Buffer.from(JSON.stringify(request) ?? '{}');
  }

  private instances(): unknown {
    const r = this.random;
    if (r.chance(0.05)) return randomJson(r, 1);
    return Array.from({ length: r.chance(0.05) ? 0 : 1 + r.int(r.chance(0.1) ? 500 : 8) }, () =>
      this.instance(),
    );
  }

  private instance(): unknown {
    const r = this.random;
    const roll = r.next();
    if (roll < 0.5) return this.features();
    if (roll < 0.65)
      return { [this.served.input]: this.features(), ...(r.chance(0.5) ? { key: randomJson(r) } : {}) };
    if (roll < 0.75) return { b64: r.pick(['AAAA', '!!', '', nastyString(r)]) };
    if (roll < 0.85) return Array.from({ length: r.int(6) }, () => this.features());
    return randomJson(r, 2);
  }

  private features(): unknown[] {
    const r = this.random;
    const length = r.chance(0.8) ? 4 : r.int(9);
    return Array.from({ length }, () => {
      const roll = r.next();
      if (roll < 0.85) return Math.round(r.next() * 80) / 10;
      if (roll < 0.9) return nastyNumber(r);
      return randomJson(r, 1);
    });
  }

  /** A valid request of `count` instances (about 1 MB for 100,000). */
  private manyInstances(count: number): string {
    const row = '[1,2,3,4]';
    return `{"instances":[${Array.from({ length: count }, () => row).join(',')}]}`;
  }
}
