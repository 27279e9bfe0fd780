import path from 'node:path';
import { CliConfigError, loadCliConfig } from './config';

describe('loadCliConfig', () => {
  it('defaults to ./.presage, an embedded database and the registry on 127.0.0.1:8091', () => {
    const config = loadCliConfig({}, '/srv/app');
    expect(config).toMatchObject({
      home: path.resolve('/srv/app/.presage'),
      databaseUrl: undefined,
      registryAddress: '127.0.0.1:8091',
    });
  });

  it('gives the registry and deployer their documented /metrics ports, and pushes OTLP to the autoscaler unless told otherwise', () => {
    expect(loadCliConfig({}, '/srv/app')).toMatchObject({
      registryMetricsAddress: '127.0.0.1:9191',
      deployerMetricsAddress: '127.0.0.1:9192',
      otlpEndpoint: 'http://127.0.0.1:8094',
    });
    expect(
      loadCliConfig({
        PRESAGE_OTLP_ENDPOINT: '127.0.0.1:4317',
        PRESAGE_REGISTRY_METRICS_ADDRESS: '0.0.0.0:9300',
      }),
    ).toMatchObject({ otlpEndpoint: 'http://127.0.0.1:4317', registryMetricsAddress: '0.0.0.0:9300' });
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadCliConfig({ PRESAGE_REGISTRY_ADDRESS: 'nowhere', DATABASE_URL: 'mysql://x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CliConfigError);
    expect((error as CliConfigError).problems).toEqual([
      'PRESAGE_REGISTRY_ADDRESS must be host:port, got "nowhere"',
      'DATABASE_URL must be a postgres:// URL',
    ]);
  });
});
