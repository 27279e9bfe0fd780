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

  it('bounds shadow copies to 32 in flight for 5 s each by default, and reads both settings', () => {
    expect(loadGatewayConfig({})).toMatchObject({ shadowMaxInFlight: 32, shadowTimeoutMs: 5_000 });
    expect(
      loadGatewayConfig({ PRESAGE_SHADOW_MAX_IN_FLIGHT: '4', PRESAGE_SHADOW_TIMEOUT_MS: '250' }),
    ).toMatchObject({ shadowMaxInFlight: 4, shadowTimeoutMs: 250 });
  });

  it('serves the console with an hour of 5 s points by default, and refuses a series too long to keep', () => {
    expect(loadGatewayConfig({})).toMatchObject({
      console: true,
      consoleSampleMs: 5_000,
      consoleRetentionMs: 3_600_000,
    });
    expect(loadGatewayConfig({ PRESAGE_CONSOLE: '0' })).toMatchObject({ console: false });
    expect(() =>
      loadGatewayConfig({ PRESAGE_CONSOLE_SAMPLE_MS: '100', PRESAGE_CONSOLE_RETENTION_MS: '86400000' }),
    ).toThrow(/864000 points per version/);
  });

  it('holds 10,000 request-log rows sent every second by default, and refuses an empty buffer', () => {
    expect(loadGatewayConfig({})).toMatchObject({ requestLogBufferRows: 10_000, requestLogFlushMs: 1_000 });
    expect(
      loadGatewayConfig({ PRESAGE_REQUEST_LOG_BUFFER_ROWS: '50', PRESAGE_REQUEST_LOG_FLUSH_MS: '200' }),
    ).toMatchObject({ requestLogBufferRows: 50, requestLogFlushMs: 200 });
    expect(() => loadGatewayConfig({ PRESAGE_REQUEST_LOG_BUFFER_ROWS: '0' })).toThrow(
      /PRESAGE_REQUEST_LOG_BUFFER_ROWS/,
    );
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

  it('keeps auth off on loopback, and refuses a network bind without auth', () => {
    expect(loadGatewayConfig({})).toMatchObject({
      auth: 'off',
      bootstrapAdminKey: undefined,
      authCacheMs: 2000,
    });
    expect(() => loadGatewayConfig({ PRESAGE_HTTP_HOST: '0.0.0.0' })).toThrow(
      /PRESAGE_HTTP_HOST=0.0.0.0 can be reached from a network, and PRESAGE_AUTH is off.*Set PRESAGE_AUTH=required/,
    );
    expect(() => loadGatewayConfig({ PRESAGE_GRPC_HOST: '::' })).toThrow(
      /PRESAGE_GRPC_HOST=:: can be reached/,
    );
    const key = 'k'.repeat(32);
    expect(
      loadGatewayConfig({
        PRESAGE_HTTP_HOST: '0.0.0.0',
        PRESAGE_GRPC_HOST: '0.0.0.0',
        PRESAGE_AUTH: 'required',
        PRESAGE_BOOTSTRAP_ADMIN_KEY: key,
      }),
    ).toMatchObject({ auth: 'required', bootstrapAdminKey: key });
  });

  it('refuses a short bootstrap key and an unknown auth mode', () => {
    expect(() => loadGatewayConfig({ PRESAGE_BOOTSTRAP_ADMIN_KEY: 'secret' })).toThrow(
      /PRESAGE_BOOTSTRAP_ADMIN_KEY must be at least 32 characters/,
    );
    expect(() => loadGatewayConfig({ PRESAGE_AUTH: 'maybe' })).toThrow(
      /PRESAGE_AUTH must be off or required/,
    );
  });

  it('reads an OpenID Connect issuer and audience, which go together', () => {
    expect(
      loadGatewayConfig({ PRESAGE_OIDC_ISSUER: 'https://id.example.com', PRESAGE_OIDC_AUDIENCE: 'presage' })
        .oidc,
    ).toEqual({ issuer: 'https://id.example.com', audience: 'presage', jwksUrl: undefined });
    expect(loadGatewayConfig({}).oidc).toBeUndefined();
    expect(() => loadGatewayConfig({ PRESAGE_OIDC_ISSUER: 'https://id.example.com' })).toThrow(
      /PRESAGE_OIDC_ISSUER and PRESAGE_OIDC_AUDIENCE go together/,
    );
    expect(() =>
      loadGatewayConfig({ PRESAGE_OIDC_ISSUER: 'id.example.com', PRESAGE_OIDC_AUDIENCE: 'presage' }),
    ).toThrow(/PRESAGE_OIDC_ISSUER must be an http:\/\/ or https:\/\/ URL/);
  });
});
