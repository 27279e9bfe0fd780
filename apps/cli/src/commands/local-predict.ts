import fs from 'node:fs';
import path from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import { errorMessage } from '@presage/errors';
import { InstancesError, instancesToTensors, tensorsToPredictions } from '@presage/instances';
import { loadModel } from '@presage/runtimes';
import type { LoadOptions, LoadedModel } from '@presage/runtimes';
import { CliError, UsageError } from '../cli-errors';
import type { CommandHost } from '../command-host';
import { EXIT } from '../exit-codes';
import { FRAMEWORKS } from '../option-parsers';
import { printPredictions, readPredictBody } from './prediction-input';
import type { InstanceFlags } from './prediction-input';

interface LocalPredictFlags extends InstanceFlags {
  modelDir: string;
  framework?: string;
  signatureName?: string;
}

/**
 * `presage local predict`, as `gcloud ai-platform local predict`: loads the model in this process with
 * the runtimes a predictor uses (libs/runtimes, libs/instances) and prints its predictions. No server.
 */
export function registerLocalCommands(program: Command, host: CommandHost): void {
  const local = program.command('local').description('Run a model on this machine, without the platform.');
  local
    .command('predict')
    .description('Predict with a model directory in this process, as a predictor would.')
    .requiredOption('--model-dir <dir>', 'the model directory (model.onnx, model.json, model.bst …)')
    .option('--json-instances <file>', 'one JSON instance per line (- for stdin)')
    .option('--json-request <file>', 'a whole request body, {"instances": [...]} (- for stdin)')
    .option('--text-instances <file>', 'one string instance per line (- for stdin)')
    .addOption(
      new Option('--framework <framework>', 'the model framework (else detected from the files)').choices(
        Object.keys(FRAMEWORKS),
      ),
    )
    .option('--signature-name <name>', 'the signature of a TensorFlow model to use')
    .action(
      host.run(async (flags: LocalPredictFlags, command: Command) => {
        const context = host.contextOf(command);
        const { instances, options } = await readPredictBody(context, flags);
        const modelDir = path.resolve(flags.modelDir);
        if (!fs.statSync(modelDir, { throwIfNoEntry: false })?.isDirectory())
          throw new UsageError(`--model-dir ${flags.modelDir} is not a directory`);
        const model = await load(modelDir, {
          ...(flags.framework ? { framework: FRAMEWORKS[flags.framework] } : {}),
          ...(flags.signatureName ? { signatureName: flags.signatureName } : {}),
        });
        try {
          printPredictions(context, { predictions: await predict(model, instances, options) });
        } finally {
          await model.close();
        }
      }),
    );
}

async function load(modelDir: string, options: LoadOptions): Promise<LoadedModel> {
  try {
    return await loadModel(modelDir, options);
  } catch (error) {
    throw new CliError(`cannot load the model in ${modelDir}: ${errorMessage(error)}`, EXIT.FAILED, {
      cause: error,
    });
  }
}

/** The predictor's steps: instances → tensors by the model's signature, run, tensors → one prediction per instance. */
async function predict(
  model: LoadedModel,
  instances: unknown[],
  options: Record<string, unknown>,
): Promise<unknown[]> {
  try {
    if (model.predictInstances) return await model.predictInstances(instances, options);
    const converted = instancesToTensors(instances, model.signature.inputs);
    const outputs = await model.run(converted.feeds);
    return tensorsToPredictions(outputs, model.signature.outputs, converted.batchSize, converted.passThrough);
  } catch (error) {
    const message =
      error instanceof InstancesError ? error.message : `Prediction failed: ${errorMessage(error)}`;
    throw new CliError(message, EXIT.FAILED, { cause: error });
  }
}
