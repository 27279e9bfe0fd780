import { setTimeout as sleep } from 'node:timers/promises';
import { Option } from 'commander';
import type { Command } from 'commander';
import { CliError, UsageError } from '../cli-errors';
import type { Json } from '../client/rest-client';
import type { CommandContext } from '../command-context';
import type { CommandHost } from '../command-host';
import { EXIT } from '../exit-codes';
import { FRAMEWORKS, integerOption, labelsOption, listOption } from '../option-parsers';
import { JobProgressBar } from '../progress/progress-display';
import { jobName, modelName, projectName, versionName } from '../resource-names';
import { countInputInstances } from './input-instance-count';

/** gcloud's `--data-format` values → PredictionInput.DataFormat. */
const DATA_FORMATS: Record<string, string> = {
  json: 'JSON',
  text: 'TEXT',
  'tf-record': 'TF_RECORD',
  'tf-record-gzip': 'TF_RECORD_GZIP',
};

const ENDED = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 1_000;

interface SubmitFlags {
  modelDir?: string;
  model?: string;
  version?: string;
  inputPaths: string[];
  outputPath: string;
  dataFormat: string;
  region?: string;
  runtimeVersion?: string;
  framework?: string;
  signatureName?: string;
  batchSize?: number;
  maxWorkerCount?: number;
  labels?: Record<string, string>;
  wait?: boolean;
}

const JOB_COLUMNS = [
  { header: 'JOB_ID', value: (job: Json) => job['jobId'] },
  { header: 'STATUS', value: (job: Json) => job['state'] },
  { header: 'CREATED', value: (job: Json) => job['createTime'] },
];

/** `presage jobs submit prediction|list|describe|cancel|stream-logs`, as `gcloud ai-platform jobs`. */
export function registerJobCommands(program: Command, host: CommandHost): void {
  const jobs = program.command('jobs').description('Submit and follow batch prediction jobs.');
  registerSubmit(jobs, host);

  jobs
    .command('list')
    .description('List the jobs of the project, newest first.')
    .option('--filter <expression>', 'field:value filters joined by AND, e.g. state:RUNNING')
    .option('--limit <n>', 'list at most n jobs', integerOption(1))
    .action(
      host.run(async (flags: { filter?: string; limit?: number }, command: Command) => {
        const context = host.contextOf(command);
        const items = await context.client.list(
          `${projectName(context.project)}/jobs`,
          'jobs',
          { filter: flags.filter },
          flags.limit,
        );
        context.printer.list(items, JOB_COLUMNS);
      }),
    );

  jobs
    .command('describe')
    .description('Show a job: its state, counts, output.')
    .argument('<job>', 'the job id (or its full name)')
    .action(
      host.run(async (job: string, _flags: unknown, command: Command) => {
        const context = host.contextOf(command);
        context.printer.resource(await context.client.get(jobName(context.project, job)));
      }),
    );

  jobs
    .command('cancel')
    .description('Cancel a job that has not ended.')
    .argument('<job>', 'the job id (or its full name)')
    .action(
      host.run(async (job: string, _flags: unknown, command: Command) => {
        const context = host.contextOf(command);
        const name = jobName(context.project, job);
        await context.client.post(`${name}:cancel`);
        context.printer.note(`Cancelled job [${name}].`);
      }),
    );

  jobs
    .command('stream-logs')
    .description("Follow a job until it ends: its state and a bar of instances done (the job's log, here).")
    .argument('<job>', 'the job id (or its full name)')
    .action(
      host.run(async (job: string, _flags: unknown, command: Command) => {
        const context = host.contextOf(command);
        const name = jobName(context.project, job);
        return finishWatch(context, await watchJob(context, await context.client.get(name)));
      }),
    );
}

function registerSubmit(jobs: Command, host: CommandHost): void {
  const submit = jobs.command('submit').description('Submit a job.');
  submit
    .command('prediction')
    .description('Submit a batch prediction job; with --wait (or --stream-logs), follow it until it ends.')
    .argument('<job>', 'the new job id')
    .option('--model-dir <dir>', 'a model directory never deployed (uri)')
    .option('--model <model>', 'a model: its default version, or --version')
    .option('--version <version>', 'a version of --model')
    .requiredOption('--input-paths <paths>', 'input files, comma-separated; * wildcards allowed', listOption)
    .requiredOption('--output-path <dir>', 'where the results and error stats go')
    .addOption(
      new Option('--data-format <format>', 'the input format')
        .choices(Object.keys(DATA_FORMATS))
        .makeOptionMandatory(),
    )
    .option('--region <region>', 'recorded, as AI Platform does')
    .option('--runtime-version <version>', 'recorded')
    .addOption(
      new Option('--framework <framework>', 'with --model-dir: the framework').choices(
        Object.keys(FRAMEWORKS),
      ),
    )
    .option('--signature-name <name>', 'the TensorFlow signature to use')
    .option('--batch-size <n>', 'instances per model call (default 64)', integerOption(1))
    .option('--max-worker-count <n>', 'workers at most (default 10)', integerOption(1))
    .option('--labels <key=value>', 'labels, KEY=VALUE,… (repeatable)', labelsOption)
    .option('--wait', 'follow the job with a progress bar until it ends; exit 1 unless it SUCCEEDED')
    .option('--stream-logs', 'the same as --wait (gcloud’s name)')
    .action(
      host.run(async (job: string, flags: SubmitFlags & { streamLogs?: boolean }, command: Command) => {
        const context = host.contextOf(command);
        const created = await context.client.post(`${projectName(context.project)}/jobs`, {
          jobId: job,
          labels: flags.labels,
          predictionInput: predictionInput(context, flags),
        });
        context.printer.note(`Job [${String(created['jobId'])}] submitted successfully.`);
        if (!flags.wait && !flags.streamLogs) {
          context.printer.resource(created);
          return;
        }
        return finishWatch(context, await watchJob(context, created));
      }),
    );
}

function predictionInput(context: CommandContext, flags: SubmitFlags): Json {
  const given = [flags.modelDir, flags.model].filter((value) => value !== undefined).length;
  if (given !== 1)
    throw new UsageError('give exactly one of --model-dir or --model (with --version for one version)');
  if (flags.version && !flags.model) throw new UsageError('--version needs --model');
  if (flags.framework && !flags.modelDir) throw new UsageError('--framework goes with --model-dir only');
  const model = flags.modelDir
    ? { uri: flags.modelDir, ...(flags.framework ? { framework: FRAMEWORKS[flags.framework] } : {}) }
    : flags.version
      ? { versionName: versionName(context.project, flags.model!, flags.version) }
      : { modelName: modelName(context.project, flags.model!) };
  return {
    ...model,
    dataFormat: DATA_FORMATS[flags.dataFormat],
    inputPaths: flags.inputPaths,
    outputPath: flags.outputPath,
    region: flags.region,
    runtimeVersion: flags.runtimeVersion,
    signatureName: flags.signatureName,
    batchSize: flags.batchSize === undefined ? undefined : String(flags.batchSize),
    maxWorkerCount: flags.maxWorkerCount === undefined ? undefined : String(flags.maxWorkerCount),
  };
}

/**
 * Polls the job until it ends, drawing instances done of the instances the CLI counted in its input, or
 * else of the input bytes the job reports done; resolves with the ended job.
 */
async function watchJob(context: CommandContext, job: Json): Promise<Json> {
  const input = (job['predictionInput'] as Json | undefined) ?? {};
  const total = countInputInstances(
    (input['inputPaths'] as string[] | undefined) ?? [],
    String(input['dataFormat']),
  );
  const bar = new JobProgressBar(context.progress, context.io.stderr);
  const name = jobName(context.project, String(job['jobId']));
  let current = job;
  let delay = FIRST_POLL_MS;
  for (;;) {
    const output = (current['predictionOutput'] as Json | undefined) ?? {};
    bar.update({
      state: String(current['state']),
      predictions: Number(output['predictionCount'] ?? 0),
      errors: Number(output['errorCount'] ?? 0),
      total,
      inputBytes: Number(output['inputBytes'] ?? 0),
      processedInputBytes: Number(output['processedInputBytes'] ?? 0),
    });
    if (ENDED.includes(String(current['state']))) break;
    await sleep(delay);
    delay = Math.min(MAX_POLL_MS, delay * 2);
    current = await context.client.get(name);
  }
  bar.finish();
  return current;
}

/** Prints the ended job; a job that did not succeed exits 1 with its error message. */
function finishWatch(context: CommandContext, job: Json): number {
  context.printer.resource(job);
  const state = String(job['state']);
  if (state === 'SUCCEEDED') return EXIT.OK;
  const message = job['errorMessage'];
  const reason = typeof message === 'string' && message ? `: ${message}` : '';
  throw new CliError(`job ${String(job['jobId'])} ended ${state}${reason}`, EXIT.FAILED);
}
