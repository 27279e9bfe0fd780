import type { Command } from 'commander';
import { createLogger } from '@presage/log';
import { UsageError } from '../cli-errors';
import type { CliIo } from '../command-context';
import type { CommandHost } from '../command-host';
import { CliConfigError, loadCliConfig } from '../config';
import type { CliConfig } from '../config';
import { EXIT } from '../exit-codes';
import { PLATFORM_SERVICES } from '../platform-services';
import { runMigratePglite } from './migrate-pglite';
import { runUp } from './up';

const CLI_NAME = 'presage';
const LABEL_WIDTH = Math.max(
  ...[CLI_NAME, 'postgres', ...PLATFORM_SERVICES.map((service) => service.name)].map((name) => name.length),
);

/** `presage up` and `presage migrate-pglite`: run the platform here, or bring a PGlite database over. */
export function registerPlatformCommands(program: Command, host: CommandHost): void {
  program
    .command('up')
    .description('Run the platform locally: an embedded Postgres and every service.')
    .allowExcessArguments()
    .action(
      host.run((_flags: unknown, command: Command) => {
        if (command.args.length > 0)
          throw new UsageError(`"up" takes no arguments, got ${command.args.join(' ')}`);
        const config = readConfig(host.io);
        return config ? up(host.io, config) : EXIT.FAILED;
      }),
    );
  program
    .command('migrate-pglite')
    .description("Copy a PGlite $PRESAGE_HOME/pgdata's data into the embedded PostgreSQL.")
    .allowExcessArguments()
    .action(
      host.run((_flags: unknown, command: Command) => {
        if (command.args.length > 0)
          throw new UsageError(`"migrate-pglite" takes no arguments, got ${command.args.join(' ')}`);
        const config = readConfig(host.io);
        if (!config) return EXIT.FAILED;
        return runMigratePglite({
          config,
          logger: createLogger('cli', { write: host.io.stdout }),
          repoRoot: host.io.repoRoot,
        });
      }),
    );
}

function readConfig(io: CliIo): CliConfig | undefined {
  try {
    return loadCliConfig(io.env);
  } catch (error) {
    if (!(error instanceof CliConfigError)) throw error;
    io.stderr(`${CLI_NAME}: ${error.message}\n`);
    return undefined;
  }
}

function up(io: CliIo, config: CliConfig): Promise<number> {
  const prefix = `${CLI_NAME.padEnd(LABEL_WIDTH)} | `;
  const logger = createLogger('cli', { write: (line) => io.stdout(`${prefix}${line}`) });
  return runUp({
    config,
    logger,
    write: io.stdout,
    repoRoot: io.repoRoot,
    labelWidth: LABEL_WIDTH,
    onShutdownSignal: (listener) => {
      process.on('SIGINT', () => listener('SIGINT'));
      process.on('SIGTERM', () => listener('SIGTERM'));
    },
    onExit: (listener) => process.on('exit', listener),
  });
}
