import { Enum, MapField, Type } from 'protobufjs';
import type { Field } from 'protobufjs';
import type { FuzzNames } from './fuzz-names';
import { nastyNumber, nastyString, randomJson } from './fuzz-values';
import type { SeededRandom } from './seeded-random';

const NAME_FIELDS = /^(name|parent|modelName|versionName)$/;
const PATH_FIELDS = /^(deploymentUri|uri|packageUris|inputPaths|outputPath)$/;
const FILTERS = [
  'state:READY',
  'state=FAILED',
  'labels.a=b',
  'name:m*',
  'jobId:j* AND state:FAILED',
  'a:b OR c:d',
  '(((',
  'state:',
  ':',
  'labels.=x',
  'x'.repeat(5000),
];

/** Builds fuzzed proto3 JSON for one request type: mostly well-formed fields, some of every kind of wrong. */
export class MessageFuzzer {
  constructor(
    private readonly random: SeededRandom,
    private readonly names: FuzzNames,
  ) {}

  message(type: Type, mutating: boolean, depth = 0): Record<string, unknown> {
    const r = this.random;
    const out: Record<string, unknown> = {};
    for (const field of type.fieldsArray) {
      if (!r.chance(field.name === 'name' || field.name === 'parent' ? 0.9 : 0.5)) continue;
      const key = r.chance(0.1) ? snake(field.name) : field.name;
      out[key] = r.chance(0.12) ? randomJson(r) : this.field(field, mutating, depth);
    }
    if (r.chance(0.05)) out[nastyString(r) || 'unknownField'] = randomJson(r);
    return out;
  }

  /** A value for `field` as a client would write it (a map, a list or one value). */
  private field(field: Field, mutating: boolean, depth: number): unknown {
    const r = this.random;
    if (field instanceof MapField) {
      return Object.fromEntries(
        Array.from({ length: r.int(r.chance(0.05) ? 100 : 4) }, () => [
          r.chance(0.6) ? `k${r.int(9)}` : nastyString(r),
          this.single(field, mutating, depth),
        ]),
      );
    }
    if (field.repeated) {
      return Array.from({ length: r.int(r.chance(0.05) ? 1000 : 4) }, () =>
        this.single(field, mutating, depth),
      );
    }
    return this.single(field, mutating, depth);
  }

  private single(field: Field, mutating: boolean, depth: number): unknown {
    const r = this.random;
    if (NAME_FIELDS.test(field.name)) return this.names.name(field.name, mutating);
    if (PATH_FIELDS.test(field.name)) return this.names.uri();
    if (field.name === 'filter') return r.pick(FILTERS);
    const resolved = field.resolvedType;
    if (resolved instanceof Enum) return this.enumValue(resolved);
    if (resolved instanceof Type) return this.wellKnown(resolved, mutating, depth);
    return this.scalar(field.type, field.name);
  }

  private enumValue(type: Enum): unknown {
    const r = this.random;
    const names = Object.keys(type.values);
    const roll = r.next();
    if (roll < 0.7) return r.pick(names);
    if (roll < 0.8) return r.int(names.length + 3) - 1;
    if (roll < 0.9) return r.pick(names).toLowerCase();
    return nastyString(r);
  }

  private wellKnown(type: Type, mutating: boolean, depth: number): unknown {
    const r = this.random;
    switch (type.fullName) {
      case '.google.protobuf.Timestamp':
        return r.pick(['2026-01-02T03:04:05Z', '2026-13-45T99:99:99Z', '0000-01-01T00:00:00Z', '1', '']);
      case '.google.protobuf.Duration':
        return r.pick(['1.5s', '-3s', '1s5', '99999999999999s', '']);
      case '.google.protobuf.FieldMask':
        return this.fieldMask();
      case '.google.protobuf.Any':
        return { '@type': r.pick(['type.googleapis.com/presage.v1.Model', 'x', 'a/b.C']), name: 'x' };
      default:
        if (depth > 4) return {};
        return this.message(type, mutating, depth + 1);
    }
  }

  /** An update mask: known paths, unknown ones, odd separators. */
  fieldMask(): string {
    const r = this.random;
    const paths = [
      'description',
      'labels',
      'lineage.trainedBy',
      'lineage',
      'requestLoggingConfig.samplingPercentage',
      'autoScaling.minNodes',
      'manualScaling.nodes',
      'defaultVersion.name',
      'onlinePredictionLogging',
      'name',
      'state',
      'a.b.c',
      'no_such_field',
      '',
      ' ',
      '*',
      'labels.x',
      nastyString(r),
    ];
    return Array.from({ length: 1 + r.int(3) }, () => r.pick(paths)).join(r.pick([',', ', ', ',,']));
  }

  private scalar(type: string, name: string): unknown {
    const r = this.random;
    switch (type) {
      case 'string':
        if (name === 'pageToken') return r.pick(['', 'eyJhIjoiMSIsInEiOiJ4In0', '!!', nastyString(r)]);
        if (name === 'jobId' || name === 'name') return this.names.id();
        return r.chance(0.5) ? `text ${r.int(100)}` : nastyString(r);
      case 'bool':
        return r.chance(0.9) ? r.chance(0.5) : r.pick(['true', 1, 'yes']);
      case 'bytes':
        return r.pick(['', 'AAEC', '!!!', 'YWJj=', nastyString(r)]);
      case 'double':
      case 'float':
        return r.chance(0.8) ? nastyNumber(r) : r.pick(['NaN', 'Infinity', '-Infinity', '1e999', 'x']);
      default:
        return r.chance(0.8) ? Math.trunc(nastyNumber(r)) : r.pick(['12', '-1', '1.5', '9'.repeat(30), 'x']);
    }
  }
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
