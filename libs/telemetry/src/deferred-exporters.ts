import { Metadata, credentials } from '@grpc/grpc-js';
import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import type { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import type { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { AggregationTemporality } from '@opentelemetry/sdk-metrics';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { INTERNAL_CREDENTIAL_METADATA } from '@presage/env';
import type { InternalCredential } from '@presage/env';

type Exporter<Item> = {
  export(items: Item, done: (result: ExportResult) => void): void;
  forceFlush?(): Promise<void>;
  shutdown(): Promise<void>;
};

/**
 * An exporter whose module loads at its first export instead of at start-up: the OTLP exporters and
 * what they load (otlp-transformer's protobuf code, the HTTP exporter the gRPC one extends) cost a
 * process ~100 ms before it could be ready, and the first export comes a second or more later.
 */
class DeferredExporter<Item> {
  private exporter: Exporter<Item> | undefined;
  private stopped = false;

  constructor(private readonly create: () => Exporter<Item>) {}

  export(items: Item, done: (result: ExportResult) => void): void {
    if (this.stopped) {
      done({ code: ExportResultCode.FAILED, error: new Error('exporter is shut down') });
      return;
    }
    let exporter: Exporter<Item>;
    try {
      exporter = this.exporter ??= this.create();
    } catch (error) {
      done({
        code: ExportResultCode.FAILED,
        error: error instanceof Error ? error : new Error(String(error)),
      });
      return;
    }
    exporter.export(items, done);
  }

  async forceFlush(): Promise<void> {
    await this.exporter?.forceFlush?.();
  }

  async shutdown(): Promise<void> {
    this.stopped = true;
    await this.exporter?.shutdown();
  }
}

/* eslint-disable @typescript-eslint/no-require-imports */

/**
 * OTLP/gRPC metrics to `url`, cumulative (what the autoscaler reads), carrying `credential` when given
 * (the autoscaler's receiver is an internal port); the exporter loads at the first push.
 */
export function deferredOtlpMetricExporter(url: string, credential?: InternalCredential): PushMetricExporter {
  const deferred = new DeferredExporter<ResourceMetrics>(() => {
    const otlp = require('@opentelemetry/exporter-metrics-otlp-grpc') as {
      OTLPMetricExporter: typeof OTLPMetricExporter;
    };
    return new otlp.OTLPMetricExporter({
      url,
      temporalityPreference: AggregationTemporality.CUMULATIVE,
      ...(credential ? { metadata: credentialMetadata(credential) } : {}),
      // Mutual TLS to the receiver when the platform's certificates are configured.
      ...(credential?.tls
        ? { credentials: credentials.createSsl(credential.tls.ca, credential.tls.key, credential.tls.cert) }
        : {}),
    });
  });
  return {
    export: (metrics, done) => deferred.export(metrics, done),
    forceFlush: () => deferred.forceFlush(),
    shutdown: () => deferred.shutdown(),
    selectAggregationTemporality: () => AggregationTemporality.CUMULATIVE,
  };
}

function credentialMetadata(credential: InternalCredential): Metadata {
  const metadata = new Metadata();
  metadata.set(INTERNAL_CREDENTIAL_METADATA, credential.secret);
  return metadata;
}

/** OTLP/gRPC spans to `url`; the exporter loads at the first export. */
export function deferredOtlpTraceExporter(url: string): SpanExporter {
  const deferred = new DeferredExporter<ReadableSpan[]>(() => {
    const otlp = require('@opentelemetry/exporter-trace-otlp-grpc') as {
      OTLPTraceExporter: typeof OTLPTraceExporter;
    };
    return new otlp.OTLPTraceExporter({ url });
  });
  return {
    export: (spans, done) => deferred.export(spans, done),
    forceFlush: () => deferred.forceFlush(),
    shutdown: () => deferred.shutdown(),
  };
}
