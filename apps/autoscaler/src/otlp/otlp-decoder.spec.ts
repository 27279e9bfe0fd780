import { ValueType } from '@opentelemetry/api';
import { ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { Reader, Writer } from 'protobufjs/minimal';
import { OtlpDecodeError, decodeExportMetricsRequest, encodeExportMetricsResponse } from './otlp-decoder';

/** A reader the test collects from by hand. */
class ManualReader extends MetricReader {
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

const version = 'projects/p/models/m/versions/v';

/** What the real OTel SDK sends for a gateway's instruments, as the OTLP exporters serialize it. */
async function sdkExport(): Promise<Uint8Array> {
  const reader = new ManualReader();
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'presage-gateway', 'service.instance.id': 'gw-1' }),
    readers: [reader],
  });
  const meter = provider.getMeter('presage-gateway');
  meter
    .createCounter('presage.gateway.concurrency.time', { unit: 's' })
    .add(12.5, { 'presage.version': version });
  const inFlight = meter.createUpDownCounter('presage.gateway.requests.in_flight');
  inFlight.add(3, { 'presage.version': version });
  inFlight.add(-1, { 'presage.version': version });
  meter
    .createUpDownCounter('presage.gateway.requests.queued', { valueType: ValueType.INT })
    .add(-2, { 'presage.version': version, retried: true });
  meter
    .createHistogram('presage.gateway.request.duration', { unit: 's' })
    .record(0.02, { 'presage.version': version });
  meter.createGauge('presage.test.gauge').record(1.25, { 'presage.version': version, shard: 7, offset: -3 });
  const { resourceMetrics } = await reader.collect();
  await provider.shutdown();
  return ProtobufMetricsSerializer.serializeRequest(resourceMetrics)!;
}

describe('the OTLP metrics decoder', () => {
  it('reads the resource, sums (monotonic or not), gauges and their points from SDK-made bytes', async () => {
    const before = BigInt(Date.now() - 1000) * 1_000_000n;
    const [resource, ...others] = decodeExportMetricsRequest(await sdkExport());
    expect(others).toEqual([]);
    expect(resource!.resource).toMatchObject({
      'service.name': 'presage-gateway',
      'service.instance.id': 'gw-1',
    });
    const byName = new Map(resource!.metrics.map((m) => [m.name, m]));
    const time = byName.get('presage.gateway.concurrency.time')!;
    expect(time).toMatchObject({ kind: 'sum', monotonic: true, temporality: 'cumulative' });
    expect(time.points).toEqual([
      {
        attributes: { 'presage.version': version },
        startTimeUnixNano: expect.any(BigInt),
        timeUnixNano: expect.any(BigInt),
        value: 12.5,
      },
    ]);
    expect(time.points[0]!.timeUnixNano).toBeGreaterThan(before);
    expect(time.points[0]!.timeUnixNano).toBeGreaterThanOrEqual(time.points[0]!.startTimeUnixNano);
    expect(byName.get('presage.gateway.requests.in_flight')).toMatchObject({
      kind: 'sum',
      monotonic: false,
      points: [{ value: 2 }],
    });
    // Integer instruments arrive as as_int (sfixed64): negative values survive.
    expect(byName.get('presage.gateway.requests.queued')!.points[0]).toMatchObject({
      value: -2,
      attributes: { 'presage.version': version, retried: true },
    });
    expect(byName.get('presage.test.gauge')).toMatchObject({
      kind: 'gauge',
      points: [{ value: 1.25, attributes: { shard: 7, offset: -3 } }],
    });
    expect(byName.get('presage.gateway.request.duration')).toMatchObject({ kind: 'other', points: [] });
  });

  it('skips fields it does not know, wherever they are', async () => {
    const bytes = await sdkExport();
    // An unknown varint field and an unknown length-delimited field in the request, after its content.
    const extra = Writer.create()
      .uint32((9 << 3) | 0)
      .uint64(123)
      .uint32((10 << 3) | 2)
      .string('later')
      .finish();
    const decoded = decodeExportMetricsRequest(Buffer.concat([bytes, extra]));
    expect(decoded[0]!.metrics.length).toBe(5);
  });

  it('rejects truncated, overlong and mistyped input with OtlpDecodeError', async () => {
    const bytes = await sdkExport();
    for (const cut of [1, 7, Math.floor(bytes.length / 2), bytes.length - 1]) {
      expect(() => decodeExportMetricsRequest(bytes.subarray(0, cut))).toThrow(OtlpDecodeError);
    }
    // resource_metrics (field 1) as a varint instead of a message.
    expect(() => decodeExportMetricsRequest(Uint8Array.from([0x08, 0x01]))).toThrow(/wire type 0/);
    // A length far past the end.
    expect(() => decodeExportMetricsRequest(Uint8Array.from([0x0a, 0xff, 0x01, 0x00]))).toThrow(/truncated/);
    // Garbage: a stray end-group tag.
    expect(() => decodeExportMetricsRequest(Uint8Array.from([0x0c]))).toThrow(OtlpDecodeError);
    expect(decodeExportMetricsRequest(new Uint8Array(0))).toEqual([]);
  });

  it('survives random bytes without throwing anything but OtlpDecodeError', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 64) }, () =>
        Math.floor(random() * 256),
      );
      try {
        decodeExportMetricsRequest(bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(OtlpDecodeError);
      }
    }
  });

  it('encodes partial_success only when points were rejected', () => {
    expect(encodeExportMetricsResponse().length).toBe(0);
    const reader = Reader.create(
      encodeExportMetricsResponse({ dataPoints: 3, message: 'no presage.version' }),
    );
    expect(reader.uint32()).toBe((1 << 3) | 2);
    const end = reader.uint32() + reader.pos;
    expect(reader.uint32()).toBe(1 << 3);
    expect(Number(reader.int64())).toBe(3);
    expect(reader.uint32()).toBe((2 << 3) | 2);
    expect(reader.string()).toBe('no presage.version');
    expect(reader.pos).toBe(end);
  });
});
