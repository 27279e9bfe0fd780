import type { Command } from 'commander';
import type { CliIo, CommandContext } from './command-context';

/** What each group of commands gets from the program that holds it. */
export interface CommandHost {
  io: CliIo;
  /** The context of a command's run: its global flags, client, output. */
  contextOf(command: Command): CommandContext;
  /** An action whose resolved number (or 0) becomes the exit code; a thrown CliError says its own. */
  run<A extends unknown[]>(
    action: (...args: A) => Promise<number | void> | number | void,
  ): (...args: A) => Promise<void>;
}
