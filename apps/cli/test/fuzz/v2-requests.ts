import { deepJsonText, malformedJsonText, nastyNumber, nastyString, randomJson } from './fuzz-values';
import { safeForEncoding } from './rest-requests';
import type { RestCase } from './rest-requests';
import type { SeededRandom } from './seeded-random';

const DATATYPES = ['BOOL', 'INT8', 'INT16', 'INT32', 'INT64', 'UINT8', 'UINT64', 'FP32', 'FP64', 'BYTES'];

/**
 * Open Inference Protocol (v2) REST requests: metadata and readiness of real and made-up models, and
 * inference bodies of every wrong kind (shapes against data, datatypes, names, nesting, sizes) for the
 * served model `{project}.{model}` with its input `input`.
 */
export class V2Requests {
  constructor(
    private readonly random: SeededRandom,
    private readonly served: { model: string; input: string },
    private readonly maxBodyBytes: number,
  ) {}

  next(): RestCase {
    const r = this.random;
    const model = r.chance(0.8)
      ? this.served.model
      : r.pick([
          'fuzz.m0',
          'demo.none',
          'demo',
          'a.b.c',
          encodeURIComponent(safeForEncoding(nastyString(r))),
        ]);
    const version = r.chance(0.7)
      ? ''
      : `/versions/${r.pick(['v1', 'v0', encodeURIComponent(safeForEncoding(nastyString(r)))])}`;
    const base = `/v2/models/${model}${version}`;
    if (r.chance(0.15)) {
      const target = r.pick([base, `${base}/ready`, '/v2', '/v2/health/ready', `${base}/infer`]);
      return {
        method: r.pick(['GET', 'GET', 'DELETE', 'PUT']),
        target,
        headers: {},
        body: undefined,
        label: 'v2 GET',
      };
    }
    return {
      method: 'POST',
      target: `${base}/infer`,
      headers: { 'content-type': 'application/json' },
      body: this.body(),
      label: 'POST /v2/models/{model}[/versions/{v}]/infer',
    };
  }

  private body(): Buffer {
    const r = this.random;
    const roll = r.next();
    if (roll < 0.01) return Buffer.alloc(this.maxBodyBytes + 1, 0x20);
    if (roll < 0.1) return Buffer.from(malformedJsonText(r));
    if (roll < 0.15) return Buffer.from(`{"inputs": [${deepJsonText(r.pick([90, 10_000]), 'object')}]}`);
    const count = r.chance(0.1) ? r.int(3) : 1 + r.int(4);
    const shape = r.chance(0.8)
      ? [count, 4]
      : Array.from({ length: r.int(4) }, () => r.pick([-1, 0, 1, 4, 1e12]));
    const tensor: Record<string, unknown> = {
      name: r.chance(0.85) ? this.served.input : nastyString(r),
      shape,
      datatype: r.chance(0.7) ? 'FP32' : r.chance(0.8) ? r.pick(DATATYPES) : nastyString(r),
      data: this.data(count * 4),
    };
    if (r.chance(0.05)) delete tensor[r.pick(['name', 'shape', 'datatype', 'data'])];
    if (r.chance(0.05)) tensor['parameters'] = randomJson(r);
    const request: Record<string, unknown> = { inputs: r.chance(0.03) ? randomJson(r, 1) : [tensor] };
    if (r.chance(0.1)) request['outputs'] = [{ name: r.chance(0.5) ? 'class' : nastyString(r) }];
    if (r.chance(0.1)) request['id'] = r.chance(0.5) ? nastyString(r) : nastyNumber(r);
    return Buffer.from(JSON.stringify(request) ?? '{}');
  }

  private data(length: number): unknown {
    const r = this.random;
    const n = r.chance(0.8) ? length : r.int(length + 3);
    const value = () => (r.chance(0.85) ? r.next() * 8 : r.chance(0.5) ? nastyNumber(r) : randomJson(r, 1));
    const flat = Array.from({ length: n }, value);
    if (r.chance(0.2))
      return Array.from({ length: Math.ceil(n / 4) }, (_, i) => flat.slice(i * 4, i * 4 + 4));
    return flat;
  }
}
