import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { Context, Span, TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/** The W3C Trace Context headers (HTTP) and metadata keys (gRPC). */
export const TRACE_HEADERS = ['traceparent', 'tracestate'] as const;

/** Reads one header or metadata key: its first value, undefined when absent. */
export type HeaderLookup = (key: string) => string | undefined;

const propagator = new W3CTraceContextPropagator();

const lookupGetter: TextMapGetter<HeaderLookup> = {
  get: (lookup, key) => lookup(key),
  keys: () => [...TRACE_HEADERS],
};

/** `traceparent` (and `tracestate`) naming `span` as the parent, for an outgoing HTTP or gRPC call. */
export function traceHeaders(span: Span): Record<string, string> {
  const headers: Record<string, string> = {};
  const setter: TextMapSetter<Record<string, string>> = {
    set: (carrier, key, value) => (carrier[key] = value),
  };
  propagator.inject(trace.setSpan(ROOT_CONTEXT, span), headers, setter);
  return headers;
}

/**
 * The remote parent named by an incoming call's `traceparent`, as the context to start a child span
 * in; a missing or malformed header gives the root context (the span starts a new trace).
 */
export function remoteParent(lookup: HeaderLookup): Context {
  return propagator.extract(ROOT_CONTEXT, lookup, lookupGetter);
}

/** The incoming trace headers that are present, to pass a call's trace context along as plain data. */
export function pickTraceHeaders(lookup: HeaderLookup): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const key of TRACE_HEADERS) {
    const value = lookup(key);
    if (value) headers[key] = value;
  }
  return headers;
}
