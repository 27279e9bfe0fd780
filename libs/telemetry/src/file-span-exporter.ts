import fs from 'node:fs';
import type { HrTime } from '@opentelemetry/api';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

/** One ended span as a line of the traces file. */
export interface SpanLine {
  traceId: string;
  spanId: string;
  /** null for a root span. */
  parentSpanId: string | null;
  name: string;
  /** SERVER, CLIENT, INTERNAL, PRODUCER or CONSUMER. */
  kind: string;
  /** The resource's `service.name`, e.g. `presage-gateway`. */
  service: string;
  /** ISO 8601. */
  start: string;
  end: string;
  durationMs: number;
  attributes: Record<string, unknown>;
  status: { code: 'UNSET' | 'OK' | 'ERROR'; message?: string };
}

/**
 * Appends each ended span to `file` as one JSON object a line (SpanLine). Writes are serialised and
 * each batch is one append, so several processes can share a file. Meant for local debugging and
 * tests; use OTLP for a tracing backend.
 */
export function createFileSpanExporter(file: string): SpanExporter {
  let writing: Promise<void> = Promise.resolve();
  let stopped = false;
  return {
    export(spans: ReadableSpan[], done: (result: ExportResult) => void) {
      if (stopped) return done({ code: ExportResultCode.FAILED, error: new Error('exporter is shut down') });
      const text = spans.map((span) => `${JSON.stringify(spanLine(span))}\n`).join('');
      writing = writing.then(() =>
        fs.promises.appendFile(file, text).then(
          () => done({ code: ExportResultCode.SUCCESS }),
          (error: unknown) =>
            done({
              code: ExportResultCode.FAILED,
              error: error instanceof Error ? error : new Error(String(error)),
            }),
        ),
      );
    },
    forceFlush: () => writing,
    async shutdown() {
      stopped = true;
      await writing;
    },
  };
}

export function spanLine(span: ReadableSpan): SpanLine {
  const context = span.spanContext();
  const service = span.resource.attributes['service.name'];
  return {
    traceId: context.traceId,
    spanId: context.spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? null,
    name: span.name,
    kind: SpanKind[span.kind] ?? 'INTERNAL',
    service: typeof service === 'string' ? service : '',
    start: isoTime(span.startTime),
    end: isoTime(span.endTime),
    durationMs: span.duration[0] * 1e3 + span.duration[1] / 1e6,
    attributes: { ...span.attributes },
    status: {
      code:
        span.status.code === SpanStatusCode.ERROR
          ? 'ERROR'
          : span.status.code === SpanStatusCode.OK
            ? 'OK'
            : 'UNSET',
      ...(span.status.message ? { message: span.status.message } : {}),
    },
  };
}

function isoTime(time: HrTime): string {
  return new Date(time[0] * 1e3 + time[1] / 1e6).toISOString();
}
