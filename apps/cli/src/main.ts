import path from 'node:path';
import { createLogger } from '@presage/log';
import { errorStack } from '@presage/errors';
import { runMigratePglite } from './commands/migrate-pglite';
import { runUp } from './commands/up';
import { CliConfigError, loadCliConfig } from './config';
import type { CliConfig } from './config';
import { PLATFORM_SERVICES } from './platform-services';
import { USAGE } from './usage';

/** The repository root: apps/cli/src (or apps/cli/dist, compiled) → ../../.. */
const REPO_ROOT = path.resolve(__dirname, '../../..');
const CLI_NAME = 'presage';
const LABEL_WIDTH = Math.max(
  ...[CLI_NAME, 'postgres', ...PLATFORM_SERVICES.map((service) => service.name)].map((name) => name.length),
);

const writeOut = (text: string): void => void process.stdout.write(text);

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'up':
      if (rest.length > 0) return usageError(`"up" takes no arguments, got ${rest.join(' ')}`);
      return up();
    case 'migrate-pglite':
      if (rest.length > 0) return usageError(`"migrate-pglite" takes no arguments, got ${rest.join(' ')}`);
      return migratePglite();
    case 'help':
    case '--help':
    case '-h':
      writeOut(USAGE);
      return 0;
    case undefined:
      return usageError(undefined);
    default:
      return usageError(`unknown command "${command}"`);
  }
}

function readConfig(): CliConfig | undefined {
  try {
    return loadCliConfig();
  } catch (error) {
    if (!(error instanceof CliConfigError)) throw error;
    process.stderr.write(`${CLI_NAME}: ${error.message}\n`);
    return undefined;
  }
}

async function migratePglite(): Promise<number> {
  const config = readConfig();
  if (!config) return 1;
  return runMigratePglite({ config, logger: createLogger('cli', { write: writeOut }), repoRoot: REPO_ROOT });
}

async function up(): Promise<number> {
  const config = readConfig();
  if (!config) return 1;
  const prefix = `${CLI_NAME.padEnd(LABEL_WIDTH)} | `;
  const logger = createLogger('cli', { write: (line) => writeOut(`${prefix}${line}`) });
  return runUp({
    config,
    logger,
    write: writeOut,
    repoRoot: REPO_ROOT,
    labelWidth: LABEL_WIDTH,
    onShutdownSignal: (listener) => {
      process.on('SIGINT', () => listener('SIGINT'));
      process.on('SIGTERM', () => listener('SIGTERM'));
    },
    onExit: (listener) => process.on('exit', listener),
  });
}

function usageError(problem: string | undefined): number {
  process.stderr.write(`${problem ? `${CLI_NAME}: ${problem}\n\n` : ''}${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${CLI_NAME}: ${errorStack(error)}\n`);
    process.exit(1);
  },
);
