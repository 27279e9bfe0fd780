import { loadGatewayConfig } from './config';

describe('the gateway configuration', () => {
  it('holds up to 100 requests per version for a minute, and tells no autoscaler, by default', () => {
    expect(loadGatewayConfig({})).toMatchObject({
      httpPort: 8080,
      grpcPort: 8090,
      autoscalerAddress: undefined,
      coldStartQueueSize: 100,
      coldStartTimeoutMs: 60_000,
      telemetry: { otlpEndpoint: undefined, exportIntervalMs: 1000, tracesFile: undefined },
    });
  });

  it('reads the cold-start and telemetry settings', () => {
    expect(
      loadGatewayConfig({
        PRESAGE_AUTOSCALER_ADDRESS: '127.0.0.1:8093',
        PRESAGE_COLD_START_QUEUE_SIZE: '5',
        PRESAGE_COLD_START_TIMEOUT_MS: '0',
        PRESAGE_OTLP_ENDPOINT: 'http://127.0.0.1:8094',
        PRESAGE_TRACES_FILE: '/tmp/spans.jsonl',
      }),
    ).toMatchObject({
      autoscalerAddress: '127.0.0.1:8093',
      coldStartQueueSize: 5,
      coldStartTimeoutMs: 0,
      telemetry: { otlpEndpoint: 'http://127.0.0.1:8094', tracesFile: '/tmp/spans.jsonl' },
    });
  });

  it('lists every problem at once', () => {
    let message = '';
    try {
      loadGatewayConfig({
        PRESAGE_AUTOSCALER_ADDRESS: 'nowhere',
        PRESAGE_COLD_START_QUEUE_SIZE: '0',
        PRESAGE_COLD_START_TIMEOUT_MS: '-1',
        PRESAGE_METRICS_EXPORT_INTERVAL_MS: 'soon',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'Invalid gateway configuration:',
      '  PRESAGE_AUTOSCALER_ADDRESS must be host:port, got "nowhere"',
      '  PRESAGE_COLD_START_QUEUE_SIZE must be a number of requests ≥ 1, got "0"',
      '  PRESAGE_COLD_START_TIMEOUT_MS must be a whole number of milliseconds, got "-1"',
      '  PRESAGE_METRICS_EXPORT_INTERVAL_MS must be a whole number of milliseconds ≥ 100, got "soon"',
    ]);
  });
});
