import { protoRoot, serviceDefinition } from '@presage/proto';
import type { Type } from 'protobufjs';
import { nastyString } from './fuzz-values';
import type { MessageFuzzer } from './message-json';
import type { PredictBodies } from './predict-bodies';
import type { SeededRandom } from './seeded-random';

/** One generated gRPC call: the method and the request message's bytes as sent. */
export interface GrpcCase {
  method: string;
  bytes: Buffer;
  label: string;
}

interface GrpcMethod {
  path: string;
  requestType: Type;
  mutating: boolean;
}

const PREDICT = '/presage.v1.OnlinePredictionService/Predict';

/** Every unary method of the services. */
export function grpcMethods(services: readonly string[]): GrpcMethod[] {
  return services.flatMap((serviceName) =>
    Object.values(serviceDefinition(serviceName)).map((method) => {
      const [, service, name] = method.path.split('/');
      return {
        path: method.path,
        requestType: protoRoot().lookupService(service!).methods[name!]!.resolvedRequestType!,
        mutating: !/\/(Get|List)[A-Za-z]*$/.test(method.path),
      };
    }),
  );
}

/**
 * Request bytes for the public gRPC methods: fuzzed messages encoded properly, the same bytes damaged,
 * random bytes, hand-made wire data (wrong wire types, lengths past the end, deeply nested groups), and
 * messages over the size limit.
 */
export class GrpcRequests {
  constructor(
    private readonly random: SeededRandom,
    private readonly messages: MessageFuzzer,
    private readonly predictions: PredictBodies,
    private readonly methods: GrpcMethod[],
    private readonly maxBodyBytes: number,
  ) {}

  next(): GrpcCase {
    const r = this.random;
    const method = r.pick(this.methods);
    const roll = r.next();
    let kind: string;
    let bytes: Buffer;
    if (method.path === PREDICT && roll < 0.7) {
      const { name, body } = this.predictions.next();
      kind = 'predict';
      bytes = encode(method.requestType, {
        name,
        httpBody: { contentType: r.chance(0.9) ? 'application/json' : nastyString(r), data: body },
      });
    } else if (roll < 0.45) {
      kind = 'message';
      bytes = encode(method.requestType, this.messages.message(method.requestType, method.mutating));
    } else if (roll < 0.6) {
      kind = 'damaged';
      bytes = damage(
        r,
        encode(method.requestType, this.messages.message(method.requestType, method.mutating)),
      );
    } else if (roll < 0.75) {
      kind = 'random';
      bytes = r.bytes(r.int(r.chance(0.9) ? 64 : 4096));
    } else if (roll < 0.97) {
      kind = 'wire';
      bytes = this.wire();
    } else {
      kind = 'oversize';
      bytes = Buffer.concat([
        tag(1, 2),
        varint(this.maxBodyBytes + 100_000),
        Buffer.alloc(this.maxBodyBytes + 100_000, 0x61),
      ]);
    }
    return { method: method.path, bytes, label: `${method.path} (${kind})` };
  }

  private wire(): Buffer {
    const r = this.random;
    switch (r.int(5)) {
      case 0: // a field of a wrong wire type, or of types 6 and 7, which do not exist
        return Buffer.concat([tag(1 + r.int(10), r.int(8)), r.bytes(r.int(12))]);
      case 1: // a length that runs past the end
        return Buffer.concat([tag(1 + r.int(4), 2), varint(1000 + r.int(100_000)), r.bytes(r.int(10))]);
      case 2: {
        // groups nested 10,000 deep: decoders that skip them recursively run out of stack
        const depth = r.pick([100, 10_000]);
        return Buffer.concat([
          ...Array.from({ length: depth }, () => tag(15, 3)),
          ...Array.from({ length: depth }, () => tag(15, 4)),
        ]);
      }
      case 3: // a varint that never ends
        return Buffer.concat([tag(1, 0), Buffer.alloc(20, 0xff)]);
      default: // a valid string field holding invalid UTF-8 and NUL bytes
        return Buffer.concat([
          tag(1 + r.int(3), 2),
          varint(6),
          Buffer.from([0xff, 0xfe, 0x00, 0xed, 0xa0, 0x80]),
        ]);
    }
  }
}

/** Encodes what of `json` protobufjs accepts (fields it cannot convert are dropped one by one). */
export function encode(type: Type, json: Record<string, unknown>): Buffer {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    try {
      type.fromObject({ [key]: value });
      kept[key] = value;
    } catch {
      // not representable as this field
    }
  }
  try {
    return Buffer.from(type.encode(type.fromObject(kept)).finish());
  } catch {
    return Buffer.alloc(0);
  }
}

function damage(random: SeededRandom, bytes: Buffer): Buffer {
  if (bytes.length === 0) return random.bytes(8);
  const copy = Buffer.from(bytes);
  switch (random.int(3)) {
    case 0:
      copy[random.int(copy.length)] = random.int(256);
      return copy;
    case 1:
      return copy.subarray(0, random.int(copy.length));
    default:
      return Buffer.concat([copy, random.bytes(1 + random.int(8))]);
  }
}

function varint(value: number): Buffer {
  const out: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    out.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return Buffer.from(out);
}

function tag(field: number, wireType: number): Buffer {
  return varint(field * 8 + wireType);
}
