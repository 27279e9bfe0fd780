import path from 'node:path';

/** The cli's settings, read from the environment once; every problem is reported together. */
export interface CliConfig {
  /** PRESAGE_HOME, made absolute: where the platform keeps its state. @default './.presage' */
  home: string;
  /** DATABASE_URL; unset → `presage up` starts an embedded Postgres under `${home}/pgdata`. */
  databaseUrl: string | undefined;
  /** PRESAGE_REGISTRY_ADDRESS: where the registry serves gRPC. @default '127.0.0.1:8091' */
  registryAddress: string;
  /** The environment the services inherit (each also gets its own settings on top). */
  inheritedEnv: NodeJS.ProcessEnv;
}

export class CliConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid presage configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'CliConfigError';
  }
}

const ADDRESS = /^[^\s:]+:\d{1,5}$/;

export function loadCliConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): CliConfig {
  const problems: string[] = [];
  const registryAddress = env['PRESAGE_REGISTRY_ADDRESS'] || '127.0.0.1:8091';
  if (!ADDRESS.test(registryAddress)) {
    problems.push(`PRESAGE_REGISTRY_ADDRESS must be host:port, got "${registryAddress}"`);
  }
  const databaseUrl = env['DATABASE_URL'] || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// URL');
  }
  const home = env['PRESAGE_HOME'] || './.presage';
  if (problems.length > 0) throw new CliConfigError(problems);
  return { home: path.resolve(cwd, home), databaseUrl, registryAddress, inheritedEnv: { ...env } };
}
