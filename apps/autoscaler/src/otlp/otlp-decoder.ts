import { Reader, Writer } from 'protobufjs/minimal';
import { errorMessage } from '@presage/errors';

/**
 * The subset of OTLP metrics the autoscaler reads, decoded straight from the wire
 * (opentelemetry-proto `collector/metrics/v1/metrics_service.proto`, `metrics/v1/metrics.proto`,
 * `common/v1/common.proto`, `resource/v1/resource.proto`). Gauges and sums with their number points;
 * histograms, summaries, exemplars, scopes and unknown fields are skipped.
 */
export type AttributeValue = string | number | boolean;
export type Attributes = Record<string, AttributeValue>;

export interface NumberPoint {
  attributes: Attributes;
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  value: number;
}

export type Temporality = 'unspecified' | 'delta' | 'cumulative';

export interface DecodedMetric {
  name: string;
  /** `other`: a histogram, summary or anything else without number points. */
  kind: 'gauge' | 'sum' | 'other';
  monotonic: boolean;
  temporality: Temporality;
  points: NumberPoint[];
}

export interface DecodedResourceMetrics {
  resource: Attributes;
  metrics: DecodedMetric[];
}

/** The request is not a well-formed ExportMetricsServiceRequest. */
export class OtlpDecodeError extends Error {
  override readonly name = 'OtlpDecodeError';
}

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const TEMPORALITIES: Temporality[] = ['unspecified', 'delta', 'cumulative'];

/** Decodes an ExportMetricsServiceRequest; throws OtlpDecodeError when the bytes are malformed. */
export function decodeExportMetricsRequest(bytes: Uint8Array): DecodedResourceMetrics[] {
  const reader = Reader.create(bytes);
  try {
    const result: DecodedResourceMetrics[] = [];
    // ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
    readFields(reader, reader.len, 'ExportMetricsServiceRequest', {
      1: () => result.push(readResourceMetrics(reader)),
    });
    return result;
  } catch (error) {
    if (error instanceof OtlpDecodeError) throw error;
    // protobufjs reports truncated input and bad varints as RangeError / Error.
    throw new OtlpDecodeError(`malformed protobuf: ${errorMessage(error)}`);
  }
}

/** An ExportMetricsServiceResponse, with partial_success when some points were rejected. */
export function encodeExportMetricsResponse(rejected?: { dataPoints: number; message: string }): Buffer {
  const writer = Writer.create();
  if (rejected && (rejected.dataPoints > 0 || rejected.message)) {
    // partial_success = 1 { int64 rejected_data_points = 1; string error_message = 2; }
    writer.uint32((1 << 3) | LENGTH_DELIMITED).fork();
    if (rejected.dataPoints > 0) writer.uint32((1 << 3) | VARINT).int64(rejected.dataPoints);
    if (rejected.message) writer.uint32((2 << 3) | LENGTH_DELIMITED).string(rejected.message);
    writer.ldelim();
  }
  return Buffer.from(writer.finish());
}

type FieldReaders = Record<number, (wireType: number) => void>;
/** The wire type each known field must have; anything else is a malformed message. */
const EXPECTED_WIRE_TYPE: Record<string, Record<number, number>> = {
  ExportMetricsServiceRequest: { 1: LENGTH_DELIMITED },
  ResourceMetrics: { 1: LENGTH_DELIMITED, 2: LENGTH_DELIMITED },
  Resource: { 1: LENGTH_DELIMITED },
  ScopeMetrics: { 2: LENGTH_DELIMITED },
  Metric: { 1: LENGTH_DELIMITED, 5: LENGTH_DELIMITED, 7: LENGTH_DELIMITED },
  Gauge: { 1: LENGTH_DELIMITED },
  Sum: { 1: LENGTH_DELIMITED, 2: VARINT, 3: VARINT },
  NumberDataPoint: { 2: FIXED64, 3: FIXED64, 4: FIXED64, 6: FIXED64, 7: LENGTH_DELIMITED },
  KeyValue: { 1: LENGTH_DELIMITED, 2: LENGTH_DELIMITED },
  AnyValue: { 1: LENGTH_DELIMITED, 2: VARINT, 3: VARINT, 4: FIXED64 },
};

/** Reads fields until `end`, handing known ones to `readers` and skipping the rest. */
function readFields(reader: Reader, end: number, message: string, readers: FieldReaders): void {
  while (reader.pos < end) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    const wireType = tag & 7;
    const read = readers[field];
    if (!read) {
      reader.skipType(wireType);
      continue;
    }
    const expected = EXPECTED_WIRE_TYPE[message]?.[field];
    if (expected !== undefined && expected !== wireType) {
      throw new OtlpDecodeError(`${message} field ${field} has wire type ${wireType}, expected ${expected}`);
    }
    read(wireType);
  }
  if (reader.pos !== end) throw new OtlpDecodeError(`${message} overruns its length`);
}

/** The end offset of the length-delimited message starting at the reader's position. */
function messageEnd(reader: Reader, message: string): number {
  const length = reader.uint32();
  const end = reader.pos + length;
  if (end > reader.len) throw new OtlpDecodeError(`${message} is truncated`);
  return end;
}

function readResourceMetrics(reader: Reader): DecodedResourceMetrics {
  const end = messageEnd(reader, 'ResourceMetrics');
  const decoded: DecodedResourceMetrics = { resource: {}, metrics: [] };
  readFields(reader, end, 'ResourceMetrics', {
    1: () => {
      const resourceEnd = messageEnd(reader, 'Resource');
      readFields(reader, resourceEnd, 'Resource', { 1: () => readKeyValue(reader, decoded.resource) });
    },
    2: () => {
      const scopeEnd = messageEnd(reader, 'ScopeMetrics');
      readFields(reader, scopeEnd, 'ScopeMetrics', { 2: () => decoded.metrics.push(readMetric(reader)) });
    },
  });
  return decoded;
}

function readMetric(reader: Reader): DecodedMetric {
  const end = messageEnd(reader, 'Metric');
  const metric: DecodedMetric = {
    name: '',
    kind: 'other',
    monotonic: false,
    temporality: 'unspecified',
    points: [],
  };
  const readPoints = (kind: 'gauge' | 'sum') => {
    metric.kind = kind;
    const dataEnd = messageEnd(reader, kind === 'sum' ? 'Sum' : 'Gauge');
    readFields(reader, dataEnd, kind === 'sum' ? 'Sum' : 'Gauge', {
      1: () => metric.points.push(readNumberPoint(reader)),
      2: () => (metric.temporality = TEMPORALITIES[reader.uint32()] ?? 'unspecified'),
      3: () => (metric.monotonic = reader.bool()),
    });
  };
  readFields(reader, end, 'Metric', {
    1: () => (metric.name = reader.string()),
    5: () => readPoints('gauge'),
    7: () => readPoints('sum'),
  });
  return metric;
}

function readNumberPoint(reader: Reader): NumberPoint {
  const end = messageEnd(reader, 'NumberDataPoint');
  const point: NumberPoint = { attributes: {}, startTimeUnixNano: 0n, timeUnixNano: 0n, value: 0 };
  readFields(reader, end, 'NumberDataPoint', {
    2: () => (point.startTimeUnixNano = readFixed64(reader)),
    3: () => (point.timeUnixNano = readFixed64(reader)),
    4: () => (point.value = reader.double()),
    6: () => (point.value = Number(BigInt.asIntN(64, readFixed64(reader)))),
    7: () => readKeyValue(reader, point.attributes),
  });
  return point;
}

/** A KeyValue into `into`; values other than string, bool, int and double (arrays, maps, bytes) are left out. */
function readKeyValue(reader: Reader, into: Attributes): void {
  const end = messageEnd(reader, 'KeyValue');
  let key = '';
  let value: AttributeValue | undefined;
  readFields(reader, end, 'KeyValue', {
    1: () => (key = reader.string()),
    2: () => {
      const valueEnd = messageEnd(reader, 'AnyValue');
      readFields(reader, valueEnd, 'AnyValue', {
        1: () => (value = reader.string()),
        2: () => (value = reader.bool()),
        3: () => (value = int64ToNumber(reader.int64())),
        4: () => (value = reader.double()),
      });
    },
  });
  if (value !== undefined) into[key] = value;
}

/** protobufjs gives a Long (or a number when the long package is absent). */
function int64ToNumber(value: number | { low: number; high: number }): number {
  if (typeof value === 'number') return value;
  return Number(BigInt.asIntN(64, (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0)));
}

function readFixed64(reader: Reader): bigint {
  const low = reader.fixed32();
  const high = reader.fixed32();
  return (BigInt(high) << 32n) | BigInt(low);
}
