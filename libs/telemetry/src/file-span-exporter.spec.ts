import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { createFileSpanExporter } from './file-span-exporter';
import type { SpanLine } from './file-span-exporter';

describe('createFileSpanExporter', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-spans-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('appends one JSON line per ended span with ids, parent, service, times, attributes and status', async () => {
    const file = path.join(dir, 'spans.jsonl');
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'presage-test' }),
      spanProcessors: [new SimpleSpanProcessor({ exporter: createFileSpanExporter(file) })],
    });
    const tracer = provider.getTracer('test');
    const parent = tracer.startSpan('parent', {
      kind: SpanKind.SERVER,
      attributes: { 'presage.version': 'v' },
    });
    const child = tracer.startSpan('child', {}, trace.setSpan(ROOT_CONTEXT, parent));
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
    child.end();
    parent.end();
    await provider.forceFlush();
    await provider.shutdown();

    const lines = fs
      .readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as SpanLine);
    expect(lines.map((line) => line.name)).toEqual(['child', 'parent']);
    const [childLine, parentLine] = lines as [SpanLine, SpanLine];
    expect(parentLine).toMatchObject({
      traceId: parent.spanContext().traceId,
      spanId: parent.spanContext().spanId,
      parentSpanId: null,
      kind: 'SERVER',
      service: 'presage-test',
      attributes: { 'presage.version': 'v' },
      status: { code: 'UNSET' },
    });
    expect(childLine).toMatchObject({
      traceId: parent.spanContext().traceId,
      parentSpanId: parent.spanContext().spanId,
      kind: 'INTERNAL',
      status: { code: 'ERROR', message: 'boom' },
    });
    expect(Date.parse(parentLine.end)).toBeGreaterThanOrEqual(Date.parse(parentLine.start));
    expect(parentLine.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reports a failed write instead of throwing', async () => {
    const exporter = createFileSpanExporter(path.join(dir, 'missing-dir', 'spans.jsonl'));
    const provider = new TracerProvider({ spanProcessors: [] });
    const span = provider.getTracer('t').startSpan('s');
    span.end();
    const result = await new Promise<{ code: number; error?: Error }>((resolve) =>
      exporter.export([span as unknown as ReadableSpan], resolve),
    );
    expect(result.code).not.toBe(0);
    expect(result.error?.message).toContain('ENOENT');
  });
});
