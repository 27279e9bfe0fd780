import { Command, CommanderError, Option } from 'commander';
import { errorMessage } from '@presage/errors';
import { ApiCallError, CliError } from './cli-errors';
import { CommandContext } from './command-context';
import type { CliIo, GlobalOptions } from './command-context';
import type { CommandHost } from './command-host';
import { registerCompletionCommand } from './commands/completion';
import { registerJobCommands } from './commands/jobs';
import { registerLocalCommands } from './commands/local-predict';
import { registerModelCommands } from './commands/models';
import { registerOperationCommands } from './commands/operations';
import { registerPlatformCommands } from './commands/platform-commands';
import { registerPredictCommand } from './commands/predict';
import { registerVersionCommands } from './commands/versions';
import { EXIT } from './exit-codes';
import { FORMATS } from './output/format-output';
import { USAGE } from './usage';

const CLI_NAME = 'presage';

/** Commander's codes for help it printed on request (exit 0) rather than after a mistake. */
const HELP_CODES = ['commander.helpDisplayed', 'commander.help', 'commander.version'];

/** Runs one `presage …` command line; resolves with the exit code (see exit-codes.ts). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.OK;
  const host: CommandHost = {
    io,
    contextOf: (command) => new CommandContext(io, command.optsWithGlobals<GlobalOptions>()),
    run:
      (action) =>
      async (...args) => {
        exitCode = (await action(...args)) ?? EXIT.OK;
      },
  };
  const program = createProgram(host);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportFailure(error, io);
  }
}

function createProgram(host: CommandHost): Command {
  const program = new Command(CLI_NAME)
    .usage('<command> [flags]')
    .exitOverride()
    .configureOutput({
      writeOut: host.io.stdout,
      writeErr: host.io.stderr,
      // Printed by reportFailure, with the exit code it goes with.
      outputError: () => undefined,
    })
    .showSuggestionAfterError()
    .option('--project <id>', 'the project (default $PRESAGE_PROJECT, else demo)')
    .option(
      '--endpoint <url>',
      "the gateway's REST address (default $PRESAGE_ENDPOINT, else http://127.0.0.1:8080)",
    )
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--progress', 'draw progress even when stderr is not a terminal')
    .option('--no-progress', 'draw no progress')
    .option('--quiet', 'do not ask before deleting');
  registerPlatformCommands(program, host);
  registerModelCommands(program, host);
  registerVersionCommands(program, host);
  registerPredictCommand(program, host);
  registerJobCommands(program, host);
  registerOperationCommands(program, host);
  registerLocalCommands(program, host);
  registerCompletionCommand(program, host);
  // The overview; each command's own help is commander's, with its flags.
  program.helpInformation = () => USAGE;
  return program;
}

/** One clear message on stderr, never a stack, and the exit code that goes with the failure. */
function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    if (HELP_CODES.includes(error.code) && error.exitCode === 0) return EXIT.OK;
    if (error.code === 'commander.help') return EXIT.USAGE; // a group without its command: help was printed
    if (error.code === 'commander.unknownCommand') {
      const command = /'([^']*)'/.exec(error.message)?.[1] ?? '';
      io.stderr(`${CLI_NAME}: unknown command "${command}"\n\n${USAGE}`);
      return EXIT.USAGE;
    }
    io.stderr(
      `${CLI_NAME}: ${error.message.replace(/^error: /, '')}\nRun "${CLI_NAME} help" or add --help to a command for its flags.\n`,
    );
    return EXIT.USAGE;
  }
  if (error instanceof ApiCallError) {
    io.stderr(`${CLI_NAME}: ${error.describe()}\n`);
    return error.exitCode;
  }
  if (error instanceof CliError) {
    io.stderr(`${CLI_NAME}: ${error.message}\n`);
    return error.exitCode;
  }
  io.stderr(`${CLI_NAME}: ${errorMessage(error)}\n`);
  return EXIT.FAILED;
}
