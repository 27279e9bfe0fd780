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
