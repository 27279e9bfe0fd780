import type { Command } from 'commander';
import { UsageError } from '../cli-errors';
import type { Json } from '../client/rest-client';
import type { CommandHost } from '../command-host';
import { changedLabels, integerOption, labelsOption, listOption } from '../option-parsers';
import { idOf, modelName, projectName } from '../resource-names';
import { settle } from './operation-wait';

interface ModelFlags {
  description?: string;
  regions?: string[];
  labels?: Record<string, string>;
  enableLogging?: boolean;
  enableConsoleLogging?: boolean;
}

interface UpdateFlags {
  description?: string;
  updateLabels?: Record<string, string>;
  removeLabels?: string[];
  clearLabels?: boolean;
  async?: boolean;
}

const MODEL_COLUMNS = [
  { header: 'NAME', value: (model: Json) => idOf(model['name']) },
  {
    header: 'DEFAULT_VERSION_NAME',
    value: (model: Json) => idOf((model['defaultVersion'] as Json | undefined)?.['name']),
  },
];

/** `presage models list|describe|create|update|delete`, as `gcloud ai-platform models`. */
export function registerModelCommands(program: Command, host: CommandHost): void {
  const models = program.command('models').description('Create, list, describe, update and delete models.');

  models
    .command('list')
    .description('List the models of the project.')
    .option('--filter <expression>', 'field:value filters joined by AND, e.g. labels.team:ml')
    .option('--limit <n>', 'list at most n models', integerOption(1))
    .action(
      host.run(async (flags: { filter?: string; limit?: number }, command: Command) => {
        const context = host.contextOf(command);
        const items = await context.client.list(
          `${projectName(context.project)}/models`,
          'models',
          { filter: flags.filter },
          flags.limit,
        );
        context.printer.list(items, MODEL_COLUMNS);
      }),
    );

  models
    .command('describe')
    .description('Show a model.')
    .argument('<model>', 'the model id (or its full name)')
    .action(
      host.run(async (model: string, _flags: unknown, command: Command) => {
        const context = host.contextOf(command);
        context.printer.resource(await context.client.get(modelName(context.project, model)));
      }),
    );

  models
    .command('create')
    .description('Create a model.')
    .argument('<model>', 'the new model id: letters, digits and underscores, starting with a letter')
    .option('--description <text>', 'what the model is for')
    .option('--regions <regions>', 'comma-separated regions (recorded, as AI Platform does)', listOption)
    .option('--labels <key=value>', 'labels to set, KEY=VALUE,… (repeatable)', labelsOption)
    .option('--enable-logging', 'log each online prediction (onlinePredictionLogging)')
    .option('--enable-console-logging', 'log predictions to the console (onlinePredictionConsoleLogging)')
    .action(
      host.run(async (model: string, flags: ModelFlags, command: Command) => {
        const context = host.contextOf(command);
        const created = await context.client.post(`${projectName(context.project)}/models`, {
          name: model,
          description: flags.description,
          regions: flags.regions,
          labels: flags.labels,
          onlinePredictionLogging: flags.enableLogging,
          onlinePredictionConsoleLogging: flags.enableConsoleLogging,
        });
        context.printer.note(`Created model [${String(created['name'])}].`);
        if (context.format !== 'table') context.printer.resource(created);
      }),
    );

  models
    .command('update')
    .description('Update a model: its description or labels.')
    .argument('<model>', 'the model id (or its full name)')
    .option('--description <text>', 'a new description')
    .option('--update-labels <key=value>', 'labels to add or change, KEY=VALUE,…', labelsOption)
    .option('--remove-labels <keys>', 'labels to remove, KEY,…', listOption)
    .option('--clear-labels', 'remove every label')
    .option('--async', 'return the operation at once instead of waiting for it')
    .action(
      host.run(async (model: string, flags: UpdateFlags, command: Command) => {
        const context = host.contextOf(command);
        const name = modelName(context.project, model);
        const current = await context.client.get(name);
        const labels = changedLabels((current['labels'] as Record<string, string> | undefined) ?? {}, flags);
        const mask = [
          ...(flags.description === undefined ? [] : ['description']),
          ...(labels ? ['labels'] : []),
        ];
        if (mask.length === 0)
          throw new UsageError(
            'nothing to update: give --description, --update-labels, --remove-labels or --clear-labels',
          );
        const operation = await context.client.patch(
          name,
          { description: flags.description, labels, etag: current['etag'] },
          { updateMask: mask.join(',') },
        );
        const updated = await settle(context, operation, {
          async: flags.async,
          label: `Updating model [${name}]`,
        });
        if (!updated) return;
        context.printer.note(`Updated model [${name}].`);
        if (context.format !== 'table') context.printer.resource(updated);
      }),
    );

  models
    .command('delete')
    .description('Delete a model (it must have no versions).')
    .argument('<model>', 'the model id (or its full name)')
    .option('--async', 'return the operation at once instead of waiting for it')
    .action(
      host.run(async (model: string, flags: { async?: boolean }, command: Command) => {
        const context = host.contextOf(command);
        const name = modelName(context.project, model);
        await context.confirm(`This will delete model [${name}]...`);
        const operation = await context.client.delete(name);
        if (await settle(context, operation, { async: flags.async, label: `Deleting model [${name}]` }))
          context.printer.note(`Deleted model [${name}].`);
      }),
    );
}
