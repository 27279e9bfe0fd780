import type { Command } from 'commander';
import type { Json } from '../client/rest-client';
import type { CommandHost } from '../command-host';
import { integerOption } from '../option-parsers';
import { idOf, operationName, projectName } from '../resource-names';
import { operationResponse, waitForOperation } from './operation-wait';

const OPERATION_COLUMNS = [
  { header: 'NAME', value: (operation: Json) => idOf(operation['name']) },
  {
    header: 'TYPE',
    value: (operation: Json) => (operation['metadata'] as Json | undefined)?.['operationType'],
  },
  { header: 'DONE', value: (operation: Json) => (operation['done'] ? 'yes' : 'no') },
  { header: 'ERROR', value: (operation: Json) => (operation['error'] as Json | undefined)?.['message'] },
];

/** `presage operations list|describe|wait|cancel`, as `gcloud ai-platform operations`. */
export function registerOperationCommands(program: Command, host: CommandHost): void {
  const operations = program.command('operations').description('Follow long-running operations.');

  operations
    .command('list')
    .description('List the operations of the project.')
    .option('--filter <expression>', 'a filter, as the API takes it')
    .option('--limit <n>', 'list at most n operations', integerOption(1))
    .action(
      host.run(async (flags: { filter?: string; limit?: number }, command: Command) => {
        const context = host.contextOf(command);
        const items = await context.client.list(
          `${projectName(context.project)}/operations`,
          'operations',
          { filter: flags.filter },
          flags.limit,
        );
        context.printer.list(items, OPERATION_COLUMNS);
      }),
    );

  operations
    .command('describe')
    .description('Show an operation.')
    .argument('<operation>', 'the operation id (or its full name)')
    .action(
      host.run(async (operation: string, _flags: unknown, command: Command) => {
        const context = host.contextOf(command);
        context.printer.resource(await context.client.get(operationName(context.project, operation)));
      }),
    );

  operations
    .command('wait')
    .description('Wait for an operation to be done; print its response, or its error (exit 1).')
    .argument('<operation>', 'the operation id (or its full name)')
    .action(
      host.run(async (operation: string, _flags: unknown, command: Command) => {
        const context = host.contextOf(command);
        const name = operationName(context.project, operation);
        const done = await waitForOperation(
          context,
          await context.client.get(name),
          `Waiting for operation [${name}]`,
        );
        context.printer.resource(operationResponse(done));
      }),
    );

  operations
    .command('cancel')
    .description('Ask for an operation to be cancelled.')
    .argument('<operation>', 'the operation id (or its full name)')
    .action(
      host.run(async (operation: string, _flags: unknown, command: Command) => {
        const context = host.contextOf(command);
        const name = operationName(context.project, operation);
        await context.client.post(`${name}:cancel`);
        context.printer.note(`Cancelled operation [${name}].`);
      }),
    );
}
