import path from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import { UsageError } from '../cli-errors';
import type { Json } from '../client/rest-client';
import type { CommandContext } from '../command-context';
import type { CommandHost } from '../command-host';
import { FRAMEWORKS, changedLabels, integerOption, labelsOption, listOption } from '../option-parsers';
import { idOf, modelName, versionName } from '../resource-names';
import { settle } from './operation-wait';

interface ScalingFlags {
  minNodes?: number;
  maxNodes?: number;
  nodes?: number;
}

interface CreateFlags extends ScalingFlags {
  model: string;
  origin?: string;
  framework?: string;
  runtimeVersion?: string;
  pythonVersion?: string;
  machineType?: string;
  description?: string;
  labels?: Record<string, string>;
  predictionClass?: string;
  packageUris?: string[];
  config?: string;
  async?: boolean;
}

interface UpdateFlags extends ScalingFlags {
  model: string;
  description?: string;
  updateLabels?: Record<string, string>;
  removeLabels?: string[];
  clearLabels?: boolean;
  config?: string;
  async?: boolean;
}

const VERSION_COLUMNS = [
  { header: 'NAME', value: (version: Json) => idOf(version['name']) },
  { header: 'DEPLOYMENT_URI', value: (version: Json) => version['deploymentUri'] },
  { header: 'STATE', value: (version: Json) => version['state'] },
  { header: 'DEFAULT', value: (version: Json) => (version['isDefault'] ? 'yes' : '') },
];

const modelOption = () =>
  new Option('--model <model>', 'the model id (or its full name)').makeOptionMandatory();

/** `presage versions list|describe|create|update|delete|set-default`, as `gcloud ai-platform versions`. */
export function registerVersionCommands(program: Command, host: CommandHost): void {
  const versions = program
    .command('versions')
    .description('Create, list, describe, update and delete versions.');

  versions
    .command('list')
    .description('List the versions of a model.')
    .addOption(modelOption())
    .option('--filter <expression>', 'field:value filters joined by AND, e.g. state:READY')
    .option('--limit <n>', 'list at most n versions', integerOption(1))
    .action(
      host.run(async (flags: { model: string; filter?: string; limit?: number }, command: Command) => {
        const context = host.contextOf(command);
        const items = await context.client.list(
          `${modelName(context.project, flags.model)}/versions`,
          'versions',
          { filter: flags.filter },
          flags.limit,
        );
        context.printer.list(items, VERSION_COLUMNS);
      }),
    );

  versions
    .command('describe')
    .description('Show a version: its state, signature, lineage.')
    .argument('<version>', 'the version id (or its full name)')
    .addOption(modelOption())
    .action(
      host.run(async (version: string, flags: { model: string }, command: Command) => {
        const context = host.contextOf(command);
        context.printer.resource(
          await context.client.get(versionName(context.project, flags.model, version)),
        );
      }),
    );

  versions
    .command('create')
    .description('Create a version and deploy it; waits until it is READY (or FAILED) unless --async.')
    .argument('<version>', 'the new version id')
    .addOption(modelOption())
    .option(
      '--origin <path-or-uri>',
      "the model's directory: a local path (made absolute) or a file:// or http(s) URI",
    )
    .addOption(new Option('--framework <framework>', 'the model framework').choices(Object.keys(FRAMEWORKS)))
    .option('--runtime-version <version>', 'the runtime version (recorded)')
    .option('--python-version <version>', 'the Python version (recorded)')
    .option('--machine-type <type>', 'the machine type (recorded)')
    .option('--description <text>', 'what the version is')
    .option('--labels <key=value>', 'labels, KEY=VALUE,… (repeatable)', labelsOption)
    .option('--prediction-class <module.Class>', 'a custom prediction routine')
    .option('--package-uris <uris>', 'packages of a custom routine, comma-separated', listOption)
    .option('--min-nodes <n>', 'autoScaling.minNodes', integerOption(0))
    .option('--max-nodes <n>', 'autoScaling.maxNodes', integerOption(0))
    .option('--nodes <n>', 'manualScaling.nodes', integerOption(1))
    .option('--config <file>', 'a JSON file with a Version body; the other flags override its fields')
    .option('--async', 'return the operation at once instead of waiting for the deployment')
    .action(
      host.run(async (version: string, flags: CreateFlags, command: Command) => {
        const context = host.contextOf(command);
        const body = { ...(await configBody(context, flags.config)), ...createFields(version, flags) };
        if (!body['deploymentUri'] && !body['container'])
          throw new UsageError(
            '--origin is required (or deploymentUri in --config): where the model files are',
          );
        const parent = modelName(context.project, flags.model);
        const operation = await context.client.post(`${parent}/versions`, body);
        const name = `${parent}/versions/${version}`;
        const created = await settle(context, operation, {
          async: flags.async,
          label: `Creating version (this might take a few minutes) [${name}]`,
        });
        if (!created) return;
        context.printer.note(`Created version [${name}].`);
        if (context.format !== 'table') context.printer.resource(created);
      }),
    );

  versions
    .command('update')
    .description('Update a version: description, labels, scaling (or any updatable field with --config).')
    .argument('<version>', 'the version id (or its full name)')
    .addOption(modelOption())
    .option('--description <text>', 'a new description')
    .option('--update-labels <key=value>', 'labels to add or change, KEY=VALUE,…', labelsOption)
    .option('--remove-labels <keys>', 'labels to remove, KEY,…', listOption)
    .option('--clear-labels', 'remove every label')
    .option('--min-nodes <n>', 'autoScaling.minNodes', integerOption(0))
    .option('--max-nodes <n>', 'autoScaling.maxNodes', integerOption(0))
    .option('--nodes <n>', 'manualScaling.nodes', integerOption(1))
    .option(
      '--config <file>',
      'a JSON file with the Version fields to change (each top-level key is updated)',
    )
    .option('--async', 'return the operation at once instead of waiting for it')
    .action(
      host.run(async (version: string, flags: UpdateFlags, command: Command) => {
        const context = host.contextOf(command);
        const name = versionName(context.project, flags.model, version);
        const current = await context.client.get(name);
        const { body, mask } = updateFields(current, await configBody(context, flags.config), flags);
        if (mask.length === 0)
          throw new UsageError(
            'nothing to update: give --description, a labels flag, a nodes flag or --config',
          );
        const operation = await context.client.patch(
          name,
          { ...body, etag: current['etag'] },
          { updateMask: mask.join(',') },
        );
        const updated = await settle(context, operation, {
          async: flags.async,
          label: `Updating version [${name}]`,
        });
        if (!updated) return;
        context.printer.note(`Updated version [${name}].`);
        if (context.format !== 'table') context.printer.resource(updated);
      }),
    );

  versions
    .command('delete')
    .description('Delete a version: its replicas stop and its staged files go.')
    .argument('<version>', 'the version id (or its full name)')
    .addOption(modelOption())
    .option('--async', 'return the operation at once instead of waiting for it')
    .action(
      host.run(async (version: string, flags: { model: string; async?: boolean }, command: Command) => {
        const context = host.contextOf(command);
        const name = versionName(context.project, flags.model, version);
        await context.confirm(`This will delete version [${name}]...`);
        const operation = await context.client.delete(name);
        if (await settle(context, operation, { async: flags.async, label: `Deleting version [${name}]` }))
          context.printer.note(`Deleted version [${name}].`);
      }),
    );

  versions
    .command('set-default')
    .description('Make a version the default of its model.')
    .argument('<version>', 'the version id (or its full name)')
    .addOption(modelOption())
    .action(
      host.run(async (version: string, flags: { model: string }, command: Command) => {
        const context = host.contextOf(command);
        const updated = await context.client.post(
          `${versionName(context.project, flags.model, version)}:setDefault`,
        );
        context.printer.resource(updated);
      }),
    );
}

async function configBody(context: CommandContext, file: string | undefined): Promise<Json> {
  if (!file) return {};
  const text = await context.readInput(file, '--config');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--config ${file} is not JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new UsageError(`--config ${file} must hold a JSON object: a Version body`);
  return parsed as Json;
}

function createFields(version: string, flags: CreateFlags): Json {
  return dropUndefined({
    name: version,
    deploymentUri: flags.origin === undefined ? undefined : originUri(flags.origin),
    framework: flags.framework === undefined ? undefined : FRAMEWORKS[flags.framework],
    runtimeVersion: flags.runtimeVersion,
    pythonVersion: flags.pythonVersion,
    machineType: flags.machineType,
    description: flags.description,
    labels: flags.labels,
    predictionClass: flags.predictionClass,
    packageUris: flags.packageUris,
    ...scalingFields(flags),
  });
}

function scalingFields(flags: ScalingFlags): Json {
  const auto = dropUndefined({ minNodes: flags.minNodes, maxNodes: flags.maxNodes });
  return {
    ...(Object.keys(auto).length > 0 ? { autoScaling: auto } : {}),
    ...(flags.nodes === undefined ? {} : { manualScaling: { nodes: flags.nodes } }),
  };
}

/** Scaling settings are updated one field at a time (`autoScaling.minNodes`), the rest as a whole. */
const MASKED_BY_FIELD = ['autoScaling', 'manualScaling'];

/** The patch body and its camelCase update mask, from --config's top-level keys and the flags. */
function updateFields(current: Json, config: Json, flags: UpdateFlags): { body: Json; mask: string[] } {
  const mask = Object.entries(config).flatMap(([key, value]) =>
    MASKED_BY_FIELD.includes(key) && value && typeof value === 'object'
      ? Object.keys(value).map((field) => `${key}.${field}`)
      : [key],
  );
  const body: Json = { ...config };
  if (flags.description !== undefined) {
    body['description'] = flags.description;
    mask.push('description');
  }
  const labels = changedLabels((current['labels'] as Record<string, string> | undefined) ?? {}, flags);
  if (labels) {
    body['labels'] = labels;
    mask.push('labels');
  }
  const scaling = scalingFields(flags);
  Object.assign(body, scaling);
  if (flags.minNodes !== undefined) mask.push('autoScaling.minNodes');
  if (flags.maxNodes !== undefined) mask.push('autoScaling.maxNodes');
  if (flags.nodes !== undefined) mask.push('manualScaling.nodes');
  return { body, mask: [...new Set(mask)] };
}

/** A local path made absolute (the platform reads it where it is); a URI as it is. */
function originUri(origin: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(origin) ? origin : path.resolve(origin);
}

function dropUndefined(fields: Json): Json {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
