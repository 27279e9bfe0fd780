import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { pickTraceHeaders, remoteParent, traceHeaders } from './trace-context';

describe('trace context', () => {
  const tracer = new TracerProvider().getTracer('test');

  it('carries a span as traceparent and back as the parent of a child span', () => {
    const parent = tracer.startSpan('gateway');
    const headers = traceHeaders(parent);
    expect(headers['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const child = tracer.startSpan(
      'predictor',
      {},
      remoteParent((key) => headers[key]),
    );
    expect(child.spanContext().traceId).toBe(parent.spanContext().traceId);
    expect(trace.getSpanContext(remoteParent((key) => headers[key]))?.spanId).toBe(
      parent.spanContext().spanId,
    );
    child.end();
    parent.end();
  });

  it('treats a missing or malformed traceparent as no parent', () => {
    expect(remoteParent(() => undefined)).toBe(ROOT_CONTEXT);
    const bad = remoteParent((key) => (key === 'traceparent' ? 'not-a-trace' : undefined));
    expect(trace.getSpanContext(bad)).toBeUndefined();
  });

  it('picks only the trace headers that are present', () => {
    const headers: Record<string, string> = { traceparent: 'x', other: 'y' };
    expect(pickTraceHeaders((key) => headers[key])).toEqual({ traceparent: 'x' });
  });
});
