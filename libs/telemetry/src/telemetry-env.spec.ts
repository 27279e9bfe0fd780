import { readTelemetryEnv } from './telemetry-env';

describe('readTelemetryEnv', () => {
  it('defaults to no export and a one-second interval', () => {
    const problems: string[] = [];
    expect(readTelemetryEnv({}, problems)).toEqual({
      otlpEndpoint: undefined,
      otlpTracesEndpoint: undefined,
      exportIntervalMs: 1000,
      tracesFile: undefined,
      tracesSampler: { name: 'parentbased_traceidratio', ratio: 0.01 },
    });
    expect(problems).toEqual([]);
  });

  it('takes URLs and host:port endpoints, the interval and the traces file', () => {
    const problems: string[] = [];
    const settings = readTelemetryEnv(
      {
        PRESAGE_OTLP_ENDPOINT: 'http://127.0.0.1:8094',
        PRESAGE_OTLP_TRACES_ENDPOINT: 'collector.internal:4317',
        PRESAGE_METRICS_EXPORT_INTERVAL_MS: '250',
        PRESAGE_TRACES_FILE: '/tmp/spans.jsonl',
        OTEL_TRACES_SAMPLER: 'always_on',
      },
      problems,
    );
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      otlpEndpoint: 'http://127.0.0.1:8094',
      otlpTracesEndpoint: 'http://collector.internal:4317',
      exportIntervalMs: 250,
      tracesFile: '/tmp/spans.jsonl',
      tracesSampler: { name: 'always_on', ratio: 0.01 },
    });
  });

  it('lists every problem', () => {
    const problems: string[] = [];
    readTelemetryEnv(
      {
        PRESAGE_OTLP_ENDPOINT: 'ftp://x:1',
        PRESAGE_OTLP_TRACES_ENDPOINT: 'nowhere',
        PRESAGE_METRICS_EXPORT_INTERVAL_MS: '5',
      },
      problems,
    );
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('PRESAGE_METRICS_EXPORT_INTERVAL_MS');
    expect(problems.join('\n')).toContain('PRESAGE_OTLP_ENDPOINT must be an OTLP/gRPC endpoint');
    expect(problems.join('\n')).toContain('"nowhere"');
  });
});
